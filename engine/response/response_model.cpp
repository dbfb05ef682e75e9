#include "response/response_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/error.hpp"
#include "hazard/flood_setup.hpp"
#include "io/crs_transform.hpp"
#include "io/road_io.hpp"

namespace sd {
namespace {

std::string roads_source(const Scenario& s) {
  if (!s.roads_network_path.empty()) return s.roads_network_path;
  if (!s.roads_nodes_path.empty()) return s.roads_nodes_path;
  return s.path + ": the road network";
}

// Bridges, culverts and tunnels (network/road_surface.hpp): structure tags from the input
// rows; permanent water = the land-use water class (canals, rivers, sea).
void compile_road_surface(const Scenario& s, const io::RoadNetworkData& d, ResponseModel& m) {
  const auto input = m.graph->input_index();
  std::vector<net::RoadStructure> structure(input.size());
  for (std::size_t e = 0; e < input.size(); ++e) {
    const net::EdgeInput& in = d.edges[input[e]];
    structure[e] = net::road_structure(in.bridge, in.tunnel, in.layer);
    if (structure[e] == net::RoadStructure::Tunnel) m.edge_underpass[e] = 1;
  }
  std::vector<std::uint8_t> water(s.dem.data.size(), 0);
  for (std::size_t c = 0; c < s.landuse.data.size() && c < water.size(); ++c)
    water[c] = s.landuse.data[c] == kWaterLanduse;
  const net::RoadLevelRules rules{static_cast<float>(s.flood.road_bridge_deck_m),
                                  static_cast<float>(s.flood.road_culvert_deck_m)};
  m.road_surface = net::road_surface(m.edge_cells, std::move(structure), s.dem.data, water, rules);
}

void compile_roads(const Scenario& s, const io::RoadNetworkData& d, ResponseModel& m) {
  if (d.x.empty()) throw InputError(s.path + ": the road network has no nodes");
  m.node_id = d.node_id;
  // Node positions in the DEM's CRS: a network in lon/lat (an .osm.pbf, or CSVs with a
  // .crs sidecar) would otherwise sit in degrees beside a metric DEM and touch no flood.
  std::vector<double> x = d.x, y = d.y;
  std::string crs = d.crs;
  io::to_dem_crs(x, y, crs, s.dem.crs_wkt, s.dem.grid, roads_source(s),
                 "Declare the network's CRS in a sidecar '" +
                     (s.roads_nodes_path.empty() ? std::string("nodes.csv") : s.roads_nodes_path) +
                     ".crs' (e.g. EPSG:4326 for lon/lat) or with [roads] crs in the scenario.");
  m.graph = std::make_unique<net::RoadGraph>(x, y, d.edges);
  // Nodes outside the largest strongly connected component stay in the graph (a query to
  // them says it cannot be answered) but assets are snapped only onto the component.
  std::vector<net::NodeId> keep;
  const auto outside = m.graph->outside_largest_scc();
  if (!outside.empty()) {
    std::vector<std::uint8_t> out(m.graph->num_nodes(), 0);
    for (auto v : outside) out[v] = 1;
    for (net::NodeId v = 0; v < m.graph->num_nodes(); ++v)
      if (!out[v]) keep.push_back(v);
    std::string list;
    for (std::size_t k = 0; k < outside.size() && k < 10; ++k)
      list += (k ? ", " : "") + std::to_string(d.node_id[outside[k]]);
    m.warnings.push_back("road network: " + std::to_string(outside.size()) +
                         " node(s) outside the largest strongly connected component (e.g. " + list +
                         "); assets are snapped onto the connected part");
  }
  m.snapper = std::make_unique<net::Snapper>(*m.graph, keep);
  const auto len = m.graph->length_m();
  const auto cls = m.graph->road_class();
  m.edge_km.resize(len.size());
  m.edge_underpass.resize(len.size());
  const int underpass = io::road_class_code("underpass");
  for (std::size_t e = 0; e < len.size(); ++e) {
    m.edge_km[e] = static_cast<float>(len[e] / 1000.0);
    m.edge_underpass[e] = underpass >= 0 && cls[e] == underpass;
  }
  // A two-way road is two directed edges: its exposure to incidents counts once.
  m.road_km.assign(len.size(), 0.0f);
  for (std::size_t e = 0; e < len.size(); ++e) {
    const auto a = m.graph->tail()[e], b = m.graph->head()[e];
    const bool has_reverse = !m.graph->edges_between(b, a).empty();
    if (!has_reverse || a < b) m.road_km[e] = m.edge_km[e];
  }
  m.edge_cells = net::rasterize_edges(*m.graph, s.dem.grid);
  compile_road_surface(s, d, m);
}

// The town of every cell: the nearest town (towns are few: a direct scan is cheapest). With
// [region] areas, a cell inside an area goes to the nearest town of that area (the
// administrative boundary, not the distance, decides, as `county import` splits people), and
// a cell outside every area, or in an area without towns, to the nearest town of all.
void assign_cell_towns(const Scenario& s, ResponseModel& m) {
  const Grid& g = s.dem.grid;
  std::vector<std::vector<int>> among(s.town_areas.size() + 1);  // last: every town
  for (std::size_t t = 0; t < s.towns.size(); ++t) {
    among.back().push_back(static_cast<int>(t));
    for (std::size_t a = 0; a < s.town_areas.size(); ++a)
      if (s.towns[t].area == s.town_areas[a].name) among[a].push_back(static_cast<int>(t));
  }
  std::map<int, std::size_t> area_of_code;
  for (std::size_t a = 0; a < s.town_areas.size(); ++a) area_of_code[s.town_areas[a].code] = a;
  const bool by_area = s.areas.data.size() == g.size();
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const std::size_t c = g.index(i, j);
      const std::vector<int>* cand = &among.back();
      if (by_area && !std::isnan(s.areas.data[c])) {
        const auto it = area_of_code.find(static_cast<int>(s.areas.data[c]));
        if (it != area_of_code.end() && !among[it->second].empty()) cand = &among[it->second];
      }
      double best = 1e300;
      int bt = -1;
      for (int t : *cand) {
        const double dx = g.cx(i) - s.towns[t].x, dy = g.cy(j) - s.towns[t].y;
        if (dx * dx + dy * dy < best) best = dx * dx + dy * dy, bt = t;
      }
      m.cell_town[c] = static_cast<std::int16_t>(bt);
    }
}

void aggregate_population(const Scenario& s, ResponseModel& m) {
  const Grid& g = s.dem.grid;
  m.population.assign(g.size(), 0.0f);
  m.cell_town.assign(g.size(), -1);
  m.cell_urban.assign(g.size(), 0);
  assign_cell_towns(s, m);
  if (!s.population.data.empty()) {
    for (std::size_t c = 0; c < g.size(); ++c) {
      const float p = s.population.data[c];
      m.population[c] = std::isnan(p) || std::isnan(s.dem.data[c]) || p < 0 ? 0.0f : p;
    }
  } else {
    // No raster: spread each town's population over the urban cells nearest to it, or over a
    // disc of 1.5 km when there is no land-use map.
    std::vector<double> weight_sum(s.towns.size(), 0.0);
    std::vector<float> w(g.size(), 0.0f);
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) {
        const std::size_t c = g.index(i, j);
        const int t = m.cell_town[c];
        if (t < 0 || std::isnan(s.dem.data[c])) continue;
        const bool urban =
            !s.landuse.data.empty() && (s.landuse.data[c] == 1.0f || s.landuse.data[c] == 5.0f);
        const double dx = g.cx(i) - s.towns[t].x, dy = g.cy(j) - s.towns[t].y;
        const bool near = dx * dx + dy * dy < 1500.0 * 1500.0;
        if (s.landuse.data.empty()
                ? near
                : (urban && near) || (near && dx * dx + dy * dy < 500.0 * 500.0)) {
          w[c] = 1.0f;
          weight_sum[t] += 1.0;
        }
      }
    for (std::size_t c = 0; c < g.size(); ++c) {
      const int t = m.cell_town[c];
      if (t >= 0 && w[c] > 0)
        m.population[c] = static_cast<float>(s.towns[t].population / weight_sum[t]);
    }
  }
  for (std::size_t c = 0; c < g.size(); ++c)
    m.cell_urban[c] =
        !s.landuse.data.empty() && (s.landuse.data[c] == 1.0f || s.landuse.data[c] == 5.0f);
  m.population_cdf.resize(g.size());
  double acc = 0;
  for (std::size_t c = 0; c < g.size(); ++c) m.population_cdf[c] = acc += m.population[c];
  m.total_population = acc;
  // Wind blocks
  m.blocks_x = (g.nx + m.block_cells - 1) / m.block_cells;
  m.blocks_y = (g.ny + m.block_cells - 1) / m.block_cells;
  const std::size_t nb = static_cast<std::size_t>(m.blocks_x) * m.blocks_y;
  m.block_population.assign(nb, 0.0);
  m.block_cells_list.assign(nb, {});
  m.block_cdf.assign(nb, {});
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const std::size_t c = g.index(i, j);
      if (m.population[c] <= 0) continue;
      const std::size_t b =
          static_cast<std::size_t>(j / m.block_cells) * m.blocks_x + i / m.block_cells;
      m.block_population[b] += m.population[c];
      m.block_cells_list[b].push_back(static_cast<std::uint32_t>(c));
      m.block_cdf[b].push_back(m.block_population[b]);
    }
}

