#pragma once
// What `county import` takes from an OpenStreetMap extract, read with libosmium (node ids and
// tags directly; areas from closed ways and multipolygon relations by osmium's assembler).
// Everything is kept in WGS 84 longitude/latitude; projection happens later.
#include <cstdint>
#include <string>
#include <vector>

namespace sd::county {

struct LonLat {
  double lon = 0.0;
  double lat = 0.0;
};

// One drivable OSM way (highway=* of a drivable class), with its node ids and locations.
struct OsmRoadWay {
  std::int64_t id = 0;
  std::vector<std::int64_t> nodes;
  std::vector<LonLat> pts;
  std::string highway, maxspeed, lanes, oneway, junction, bridge, tunnel, layer;
};

// A polygon with holes: rings[0] is an outer ring; every ring is closed implicitly.
// Several outers of one multipolygon are separate OsmArea values.
struct OsmArea {
  std::vector<std::vector<LonLat>> rings;
};

// Land-cover polygons, already mapped to an import class (ImportClass in import_landuse).
struct OsmLandArea {
  int cls = 0;
  OsmArea area;
};

struct OsmBuilding {
  LonLat centroid;
  double footprint_m2 = 0.0;
  double levels = 0.0;  // building:levels, 0 when not tagged
  bool residential = false;
};

// A point of interest: a tagged node, or the centroid of a tagged area.
struct OsmPoi {
  std::string kind;      // hospital, clinic, care_home, school, fire_station, police, ambulance,
                         // townhall, substation, pumping_station
  std::string osm_type;  // node | way | relation
  std::int64_t id = 0;
  std::string name;  // name=* ("" when untagged)
  LonLat p;
  double footprint_m2 = 0.0;  // 0 for nodes
  double levels = 0.0;
};

struct OsmPlace {
  std::string name, place;  // place=city|town|village|suburb|hamlet
  std::int64_t id = 0;
  LonLat p;
};

// An administrative area (boundary=administrative with a name and an admin_level): a
// municipality, a quarter, a district... Several outers are several parts.
struct OsmAdminArea {
  std::string name;
  int level = 0;         // admin_level (OSM wiki: 8 = municipality in most countries)
  std::string osm_type;  // way | relation
  std::int64_t id = 0;
  std::vector<OsmArea> parts;
  double area_m2 = 0;
};

struct OsmLine {     // dikes (height in m; NaN = not tagged), rivers, coastline
  std::string kind;  // dyke | river | canal | coastline
  double height_m = 0.0;
  std::int64_t id = 0;
  std::vector<LonLat> pts;
};

struct OsmData {
  std::string path;
  std::vector<OsmRoadWay> roads;
  std::vector<OsmLandArea> land;
  std::vector<OsmBuilding> buildings;
  std::vector<OsmPoi> pois;
  std::vector<OsmPlace> places;
  std::vector<OsmAdminArea> admin;
  std::vector<OsmLine> lines;
  double min_lon = 1e9, min_lat = 1e9, max_lon = -1e9, max_lat = -1e9;  // of the road nodes
  double data_w = 1e9, data_s = 1e9, data_e = -1e9, data_n = -1e9;      // of all nodes
  int coastline_ways = 0;
};

// Drivable highway classes (rescue vehicles; `track`, paths and ways under construction
// are left out — docs/county-import.md).
bool drivable_highway(const std::string& highway);

// Reads the extract. Throws sd::InputError naming the file when it cannot be read.
OsmData read_osm(const std::string& path);

}  // namespace sd::county
