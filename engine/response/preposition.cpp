// Pre-positioning: teams the plan re-stations before the storm ([[plan.station]]).
//  - preposition_at = "warning" (default): the move is ordered with the warning (or the
//    response level whose rule says preposition); each team leaves once mobilised (after the
//    job it is on), over the roads as they are then, and takes calls only once there (or once
//    it finds no open road to its station);
//  - preposition_at = "start": the teams were moved before the drill began; a team whose
//    vehicle can reach its station from its base over the pre-storm network (the first hazard
//    frame) starts the drill at the station, the others stay at their bases.
// Every station is followed up: when the team got there, whether that was by landfall (in
// time), and, for a team that never got there, how far short it ended. The event log, the KPIs
// teams_prepositioned and teams_not_at_station_in_time (results file and --summary-json) and
// the drill summary report the teams that did not make it.
#include <cmath>
#include <cstdio>

#include "response/run_state.hpp"

namespace sd {
namespace {
std::string km(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f km", v);
  return b;
}
}  // namespace

void RunState::preposition_before_start() {
  prepositioned = true;
  if (h.frames() > 0 && !h.edge_depth.empty())
    for (auto& n : nets) n->apply_depths(std::span<const float>(h.edge_depth_at(0), h.edges));
  for (std::size_t k = 0; k < out.stations.size(); ++k) {
    StationOutcome& so = out.stations[k];
    TeamState& tm = teams[so.team];
    so.t_ordered = 0;
    const net::Path path =
        router->shortest_path(*nets[tm.vclass], net::Metric::Time, tm.node, station_node[k]);
    if (!path.reachable) {
      station_unreachable(so.team, 0, "from its base over the pre-storm roads; it stays at base");
      continue;
    }
    tm.node = tm.home = station_node[k];
    station_reached(so.team, 0);
  }
}

void RunState::preposition(double t) {
  if (prepositioned) return;
  prepositioned = true;
  for (std::size_t k = 0; k < out.stations.size(); ++k) {
    const int team = out.stations[k].team;
    out.stations[k].t_ordered = t;
    teams[team].home = station_node[k];
    log(t, EventType::Level, team, -1, out.stations[k].x, out.stations[k].y,
        s.teams[team].name + " ordered to its plan station");
    if (teams[team].node == station_node[k] && teams[team].path.nodes.empty())
      station_reached(team, t);
    else if (available(team) && teams[team].incident < 0)
      go_home(team, t);
  }
}

bool RunState::station_pending(int team) const {
  const int k = station_of[team];
  return k >= 0 && out.stations[k].t_ordered >= 0 && out.stations[k].t_reached < 0 &&
         teams[team].home == station_node[k];
}

void RunState::station_reached(int team, double t) {
  const int k = station_of[team];
  if (k < 0) return;
  StationOutcome& so = out.stations[k];
  if (so.t_ordered < 0 || so.t_reached >= 0 || teams[team].node != station_node[k]) return;
  so.t_reached = t;
  so.in_time = h.landfall_s < 0 || t <= h.landfall_s;
  log(t, EventType::Level, team, -1, so.x, so.y,
      s.teams[team].name + " at its plan station" + (so.in_time ? "" : " (after landfall)"));
}

void RunState::station_unreachable(int team, double t, const std::string& why) {
  const int k = station_of[team];
  if (k < 0 || station_warned[k] || out.stations[k].t_reached >= 0) return;
  station_warned[k] = 1;
  const net::NodeId at = teams[team].node;
  const double d =
      std::hypot(m.graph->x()[at] - out.stations[k].x, m.graph->y()[at] - out.stations[k].y) /
      1000.0;
  log(t, EventType::TeamBlocked, team, -1, m.graph->x()[at], m.graph->y()[at],
      s.teams[team].name + " cannot reach its plan station " + km(d) + " away: no open road " +
          why);
}

void RunState::finish_stations() {
  double moved = 0, missed = 0;
  for (auto& so : out.stations) {
    if (so.t_ordered < 0) continue;  // the level that orders it never came
    ++moved;
    if (so.in_time) continue;
    ++missed;
    if (so.t_reached >= 0) continue;
    const net::NodeId at = position(so.team, s.duration_s);
    so.short_km = std::hypot(m.graph->x()[at] - so.x, m.graph->y()[at] - so.y) / 1000.0;
    log(s.duration_s, EventType::TeamBlocked, so.team, -1, m.graph->x()[at], m.graph->y()[at],
        s.teams[so.team].name + " never reached its plan station (" + km(so.short_km) +
            " short at the end)");
  }
  out.final_kpis.push_back({"teams_prepositioned", moved});
  out.final_kpis.push_back({"teams_not_at_station_in_time", missed});
}

}  // namespace sd
