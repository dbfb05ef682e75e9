// Warning, response levels and evacuation.
//  - Warning: issued the plan's lead time before the forecast landfall; it activates the
//    teams (each available after its mobilisation time) and, without level rules, orders the
//    evacuation and the pre-positioning at once.
//  - Levels (IV..I): checked hourly against the forecast as it stood then (true storm plus a
//    forecast error that shrinks with lead time, drawn once per member); each level's actions
//    fire once.
//  - Evacuation: residents of high-risk zones (cells whose flood depth reaches the plan's
//    evacuation depth on the county risk map) leave along a logistic mobilisation curve
//    (S-curve, half gone after 3 h; cf. Sorensen 1991 warning-response curves), drive to the
//    nearest shelter with room, and are slowed by congestion through the BPR volume-delay
//    function t = t0 (1 + 0.15 (v/c)^4) (Bureau of Public Roads 1964), capacity 1800 veh/h/lane,
//    2.5 people per vehicle. Shelters fill in arrival order; overflow goes to the next shelter.
#include <algorithm>
#include <cmath>

#include "response/run_state.hpp"

namespace sd {
namespace {
constexpr double kHalfDeparture_s = 3 * 3600.0;
constexpr double kSpread_s = 0.8 * 3600.0;
constexpr double kSlice_s = 1800.0;
constexpr double kSlices = 16;  // 8 hours of departures
constexpr double kPeoplePerVehicle = 2.5;
constexpr double kLaneCapacity = 1800.0;  // veh/h

double departed_share(double tau) {
  auto f = [](double x) { return 1.0 / (1.0 + std::exp(-(x - kHalfDeparture_s) / kSpread_s)); };
  return std::clamp((f(tau) - f(0)) / (f(kSlices * kSlice_s) - f(0)), 0.0, 1.0);
}
}  // namespace

void RunState::on_warning(double t) {
  log(t, EventType::Warning, -1, -1, 0, 0, "warning issued; teams mobilising");
  for (std::size_t k = 0; k < teams.size(); ++k)
    push(t + s.teams[k].mobilisation_s, Ev::Available, static_cast<int>(k));
  if (plan.levels.empty()) {
    preposition(t);
    order_evacuation(t);
  }
}

double RunState::evacuated_fraction(int town, double t) const {
  if (town < 0 || static_cast<std::size_t>(town) >= evac_curve.size()) return 0.0;
  // The largest share any order had moved out by t (one order: its curve rises, so this is
  // its last point before t).
  double f = 0;
  for (const auto& [tt, share] : evac_curve[town])
    if (tt <= t) f = std::max(f, share);
  return f;
}

bool RunState::high_risk(std::size_t c) const {
  return !h.max_depth.empty() && h.max_depth[c] >= plan.evacuation_depth_m;
}

void RunState::order_evacuation(double t) {
  if (evac_order_t >= 0 || s.towns.empty()) return;
  evac_order_t = t;
  const std::size_t W = s.towns.size();
  town_high_risk.assign(W, 0.0);
  for (std::size_t c = 0; c < m.population.size(); ++c)
    if (m.population[c] > 0 && m.cell_town[c] >= 0 && high_risk(c))
      town_high_risk[m.cell_town[c]] += m.population[c];
  double total = 0;
  for (double v : town_high_risk) total += v;
  log(t, EventType::Evacuation, -1, -1, 0, 0,
      "evacuation ordered for " + std::to_string(static_cast<long>(total)) +
          " residents of high-risk zones");
  depart(t, town_high_risk, std::vector<double>(W, 1.0));
}

void RunState::depart(double t, const std::vector<double>& town_people,
                      const std::vector<double>& scale) {
  const std::size_t W = s.towns.size();
  evac_curve.resize(W);
  const net::NetworkState& road = *nets[0];
  // Planned room: capacity less those inside and those already on their way; a closed
  // shelter has none.
  std::vector<double> room(s.shelters.size());
  for (std::size_t q = 0; q < room.size(); ++q)
    room[q] = shelter_open[q] ? s.shelters[q].capacity - shelter_occ[q] : 0.0;
  for (const EvacGroup& g : evac)
    if (g.arrive > t) room[g.shelter] -= g.people;
  for (int sl = 0; sl < static_cast<int>(kSlices); ++sl) {
    const double t0 = t + sl * kSlice_s;
    if (t0 > s.duration_s) break;
    // Departures of this slice, each town to its nearest shelter with room (planned room;
    // real arrivals may still overflow and be redirected on arrival).
    std::vector<double> volume(m.graph->num_edges(), 0.0);
    struct Flow {
      int town, shelter;
      double people;
      net::Path path;
    };
    std::vector<Flow> flows;
    for (std::size_t w = 0; w < W; ++w) {
      const double share = departed_share((sl + 1) * kSlice_s) - departed_share(sl * kSlice_s);
      double people = town_people[w] * plan.evacuation_compliance * share;
      evac_curve[w].push_back(
          {t0, departed_share((sl + 1) * kSlice_s) * plan.evacuation_compliance * scale[w]});
      if (people < 0.5 || s.shelters.empty()) continue;
      router->run(road, net::Metric::Time, m.town_node[w], m.shelter_node, net::Direction::Forward);
      while (people > 0.5) {
        int best = -1;
        double bc = INFINITY;
        for (std::size_t q = 0; q < s.shelters.size(); ++q)
          if (room[q] > 0.5 && router->cost(m.shelter_node[q]) < bc)
            bc = router->cost(m.shelter_node[q]), best = static_cast<int>(q);
        if (best < 0) break;
        const double take = std::min(people, room[best]);
        room[best] -= take;
        people -= take;
        flows.push_back({static_cast<int>(w), best, take, router->path(m.shelter_node[best])});
      }
      if (people > 0.5) {
        // Nowhere planned: they still go to the nearest reachable open shelter and overflow it.
        int best = -1;
        double bc = INFINITY;
        for (std::size_t q = 0; q < s.shelters.size(); ++q)
          if (shelter_open[q] && router->cost(m.shelter_node[q]) < bc)
            bc = router->cost(m.shelter_node[q]), best = static_cast<int>(q);
        if (best >= 0)
          flows.push_back({static_cast<int>(w), best, people, router->path(m.shelter_node[best])});
      }
    }
    for (const Flow& f : flows)
      for (auto e : f.path.edges) volume[e] += f.people / kPeoplePerVehicle * (3600.0 / kSlice_s);
    for (Flow& f : flows) {
      double tt = 0;
      for (std::size_t q = 0; q < f.path.edges.size(); ++q) {
        const auto e = f.path.edges[q];
        const double cap = kLaneCapacity * std::max<int>(1, m.graph->lanes()[e]);
        tt += f.path.edge_cost[q] * (1.0 + 0.15 * std::pow(volume[e] / cap, 4.0));
      }
      const double depart = t0 + 0.5 * kSlice_s;
      evac.push_back(EvacGroup{f.town, f.shelter, f.people, depart, depart + tt});
      push(depart + tt, Ev::EvacGroup, static_cast<int>(evac.size() - 1));
    }
  }
}

void RunState::on_evac_group(int g, double t) {
  EvacGroup& grp = evac[g];
  double people = grp.people;
  int q = grp.shelter;
  // Fill the assigned shelter, redirect overflow to the nearest shelter with room.
  for (int hop = 0; hop < static_cast<int>(s.shelters.size()) && people > 0.5; ++hop) {
    const double room =
        shelter_open[q] ? std::max(0.0, s.shelters[q].capacity - shelter_occ[q]) : 0.0;
    const double take = std::min(room, people);
    shelter_occ[q] += take;
    people -= take;
    people_evacuated += take;
    if (grp.town >= 0) {
      if (out.town_evacuated.size() < s.towns.size()) out.town_evacuated.resize(s.towns.size());
      out.town_evacuated[static_cast<std::size_t>(grp.town)] += take;
    }
    if (h.landfall_s >= 0 && t <= h.landfall_s) people_evacuated_by_landfall += take;
    if (people <= 0.5) break;
    if (room < people && shelter_open[q])
      log(t, EventType::ShelterFull, -1, -1, s.shelters[q].x, s.shelters[q].y,
          s.shelters[q].name + " full");
    int next = -1;
    double best = INFINITY;
    for (std::size_t k = 0; k < s.shelters.size(); ++k) {
      if (static_cast<int>(k) == q || !shelter_open[k] || shelter_occ[k] >= s.shelters[k].capacity)
        continue;
      const double dx = s.shelters[k].x - s.shelters[q].x, dy = s.shelters[k].y - s.shelters[q].y;
      if (dx * dx + dy * dy < best) best = dx * dx + dy * dy, next = static_cast<int>(k);
    }
    if (next < 0) break;
    q = next;
  }
  if (people > 0.5) shelter_overflow += people;
}

void RunState::on_level_check(double t) {
  const double landfall = h.landfall_s >= 0 ? h.landfall_s : 0.0;
  const double lead = std::max(0.0, landfall - t);
  const double shrink = std::min(1.0, lead / (48 * 3600.0));
  const double fc_landfall = landfall + forecast_err_landfall * 0.1 * lead;
  const double fc_wind = h.max_wind_ms * (1.0 + 0.10 * forecast_err_wind * shrink);
  const double fc_rain = h.total_rain_mean_mm * (1.0 + 0.30 * forecast_err_rain * shrink);
  for (std::size_t r = 0; r < plan.levels.size(); ++r) {
    if (level_done[r]) continue;
    const LevelRule& L = plan.levels[r];
    const bool hit =
        (L.hours_before_landfall > 0 && fc_landfall - t <= L.hours_before_landfall * 3600) ||
        (L.forecast_wind_ms > 0 && fc_wind >= L.forecast_wind_ms) ||
        (L.forecast_rain_mm > 0 && fc_rain >= L.forecast_rain_mm);
    if (!hit) continue;
    level_done[r] = 1;
    level = std::min(level, L.level);
    static const char* names[] = {"", "I", "II", "III", "IV"};
    log(t, EventType::Level, -1, -1, 0, 0,
        std::string("response level ") + names[std::clamp(L.level, 1, 4)] + " raised");
    fire_level_actions(L, t);
  }
}

void RunState::fire_level_actions(const LevelRule& L, double t) {
  if (L.preposition) preposition(t);
  if (L.evacuate) order_evacuation(t);
  if (L.close_underpasses) {
    std::size_t n = 0;
    for (std::size_t e = 0; e < injected.size(); ++e)
      if (m.edge_underpass[e]) {
        injected[e] = 1;
        for (auto& ns : nets) ns->set_injected_closed(static_cast<net::EdgeId>(e), true);
        ++n;
      }
    log(t, EventType::RoadClosed, -1, -1, 0, 0,
        std::to_string(n) + " underpass road segments closed pre-emptively");
    reroute_moving(t);
  }
}

}  // namespace sd
