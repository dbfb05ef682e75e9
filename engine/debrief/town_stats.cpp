#include "debrief/town_stats.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/quantile.hpp"

namespace sd::debrief {
namespace {

// The area row of a town index (-1 or out of range: outside).
AreaStats& area(TownTable& t, int town) {
  if (town < 0 || static_cast<std::size_t>(town) >= t.towns.size()) return t.outside;
  return t.towns[static_cast<std::size_t>(town)];
}

// Town of the cell under (x, y), -1 outside the grid or without /grid/town.
int town_at(const RunView& v, const std::vector<float>& town, double x, double y) {
  const auto& g = v.file().grid();
  if (town.empty()) return -1;
  const double fi = std::floor((x - g.x0) / g.cell), fj = std::floor((g.y0 - y) / g.cell);
  if (fi < 0 || fj < 0 || fi >= g.nx || fj >= g.ny) return -1;
  const float t = town[static_cast<std::size_t>(fj) * g.nx + static_cast<std::size_t>(fi)];
  return std::isnan(t) ? -1 : static_cast<int>(t);
}

void add_cells(const CellRasters& cells, const std::vector<float>& town, TownTable& t) {
  const auto& pop = cells.population;
  const auto& depth = cells.max_depth;
  if (pop.empty()) return;
  for (std::size_t c = 0; c < pop.size(); ++c) {
    const double p = std::isnan(pop[c]) ? 0.0 : pop[c];
    AreaStats& a = area(t, town.empty() || std::isnan(town[c]) ? -1 : static_cast<int>(town[c]));
    a.population += p;
    t.county.population += p;
    if (depth.empty() || p <= 0 || std::isnan(depth[c])) continue;
    for (AreaStats* s : {&a, &t.county}) {
      s->peak_depth_m = std::max(s->peak_depth_m, static_cast<double>(depth[c]));
      if (depth[c] > 0.15) s->exposed_015 += p;
      if (depth[c] > 0.5) s->exposed_050 += p;
    }
  }
}

// Road km closed by the storm per area and frame (states 2 and 3, directed edges, as
// /roads/closed_km), an edge belonging to the town of its midpoint.
void add_roads(const RunView& v, const std::vector<float>& town, TownTable& t) {
  const std::size_t E = v.edges.rows(), R = v.road_time.size();
  if (v.road_state.empty()) return;
  std::vector<int> edge_town(E);
  for (std::size_t e = 0; e < E; ++e) {
    const auto [a, b] = v.edge_ends(e);
    edge_town[e] = town_at(v, town, 0.5 * (a.first + b.first), 0.5 * (a.second + b.second));
  }
  std::vector<AreaStats*> all;
  for (auto& a : t.towns) all.push_back(&a);
  all.push_back(&t.outside);
  all.push_back(&t.county);
  for (std::size_t k = 0; k < R; ++k) {
    std::vector<double> km(t.towns.size() + 1, 0.0);
    double county = 0;
    for (std::size_t e = 0; e < E; ++e) {
      const int s = v.road_state_at(k, e);
      if (s != 2 && s != 3) continue;
      const double len = v.edges.num("length_m", e, 0) / 1000.0;
      const int tw = edge_town[e];
      km[tw < 0 || static_cast<std::size_t>(tw) >= t.towns.size() ? t.towns.size()
                                                                  : static_cast<std::size_t>(tw)] +=
          len;
      county += len;
    }
    km.push_back(county);
    for (std::size_t q = 0; q < all.size(); ++q) {
      all[q]->road_km_closed_peak = std::max(all[q]->road_km_closed_peak, km[q]);
      if (km[q] > 0 && std::isnan(all[q]->road_first_closed_s))
        all[q]->road_first_closed_s = v.road_time[k];
    }
  }
}

void add_incidents(const RunView& v, const std::vector<int>& group_of_town, TownTable& t) {
  const std::size_t ntypes = t.type_labels.size();
  for (auto* a : {&t.outside, &t.county}) a->by_type.assign(ntypes, 0);
  for (auto& a : t.towns) a.by_type.assign(ntypes, 0);
  std::vector<std::vector<double>> rt(t.towns.size() + 1);
  std::vector<double> county_rt;
  for (std::size_t i = 0; i < v.incidents.rows(); ++i) {
    const IncidentRow r = v.incident(i);
    if (!r.counted()) continue;
    const int g = r.town < 0 || static_cast<std::size_t>(r.town) >= group_of_town.size()
                      ? -1
                      : group_of_town[static_cast<std::size_t>(r.town)];
    AreaStats& a = area(t, g);
    const auto ty = static_cast<std::size_t>(v.incidents.num("type", i, -1));
    for (AreaStats* s : {&a, &t.county}) {
      if (r.outcome == Outcome::averted) {
        ++s->averted;
        continue;
      }
      ++s->incidents;
      if (ty < ntypes) ++s->by_type[ty];
      s->served += r.served();
      s->late += r.outcome == Outcome::late;
      s->unserved += r.unserved();
      s->unreachable += r.outcome == Outcome::unreachable;
    }
    if (r.outcome == Outcome::averted || !std::isfinite(r.t_arrived)) continue;
    const std::size_t slot = &a == &t.outside ? t.towns.size() : static_cast<std::size_t>(g);
    rt[slot].push_back(r.t_arrived - r.t_created);
    county_rt.push_back(r.t_arrived - r.t_created);
  }
  for (std::size_t q = 0; q < t.towns.size(); ++q) {
    t.towns[q].response_median_s = quantile7(rt[q], 0.5);
    t.towns[q].response_p90_s = quantile7(rt[q], 0.9);
  }
  t.outside.response_median_s = quantile7(rt.back(), 0.5);
  t.outside.response_p90_s = quantile7(rt.back(), 0.9);
  t.county.response_median_s = quantile7(county_rt, 0.5);
  t.county.response_p90_s = quantile7(county_rt, 0.9);
}

void add_shelters_and_supplies(const RunView& v, const std::vector<float>& town, TownTable& t) {
  const std::size_t S = v.shelters.rows(), K = v.kpi_time.size();
  std::vector<int> shelter_town(S);
  for (std::size_t q = 0; q < S; ++q)
    shelter_town[q] = town_at(v, town, v.shelters.num("x", q, 0), v.shelters.num("y", q, 0));
  if (!v.shelter_occupancy.empty())
    for (std::size_t k = 0; k < K; ++k) {
      std::vector<double> sum(t.towns.size() + 1, 0.0);
      double county = 0;
      for (std::size_t q = 0; q < S; ++q) {
        const double o = v.shelter_occupancy[k * S + q];
        const int tw = shelter_town[q];
        sum[tw < 0 || static_cast<std::size_t>(tw) >= t.towns.size()
                ? t.towns.size()
                : static_cast<std::size_t>(tw)] += o;
        county += o;
      }
      for (std::size_t q = 0; q < t.towns.size(); ++q)
        t.towns[q].shelter_peak = std::max(t.towns[q].shelter_peak, sum[q]);
      t.outside.shelter_peak = std::max(t.outside.shelter_peak, sum.back());
      t.county.shelter_peak = std::max(t.county.shelter_peak, county);
    }
  const auto& labels = v.events.labels("type");
  const auto it = std::find(labels.begin(), labels.end(), "shortage");
  if (it == labels.end()) return;
  const double code = static_cast<double>(it - labels.begin());
  for (std::size_t e = 0; e < v.events.rows(); ++e) {
    if (v.events.num("type", e, -1) != code) continue;
    ++area(t, town_at(v, town, v.events.num("x", e, 0), v.events.num("y", e, 0))).shortage_events;
    ++t.county.shortage_events;
  }
}

// One row per group of towns (group_of_town: row of each /places/towns row, -1 none): the
// cells, roads, incidents and shelters of a town count in its group's row.
TownTable group_table(const RunView& v, const CellRasters& cells,
                      const std::vector<std::string>& names,
                      const std::vector<int>& group_of_town) {
  TownTable t;
  t.type_labels = v.incidents.labels("type");
  t.towns.resize(names.size());
  t.members.resize(names.size());
  for (std::size_t q = 0; q < names.size(); ++q) t.towns[q].name = names[q];
  for (std::size_t q = 0; q < group_of_town.size(); ++q)
    if (group_of_town[q] >= 0) {
      const auto g = static_cast<std::size_t>(group_of_town[q]);
      t.towns[g].evacuated += v.towns.num("evacuated", q, 0);
      t.members[g].push_back(q);
    }
  t.outside.name = "-";
  t.county.name = "county";
  std::vector<float> group = cells.town;  // /grid/town mapped to rows
  for (float& c : group) {
    const bool in = !std::isnan(c) && c >= 0 && c < static_cast<float>(group_of_town.size());
    c = in ? static_cast<float>(group_of_town[static_cast<std::size_t>(c)]) : -1.0f;
  }
  add_cells(cells, group, t);
  add_roads(v, group, t);
  add_incidents(v, group_of_town, t);
  add_shelters_and_supplies(v, group, t);
  // Evacuated: the towns' counts; the county figure is the run's, any rest is outside.
  t.county.evacuated = v.final_kpi("people_evacuated", 0);
  double towns_sum = 0;
  for (const auto& a : t.towns) towns_sum += a.evacuated;
  t.outside.evacuated = std::max(0.0, t.county.evacuated - towns_sum);
  return t;
}

}  // namespace

CellRasters read_cell_rasters(const RunView& v) {
  CellRasters c;
  if (v.file().has("/grid/town")) c.town = v.file().read_raster("/grid/town");
  c.population = v.file().read_raster("/grid/population");
  if (!c.population.empty()) c.max_depth = v.file().read_raster("/hazard/max_depth");
  return c;
}

TownTable town_table(const RunView& v) {
  return town_table(v, read_cell_rasters(v));
}

TownTable area_table(const RunView& v) {
  return area_table(v, read_cell_rasters(v));
}

TownTable town_table(const RunView& v, const CellRasters& cells) {
  std::vector<std::string> names;
  std::vector<int> group;
  for (std::size_t q = 0; q < v.towns.rows(); ++q) {
    names.push_back(v.towns.text("name", q));
    group.push_back(static_cast<int>(q));
  }
  return group_table(v, cells, names, group);
}

TownTable area_table(const RunView& v, const CellRasters& cells) {
  std::vector<std::string> names;
  std::vector<int> group(v.towns.rows(), -1);
  std::map<std::string, int> row_of_area;
  const bool has_area = v.towns.has("area");
  for (std::size_t q = 0; q < v.towns.rows(); ++q) {
    const std::string area = has_area ? v.towns.text("area", q) : "";
    if (area.empty()) continue;
    const auto [it, added] = row_of_area.emplace(area, static_cast<int>(names.size()));
    if (added) names.push_back(area);
    group[q] = it->second;
  }
  if (names.empty()) return {};
  for (std::size_t q = 0; q < v.towns.rows(); ++q)  // towns of no area are rows of their own
    if (group[q] < 0) {
      group[q] = static_cast<int>(names.size());
      names.push_back(v.towns.text("name", q));
    }
  return group_table(v, cells, names, group);
}

}  // namespace sd::debrief
