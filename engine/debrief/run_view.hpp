#pragma once
// A run's results file read whole for a debrief (`report`, `export`): its tables, the road
// states and the incident outcomes classified exactly as the run summary and `stormdrill info`
// count them (served + unserved at the end + averted, inside the drill window; a served
// incident is late when its team arrived after the incident's deadline).
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "results/results_file.hpp"

namespace sd::debrief {

enum class Outcome { served, late, unserved, unreachable, averted, after_window };
const char* outcome_name(Outcome o);
const char* road_state_name(int state);  // open, slowed, closed_water, closed_inject, ...

struct IncidentRow {
  double x = 0, y = 0, t_created = 0, t_arrived = 0;  // t_arrived NaN: never
  int team = -1, town = -1, people = 0;
  Outcome outcome = Outcome::unserved;
  bool counted() const { return outcome != Outcome::after_window; }
  bool served() const { return outcome == Outcome::served || outcome == Outcome::late; }
  bool unserved() const { return outcome == Outcome::unserved || outcome == Outcome::unreachable; }
};

class RunView {
 public:
  // Throws sd::InputError when the file cannot be read or is not a run file.
  static RunView open(const std::string& path);

  const results::ResultsFile& file() const { return *file_; }
  double duration() const { return file_->meta().duration_s; }
  double end_time() const;

  IncidentRow incident(std::size_t row) const;
  std::string team_name(int row) const;
  std::string town_name(int row) const;                              // "" for -1
  std::vector<std::vector<std::size_t>> track_rows_by_team() const;  // sorted by time
  std::pair<std::pair<double, double>, std::pair<double, double>> edge_ends(std::size_t e) const;
  int road_state_at(std::size_t frame, std::size_t edge) const;
  double road_speed_at(std::size_t frame, std::size_t edge) const;
  std::pair<double, double> shelter_peak(std::size_t shelter) const;  // people, time
  double final_kpi(const std::string& name, double fallback) const;

  results::Table incidents, teams, track, nodes, edges, events, shelters, depots, sites, towns;
  results::Table kpi_final, by_type;
  std::vector<double> road_time, kpi_time, road_closed_km;
  std::vector<std::uint8_t> road_state;  // (road_time, edges)
  std::vector<float> road_speed;         // (road_time, edges)
  std::vector<float> shelter_occupancy;  // (kpi_time, shelters)

 private:
  std::shared_ptr<results::ResultsFile> file_;
};

}  // namespace sd::debrief
