#pragma once
// The default county: a seeded, synthetic but geographically placed model of Haiyan County
// (Zhejiang) on the north shore of Hangzhou Bay, used by the shipped demo scenario.
// generate_county() builds everything in memory; write_county() writes the scenario folder.
// What is real and what is synthetic is documented in docs/county.md.
#include <cstdint>
#include <string>
#include <vector>

#include "io/raster_io.hpp"

namespace sd::county {

// Land-use class codes written to data/landuse.tif (the scenario's [[landuse_class]] codes).
enum LandUse : int { kUrban = 1, kRural = 2, kWater = 3, kForest = 4, kIndustrial = 5 };

struct CountyOptions {
  std::uint64_t seed = 20210725;
  double cell_m = 50.0;   // raster resolution; the extent is fixed (32 x 29 km)
  std::string track_csv;  // CMA track CSV to convert into data/infa-2021.csv ("" = skip)
  // > 0: also a fine DEM of this pixel (data/dem-fine.tif, county/fine_terrain.hpp) and
  // scenarios computed on sub-grid cells of cell_m over it ([flood] subgrid_cell_m).
  double fine_m = 0;
  // The sub-grid scenarios' computational cell (a whole multiple of cell_m dividing the
  // extent; 0 = cell_m). Land use and population stay at cell_m (scenario/subgrid_region.hpp).
  double subgrid_cell_m = 0;
};

struct Point {
  double x = 0.0;  // UTM 51N easting, m
  double y = 0.0;  // UTM 51N northing, m
};

struct Town {
  std::string name;        // as used in scenario files, e.g. "Wuyuan (county seat)"
  std::string short_name;  // e.g. "Wuyuan"
  Point centre;
  double half_size_m = 0;  // the street grid covers centre +- half_size_m
  int population = 0;
  bool low_lying = false;  // inside or next to a polder (pre-positioning target)
};

struct RoadNode {
  Point p;
};

struct RoadEdge {  // one direction; two-way roads are two edges
  int from = 0;
  int to = 0;
  double length_m = 0;
  double speed_kph = 0;
  int lanes = 1;
  std::string cls;      // expressway | arterial | street | ramp
  bool bridge = false;  // crosses a canal (edges.csv column `bridge`)
};

struct Site {  // any named point asset: team base, depot, shelter, critical site, outfall...
  std::string name;
  std::string kind;  // team kind, critical-site kind, "depot", "shelter", "outfall", ...
  Point p;
  int node = -1;  // nearest road node (assets are snapped onto the network)
  // Kind-specific numbers (unused ones stay 0 / empty).
  int crew = 0;
  std::string vehicle;
  double mobilisation_min = 0;
  int capacity = 0;
  double capacity_m3s = 0;
  double serves_radius_m = 0;
  std::string substation;
};

struct Underpass {
  std::string name;
  int node = -1;
  Point p;
  double depth_m = 0;  // how far below the surrounding street the road dips
};

struct County {
  io::Raster dem;                     // m above mean sea level; sea negative
  io::Raster landuse;                 // LandUse codes stored as float
  io::Raster population;              // people per cell
  std::vector<std::uint8_t> seawall;  // 1 where a cell is part of the seawall
  std::vector<Town> towns;            // towns[0] is the county seat
  std::vector<RoadNode> nodes;
  std::vector<RoadEdge> edges;
  std::vector<Site> teams, depots, shelters, critical_sites, pumping_stations, outfalls;
  std::vector<Underpass> underpasses;
  std::string track_csv;      // converted track text ("" when no source track was given)
  io::Raster fine_dem;        // sub-grid terrain (empty unless CountyOptions::fine_m > 0)
  double subgrid_cell_m = 0;  // [flood] subgrid_cell_m of the scenarios when fine_dem is set
  std::uint64_t seed = 0;     // the generator seed (the fine DEM's regeneration command)
};

County generate_county(const CountyOptions& opt);

// Writes data/{dem,landuse,population}.tif, data/roads/{nodes,edges}.csv, data/underpasses.csv,
// data/infa-2021.csv (when converted), scenario*.toml and plan-*.toml under dir, atomically;
// with a fine DEM also data/dem-fine.tif and its hash data/dem-fine.fnv1a (fine_dem_hash.hpp).
void write_county(const County& c, const std::string& dir);

}  // namespace sd::county