std::string metres(double m) {
  char b[32];
  std::snprintf(b, sizeof b, m >= 10000 ? "%.1f km" : "%.0f m", m >= 10000 ? m / 1000 : m);
  return b;
}

std::string snap_message(const char* kind, const std::string& name, double dist) {
  return std::string(kind) + " '" + name + "' is " + metres(dist) +
         " from the nearest road node it snaps to";
}

}  // namespace

std::shared_ptr<const ResponseModel> build_response_model(const Scenario& s) {
  io::RoadLoadOptions opt;
  opt.crs = s.roads_crs;
  const io::RoadNetworkData d = s.roads_network_path.empty()
                                    ? io::load_road_csv(s.roads_nodes_path, s.roads_edges_path, opt)
                                    : io::load_road_network(s.roads_network_path, opt);
  return build_response_model(s, d);
}

std::shared_ptr<const ResponseModel> build_response_model(const Scenario& s,
                                                          const io::RoadNetworkData& d) {
  auto m = std::make_shared<ResponseModel>();
  m->scenario = &s;
  compile_roads(s, d, *m);
  aggregate_population(s, *m);
  // An asset far from every road is usually a coordinate mistake (or a network that misses
  // its area): a team 3.6 km off the network would drive its first kilometres through fields.
  std::string too_far;
  auto snap_all = [&](auto const& items, std::vector<net::NodeId>& out, const char* kind) {
    out.clear();
    for (const auto& it : items) {
      double dist = 0;
      out.push_back(m->snapper->nearest_node(it.x, it.y, &dist));
      if (dist <= s.snap_warn_m) continue;
      const std::string msg = snap_message(kind, it.name, dist);
      if (dist > s.snap_error_m)
        too_far += "\n  " + msg;
      else
        m->warnings.push_back(msg + " (over snap_warn_m = " + metres(s.snap_warn_m) + ")");
    }
  };
  snap_all(s.teams, m->team_node, "team");
  snap_all(s.depots, m->depot_node, "depot");
  snap_all(s.shelters, m->shelter_node, "shelter");
  snap_all(s.sites, m->site_node, "critical_site");
  snap_all(s.towns, m->town_node, "town");
  if (!too_far.empty())
    throw InputError(s.path + ": asset(s) farther than snap_error_m = " + metres(s.snap_error_m) +
                     " from the road network (check their x, y and the network's CRS):" + too_far);
  return m;
}

}  // namespace sd
