#include "county/import_towns.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include "county/import_rasterize.hpp"

namespace sd::county {
namespace {

bool on_dem(const ImportFrame& f, const io::Raster& dem, const LonLat& p, double& x, double& y,
            std::size_t& cell) {
  int i, j;
  f.proj->forward(p.lon, p.lat, x, y);
  if (!std::isfinite(x) || !f.grid.locate(x, y, i, j)) return false;
  cell = f.grid.index(i, j);
  return std::isfinite(dem.data[cell]);
}

// Place nodes of the first tier that has any on the DEM.
std::vector<ImportTown> place_towns(const OsmData& osm, const ImportFrame& f,
                                    const io::Raster& dem) {
  std::vector<ImportTown> towns;
  const std::vector<std::vector<std::string>> tiers = {{"city", "town", "village"},
                                                       {"suburb", "quarter", "hamlet"}};
  for (const auto& tier : tiers) {
    for (const OsmPlace& p : osm.places) {
      if (std::find(tier.begin(), tier.end(), p.place) == tier.end()) continue;
      double x, y;
      std::size_t c;
      if (!on_dem(f, dem, p.p, x, y, c)) continue;
      towns.push_back({p.name, "node/" + std::to_string(p.id), "place=" + p.place, "", x, y, 0});
    }
    if (!towns.empty()) break;
  }
  return towns;
}

// The admin area of every cell at one level (-1: none); where areas of the level overlap, the
// smaller wins (it is burned last).
std::vector<int> cells_of_level(const OsmData& osm, const ImportFrame& f, int level) {
  std::vector<std::size_t> order;
  for (std::size_t a = 0; a < osm.admin.size(); ++a)
    if (osm.admin[a].level == level) order.push_back(a);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return osm.admin[a].area_m2 > osm.admin[b].area_m2;
  });
  std::vector<int> unit(f.grid.size(), -1);
  for (std::size_t a : order)
    for (const OsmArea& part : osm.admin[a].parts)
      fill_area(f, part, [&](std::size_t c) { unit[c] = static_cast<int>(a); });
  return unit;
}

double people_covered(const std::vector<int>& unit, const io::Raster& pop) {
  double s = 0;
  for (std::size_t c = 0; c < unit.size(); ++c)
    if (unit[c] >= 0 && pop.data[c] > 0) s += pop.data[c];
  return s;
}

// The level (>= kTownAdminLevelMin) whose areas hold the most people; 0 when none holds any.
int best_level(const OsmData& osm, const ImportFrame& f, const io::Raster& pop,
               std::vector<int>& unit) {
  std::set<int> levels;
  for (const OsmAdminArea& a : osm.admin)
    if (a.level >= kTownAdminLevelMin) levels.insert(a.level);
  int best = 0;
  double most = 0;
  for (int level : levels) {
    std::vector<int> u = cells_of_level(osm, f, level);
    const double p = people_covered(u, pop);
    if (p > 0 && p >= most) most = p, best = level, unit = std::move(u);
  }
  return best;
}

std::size_t nearest(const std::vector<ImportTown>& towns, const std::vector<std::size_t>& among,
                    double x, double y) {
  std::size_t best = among.front();
  double bd = 1e300;
  for (std::size_t t : among) {
    const double d = std::hypot(towns[t].x - x, towns[t].y - y);
    if (d < bd) bd = d, best = t;
  }
  return best;
}

}  // namespace

std::vector<long> round_preserving_sum(const std::vector<double>& v) {
  std::vector<long> out(v.size());
  std::vector<std::size_t> order(v.size());
  long sum_floor = 0;
  double sum = 0;
  for (std::size_t k = 0; k < v.size(); ++k) {
    out[k] = static_cast<long>(std::floor(v[k]));
    sum_floor += out[k];
    sum += v[k];
  }
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return v[a] - std::floor(v[a]) > v[b] - std::floor(v[b]);
  });
  const long missing = std::lround(sum) - sum_floor;
  for (long k = 0; k < missing && k < static_cast<long>(order.size()); ++k) ++out[order[k]];
  return out;
}

