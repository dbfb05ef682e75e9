#pragma once
// Everything one response run produces: incident outcomes, team tracks, the event log, KPI
// time series and the final KPI table. Written to HDF5 by results_writer; summarised for
// the terminal and --summary-json; aggregated across plans and members by the batch runner.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "response/incident.hpp"
#include "scenario/vocabulary.hpp"

namespace sd {

struct IncidentOutcome {
  IncidentState state = IncidentState::Waiting;
  double t_known = -1, t_assigned = -1, t_arrived = -1, t_done = -1;  // < 0: did not happen
  int team = -1;
  double risk = 0;  // expected fatalities (proxy)
  bool ever_unreachable = false;
  bool unreachable_now =
      false;             // the last dispatch attempt found capable free teams, none could reach it
  bool averted = false;  // the people had evacuated before it happened
};

struct TrackPoint {
  int team;
  double t, x, y;
  TeamStatus status;
  int incident;
};

struct LogEvent {
  double t;
  EventType type;
  int team = -1, incident = -1;
  double x = 0, y = 0;
  std::string text;
};

// A team the plan re-stations before the storm (pre-positioning) and how that went.
struct StationOutcome {
  int team = -1;
  std::string team_name;
  double x = 0, y = 0;    // the plan station
  double t_ordered = -1;  // when the move was ordered (< 0: never)
  double t_reached = -1;  // when the team was at its station (< 0: never)
  bool in_time = false;   // reached by landfall (or by the start with preposition_at = start)
  double short_km = 0;    // straight-line distance to the station at the end, if not reached
};

struct Kpi {
  std::string name;
  double value;
};

struct RunResult {
  std::vector<Incident> incidents;
  std::vector<IncidentOutcome> outcomes;
  std::vector<TrackPoint> tracks;
  std::vector<LogEvent> events;
  // People who reached a shelter, per town of origin (the debrief's per-town table).
  std::vector<double> town_evacuated;
  // KPI time series on kpi_time.
  std::vector<double> kpi_time;
  std::vector<std::pair<std::string, std::vector<double>>> kpi_series;
  std::vector<std::vector<float>> shelter_occupancy;  // [k][shelter]
  // Road state per hazard frame / inject time: 0 open, 1 slowed, 2 closed by water, 3 by inject.
  std::vector<double> road_time;
  std::vector<std::uint8_t> road_state;         // (R, E)
  std::vector<float> road_speed_factor;         // (R, E)
  std::vector<double> road_closed_km;           // (R) closed by the storm (water or inject)
  std::vector<double> road_closed_km_baseline;  // (R) under water before the storm
  std::vector<StationOutcome> stations;         // one per plan station, in plan order
  std::vector<double> depot_stock_end;          // (depots, kStockKinds) after the run
  std::vector<Kpi> final_kpis;                  // ordered; names are the --summary-json keys
  double wall_s = 0;

  double kpi(const std::string& name) const;
};

}  // namespace sd
