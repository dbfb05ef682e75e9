#include "county/import_roads.hpp"

#include <cmath>
#include <cstdlib>
#include <unordered_map>

#include "core/error.hpp"
#include "io/road_io.hpp"

namespace sd::county {
namespace {

struct Attrs {
  double speed = 0;
  int lanes_dir = 1;  // lanes per direction
  bool forward = true, backward = true;
  int bridge = 0, tunnel = 0, layer = 0;
};

bool yes(const std::string& v) {
  return !v.empty() && v != "no" && v != "0" && v != "false";
}

Attrs attrs(const OsmRoadWay& w) {
  Attrs a;
  const int code = io::road_class_code(w.highway);
  a.speed = io::parse_maxspeed(w.maxspeed);
  if (!std::isfinite(a.speed)) a.speed = io::default_speed_kph(code);
  // OSM oneway rules: yes/1/true digitised direction; -1/reverse the opposite; motorways and
  // roundabouts are implied one-way unless oneway=no.
  const std::string& o = w.oneway;
  const bool implied =
      w.highway == "motorway" || w.junction == "roundabout" || w.junction == "circular";
  if (o == "yes" || o == "1" || o == "true" || (implied && o != "no")) a.backward = false;
  if (o == "-1" || o == "reverse") a.forward = false;
  const bool two_way = a.forward && a.backward;
  const int lanes = std::atoi(w.lanes.c_str());  // total over both directions (OSM lanes=*)
  if (lanes > 0)
    a.lanes_dir = two_way ? std::max(1, lanes / 2) : lanes;
  else
    a.lanes_dir = (w.highway == "motorway" || w.highway == "trunk") ? 2 : 1;
  a.bridge = yes(w.bridge) ? 1 : 0;
  a.tunnel = yes(w.tunnel) ? 1 : 0;
  a.layer = std::atoi(w.layer.c_str());
  return a;
}

}  // namespace

double great_circle_m(const LonLat& a, const LonLat& b) {
  constexpr double R = 6371008.8, d2r = M_PI / 180.0;
  const double dphi = (b.lat - a.lat) * d2r, dl = (b.lon - a.lon) * d2r;
  const double h =
      std::sin(dphi / 2) * std::sin(dphi / 2) +
      std::cos(a.lat * d2r) * std::cos(b.lat * d2r) * std::sin(dl / 2) * std::sin(dl / 2);
  return 2 * R * std::asin(std::min(1.0, std::sqrt(h)));
}

ImportRoads build_import_roads(const OsmData& osm, const ImportFrame& f, const io::Raster& dem) {
  ImportRoads r;
  // Project every way point once; a point is usable when it falls on a DEM cell with data.
  std::vector<std::vector<char>> inside(osm.roads.size());
  std::vector<std::vector<double>> xs(osm.roads.size()), ys(osm.roads.size());
  std::unordered_map<std::int64_t, int> uses;
  for (std::size_t w = 0; w < osm.roads.size(); ++w) {
    const OsmRoadWay& way = osm.roads[w];
    for (std::size_t k = 0; k < way.pts.size(); ++k) {
      double x, y;
      f.proj->forward(way.pts[k].lon, way.pts[k].lat, x, y);
      int i, j;
      const bool in = std::isfinite(x) && f.grid.locate(x, y, i, j) &&
                      std::isfinite(dem.data[f.grid.index(i, j)]);
      inside[w].push_back(in);
      xs[w].push_back(x);
      ys[w].push_back(y);
      if (in) ++uses[way.nodes[k]];
    }
  }
  std::unordered_map<std::int64_t, std::size_t> node_index;
  auto node = [&](std::size_t w, std::size_t k) {
    const std::int64_t id = osm.roads[w].nodes[k];
    if (node_index.emplace(id, r.nodes.size()).second) r.nodes.push_back({id, xs[w][k], ys[w][k]});
  };
  for (std::size_t w = 0; w < osm.roads.size(); ++w) {
    const OsmRoadWay& way = osm.roads[w];
    const Attrs a = attrs(way);
    bool used = false, clipped = false;
    std::size_t start = SIZE_MAX;  // index of the last graph node on the current piece
    double len = 0;
    for (std::size_t k = 0; k < way.pts.size(); ++k) {
      if (!inside[w][k]) {
        clipped = true;
        start = SIZE_MAX;
        continue;
      }
      if (start == SIZE_MAX) {  // a piece begins (way start or re-entry): a graph node
        start = k;
        len = 0;
        continue;
      }
      len += great_circle_m(way.pts[k - 1], way.pts[k]);
      const bool piece_end = k + 1 == way.pts.size() || !inside[w][k + 1];
      if (!piece_end && uses[way.nodes[k]] < 2) continue;  // a shape point
      node(w, start);
      node(w, k);
      const bool both = a.forward && a.backward;
      ImportEdge e{way.nodes[start], way.nodes[k], len,     a.speed, a.lanes_dir, way.highway,
                   a.bridge,         a.tunnel,     a.layer, way.id,  both};
      if (a.forward) r.edges.push_back(e);
      if (a.backward)
        r.edges.push_back({e.to, e.from, len, a.speed, a.lanes_dir, way.highway, a.bridge, a.tunnel,
                           a.layer, way.id, both});
      r.road_km += len / 1000.0;
      used = true;
      start = k;
      len = 0;
    }
    if (used) {
      ++r.ways_used;
      r.ways_clipped += clipped;
      r.bridges += a.bridge;
      r.tunnels += a.tunnel;
    }
  }
  if (r.edges.empty())
    throw InputError(osm.path + ": no drivable road (highway=motorway..service) lies on the DEM " +
                     "inside the area; road extent " +
                     LonLatBox{osm.min_lon, osm.min_lat, osm.max_lon, osm.max_lat}.str() +
                     ", area " + f.aoi.str());
  return r;
}

}  // namespace sd::county
