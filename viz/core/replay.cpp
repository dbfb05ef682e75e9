#include "core/replay.hpp"

#include <algorithm>
#include <cmath>

namespace sd::viz {

namespace {

constexpr const char* kKpiSeries[] = {
    "incidents_open",   "incidents_served", "people_rescued",
    "people_evacuated", "coverage_15min",   "coverage_30min",
    "road_km_closed",   "teams_busy",       "shelter_occupancy_total"};

int code_of(const Table& t, const std::string& col, const std::string& label, int fallback) {
  const auto& labels = t.labels(col);
  for (std::size_t k = 0; k < labels.size(); ++k)
    if (labels[k] == label) return static_cast<int>(k);
  return fallback;
}

}  // namespace

Replay Replay::load(const ResultsFile& f) {
  Replay r;
  r.nodes = f.read_table("/roads/nodes");
  r.edges = f.read_table("/roads/edges");
  r.road_times = f.read_vector("/roads/time");
  r.teams = f.read_table("/teams");
  r.track = f.read_table("/teams/track");
  r.incidents = f.read_table("/incidents");
  r.events = f.read_table("/events");
  r.depots = f.read_table("/assets/depots");
  r.shelters = f.read_table("/assets/shelters");
  r.sites = f.read_table("/assets/critical_sites");
  r.drainage = f.read_table("/assets/drainage");
  r.towns = f.read_table("/places/towns");
  r.storm_track = f.read_table("/storm/track");
  r.kpi_final = f.read_table("/kpi/final");
  r.kpi_by_type = f.read_table("/kpi/by_type");
  r.kpi_times = f.read_vector("/kpi/time");
  for (const char* name : kKpiSeries) {
    auto v = f.read_vector(std::string("/kpi/") + name);
    if (!v.empty() && v.size() == r.kpi_times.size()) r.kpi[name] = std::move(v);
  }
  r.team_track.resize(r.teams.rows());
  for (std::size_t row = 0; row < r.track.rows(); ++row) {
    const double team = r.track.num("team", row, -1);
    if (team >= 0 && static_cast<std::size_t>(team) < r.team_track.size())
      r.team_track[static_cast<std::size_t>(team)].push_back(row);
  }
  for (auto& rows : r.team_track)
    std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
      return r.track.num("t", a, 0) < r.track.num("t", b, 0);
    });
  const int inject = code_of(r.events, "type", "inject", -2);
  for (std::size_t row = 0; row < r.events.rows(); ++row)
    if (static_cast<int>(r.events.num("type", row, -1)) == inject)
      r.inject_times.push_back(r.events.num("t", row, 0));
  std::size_t rows = 0;
  r.road_state = f.read_matrix<std::uint8_t>("/roads/state", rows, r.road_state_cols);
  if (rows != r.road_times.size() || r.road_state_cols != r.edges.rows()) r.road_state.clear();
  r.shelter_occupancy = f.read_matrix<float>("/assets/shelter_occupancy", rows, r.shelter_cols);
  if (rows != r.kpi_times.size() || r.shelter_cols != r.shelters.rows())
    r.shelter_occupancy.clear();
  r.end_time = f.end_time();
  if (!r.kpi_times.empty()) r.end_time = std::max(r.end_time, r.kpi_times.back());
  if (!r.road_times.empty()) r.end_time = std::max(r.end_time, r.road_times.back());
  return r;
}

std::vector<std::string> drainage_names(const Replay& r, const std::string& kind) {
  std::vector<std::string> out;
  for (std::size_t k = 0; k < r.drainage.rows(); ++k)
    if (r.drainage.label("kind", k) == kind) out.push_back(r.drainage.text("name", k));
  return out;
}

const std::uint8_t* road_states_at(const Replay& r, double t) {
  if (r.road_state.empty()) return nullptr;
  return r.road_state.data() + frame_at(r.road_times, t) * r.road_state_cols;
}

const float* shelter_occupancy_at(const Replay& r, double t) {
  if (r.shelter_occupancy.empty()) return nullptr;
  return r.shelter_occupancy.data() + frame_at(r.kpi_times, t) * r.shelter_cols;
}

std::ptrdiff_t current_log_row(const std::vector<double>& times, double t) {
  const auto it = std::upper_bound(times.begin(), times.end(), t);
  return (it - times.begin()) - 1;
}

std::size_t frame_at(const std::vector<double>& times, double t) {
  const auto it = std::upper_bound(times.begin(), times.end(), t);
  return it == times.begin() ? 0 : static_cast<std::size_t>(it - times.begin()) - 1;
}

TeamState team_at(const Replay& r, std::size_t team, double t) {
  TeamState s;
  if (team >= r.team_track.size()) return s;
  const auto& rows = r.team_track[team];
  const Table& tr = r.track;
  if (rows.empty() || tr.num("t", rows.front(), 0) > t) {
    // Before its first record the team waits at base.
    s.x = r.teams.num("base_x", team, NAN);
    s.y = r.teams.num("base_y", team, NAN);
    s.valid = !std::isnan(s.x) && !std::isnan(s.y);
    return s;
  }
  std::size_t k = 0;
  while (k + 1 < rows.size() && tr.num("t", rows[k + 1], 0) <= t) ++k;
  const std::size_t a = rows[k];
  s.valid = true;
  s.status = static_cast<int>(tr.num("status", a, 0));
  s.incident = static_cast<int>(tr.num("incident", a, -1));
  s.x = tr.num("x", a, 0);
  s.y = tr.num("y", a, 0);
  if (k + 1 < rows.size()) {
    const std::size_t b = rows[k + 1];
    const double ta = tr.num("t", a, 0), tb = tr.num("t", b, 0);
    if (tb > ta) {
      const double w = (t - ta) / (tb - ta);
      s.x += w * (tr.num("x", b, 0) - s.x);
      s.y += w * (tr.num("y", b, 0) - s.y);
    }
  }
  return s;
}

int incident_state_at(const Replay& r, std::size_t row, double t) {
  const Table& in = r.incidents;
  const double created = in.num("t_created", row, 0);
  if (t < created) return -1;
  const int final_state = static_cast<int>(in.num("state", row, 0));
  const double done = in.num("t_done", row, NAN);
  const double assigned = in.num("t_assigned", row, NAN);
  const int waiting = code_of(in, "state", "waiting", 0);
  const int assigned_code = code_of(in, "state", "assigned", 1);
  if (!std::isnan(done) && t >= done) return final_state;
  if (std::isnan(done) && t >= r.end_time) return final_state;
  if (!std::isnan(assigned) && t >= assigned) return assigned_code;
  return waiting;
}

}  // namespace sd::viz
