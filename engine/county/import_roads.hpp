#pragma once
// The road graph of an imported county, from OSM drivable ways: intersections are OSM nodes
// used by two or more drivable ways, or way ends (by node id, no coordinate matching); the
// shape points between two intersections are folded into the edge length.
#include <cstdint>
#include <string>
#include <vector>

#include "county/import_frame.hpp"
#include "county/import_osm.hpp"
#include "io/raster_io.hpp"

namespace sd::county {

struct ImportNode {
  std::int64_t osm_id = 0;  // the OSM node id (nodes.csv: osm_id; id is dense 0..n-1)
  double x = 0, y = 0;      // frame CRS
};

struct ImportEdge {  // one direction
  std::int64_t from = 0, to = 0;
  double length_m = 0, speed_kph = 0;
  int lanes = 1;
  std::string cls;
  int bridge = 0, tunnel = 0, layer = 0;
  std::int64_t way = 0;
  bool both_ways = false;  // the road is two-way (this row and its reverse)
};

struct ImportRoads {
  std::vector<ImportNode> nodes;
  std::vector<ImportEdge> edges;
  int ways_used = 0;
  int ways_clipped = 0;          // ways with a part outside the DEM/area, cut there
  double road_km = 0;            // each road once, whatever its directions
  int bridges = 0, tunnels = 0;  // ways
};

// Ways are cut where they leave the grid or a cell without DEM data, so no node is off the
// DEM. Throws sd::InputError naming the OSM file when no drivable road is left.
ImportRoads build_import_roads(const OsmData& osm, const ImportFrame& f, const io::Raster& dem);

// Great-circle distance (sphere of radius 6 371 008.8 m, as io/road_io; < 0.5 % from the
// ellipsoid).
double great_circle_m(const LonLat& a, const LonLat& b);

}  // namespace sd::county
