#include "app/empty_drill.hpp"

#include <cmath>
#include <sstream>

namespace sd {
namespace {

constexpr double kNoRainMm = 0.1;  // below a rain gauge's resolution (0.1 mm tipping bucket)

std::string fixed(double v, int digits) {
  std::ostringstream os;
  os.setf(std::ios::fixed);
  os.precision(digits);
  os << v;
  return os.str();
}

}  // namespace

EmptyDrill assess_empty_drill(const RunResult& run, const HazardTimeline& hazard,
                              double total_population) {
  EmptyDrill out;
  // Medical calls arrive at a baseline rate with or without a storm: they do not make a drill.
  std::size_t storm_incidents = 0, baseline = 0;
  for (const auto& i : run.incidents)
    (i.type == IncidentType::Medical ? baseline : storm_incidents)++;
  const double closed_km = run.kpi("road_km_closed_peak");
  const bool no_rain = !(hazard.total_rain_mean_mm >= kNoRainMm);
  const bool no_people = !(total_population > 0);
  const bool quiet_incidents = storm_incidents == 0;
  const bool quiet_roads = !(closed_km > 0);
  if (!(quiet_incidents && quiet_roads && (no_rain || no_people))) return out;
  out.empty = true;
  out.reasons.push_back("no storm incidents and no road closures" +
                        (baseline ? " (only " + std::to_string(baseline) +
                                        " baseline medical call(s), which happen without a storm)"
                                  : std::string()));
  if (no_rain)
    out.reasons.push_back(
        "no rain fell on the domain (mean storm total " + fixed(hazard.total_rain_mean_mm, 2) +
        " mm): the storm may miss the scenario window or the domain — check [scenario] start "
        "(year, UTC offset) against the track's times and position");
  if (no_people)
    out.reasons.push_back(
        "the domain has no population: no [[town]] with population and no population raster");
  if (!no_rain && !(hazard.flooded_extent_km2 > 0))
    out.reasons.push_back("no land flooded 0.15 m deep at any time");
  out.reasons.push_back(
      "if that is not intended: roads and assets far from the flood (a network in another CRS "
      "than the DEM), or a deliberate dry run (--allow-empty-storm)");
  return out;
}

}  // namespace sd