TownsResult build_towns(const OsmData& osm, const ImportFrame& f, const io::Raster& dem,
                        const io::Raster& pop, const std::string& fallback) {
  const Grid& g = f.grid;
  TownsResult r;
  r.towns = place_towns(osm, f, dem);
  std::vector<int> unit;
  r.admin_level = best_level(osm, f, pop, unit);
  if (unit.empty()) unit.assign(g.size(), -1);
  // Admin areas on the grid: people, most populous cell, towns inside.
  std::map<int, std::size_t> unit_index;  // OSM admin index -> r.units index
  std::vector<double> unit_people;
  std::vector<std::size_t> unit_peak;
  for (std::size_t c = 0; c < g.size(); ++c) {
    if (unit[c] < 0 || !std::isfinite(dem.data[c])) continue;
    auto [it, added] = unit_index.emplace(unit[c], r.units.size());
    if (added) {
      const OsmAdminArea& a = osm.admin[static_cast<std::size_t>(unit[c])];
      r.units.push_back({a.name, a.osm_type + "/" + std::to_string(a.id), a.level, 0, 0});
      unit_people.push_back(0);
      unit_peak.push_back(c);
    }
    const float p = pop.data[c] > 0 ? pop.data[c] : 0.0f;
    unit_people[it->second] += p;
    if (p > pop.data[unit_peak[it->second]]) unit_peak[it->second] = c;
  }
  std::map<std::string, int> unit_names;  // unique names: "Name (2)" for a repeat
  for (auto& u : r.units)
    if (int n = ++unit_names[u.name]; n > 1) u.name += " (" + std::to_string(n) + ")";
  if (!r.units.empty()) {
    r.areas = dem;
    for (std::size_t c = 0; c < g.size(); ++c) {
      const auto it = unit_index.find(unit[c]);
      r.areas.data[c] = it == unit_index.end() || !std::isfinite(dem.data[c])
                            ? 0.0f
                            : static_cast<float>(it->second + 1);
    }
  }
  std::vector<int> town_unit;  // r.units index per town, -1 outside every area
  for (ImportTown& t : r.towns) {
    int i = 0, j = 0;
    g.locate(t.x, t.y, i, j);  // on the grid: place_towns keeps only those
    const auto it = unit_index.find(unit[g.index(i, j)]);
    town_unit.push_back(it == unit_index.end() ? -1 : static_cast<int>(it->second));
  }
  for (std::size_t u = 0; u < r.units.size(); ++u) {
    if (std::count(town_unit.begin(), town_unit.end(), static_cast<int>(u)) > 0 ||
        !(unit_people[u] > 0))
      continue;
    const std::size_t c = unit_peak[u];
    r.towns.push_back({r.units[u].name, r.units[u].osm,
                       "admin_level=" + std::to_string(r.units[u].level), "",
                       g.cx(static_cast<int>(c % g.nx)), g.cy(static_cast<int>(c / g.nx)), 0});
    town_unit.push_back(static_cast<int>(u));
  }
  if (r.towns.empty()) {
    const auto it = std::max_element(pop.data.begin(), pop.data.end(), [](float a, float b) {
      return (std::isfinite(a) ? a : -1.0f) < (std::isfinite(b) ? b : -1.0f);
    });
    const std::size_t c = static_cast<std::size_t>(it - pop.data.begin());
    r.towns.push_back({fallback, "", "", "", g.cx(static_cast<int>(c % g.nx)),
                       g.cy(static_cast<int>(c / g.nx)), 0});
    town_unit.push_back(-1);
  }
  // Candidate towns per area (index r.units.size() = outside every area: all towns).
  std::vector<std::vector<std::size_t>> among(r.units.size() + 1);
  for (std::size_t t = 0; t < r.towns.size(); ++t) {
    among.back().push_back(t);
    if (town_unit[t] >= 0) {
      among[static_cast<std::size_t>(town_unit[t])].push_back(t);
      r.towns[t].unit = r.units[static_cast<std::size_t>(town_unit[t])].name;
      ++r.units[static_cast<std::size_t>(town_unit[t])].towns;
    }
  }
  std::vector<double> people(r.towns.size(), 0.0);
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const std::size_t c = g.index(i, j);
      if (!(pop.data[c] > 0)) continue;
      const auto it = unit_index.find(unit[c]);
      const auto& cand = it != unit_index.end() ? among[it->second] : among.back();
      people[nearest(r.towns, cand.empty() ? among.back() : cand, g.cx(i), g.cy(j))] += pop.data[c];
    }
  const std::vector<long> rounded = round_preserving_sum(people);
  for (std::size_t t = 0; t < r.towns.size(); ++t) r.towns[t].population = rounded[t];
  const std::vector<long> unit_rounded = round_preserving_sum(unit_people);
  for (std::size_t u = 0; u < r.units.size(); ++u) r.units[u].population = unit_rounded[u];
  std::map<std::string, int> seen;  // unique names: "Name (2)" for a repeat
  for (auto& t : r.towns)
    if (int n = ++seen[t.name]; n > 1) t.name += " (" + std::to_string(n) + ")";
  return r;
}

}  // namespace sd::county
