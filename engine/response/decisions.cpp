// Decisions of a live drill (docs/drills.md): what the exercise director injects and the
// command post decides at a time t of a running drill — close or reopen a road segment,
// bring a team back or move its station, raise or lower the response level, evacuate a town
// or an area, open or close a shelter, move supplies, change the dispatch policy. Each is an
// [[inject]] entry, so a branched run can be saved as a file and re-run.
#include <algorithm>
#include <cmath>

#include "response/run_state.hpp"

namespace sd {
namespace {
const char* kLevelNames[] = {"", "I", "II", "III", "IV"};

int index_of(const auto& items, const std::string& name) {
  for (std::size_t k = 0; k < items.size(); ++k)
    if (items[k].name == name) return static_cast<int>(k);
  return -1;
}
}  // namespace

void RunState::on_decision(const Inject& in, double t, bool end) {
  using K = InjectKind;
  const std::string why = in.note.empty() ? "" : " (" + in.note + ")";
  switch (in.kind) {
    case K::CloseRoad:
      set_road_segment(in.edge, !end, t, why);
      break;
    case K::ReopenRoad:
      if (!end) set_road_segment(in.edge, false, t, why);
      break;
    case K::TeamBack: {
      const int team = s.team_index(in.target);
      if (end || team < 0) break;
      if (teams[team].status == TeamStatus::OutOfAction)
        team_back(team, t);
      else
        log(t, EventType::Inject, team, -1, 0, 0, in.target + " is not out of action");
      break;
    }
    case K::MoveStation:
      if (!end) move_station(s.team_index(in.target), in.x, in.y, t);
      break;
    case K::ResponseLevel:
      if (!end) set_response_level(in.level, t);
      break;
    case K::Evacuate:
      if (!end) evacuate_area(in, t);
      break;
    case K::OpenShelter:
    case K::CloseShelter: {
      const bool open = (in.kind == K::OpenShelter) != end;
      set_shelter_open(index_of(s.shelters, in.target), open, t);
      break;
    }
    case K::MoveSupplies:
      if (!end) move_supplies(in, t);
      break;
    case K::SetDispatch:
      if (!end) set_dispatch_policy(in.policy, t);
      break;
    default:
      break;
  }
}

// A road segment is closed in both directions (the edge and its reverse twin, if any).
void RunState::set_road_segment(int edge, bool closed, double t, const std::string& why) {
  const auto& g = *m.graph;
  if (edge < 0 || static_cast<std::size_t>(edge) >= g.num_edges()) return;
  const auto a = g.tail()[edge], b = g.head()[edge];
  int n = 0;
  for (std::size_t e = 0; e < g.num_edges(); ++e) {
    const bool same = static_cast<int>(e) == edge || (g.tail()[e] == b && g.head()[e] == a);
    if (!same) continue;
    injected[e] = closed ? 1 : 0;
    for (auto& ns : nets) ns->set_injected_closed(static_cast<net::EdgeId>(e), closed);
    ++n;
  }
  const double x = 0.5 * (g.x()[a] + g.x()[b]), y = 0.5 * (g.y()[a] + g.y()[b]);
  log(t, closed ? EventType::RoadClosed : EventType::RoadOpened, -1, -1, x, y,
      std::string(closed ? "decision: closed" : "decision: reopened") + " road segment " +
          std::to_string(edge) + " (" + std::to_string(n) + " directions)" + why);
  record_roads(t);
  if (closed) {
    reroute_moving(t);
    return;
  }
  for (std::size_t q = 0; q < teams.size(); ++q)
    if (teams[q].status == TeamStatus::Idle && teams[q].activated)
      dispatch_team(static_cast<int>(q), t);
}

// The team's base moves; a free team goes there now, a busy one after its job.
void RunState::move_station(int team, double x, double y, double t) {
  if (team < 0) return;
  TeamState& tm = teams[team];
  tm.home = m.snap(x, y);
  log(t, EventType::Inject, team, -1, x, y, "decision: " + s.teams[team].name + " re-stationed");
  const bool free = tm.incident < 0 && tm.activated &&
                    (tm.status == TeamStatus::Idle || tm.status == TeamStatus::Returning);
  if (free) go_home(team, t);
}

// Raising fires the actions of every plan level rule up to the new level that has not fired
// yet (pre-positioning, evacuation, underpass closures), as the rule itself would have.
void RunState::set_response_level(int lv, double t) {
  lv = std::clamp(lv, 1, 4);
  const bool raise = lv < level;
  level = lv;
  log(t, EventType::Level, -1, -1, 0, 0,
      std::string("decision: response level ") + kLevelNames[lv] + (raise ? " raised" : " set"));
  if (!raise) return;
  for (std::size_t r = 0; r < plan.levels.size(); ++r) {
    if (level_done[r] || plan.levels[r].level < lv) continue;
    level_done[r] = 1;
    fire_level_actions(plan.levels[r], t);
  }
}

// Everyone in the town (or in the circle) is ordered out; the plan's compliance applies.
void RunState::evacuate_area(const Inject& in, double t) {
  const std::size_t W = s.towns.size();
  if (W == 0) return;
  const int town = in.target.empty() ? -1 : index_of(s.towns, in.target);
  std::vector<double> people(W, 0.0), risk_in(W, 0.0), risk_all(W, 0.0);
  const Grid& g = m.grid();
  for (std::size_t c = 0; c < m.population.size(); ++c) {
    const int w = m.cell_town[c];
    if (w < 0 || m.population[c] <= 0) continue;
    if (high_risk(c)) risk_all[w] += m.population[c];
    bool inside = w == town;
    if (town < 0) {
      const double dx = g.cx(static_cast<int>(c % g.nx)) - in.x,
                   dy = g.cy(static_cast<int>(c / g.nx)) - in.y;
      inside = dx * dx + dy * dy <= in.radius_m * in.radius_m;
    }
    if (!inside) continue;
    people[w] += m.population[c];
    if (high_risk(c)) risk_in[w] += m.population[c];
  }
  double total = 0;
  std::vector<double> scale(W, 0.0);
  for (std::size_t w = 0; w < W; ++w) {
    total += people[w];
    scale[w] = risk_all[w] > 0 ? risk_in[w] / risk_all[w] : 0.0;
  }
  const double x = town >= 0 ? s.towns[town].x : in.x, y = town >= 0 ? s.towns[town].y : in.y;
  log(t, EventType::Evacuation, -1, -1, x, y,
      "decision: evacuation ordered for " + std::to_string(static_cast<long>(total)) +
          " residents of " + (town >= 0 ? in.target : "the area"));
  depart(t, people, scale);
}

void RunState::set_shelter_open(int q, bool open, double t) {
  if (q < 0) return;
  shelter_open[q] = open ? 1 : 0;
  log(t, EventType::Inject, -1, -1, s.shelters[q].x, s.shelters[q].y,
      "decision: shelter " + s.shelters[q].name + (open ? " opened" : " closed to arrivals"));
}

// Stock moves at once (the lorry run is not modelled); what the depot lacks is not moved.
void RunState::move_supplies(const Inject& in, double t) {
  const int from = index_of(s.depots, in.target), to = index_of(s.depots, in.to);
  if (from < 0 || to < 0 || in.stock < 0) return;
  double& have = depot_stock[static_cast<std::size_t>(from) * kStockKinds + in.stock];
  const double moved = std::min(have, in.amount);
  have -= moved;
  depot_stock[static_cast<std::size_t>(to) * kStockKinds + in.stock] += moved;
  log(t, EventType::Inject, -1, -1, s.depots[to].x, s.depots[to].y,
      "decision: moved " + std::to_string(static_cast<long>(moved)) + " " +
          std::string(kStockNames.names[static_cast<std::size_t>(in.stock)]) + " from " +
          in.target + " to " + in.to);
}

void RunState::set_dispatch_policy(DispatchPolicy p, double t) {
  policy = p;
  log(t, EventType::Inject, -1, -1, 0, 0,
      "decision: dispatch policy " + std::string(kDispatchPolicies[p]));
  if (p == DispatchPolicy::BatchOptimal) {
    if (!epochs_scheduled)
      for (double e = t + plan.dispatch_epoch_s; e < s.duration_s; e += plan.dispatch_epoch_s)
        push(e, Ev::Epoch);
    epochs_scheduled = true;
    return;
  }
  // Jobs held for the next matching epoch go to the free teams now.
  for (std::size_t q = 0; q < teams.size(); ++q)
    if (available(static_cast<int>(q))) dispatch_team(static_cast<int>(q), t);
}

}  // namespace sd
