// OSM highway classes, their codes in EdgeInput::road_class and default free-flow speeds.
// Defaults follow common routing-engine practice (e.g. OSRM's car profile) for rural/urban
// mixes; a road's own maxspeed tag always wins. Documented in docs/formats.md.
#include <algorithm>
#include <cstdlib>
#include <limits>
#include <string>

#include "io/road_io.hpp"

namespace sd::io {
namespace {

struct RoadClass {
  const char* name;
  double speed_kph;
};

constexpr RoadClass kClasses[] = {
    {"road", 50},
    {"motorway", 110},
    {"motorway_link", 60},
    {"trunk", 90},
    {"trunk_link", 50},
    {"primary", 70},
    {"primary_link", 40},
    {"secondary", 60},
    {"secondary_link", 40},
    {"tertiary", 50},
    {"tertiary_link", 30},
    {"unclassified", 40},
    {"residential", 30},
    {"living_street", 10},
    {"service", 20},
    {"track", 15},
    // stormdrill extension: a road segment through an underpass (a low point that floods
    // first; response-level rules may close these pre-emptively).
    {"underpass", 30},
};
// Names from China's urban road classification (CJJ 37-2012: expressway, arterial,
// collector, local street) accepted as aliases of the nearest OSM class.
struct Alias {
  const char* name;
  const char* osm;
};
constexpr Alias kAliases[] = {{"expressway", "motorway"},
                              {"arterial", "primary"},
                              {"collector", "secondary"},
                              {"street", "residential"},
                              {"local", "residential"}};
constexpr int kCount = static_cast<int>(sizeof kClasses / sizeof kClasses[0]);

}  // namespace

int road_class_code(const std::string& highway) {
  for (int k = 0; k < kCount; ++k)
    if (highway == kClasses[k].name) return k;
  for (const auto& a : kAliases)
    if (highway == a.name) return road_class_code(a.osm);
  // A numeric class is taken as the code itself.
  char* end = nullptr;
  const long v = std::strtol(highway.c_str(), &end, 10);
  if (!highway.empty() && end && *end == '\0' && v >= 0 && v < kCount) return static_cast<int>(v);
  return -1;
}

double default_speed_kph(int code) {
  return code >= 0 && code < kCount ? kClasses[code].speed_kph : kClasses[0].speed_kph;
}

const char* road_class_name(int code) {
  return code >= 0 && code < kCount ? kClasses[code].name : "road";
}

// OSM maxspeed: "50", "50 mph", "30 knots"; anything else (none, signals, RU:urban) -> NaN.
double parse_maxspeed(const std::string& s) {
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || end == s.c_str() || !(v > 0)) return std::numeric_limits<double>::quiet_NaN();
  std::string unit(end);
  unit.erase(std::remove(unit.begin(), unit.end(), ' '), unit.end());
  if (unit.empty() || unit == "km/h" || unit == "kph" || unit == "kmh") return v;
  if (unit == "mph") return v * 1.609344;
  if (unit == "knots") return v * 1.852;
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace sd::io
