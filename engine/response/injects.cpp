// Drill injects as the response sees them. Hazard-changing injects (dike breach, rain band,
// pump failure and return, stuck sluice) are already in the hazard run; here they are logged so the
// debrief shows them.
#include <cmath>

#include "response/run_state.hpp"

namespace sd {

void RunState::team_back(int team, double t) {
  TeamState& tm = teams[team];
  tm.out_until = -1;
  log(t, EventType::Inject, team, -1, m.graph->x()[tm.node], m.graph->y()[tm.node],
      s.teams[team].name + " back in action");
  if (tm.activated) push(t, Ev::Available, team);
}

void RunState::on_inject(int j, double t, bool end) {
  const Inject& in = s.injects[j];
  const std::string what(kInjectKinds[in.kind]);
  if (static_cast<int>(in.kind) >= static_cast<int>(InjectKind::CloseRoad) &&
      !changes_hazard(in.kind)) {
    on_decision(in, t, end);
    return;
  }
  switch (in.kind) {
    case InjectKind::RoadClosure: {
      std::size_t n = 0;
      const auto& g = *m.graph;
      for (std::size_t e = 0; e < g.num_edges(); ++e) {
        const auto a = g.tail()[e], b = g.head()[e];
        const double mx = 0.5 * (g.x()[a] + g.x()[b]) - in.x,
                     my = 0.5 * (g.y()[a] + g.y()[b]) - in.y;
        if (mx * mx + my * my > in.radius_m * in.radius_m) continue;
        injected[e] = end ? 0 : 1;
        for (auto& ns : nets) ns->set_injected_closed(static_cast<net::EdgeId>(e), !end);
        ++n;
      }
      log(t, end ? EventType::RoadOpened : EventType::RoadClosed, -1, -1, in.x, in.y,
          (end ? "inject ended: reopened " : "inject: closed ") + std::to_string(n) +
              " road segments" + (in.note.empty() ? "" : " (" + in.note + ")"));
      if (!end)
        reroute_moving(t);
      else
        for (std::size_t q = 0; q < teams.size(); ++q)
          if (teams[q].status == TeamStatus::Idle && teams[q].activated)
            dispatch_team(static_cast<int>(q), t);
      break;
    }
    case InjectKind::TeamOut: {
      const int team = s.team_index(in.target);
      if (team < 0) break;
      TeamState& tm = teams[team];
      if (end) {
        team_back(team, t);
        break;
      }
      tm.node = position(team, t);
      if (!tm.path.nodes.empty()) {
        std::size_t p = 0;
        while (p + 1 < tm.at.size() && tm.at[p + 1] <= t) ++p;
        truncate_track(team, p);
      }
      tm.path = {};
      tm.at.clear();
      ++tm.version;
      if (tm.incident >= 0) {  // its job goes back to the queue
        const int i = tm.incident;
        out.outcomes[i].state = IncidentState::Waiting;
        out.outcomes[i].team = -1;
        tm.incident = -1;
        waiting.push_back(i);
        dispatch_incident(i, t);
      }
      tm.out_until = in.duration_s > 0 ? t + in.duration_s : INFINITY;
      set_status(team, TeamStatus::OutOfAction, t);
      log(t, EventType::Inject, team, -1, m.graph->x()[tm.node], m.graph->y()[tm.node],
          "inject: " + in.target + " out of action");
      break;
    }
    case InjectKind::DepotLost:
      for (std::size_t d = 0; d < s.depots.size(); ++d)
        if (s.depots[d].name == in.target && !end) {
          for (std::size_t k = 0; k < kStockKinds; ++k) depot_stock[d * kStockKinds + k] = 0;
          log(t, EventType::Inject, -1, -1, s.depots[d].x, s.depots[d].y,
              "inject: depot lost: " + in.target);
        }
      break;
    case InjectKind::CommsOutage:
      comms_extra_s = end ? 0 : in.factor * 60.0;
      log(t, EventType::Inject, -1, -1, 0, 0,
          end ? "communications restored"
              : "inject: communications outage (+" + std::to_string(static_cast<int>(in.factor)) +
                    " min dispatch delay)");
      break;
    case InjectKind::PumpBack:
    case InjectKind::SluiceStuck:
      if (!end)
        log(t, EventType::Inject, -1, -1, in.x, in.y,
            "inject: " + what + " " + in.target +
                (in.kind == InjectKind::SluiceStuck ? (in.stuck_open ? " (open)" : " (closed)")
                                                    : "") +
                (in.note.empty() ? "" : " (" + in.note + ")"));
      break;
    default:
      if (!end)
        log(t, EventType::Inject, -1, -1, in.x, in.y,
            "inject: " + what + (in.note.empty() ? "" : " (" + in.note + ")"));
      break;
  }
}

}  // namespace sd
