#pragma once
// Road networks and point sets from files (issue 2; formats in docs/formats.md).
//  - CSV pair: nodes.csv (id,x,y[,...]) and edges.csv (from,to,length_m,speed_kph[,lanes,class])
//    with one directed edge per row; extra columns are ignored.
//  - Any OGR line source (GeoPackage, Shapefile, GeoJSON, OSM PBF): intersections are the
//    vertices shared by two or more lines plus line ends; attributes map by OSM conventions
//    (highway, maxspeed, lanes, oneway) with per-class default speeds.
// Malformed rows, unknown node ids and missing files throw sd::InputError naming file:line.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "network/road_graph.hpp"

namespace sd::io {

struct RoadNetworkData {
  std::vector<std::int64_t> node_id;  // external id of dense node k
  std::vector<double> x, y;
  std::vector<net::EdgeInput> edges;  // from/to are dense indices
  std::string crs;                    // WKT/"EPSG:n" or empty when unknown
  bool geographic = false;            // x = lon, y = lat (lengths computed on the sphere)

  // Dense index of an external node id, or nullopt.
  std::optional<net::NodeId> find(std::int64_t id) const;
};

struct RoadLoadOptions {
  std::string crs;         // overrides a sidecar (<nodes.csv>.prj or .crs) / the source
  bool drive_only = true;  // OGR: skip footways, paths, cycleways, steps, ...
  std::string layer;       // OGR layer name; empty = "lines" if present, else the first
};

RoadNetworkData load_road_csv(const std::string& nodes_csv, const std::string& edges_csv,
                              const RoadLoadOptions& options = {});
RoadNetworkData load_road_ogr(const std::string& path, const RoadLoadOptions& options = {});
// Picks by extension: ".csv" -> expects "<dir>/nodes.csv" + "<dir>/edges.csv" when given a
// directory; anything else -> OGR.
RoadNetworkData load_road_network(const std::string& path, const RoadLoadOptions& options = {});

// Road class codes used in EdgeInput::road_class (OSM highway=*; CSV 'class' column may
// give either the code or the OSM name).
int road_class_code(const std::string& highway);  // -1 when unknown
double default_speed_kph(int road_class_code);
const char* road_class_name(int road_class_code);
// OSM maxspeed: "50", "50 mph", "30 knots" -> km/h; anything else (none, signals) -> NaN.
double parse_maxspeed(const std::string& s);

// Points (teams, depots, shelters, demand): CSV "id,x,y[,value]" or any OGR point source
// (id from field "id" or the FID; value from field `value_field` if given). The CRS comes
// from the OGR layer or, for a CSV, from a sidecar "<file>.crs" / "<file>.prj"; bring the
// points onto a DEM with io::to_dem_crs (io/crs_transform.hpp).
struct PointSet {
  std::vector<std::string> id;
  std::vector<double> x, y;
  std::vector<double> value;  // NaN when absent
  std::string crs;            // WKT/"EPSG:n" or empty when unknown
};
PointSet load_points(const std::string& path, const std::string& value_field = "");

// A CSV of node ids with an optional number per row: "node[,value]" with a header row.
// Used for --demand (node,weight), --candidates (node[,capacity]), --fixed (node).
struct NodeValues {
  std::vector<std::int64_t> node;
  std::vector<double> value;  // NaN when the column is absent
};
NodeValues load_node_values(const std::string& path);

}  // namespace sd::io
