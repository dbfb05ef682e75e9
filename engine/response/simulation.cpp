// The response event loop: hazard frames change the road network, incidents become known,
// teams travel, work, return and rest; injects and response levels change the plan's world.
#include <algorithm>
#include <chrono>
#include <cmath>

#include "response/run_state.hpp"

namespace sd {

double RunResult::kpi(const std::string& name) const {
  for (const auto& k : final_kpis)
    if (k.name == name) return k.value;
  return NAN;
}

namespace {
// Vehicles: trucks close roads at their wading depth (0.3 m: the Pregnolato et al. 2017
// closure); high-clearance trucks wade deeper; boat teams trail their boat on dry roads and
// launch it where the water is deep, modelled as a vehicle that never closes below 3 m.
net::VehicleProfile profile_for(const TeamSpec& t) {
  if (t.vehicle == Vehicle::Boat)
    return net::VehicleProfile::truck(std::max(3.0, t.wading_depth_m));
  if (t.wading_depth_m <= 0.3 + 1e-9) return net::VehicleProfile::car();
  return net::VehicleProfile::truck(t.wading_depth_m);
}
}  // namespace

RunState::RunState(const ResponseModel& model, const HazardTimeline& hz, const Plan& p,
                   const RunOptions& o)
    : m(model), s(*model.scenario), h(hz), plan(p), opt(o) {
  router = std::make_unique<net::Router>(*m.graph);
  teams.resize(s.teams.size());
  for (std::size_t k = 0; k < s.teams.size(); ++k) {
    const auto prof = profile_for(s.teams[k]);
    int cls = -1;
    for (std::size_t c = 0; c < profiles.size(); ++c)
      if (profiles[c].kind == prof.kind && profiles[c].close_depth_m == prof.close_depth_m)
        cls = static_cast<int>(c);
    if (cls < 0) {
      cls = static_cast<int>(profiles.size());
      profiles.push_back(prof);
      nets.push_back(std::make_unique<net::NetworkState>(*m.graph, prof));
    }
    teams[k].vclass = cls;
    teams[k].node = teams[k].home = m.team_node[k];
  }
  if (nets.empty()) {  // no teams: still track the road network for KPIs
    profiles.push_back(net::VehicleProfile::car());
    nets.push_back(std::make_unique<net::NetworkState>(*m.graph, profiles[0]));
  }
  station_of.assign(teams.size(), -1);
  for (const Station& st : plan.stations) {
    if (st.team < 0 || station_of[st.team] >= 0) continue;
    station_of[st.team] = static_cast<int>(out.stations.size());
    out.stations.push_back(StationOutcome{st.team, s.teams[st.team].name, st.x, st.y});
    station_node.push_back(m.snap(st.x, st.y));
  }
  station_warned.assign(out.stations.size(), 0);
  depot_stock.assign(s.depots.size() * kStockKinds, 0.0);
  for (std::size_t d = 0; d < s.depots.size(); ++d)
    for (std::size_t k = 0; k < kStockKinds; ++k)
      depot_stock[d * kStockKinds + k] =
          plan.depot_stock.empty() ? s.depots[d].stock[k] : plan.depot_stock[d][k];
  shelter_occ.assign(s.shelters.size(), 0.0);
  injected.assign(m.graph->num_edges(), 0);
  baseline_closed.assign(m.graph->num_edges(), 0);
  for (std::size_t e = 0; e < h.edge_depth_baseline.size() && e < baseline_closed.size(); ++e)
    if (h.edge_depth_baseline[e] >= s.flood.road_close_depth_m) {
      baseline_closed[e] = 1;
      baseline_closed_km += m.edge_km[e];
    }
  level_done.assign(plan.levels.size(), 0);
  policy = plan.dispatch;
  shelter_open.assign(s.shelters.size(), 1);
  Rng frng(opt.seed, {0xF0u, static_cast<std::uint64_t>(opt.member)});
  forecast_err_landfall = frng.normal();
  forecast_err_wind = frng.normal();
  forecast_err_rain = frng.normal();
}

void RunState::push(double t, Ev kind, int a, int b) {
  queue.push(Event{t, seq++, kind, a, b});
}

void RunState::log(double t, EventType type, int team, int incident, double x, double y,
                   std::string text) {
  if (!opt.record_detail) return;
  out.events.push_back(LogEvent{t, type, team, incident, x, y, std::move(text)});
}

void RunState::track(int team, double t, net::NodeId node) {
  if (!opt.record_detail) return;
  out.tracks.push_back(TrackPoint{team, t, m.graph->x()[node], m.graph->y()[node],
                                  teams[team].status, teams[team].incident});
}

void RunState::truncate_track(int team, std::size_t keep) {
  TeamState& tm = teams[team];
  if (!opt.record_detail || tm.path.nodes.empty()) return;
  for (std::size_t k = keep + 1; k < tm.path.nodes.size(); ++k) {
    const std::size_t idx = tm.track_begin + k;
    if (idx < out.tracks.size() && out.tracks[idx].team == team)
      out.tracks[idx].team = -1;  // stale
  }
}

void RunState::set_status(int team, TeamStatus st, double t) {
  TeamState& tm = teams[team];
  if (tm.status == st) return;
  tm.status = st;
  track(team, t, position(team, t));
}

bool RunState::available(int team) const {
  const TeamState& tm = teams[team];
  return tm.activated && !tm.to_station &&
         (tm.status == TeamStatus::Idle || tm.status == TeamStatus::Returning);
}

bool RunState::capable(int team, const Incident& inc) const {
  return (s.teams[team].capabilities & bit(inc.need)) != 0;
}

// Where a moving team is at time t: the last path node it has reached.
net::NodeId RunState::position(int team, double t) const {
  const TeamState& tm = teams[team];
  if (tm.path.nodes.empty()) return tm.node;
  std::size_t p = 0;
  while (p + 1 < tm.at.size() && tm.at[p + 1] <= t) ++p;
  return tm.path.nodes[p];
}

bool RunState::travel(int team, net::NodeId to, double t, double delay_s) {
  TeamState& tm = teams[team];
  const net::NodeId from = position(team, t);
  if (!tm.path.nodes.empty()) {  // leaving a path half-way: its future points never happen
    std::size_t p = 0;
    while (p + 1 < tm.at.size() && tm.at[p + 1] <= t) ++p;
    truncate_track(team, p);
  }
  tm.node = from;
  net::Path path = router->shortest_path(*nets[tm.vclass], net::Metric::Time, from, to);
  if (!path.reachable) return false;
  tm.path = std::move(path);
  tm.at.resize(tm.path.nodes.size());
  double clock = t + delay_s;
  tm.at[0] = clock;
  for (std::size_t k = 0; k < tm.path.edges.size(); ++k)
    tm.at[k + 1] = clock += tm.path.edge_cost[k];
  ++tm.version;
  push(clock, Ev::Arrive, team, static_cast<int>(tm.version));
  tm.track_begin = out.tracks.size();
  if (opt.record_detail)
    for (std::size_t k = 0; k < tm.path.nodes.size(); ++k)
      out.tracks.push_back(TrackPoint{team, tm.at[k], m.graph->x()[tm.path.nodes[k]],
                                      m.graph->y()[tm.path.nodes[k]], tm.status, tm.incident});
  return true;
}

void RunState::go_home(int team, double t) {
  TeamState& tm = teams[team];
  tm.incident = -1;
  tm.to_home = true;
  const net::NodeId here = position(team, t);
  if (here == tm.home) {
    tm.node = here;
    tm.path = {};
    tm.at.clear();
    set_status(team, TeamStatus::Idle, t);
    station_reached(team, t);
    return;
  }
  set_status(team, TeamStatus::Returning, t);
  // Pre-positioning comes before calls: a team on its way to its plan station is not
  // dispatched until it is there (or cannot get there).
  tm.to_station = station_pending(team);
  if (!travel(team, tm.home, t, 0)) {
    // Home is cut off: wait where it is, available for nearby jobs.
    tm.to_station = false;
    tm.path = {};
    tm.at.clear();
    set_status(team, TeamStatus::Idle, t);
    station_unreachable(team, t, "(it waits where it is)");
  }
}

// After the network changed: every moving team checks its remaining path and re-routes from
// its next node if a road ahead has closed. A team never enters a closed road; one already on
// an edge when it closes finishes that edge.
void RunState::reroute_moving(double t) {
  for (std::size_t k = 0; k < teams.size(); ++k) {
    TeamState& tm = teams[k];
    if (tm.path.nodes.empty() ||
        (tm.status != TeamStatus::EnRoute && tm.status != TeamStatus::Returning))
      continue;
    std::size_t p = 0;
    while (p + 1 < tm.at.size() && tm.at[p + 1] <= t) ++p;
    if (p + 1 >= tm.path.nodes.size()) continue;  // arriving now
    // A team exactly at node p now has not entered edge p yet: re-plan from p; otherwise it
    // is on edge p and re-plans from the node at its end.
    const std::size_t next = tm.at[p] >= t ? p : p + 1;
    if (net::first_closed_edge(*nets[tm.vclass], tm.path, next) == net::kNoEdge) continue;
    const double t_next = tm.at[next];
    const net::NodeId dest = tm.path.nodes.back();
    const int team = static_cast<int>(k);
    // Truncate to the next node and search on from there. The path's track points are
    // re-emitted contiguously afterwards (stale copies dropped at the end of the run).
    if (opt.record_detail)
      for (std::size_t q = 0; q < tm.path.nodes.size(); ++q)
        if (tm.track_begin + q < out.tracks.size() && out.tracks[tm.track_begin + q].team == team)
          out.tracks[tm.track_begin + q].team = -1;
    tm.path.nodes.resize(next + 1);
    tm.path.edges.resize(next);
    tm.path.edge_cost.resize(next);
    tm.at.resize(next + 1);
    tm.node = tm.path.nodes[next];
    auto emit = [&] {
      tm.track_begin = out.tracks.size();
      if (opt.record_detail)
        for (std::size_t q = 0; q < tm.path.nodes.size(); ++q)
          out.tracks.push_back(TrackPoint{team, tm.at[q], m.graph->x()[tm.path.nodes[q]],
                                          m.graph->y()[tm.path.nodes[q]], tm.status, tm.incident});
    };
    net::Path rest = router->shortest_path(*nets[tm.vclass], net::Metric::Time, tm.node, dest);
    if (rest.reachable) {
      double clock = t_next;
      for (std::size_t q = 0; q < rest.edges.size(); ++q) {
        tm.path.nodes.push_back(rest.nodes[q + 1]);
        tm.path.edges.push_back(rest.edges[q]);
        tm.path.edge_cost.push_back(rest.edge_cost[q]);
        tm.at.push_back(clock += rest.edge_cost[q]);
      }
      emit();
      ++tm.version;
      push(tm.at.back(), Ev::Arrive, team, static_cast<int>(tm.version));
      log(t, EventType::Reroute, team, tm.incident, m.graph->x()[tm.node], m.graph->y()[tm.node],
          s.teams[k].name + " re-routed around a closed road");
      continue;
    }
    // Cut off: stop at the next node; its job goes back to the queue.
    emit();
    ++tm.version;
    push(t_next, Ev::Arrive, team, static_cast<int>(tm.version));
    const int inc = tm.incident;
    log(t, EventType::TeamBlocked, team, inc, m.graph->x()[tm.node], m.graph->y()[tm.node],
        s.teams[k].name + " blocked: no open road to its destination");
    tm.status = TeamStatus::Blocked;
    if (inc >= 0) {
      out.outcomes[inc].state = IncidentState::Waiting;
      out.outcomes[inc].team = -1;
      tm.incident = -1;
      waiting.push_back(inc);
    }
  }
}

void RunState::record_roads(double t) {
  if (!opt.record_detail) return;
  const net::NetworkState& ns = *nets[0];
  const std::size_t E = m.graph->num_edges();
  out.road_time.push_back(t);
  const std::size_t k = frame;
  double closed_km = 0;
  for (std::size_t e = 0; e < E; ++e) {
    const float d = h.edge_depth.empty() ? 0.0f : h.edge_depth_at(k)[e];
    std::uint8_t st = 0;
    float f = 1.0f;
    if (injected[e])
      st = 3, f = 0;
    else if (baseline_closed[e])
      st = 4, f = 0;
    else if (ns.closed(static_cast<net::EdgeId>(e)))
      st = 2, f = 0;
    else {
      f = static_cast<float>(ns.speed_kph(static_cast<net::EdgeId>(e)) /
                             std::max(1e-9, m.graph->speed_kph()[e]));
      if (d >= s.flood.road_slow_depth_m) st = 1;
    }
    if (st == 2 || st == 3) closed_km += m.edge_km[e];
    out.road_state.push_back(st);
    out.road_speed_factor.push_back(f);
  }
  out.road_closed_km.push_back(closed_km);
  out.road_closed_km_baseline.push_back(baseline_closed_km);
}

// The depth each network state sees: the storm's water above the pre-storm state; a road
// under permanent water keeps its whole depth, so it stays impassable without counting as
// a storm closure (docs/network.md).
const float* RunState::routing_depths(std::size_t k) {
  const float* storm = h.edge_depth_at(k);
  if (h.edge_depth_baseline.empty()) return storm;
  routing_depth.assign(storm, storm + h.edges);
  for (std::size_t e = 0; e < h.edges; ++e)
    if (baseline_closed[e]) routing_depth[e] += h.edge_depth_baseline[e];
  return routing_depth.data();
}

void RunState::on_frame(int k, double t) {
  frame = static_cast<std::size_t>(k);
  if (!h.edge_depth.empty())
    for (auto& n : nets) n->apply_depths(std::span<const float>(routing_depths(frame), h.edges));
  record_roads(t);
  reroute_moving(t);
  // Network changed: idle teams look at the queue again (jobs cut off before may be
  // reachable now), and queued jobs look for teams.
  for (std::size_t q = 0; q < teams.size(); ++q)
    if (teams[q].status == TeamStatus::Idle && teams[q].activated)
      dispatch_team(static_cast<int>(q), t);
  if (k + 1 < static_cast<int>(h.frames())) push(h.time[k + 1], Ev::Frame, k + 1);
}

void RunState::on_known(int i, double t) {
  out.outcomes[i].t_known = t;
  const Incident& inc = out.incidents[i];
  log(t, EventType::Incident, -1, i, inc.x, inc.y,
      std::string(kIncidentTypeNames[inc.type]) + " (" + std::to_string(inc.people) + " people)");
  waiting.push_back(i);
  dispatch_incident(i, t);
}

void RunState::on_arrive(int team, double t) {
  TeamState& tm = teams[team];
  tm.node = tm.path.nodes.empty() ? tm.node : tm.path.nodes.back();
  tm.path = {};
  tm.at.clear();
  if (tm.status == TeamStatus::Blocked) {
    // Stopped short: try again from here (its job, if any, was re-queued).
    if (tm.to_station) station_unreachable(team, t, "(blocked on the way)");
    tm.to_station = false;
    tm.status = TeamStatus::Idle;
    track(team, t, tm.node);
    dispatch_team(team, t);
    if (teams[team].status == TeamStatus::Idle) go_home(team, t);
    return;
  }
  if (tm.incident >= 0) {
    IncidentOutcome& o = out.outcomes[tm.incident];
    o.t_arrived = t;
    set_status(team, TeamStatus::Working, t);
    const Incident& inc = out.incidents[tm.incident];
    double work = inc.work_s;
    if (inc.need == Capability::Pumping && !take_pump(team, t)) work *= 2;  // bailing by hand
    log(t, EventType::Arrive, team, tm.incident, inc.x, inc.y, s.teams[team].name + " on scene");
    push(t + work, Ev::WorkDone, team);
    return;
  }
  if (tm.to_home) {
    tm.to_home = false;
    tm.to_station = false;
    set_status(team, TeamStatus::Idle, t);
    station_reached(team, t);
    dispatch_team(team, t);
  }
}

void RunState::on_work_done(int team, double t) {
  TeamState& tm = teams[team];
  const int i = tm.incident;
  if (i < 0) return;
  IncidentOutcome& o = out.outcomes[i];
  const Incident& inc = out.incidents[i];
  o.state = IncidentState::Served;
  o.t_done = t;
  o.risk = incident_risk(inc, o.t_arrived - inc.t);
  if (inc.type == IncidentType::TrappedHome || inc.type == IncidentType::StrandedVehicle ||
      inc.type == IncidentType::SiteEvacuation)
    people_rescued += inc.people;
  log(t, EventType::Done, team, i, inc.x, inc.y,
      std::string(kIncidentTypeNames[inc.type]) + " served");
  tm.busy_s += t - tm.job_start;
  tm.worked_s += t - tm.job_start;
  tm.incident = -1;
  if (tm.worked_s >= s.teams[team].shift_s) {
    // End of shift: rest (at the scene's nearest staging point, i.e. where it is).
    tm.worked_s = 0;
    set_status(team, TeamStatus::Resting, t);
    push(t + s.teams[team].rest_s, Ev::Available, team);
    return;
  }
  set_status(team, TeamStatus::Idle, t);
  if (station_pending(team)) {  // ordered to its plan station while on this job: go there first
    go_home(team, t);
    if (tm.to_station) return;
  }
  dispatch_team(team, t);
  if (teams[team].incident < 0) go_home(team, t);
}

void RunState::on_available(int team, double t) {
  TeamState& tm = teams[team];
  if (tm.status == TeamStatus::OutOfAction && tm.out_until > t + 1e-9) return;
  if (!tm.activated) {
    tm.activated = true;
    log(t, EventType::Level, team, -1, m.graph->x()[tm.node], m.graph->y()[tm.node],
        s.teams[team].name + " mobilised");
  }
  set_status(team, TeamStatus::Idle, t);
  if (station_pending(team) && tm.node != tm.home) {  // pre-positioning first
    go_home(team, t);
    if (tm.to_station) return;
  }
  dispatch_team(team, t);
  if (teams[team].incident < 0 && tm.node != tm.home) go_home(team, t);
  if (teams[team].incident < 0 && tm.node == tm.home) station_reached(team, t);
}

RunResult RunState::run() {
  const auto wall0 = std::chrono::steady_clock::now();
  out.incidents = opt.incidents ? *opt.incidents : generate_incidents(m, h, opt.seed, opt.member);
  out.outcomes.assign(out.incidents.size(), IncidentOutcome{});
  comms_delayed.assign(out.incidents.size(), 0);
  // Warning: the plan's lead before the forecast landfall (the true landfall plus a forecast
  // error that shrinks with lead time).
  const double landfall = h.landfall_s >= 0 ? h.landfall_s : 0.0;
  const double lead_fc =
      std::max(0.0, landfall + forecast_err_landfall * 0.1 * plan.warning_lead_s);
  warning_t = std::max(0.0, lead_fc - plan.warning_lead_s);
  push(warning_t, Ev::Warning);
  if (plan.preposition_at == PrepositionAt::Start && !out.stations.empty())
    preposition_before_start();
  for (std::size_t k = 0; k < teams.size(); ++k) track(static_cast<int>(k), 0, teams[k].node);
  if (h.frames() > 0) push(h.time[0], Ev::Frame, 0);
  for (std::size_t i = 0; i < out.incidents.size(); ++i) {
    push(out.incidents[i].t + plan.comms_delay_s, Ev::Known, static_cast<int>(i));
  }
  for (std::size_t j = 0; j < s.injects.size(); ++j) {
    push(s.injects[j].t_s, Ev::Inject, static_cast<int>(j));
    if (s.injects[j].duration_s > 0)
      push(s.injects[j].t_s + s.injects[j].duration_s, Ev::InjectEnd, static_cast<int>(j));
  }
  if (!plan.levels.empty())
    for (double t = 0; t < s.duration_s; t += 3600) push(t, Ev::LevelCheck);
  for (double t = 0; t <= s.duration_s + 1e-9; t += opt.kpi_interval_s) push(t, Ev::Kpi);
  if (plan.dispatch == DispatchPolicy::BatchOptimal) {
    epochs_scheduled = true;
    for (double t = plan.dispatch_epoch_s; t < s.duration_s; t += plan.dispatch_epoch_s)
      push(t, Ev::Epoch);
  }
  for (double t = 6 * 3600.0; t < s.duration_s; t += 6 * 3600.0) push(t, Ev::Supply);

  while (!queue.empty()) {
    const Event e = queue.top();
    if (e.t > s.duration_s) break;
    queue.pop();
    switch (e.kind) {
      case Ev::Frame:
        on_frame(e.a, e.t);
        break;
      case Ev::Known: {
        // People who had already left under an evacuation order are not trapped.
        const Incident& inc = out.incidents[e.a];
        if (inc.type == IncidentType::TrappedHome && inc.town >= 0 &&
            inc.u_evac < evacuated_fraction(inc.town, inc.t)) {
          out.outcomes[e.a].averted = true;
          out.outcomes[e.a].state = IncidentState::Served;
          break;
        }
        if (comms_extra_s > 0 && !comms_delayed[e.a]) {  // outage: the call gets through late
          comms_delayed[e.a] = 1;
          push(e.t + comms_extra_s, Ev::Known, e.a);
          break;
        }
        on_known(e.a, e.t);
        break;
      }
      case Ev::Arrive:
        if (static_cast<std::uint32_t>(e.b) == teams[e.a].version) on_arrive(e.a, e.t);
        break;
      case Ev::WorkDone:
        on_work_done(e.a, e.t);
        break;
      case Ev::Available:
        on_available(e.a, e.t);
        break;
      case Ev::Inject:
        on_inject(e.a, e.t, false);
        break;
      case Ev::InjectEnd:
        on_inject(e.a, e.t, true);
        break;
      case Ev::LevelCheck:
        on_level_check(e.t);
        break;
      case Ev::Kpi:
        on_kpi(e.t);
        break;
      case Ev::Epoch:
        dispatch_epoch(e.t);
        break;
      case Ev::Warning:
        on_warning(e.t);
        break;
      case Ev::EvacGroup:
        on_evac_group(e.a, e.t);
        break;
      case Ev::Supply:
        on_supply(e.t);
        break;
    }
  }
  finish_kpis();
  // The total evacuated is the same for any warning early enough for the departures to finish
  // within the drill; who was in a shelter by landfall shows the plan's warning lead.
  out.final_kpis.push_back({"people_evacuated_by_landfall", people_evacuated_by_landfall});
  finish_stations();
  out.depot_stock_end = depot_stock;
  std::erase_if(out.tracks, [](const TrackPoint& p) { return p.team < 0; });
  out.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  return std::move(out);
}

RunResult simulate_response(const ResponseModel& model, const HazardTimeline& hazard,
                            const Plan& plan, const RunOptions& options) {
  RunState st(model, hazard, plan, options);
  return st.run();
}

}  // namespace sd
