// Dispatch policies (plan.dispatch):
//  nearest       - the capable available team with the shortest current travel time;
//  priority      - free teams take the most urgent waiting incident first (severity, growing
//                  with waiting time relative to its deadline), ties by travel time;
//  coverage      - nearest, but a team that is the last one covering its town within 15 min
//                  is charged a penalty, so towns are not left bare (a move-up in spirit of
//                  Gendreau, Laporte & Semet 2001);
//  batch_optimal - every dispatch epoch, a minimum-cost matching of available teams to waiting
//                  incidents (travel time minus an urgency bonus), Hungarian method.
#include <algorithm>
#include <cmath>

#include "response/assignment.hpp"
#include "response/run_state.hpp"

namespace sd {
namespace {
constexpr double kCoveragePenalty_s = 900;
}

void RunState::assign(int team, int i, double t, double /*cost*/) {
  TeamState& tm = teams[team];
  const Incident& inc = out.incidents[i];
  waiting.erase(std::remove(waiting.begin(), waiting.end(), i), waiting.end());
  IncidentOutcome& o = out.outcomes[i];
  o.state = IncidentState::Assigned;
  if (o.t_assigned < 0) o.t_assigned = t;
  o.team = team;
  tm.incident = i;
  tm.to_home = false;
  tm.job_start = t;
  set_status(team, TeamStatus::EnRoute, t);
  const double turnout = 60;  // crew to vehicle
  if (!travel(team, inc.node, t, turnout)) {
    tm.incident = -1;
    o.state = IncidentState::Waiting;
    o.team = -1;
    waiting.push_back(i);
    set_status(team, TeamStatus::Idle, t);
    return;
  }
  log(t, EventType::Dispatch, team, i, inc.x, inc.y,
      s.teams[team].name + " -> " + std::string(kIncidentTypeNames[inc.type]));
}

void RunState::dispatch_incident(int i, double t) {
  if (policy == DispatchPolicy::BatchOptimal) return;
  const Incident& inc = out.incidents[i];
  int best = -1;
  double best_cost = INFINITY;
  bool any_candidate = false;
  std::vector<net::NodeId> targets;
  for (std::size_t c = 0; c < nets.size(); ++c) {
    targets.clear();
    for (std::size_t k = 0; k < teams.size(); ++k)
      if (teams[k].vclass == static_cast<int>(c) && available(static_cast<int>(k)) &&
          capable(static_cast<int>(k), inc))
        targets.push_back(position(static_cast<int>(k), t));
    if (targets.empty()) continue;
    any_candidate = true;
    router->run(*nets[c], net::Metric::Time, inc.node, targets, net::Direction::Backward);
    for (std::size_t k = 0; k < teams.size(); ++k) {
      const int team = static_cast<int>(k);
      if (teams[k].vclass != static_cast<int>(c) || !available(team) || !capable(team, inc))
        continue;
      double cost = router->cost(position(team, t));
      if (!std::isfinite(cost)) continue;
      if (policy == DispatchPolicy::Coverage) {
        // Last available team of its home town?
        int same_town = 0;
        for (std::size_t q = 0; q < teams.size(); ++q)
          if (available(static_cast<int>(q)) && m.team_node[q] == m.team_node[k]) ++same_town;
        if (same_town <= 1) cost += kCoveragePenalty_s;
      }
      if (cost < best_cost) best_cost = cost, best = team;
    }
  }
  if (best >= 0) {
    out.outcomes[i].unreachable_now = false;
    assign(best, i, t, best_cost);
    return;
  }
  if (any_candidate) {  // free, capable teams exist but the water keeps them all out
    out.outcomes[i].ever_unreachable = true;
    out.outcomes[i].unreachable_now = true;
  }
}

void RunState::dispatch_team(int team, double t) {
  if (policy == DispatchPolicy::BatchOptimal || !available(team) || waiting.empty()) return;
  std::vector<net::NodeId> targets;
  std::vector<int> cand;
  for (int i : waiting)
    if (capable(team, out.incidents[i])) {
      cand.push_back(i);
      targets.push_back(out.incidents[i].node);
    }
  if (cand.empty()) return;
  router->run(*nets[teams[team].vclass], net::Metric::Time, position(team, t), targets,
              net::Direction::Forward);
  int best = -1;
  double best_key = INFINITY, best_cost = INFINITY;
  for (int i : cand) {
    const Incident& inc = out.incidents[i];
    const double cost = router->cost(inc.node);
    if (!std::isfinite(cost)) continue;
    double key = cost;
    if (policy == DispatchPolicy::Priority) {
      const double wait = t - inc.t;
      key = -inc.severity * (1.0 + wait / inc.deadline_s) * 1e6 + cost;
    }
    if (key < best_key) best_key = key, best = i, best_cost = cost;
  }
  if (best >= 0) assign(team, best, t, best_cost);
}

void RunState::dispatch_epoch(double t) {
  if (policy != DispatchPolicy::BatchOptimal) return;  // a decision changed the policy
  std::vector<int> free_teams;
  for (std::size_t k = 0; k < teams.size(); ++k)
    if (available(static_cast<int>(k))) free_teams.push_back(static_cast<int>(k));
  if (free_teams.empty() || waiting.empty()) return;
  // The most urgent 200 waiting incidents keep the matching small.
  std::vector<int> inc = waiting;
  auto urgency = [&](int i) {
    return out.incidents[i].severity *
           (1.0 + (t - out.incidents[i].t) / out.incidents[i].deadline_s);
  };
  if (inc.size() > 200) {
    std::partial_sort(inc.begin(), inc.begin() + 200, inc.end(),
                      [&](int a, int b) { return urgency(a) > urgency(b); });
    inc.resize(200);
  }
  const int R = static_cast<int>(free_teams.size()), C = static_cast<int>(inc.size());
  std::vector<double> cost(static_cast<std::size_t>(R) * C, kForbidden);
  std::vector<net::NodeId> targets;
  for (int i : inc) targets.push_back(out.incidents[i].node);
  for (int r = 0; r < R; ++r) {
    const int team = free_teams[r];
    router->run(*nets[teams[team].vclass], net::Metric::Time, position(team, t), targets,
                net::Direction::Forward);
    for (int c = 0; c < C; ++c) {
      const Incident& x = out.incidents[inc[c]];
      const double tt = router->cost(x.node);
      if (!capable(team, x) || !std::isfinite(tt)) continue;
      cost[static_cast<std::size_t>(r) * C + c] = tt - 1800.0 * urgency(inc[c]);
    }
  }
  const std::vector<int> match = min_cost_assignment(cost, R, C);
  for (int r = 0; r < R; ++r)
    if (match[r] >= 0)
      assign(free_teams[r], inc[match[r]], t, cost[static_cast<std::size_t>(r) * C + match[r]]);
}

}  // namespace sd
