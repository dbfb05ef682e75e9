// The response side of a run (roads, teams, incidents, events, assets, KPIs), read once, and
// the state of each at any replay time. Nothing here recomputes the simulation: states come
// from the recorded tables (track rows, incident timestamps, road-state frames).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/results_file.hpp"
#include "core/table.hpp"

namespace sd::viz {

struct Replay {
  Table nodes, edges, teams, track, incidents, events;
  Table depots, shelters, sites, kpi_final, kpi_by_type;
  Table towns;        // /places/towns (run files; empty otherwise)
  Table storm_track;  // /storm/track (run files that record it; empty otherwise)
  Table drainage;     // /assets/drainage: sluices and pumping stations (empty in older files)
  std::vector<double> road_times, kpi_times;
  std::map<std::string, std::vector<double>> kpi;    // /kpi/<series>, each kpi_times.size()
  std::vector<std::vector<std::size_t>> team_track;  // per team: its track rows sorted by t
  std::vector<double> inject_times;                  // from events of type `inject`
  // Small (time, n) matrices read once, so drawing never waits on HDF5 behind the prefetcher.
  std::vector<std::uint8_t> road_state;  // (road_times, edges)
  std::size_t road_state_cols = 0;
  std::vector<float> shelter_occupancy;  // (kpi_times, shelters)
  std::size_t shelter_cols = 0;
  double end_time = 0;

  static Replay load(const ResultsFile& f);
};

// Row of road states (one per edge) at time t; nullptr when the file has none.
const std::uint8_t* road_states_at(const Replay& r, double t);
// Shelter occupancy (one per shelter) at time t; nullptr when the file has none.
const float* shelter_occupancy_at(const Replay& r, double t);

// Names of the /assets/drainage rows of `kind` ("sluice", "pumping_station"), in file order:
// the director's lists for sluice_stuck and pump_failure.
std::vector<std::string> drainage_names(const Replay& r, const std::string& kind);

// Index of the last time <= t (0 when t precedes them all); times must be sorted.
std::size_t frame_at(const std::vector<double>& times, double t);
// The event-log row that "now" is at: the last of `times` (sorted) that is <= t; -1 when t
// precedes them all (the log then shows its first row).
std::ptrdiff_t current_log_row(const std::vector<double>& times, double t);

struct TeamState {
  bool valid = false;  // false before the team's first track row
  double x = 0, y = 0;
  int status = 0;  // code into the track's `status` labels
  int incident = -1;
};
// Position interpolated linearly between consecutive track rows; status of the last row <= t.
TeamState team_at(const Replay& r, std::size_t team, double t);

// Incident state code at time t (labels waiting,assigned,served,failed,unreachable), or -1 when
// it has not been created yet.
int incident_state_at(const Replay& r, std::size_t row, double t);

}  // namespace sd::viz
