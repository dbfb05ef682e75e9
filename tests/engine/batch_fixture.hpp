#pragma once
// A small flooding county for end-to-end and batch tests: a 40 x 30 cell bowl (50 m cells)
// under a 2-hour design storm, a road lattice across it, two towns, three teams, a shelter.
// Small enough to run a hazard in a second or two on one thread.
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <sstream>

#include "scenario_fixture.hpp"

namespace sdtest {

inline std::filesystem::path make_flood_county(const std::string& name) {
  namespace fs = std::filesystem;
  // Per process: the same fixture name in two test processes (or two worktrees) must not collide.
  const fs::path dir =
      fs::temp_directory_path() / ("sd_county_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "data");
  const int nx = 40, ny = 30;
  sd::io::Raster dem;
  dem.grid = sd::Grid{nx, ny, 300000.0, 3381500.0, 50.0};
  dem.crs_wkt = kUtm51;
  dem.data.resize(dem.grid.size());
  sd::io::Raster pop = dem, lu = dem;
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      const double dx = (i - 20) / 20.0, dy = (j - 15) / 15.0;
      const std::size_t c = dem.grid.index(i, j);
      dem.data[c] = static_cast<float>(1.0 + 2.0 * (dx * dx + dy * dy));  // a bowl: low centre
      pop.data[c] = 40.0f;
      lu.data[c] = 1.0f;
    }
  sd::io::write_raster((dir / "data/dem.tif").string(), dem);
  sd::io::write_raster((dir / "data/pop.tif").string(), pop);
  sd::io::write_raster((dir / "data/landuse.tif").string(), lu);
  // Road lattice: 8 x 6 nodes, 250 m apart, two-way.
  std::ostringstream nodes, edges;
  nodes << "id,x,y\n";
  edges << "from,to,length_m,speed_kph,lanes,class\n";
  auto id = [](int i, int j) { return 1 + j * 8 + i; };
  for (int j = 0; j < 6; ++j)
    for (int i = 0; i < 8; ++i)
      nodes << id(i, j) << "," << 300125 + 250 * i << "," << 3380125 + 250 * j << "\n";
  for (int j = 0; j < 6; ++j)
    for (int i = 0; i < 8; ++i) {
      if (i + 1 < 8)
        edges << id(i, j) << "," << id(i + 1, j) << ",250,40,1,street\n"
              << id(i + 1, j) << "," << id(i, j) << ",250,40,1,street\n";
      if (j + 1 < 6)
        edges << id(i, j) << "," << id(i, j + 1) << ",250,40,1,street\n"
              << id(i, j + 1) << "," << id(i, j) << ",250,40,1,street\n";
    }
  write_file(dir / "data/nodes.csv", nodes.str());
  write_file(dir / "data/edges.csv", edges.str());
  write_file(dir / "plan-a.toml",
             "[plan]\nname = \"a\"\ndispatch = \"nearest\"\nwarning_lead_h = 0.0\n");
  write_file(dir / "plan-b.toml",
             "[plan]\nname = \"b\"\ndispatch = \"priority\"\nwarning_lead_h = 0.0\n");
  write_file(dir / "scenario.toml", R"(include = ["plan-a.toml"]
[scenario]
name = "bowl county"
start = "2021-07-25T08:00:00+08:00"
duration_h = 3.0
seed = 11

[region]
dem = "data/dem.tif"
landuse = "data/landuse.tif"
population = "data/pop.tif"

[[landuse_class]]
code = 1
name = "urban"
manning = 0.03
drainage_mmph = 5.0

[storm]
[storm.design]
a1 = 12.0
c = 0.8
b = 10.0
n = 0.75
return_period_y = 50
duration_min = 120
peak_ratio = 0.4
start_h = 0.0

[flood]
frame_interval_min = 10.0

[roads]
nodes = "data/nodes.csv"
edges = "data/edges.csv"

[incidents]
trapped_depth_m = 0.3
trapped_per_person_h = 2e-3
stranded_per_km_h = 2.0
medical_per_person_h = 1e-4

[[town]]
name = "West"
x = 300500.0
y = 3380750.0
population = 20000

[[town]]
name = "East"
x = 301500.0
y = 3380750.0
population = 20000

[[team]]
name = "Fire West"
kind = "fire"
x = 300125.0
y = 3380125.0
mobilisation_min = 0.0

[[team]]
name = "Fire East"
kind = "fire"
x = 301875.0
y = 3381375.0
mobilisation_min = 0.0

[[team]]
name = "Ambulance"
kind = "medical"
x = 301000.0
y = 3380125.0
mobilisation_min = 0.0

[[depot]]
name = "Depot"
x = 300600.0
y = 3380200.0
stock = { pumps = 5, food = 1000, water = 2000 }

[[shelter]]
name = "Gym"
x = 301600.0
y = 3381300.0
capacity = 500
)");
  return dir;
}

}  // namespace sdtest
