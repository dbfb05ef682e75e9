// KPIs: time series sampled every kpi_interval and the final table. Names of the final KPIs
// are the --summary-json keys (docs/response-model.md defines each).
#include <algorithm>
#include <cmath>

#include "core/quantile.hpp"
#include "response/run_state.hpp"

namespace sd {
namespace {

double quantile(const std::vector<double>& v, double q) {
  return quantile7(v, q);
}

std::vector<double>& series(RunResult& r, const std::string& name) {
  for (auto& [n, v] : r.kpi_series)
    if (n == name) return v;
  r.kpi_series.emplace_back(name, std::vector<double>{});
  return r.kpi_series.back().second;
}

}  // namespace

// Population of the towns whose centre an available team reaches within `limit_s`
// (towns are the demand points; a town is covered when its nearest available team is close).
double RunState::coverage_within(double limit_s) {
  if (s.towns.empty() || m.total_population <= 0) return 0;
  double covered = 0, total = 0;
  for (std::size_t w = 0; w < s.towns.size(); ++w) {
    total += s.towns[w].population;
    bool ok = false;
    for (std::size_t c = 0; c < nets.size() && !ok; ++c) {
      std::vector<net::NodeId> targets;
      for (std::size_t k = 0; k < teams.size(); ++k)
        if (teams[k].vclass == static_cast<int>(c) && available(static_cast<int>(k)))
          targets.push_back(teams[k].node);
      if (targets.empty()) continue;
      router->run(*nets[c], net::Metric::Time, m.town_node[w], targets, net::Direction::Backward);
      for (auto v : targets) ok |= router->cost(v) <= limit_s;
    }
    if (ok) covered += s.towns[w].population;
  }
  return total > 0 ? covered / total : 0;
}

double RunState::storm_closed_km() const {
  double km = 0;
  const net::NetworkState& ns = *nets[0];
  for (std::size_t e = 0; e < m.edge_km.size(); ++e)
    if (ns.closed(static_cast<net::EdgeId>(e)) && (injected[e] || !baseline_closed[e]))
      km += m.edge_km[e];
  return km;
}

void RunState::on_kpi(double t) {
  out.kpi_time.push_back(t);
  double open = 0, served = 0;
  for (std::size_t i = 0; i < out.outcomes.size(); ++i) {
    if (out.outcomes[i].t_known < 0 || out.outcomes[i].averted) continue;
    if (out.outcomes[i].state == IncidentState::Served)
      ++served;
    else
      ++open;
  }
  double busy = 0;
  for (const auto& tm : teams)
    busy += tm.status == TeamStatus::EnRoute || tm.status == TeamStatus::Working;
  const double closed_km = storm_closed_km();
  double occ = 0;
  for (double v : shelter_occ) occ += v;
  series(out, "incidents_open").push_back(open);
  series(out, "incidents_served").push_back(served);
  series(out, "people_rescued").push_back(people_rescued);
  series(out, "people_evacuated").push_back(people_evacuated);
  series(out, "coverage_15min").push_back(coverage_within(900));
  series(out, "coverage_30min").push_back(coverage_within(1800));
  series(out, "road_km_closed").push_back(closed_km);
  series(out, "teams_busy").push_back(busy);
  series(out, "shelter_occupancy_total").push_back(occ);
  if (opt.record_detail) out.shelter_occupancy.emplace_back(shelter_occ.begin(), shelter_occ.end());
}

void RunState::finish_kpis() {
  const double end = s.duration_s;
  std::vector<double> rt;
  std::size_t total = 0, served = 0, unreachable = 0, late = 0, averted = 0, served_late = 0;
  double risk = 0;
  for (std::size_t i = 0; i < out.incidents.size(); ++i) {
    const Incident& inc = out.incidents[i];
    IncidentOutcome& o = out.outcomes[i];
    if (inc.t > end) continue;  // after the drill window: not part of this drill
    if (o.averted) {
      ++averted;
      continue;
    }
    ++total;
    if (o.t_arrived >= 0) rt.push_back(o.t_arrived - inc.t);
    if (o.state == IncidentState::Served) {
      ++served;
      if (o.t_arrived - inc.t > inc.deadline_s) ++late, ++served_late;
    } else {
      // Still waiting at the end: its risk grows with the whole wait.
      o.risk = incident_risk(inc, end - inc.t);
      if (o.state == IncidentState::Waiting && o.unreachable_now)
        o.state = IncidentState::Unreachable;
      if (o.state == IncidentState::Unreachable) ++unreachable;
      ++late;
    }
    risk += o.risk;
  }
  double util_num = 0, util_den = 0;
  for (std::size_t k = 0; k < teams.size(); ++k) {
    double busy = teams[k].busy_s;
    if (teams[k].incident >= 0 && teams[k].job_start >= 0) busy += end - teams[k].job_start;
    util_num += busy;
    util_den += std::max(0.0, end - (warning_t + s.teams[k].mobilisation_s));
  }
  double peak_closed = 0;
  for (double v : series(out, "road_km_closed")) peak_closed = std::max(peak_closed, v);
  auto& f = out.final_kpis;
  // incidents_occurred = served + unserved_at_end + averted; total = occurred - averted;
  // late (served after the deadline) is a subset of served, unreachable of unserved.
  f = {{"incidents_total", static_cast<double>(total)},
       {"incidents_served", static_cast<double>(served)},
       {"incidents_unreachable", static_cast<double>(unreachable)},
       {"incidents_late_or_unserved", static_cast<double>(late)},
       {"incidents_averted_by_evacuation", static_cast<double>(averted)},
       {"incidents_occurred", static_cast<double>(total + averted)},
       {"incidents_unserved_at_end", static_cast<double>(total - served)},
       {"incidents_served_late", static_cast<double>(served_late)},
       {"response_time_median_s", quantile(rt, 0.5)},
       {"response_time_p90_s", quantile(rt, 0.9)},
       {"response_time_max_s", rt.empty() ? NAN : *std::max_element(rt.begin(), rt.end())},
       {"people_rescued", people_rescued},
       {"people_evacuated", people_evacuated},
       {"expected_fatalities", risk},
       {"shelter_overflow", shelter_overflow},
       {"supply_shortfall", supply_shortfall},
       {"supply_shortfall_meals", food_shortfall_meals},
       {"supply_shortfall_water_l", water_shortfall_l},
       {"supply_shortfall_pumps", pump_shortfall},
       {"team_utilisation", util_den > 0 ? util_num / util_den : 0},
       {"road_km_closed_peak", peak_closed},
       {"road_km_closed_baseline", baseline_closed_km},
       {"peak_flooded_area_km2", h.peak_flooded_area_km2},
       {"flooded_extent_km2", h.flooded_extent_km2}};
  // Response time by incident type.
  for (std::size_t ty = 0; ty < kIncidentTypes; ++ty) {
    std::vector<double> v;
    for (std::size_t i = 0; i < out.incidents.size(); ++i)
      if (static_cast<std::size_t>(out.incidents[i].type) == ty && out.outcomes[i].t_arrived >= 0)
        v.push_back(out.outcomes[i].t_arrived - out.incidents[i].t);
    if (v.empty()) continue;
    const std::string n(kIncidentTypeNames.names[ty]);
    f.push_back({"response_time_median_s_" + n, quantile(v, 0.5)});
    f.push_back({"response_time_p90_s_" + n, quantile(v, 0.9)});
  }
}

}  // namespace sd
