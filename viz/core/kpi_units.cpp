#include "core/kpi_units.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>

namespace sd::viz {

namespace {

struct Known {
  const char* name;
  const char* unit;
};

const std::map<std::string, Known>& known() {
  static const std::map<std::string, Known> k = {
      {"incidents_open", {"Open incidents", "incidents"}},
      {"incidents_served", {"Incidents served", "incidents"}},
      {"incidents_total", {"Incidents", "incidents"}},
      {"incidents_occurred", {"Incidents occurred", "incidents"}},
      {"people_rescued", {"People rescued", "people"}},
      {"people_evacuated", {"People evacuated", "people"}},
      {"coverage_15min", {"People a team reaches within 15 min", "%"}},
      {"coverage_30min", {"People a team reaches within 30 min", "%"}},
      {"road_km_closed", {"Roads closed", "km"}},
      {"teams_busy", {"Teams busy", "teams"}},
      {"shelter_occupancy_total", {"People in shelters", "people"}},
      {"expected_fatalities", {"Expected fatalities (proxy)", ""}},
      {"team_utilisation", {"Team utilisation", "%"}},
  };
  return k;
}

std::string capitalised(std::string s) {
  for (char& c : s)
    if (c == '_') c = ' ';
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// "response_time_median_s_trapped_home" -> name "Response time, median: trapped home".
bool seconds_name(const std::string& n, std::string& plain) {
  const auto pos = n.find("_s_");
  std::string stem = n, tail;
  if (n.ends_with("_s")) {
    stem = n.substr(0, n.size() - 2);
  } else if (pos != std::string::npos) {
    stem = n.substr(0, pos);
    tail = n.substr(pos + 3);
  } else {
    return false;
  }
  for (const char* stat : {"median", "p90", "max", "mean"}) {
    const std::string suffix = std::string("_") + stat;
    if (stem.ends_with(suffix)) {
      plain = capitalised(stem.substr(0, stem.size() - suffix.size())) + ", " +
              (std::string(stat) == "p90" ? "90th percentile" : stat);
      if (!tail.empty()) {
        std::string t = capitalised(tail);
        t[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(t[0])));
        plain += ": " + t;
      }
      return true;
    }
  }
  plain = capitalised(stem);
  if (!tail.empty()) plain += ": " + capitalised(tail);
  return true;
}

}  // namespace

KpiDisplay kpi_display(const std::string& name, double typical) {
  if (auto it = known().find(name); it != known().end()) {
    const std::string unit = it->second.unit;
    return {it->second.name, unit, unit == "%" ? 100.0 : 1.0};
  }
  std::string plain;
  if (seconds_name(name, plain)) {
    const bool hours = std::isfinite(typical) && std::fabs(typical) >= 7200;
    return {plain, hours ? "h" : "min", hours ? 1.0 / 3600 : 1.0 / 60};
  }
  if (name.ends_with("_km2")) return {capitalised(name.substr(0, name.size() - 4)), "km²", 1};
  if (name.ends_with("_km")) return {capitalised(name.substr(0, name.size() - 3)), "km", 1};
  if (name.find("_km_") != std::string::npos) {
    const auto p = name.find("_km_");
    return {capitalised(name.substr(0, p)) + " (" + capitalised(name.substr(p + 4)) + ")", "km", 1};
  }
  if (name.ends_with("_water_l"))
    return {capitalised(name.substr(0, name.size() - 2)), "litres", 1};
  return {capitalised(name), "", 1};
}

std::string format_kpi(const std::string& name, double value) {
  if (std::isnan(value)) return "n/a";
  const KpiDisplay d = kpi_display(name, value);
  const double v = value * d.scale;
  char buf[64];
  if (v == std::floor(v) && std::fabs(v) < 1e9)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else if (std::fabs(v) >= 100)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else
    std::snprintf(buf, sizeof buf, "%.*f", std::fabs(v) >= 10 ? 1 : 2, v);
  std::string s = buf;
  if (!d.unit.empty()) s += (d.unit == "%" ? " %" : " " + d.unit);
  return s;
}

}  // namespace sd::viz
