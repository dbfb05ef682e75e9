#include "debrief/run_view.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"

namespace sd::debrief {

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::served:
      return "served";
    case Outcome::late:
      return "served_late";
    case Outcome::unserved:
      return "unserved";
    case Outcome::unreachable:
      return "unreachable";
    case Outcome::averted:
      return "averted";
    case Outcome::after_window:
      return "after_window";
  }
  return "?";
}

const char* road_state_name(int s) {
  // /roads/state codes (docs/results-format.md).
  static const char* names[] = {"open", "slowed", "closed_water", "closed_inject",
                                "under_water_before"};
  return s >= 0 && s < 5 ? names[s] : "?";
}

RunView RunView::open(const std::string& path) {
  RunView v;
  try {
    v.file_ = results::ResultsFile::open(path);
  } catch (const results::ResultsError& e) {
    throw InputError(e.what());
  }
  const auto& f = *v.file_;
  if (f.meta().kind != "run")
    throw InputError(path + ": a '" + f.meta().kind + "' file, not a run (stormdrill run/demo)");
  v.incidents = f.read_table("/incidents");
  v.teams = f.read_table("/teams");
  v.track = f.read_table("/teams/track");
  v.nodes = f.read_table("/roads/nodes");
  v.edges = f.read_table("/roads/edges");
  v.events = f.read_table("/events");
  v.shelters = f.read_table("/assets/shelters");
  v.depots = f.read_table("/assets/depots");
  v.sites = f.read_table("/assets/critical_sites");
  v.towns = f.read_table("/places/towns");
  v.kpi_final = f.read_table("/kpi/final");
  v.by_type = f.read_table("/kpi/by_type");
  v.road_time = f.read_vector("/roads/time");
  v.road_closed_km = f.read_vector("/roads/closed_km");
  v.kpi_time = f.read_vector("/kpi/time");
  std::size_t rows = 0, cols = 0;
  v.road_state = f.read_matrix<std::uint8_t>("/roads/state", rows, cols);
  if (rows != v.road_time.size() || cols != v.edges.rows()) v.road_state.clear();
  v.road_speed = f.read_matrix<float>("/roads/speed_factor", rows, cols);
  if (rows != v.road_time.size() || cols != v.edges.rows()) v.road_speed.clear();
  v.shelter_occupancy = f.read_matrix<float>("/assets/shelter_occupancy", rows, cols);
  if (rows != v.kpi_time.size() || cols != v.shelters.rows()) v.shelter_occupancy.clear();
  return v;
}

double RunView::end_time() const {
  double end = file_->end_time();
  if (!kpi_time.empty()) end = std::max(end, kpi_time.back());
  return end;
}

IncidentRow RunView::incident(std::size_t i) const {
  IncidentRow r;
  r.x = incidents.num("x", i, 0);
  r.y = incidents.num("y", i, 0);
  r.t_created = incidents.num("t_created", i, NAN);
  r.t_arrived = incidents.num("t_arrived", i, NAN);
  r.team = static_cast<int>(incidents.num("team", i, -1));
  r.town = static_cast<int>(incidents.num("town", i, -1));
  r.people = static_cast<int>(incidents.num("people", i, 0));
  const std::string state = incidents.label("state", i);
  const double deadline = incidents.num("deadline_s", i, INFINITY);
  // As the summary and `info` count (engine/response/kpis.cpp, cmd_info.cpp).
  if (duration() > 0 && r.t_created > duration())
    r.outcome = Outcome::after_window;
  else if (state == "averted")
    r.outcome = Outcome::averted;
  else if (state == "served")
    r.outcome = r.t_arrived - r.t_created > deadline ? Outcome::late : Outcome::served;
  else if (state == "unreachable")
    r.outcome = Outcome::unreachable;
  else
    r.outcome = Outcome::unserved;
  return r;
}

std::string RunView::team_name(int row) const {
  if (row < 0 || static_cast<std::size_t>(row) >= teams.rows()) return "";
  return teams.text("name", static_cast<std::size_t>(row));
}

std::string RunView::town_name(int row) const {
  if (row < 0 || static_cast<std::size_t>(row) >= towns.rows()) return "";
  return towns.text("name", static_cast<std::size_t>(row));
}

std::vector<std::vector<std::size_t>> RunView::track_rows_by_team() const {
  std::vector<std::vector<std::size_t>> by(teams.rows());
  for (std::size_t k = 0; k < track.rows(); ++k) {
    const double t = track.num("team", k, -1);
    if (t >= 0 && static_cast<std::size_t>(t) < by.size())
      by[static_cast<std::size_t>(t)].push_back(k);
  }
  for (auto& rows : by)
    std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
      return track.num("t", a, 0) < track.num("t", b, 0);
    });
  return by;
}

std::pair<std::pair<double, double>, std::pair<double, double>> RunView::edge_ends(
    std::size_t e) const {
  auto node = [&](const char* end) {
    const double n = edges.num(end, e, -1);
    if (n < 0 || static_cast<std::size_t>(n) >= nodes.rows()) return std::pair{0.0, 0.0};
    const auto k = static_cast<std::size_t>(n);
    return std::pair{nodes.num("x", k, 0), nodes.num("y", k, 0)};
  };
  return {node("from"), node("to")};
}

int RunView::road_state_at(std::size_t frame, std::size_t edge) const {
  if (road_state.empty()) return 0;
  return road_state[frame * edges.rows() + edge];
}

double RunView::road_speed_at(std::size_t frame, std::size_t edge) const {
  if (road_speed.empty()) return NAN;
  return road_speed[frame * edges.rows() + edge];
}

std::pair<double, double> RunView::shelter_peak(std::size_t q) const {
  double peak = 0, when = NAN;
  const std::size_t S = shelters.rows();
  if (shelter_occupancy.empty()) return {NAN, NAN};
  for (std::size_t k = 0; k < kpi_time.size(); ++k)
    if (shelter_occupancy[k * S + q] > peak)
      peak = shelter_occupancy[k * S + q], when = kpi_time[k];
  return {peak, when};
}

double RunView::final_kpi(const std::string& name, double fallback) const {
  for (std::size_t k = 0; k < kpi_final.rows(); ++k)
    if (kpi_final.text("name", k) == name) return kpi_final.num("value", k, fallback);
  return fallback;
}

}  // namespace sd::debrief
