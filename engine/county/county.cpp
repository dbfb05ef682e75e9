#include "county/county.hpp"

#include "county/fine_dem_hash.hpp"
#include "county/fine_terrain.hpp"

#include <filesystem>
#include <sstream>

#include "county/assets.hpp"
#include "county/places.hpp"
#include "county/population.hpp"
#include "county/roads.hpp"
#include "county/scenario_toml.hpp"
#include "county/terrain.hpp"
#include "county/track_import.hpp"
#include "io/atomic_file.hpp"

namespace sd::county {
namespace {

std::string nodes_csv(const County& c) {
  std::ostringstream o;
  o.setf(std::ios::fixed);
  o.precision(1);
  o << "id,x,y\n";
  for (std::size_t n = 0; n < c.nodes.size(); ++n)
    o << n << ',' << c.nodes[n].p.x << ',' << c.nodes[n].p.y << '\n';
  return o.str();
}

std::string edges_csv(const County& c) {
  std::ostringstream o;
  o.setf(std::ios::fixed);
  o.precision(1);
  o << "from,to,length_m,speed_kph,lanes,class,bridge\n";
  for (const RoadEdge& e : c.edges)
    o << e.from << ',' << e.to << ',' << e.length_m << ',' << e.speed_kph << ',' << e.lanes << ','
      << e.cls << ',' << (e.bridge ? 1 : 0) << '\n';
  return o.str();
}

std::string underpasses_csv(const County& c) {
  std::ostringstream o;
  o.setf(std::ios::fixed);
  o.precision(1);
  o << "name,node,x,y,depth_m\n";
  for (const Underpass& u : c.underpasses)
    o << '"' << u.name << "\"," << u.node << ',' << u.p.x << ',' << u.p.y << ',' << u.depth_m
      << '\n';
  return o.str();
}

}  // namespace

County generate_county(const CountyOptions& opt) {
  County c;
  const Grid g = county_grid(opt.cell_m);
  if (!opt.track_csv.empty()) c.track_csv = convert_cma_track(opt.track_csv);
  c.towns = haiyan_towns();
  Terrain t = build_terrain(g, c.towns, opt.seed);
  RoadNetwork net = build_roads(g, t, c.towns, opt.seed);
  c.nodes = net.nodes;
  c.edges = net.edges;
  dig_underpasses(g, net, t, c);
  place_assets(g, t, net, c);
  const std::string wkt = utm51n_wkt();
  c.dem = io::Raster{g, t.dem, wkt};
  c.landuse = io::Raster{g, t.landuse, wkt};
  c.population = io::Raster{g, distribute_population(g, t, c.towns), wkt};
  c.seawall = t.wall;
  c.seed = opt.seed;
  if (opt.fine_m > 0) {
    c.fine_dem = fine_terrain(c, opt.fine_m, opt.seed);
    c.subgrid_cell_m = opt.subgrid_cell_m > 0 ? opt.subgrid_cell_m : opt.cell_m;
  }
  return c;
}

void write_county(const County& c, const std::string& dir) {
  namespace fs = std::filesystem;
  const fs::path d(dir);
  fs::create_directories(d / "data" / "roads");
  io::write_raster((d / "data" / "dem.tif").string(), c.dem);
  if (!c.fine_dem.data.empty()) {
    io::write_raster((d / "data" / "dem-fine.tif").string(), c.fine_dem);
    write_fine_hash(dir, raster_hash(c.fine_dem));
  }
  io::write_raster((d / "data" / "landuse.tif").string(), c.landuse);
  io::write_raster((d / "data" / "population.tif").string(), c.population);
  io::write_text_atomic((d / "data" / "roads" / "nodes.csv").string(), nodes_csv(c));
  io::write_text_atomic((d / "data" / "roads" / "edges.csv").string(), edges_csv(c));
  io::write_text_atomic((d / "data" / "underpasses.csv").string(), underpasses_csv(c));
  if (!c.track_csv.empty())
    io::write_text_atomic((d / "data" / "infa-2021.csv").string(), c.track_csv);
  io::write_text_atomic((d / "scenario.toml").string(), scenario_toml(c, TidePhase::Rising));
  io::write_text_atomic((d / "scenario-hightide.toml").string(), scenario_toml(c, TidePhase::High));
  io::write_text_atomic((d / "scenario-lowtide.toml").string(), scenario_toml(c, TidePhase::Low));
  io::write_text_atomic((d / "plan-current.toml").string(), plan_toml(c, false));
  io::write_text_atomic((d / "plan-prepositioned.toml").string(), plan_toml(c, true));
}

}  // namespace sd::county
