#pragma once
// `stormdrill county import`: a scenario folder from an OSM extract, a DEM and optionally a
// population raster (docs/county-import.md). import_county() builds everything in memory;
// write_imported_county() writes it into a temporary folder and renames it into place, so a
// failed import leaves nothing half-written.
#include <string>
#include <vector>

#include "county/import_assets.hpp"
#include "county/import_dem.hpp"
#include "county/import_frame.hpp"
#include "county/import_landuse.hpp"
#include "county/import_population.hpp"
#include "county/import_roads.hpp"
#include "county/import_towns.hpp"
#include "storm/track.hpp"

namespace sd::county {

struct ImportOptions {
  std::string osm;
  std::vector<std::string> dem;  // one or more tiles
  std::string population;        // raster; "" = from buildings
  double population_total = 0;   // > 0: scale to this total
  std::string boundary, bbox;    // area (one or neither)
  double cell_m = 50;
  std::string crs = "auto";
  std::string track;  // typhoon track instead of the design storm
  std::string name;   // scenario name ("" = from the OSM file name)
  // Design storm (no --track): depth over the duration, Chicago hyetograph.
  double rain_mm = 60;
  double rain_hours = 6;
  // Level boundaries: sea sides from the coastline (auto) with a surge; or a river side.
  std::string river_side;   // "", N, E, S or W
  double river_rise_m = 3;  // high stage above the lowest water cell on that side
  double surge_m = 1.0;     // storm surge on the sea (peak at the rain peak)
  std::string command;      // the command line, for the report
  std::string utc_offset;   // "+02:00": the scenario clock's zone ("" = from the longitude)
};

// "+HH:MM", "-HH:MM" or "Z" to minutes east of UTC (-12:00 .. +14:00); InputError naming
// --utc-offset otherwise.
int parse_utc_offset(const std::string& text);

struct DesignRain {
  double a1 = 0, b = 10, n = 0.7;  // GB 50014 formula with C = 0: i = a1 / (t + b)^n mm/min
  double duration_min = 360, peak_ratio = 0.4, start_h = 1;
  double burst20_mm = 0;  // depth of the most intense 20 minutes
};

struct LevelBoundary {
  std::string sides[4] = {"closed", "closed", "closed", "closed"};  // N E S W
  bool sea = false, river = false;
  double base_m = 0, peak_m = 0;  // river: level series from base to peak
  std::string note;
};

struct ImportedCounty {
  ImportOptions opt;
  ImportFrame frame;
  DemResult dem;
  LandUseResult landuse;
  PopulationResult population;
  TownsResult towns;
  ImportRoads roads;
  AssetResult assets;
  DesignRain rain;
  storm::Track track;  // when opt.track is set
  LevelBoundary level;
  long outside_boundary = 0;          // --boundary: cells with data left out by the outline
  std::size_t boundary_polygons = 0;  // polygons in the --boundary file
  double duration_h = 13;
  std::string start_iso;
  double seconds = 0;              // import time
  std::vector<std::string> notes;  // warnings for the report
};

ImportedCounty import_county(const ImportOptions& opt);

// Writes dir (which must not exist or be empty) atomically: data/{dem,landuse,population}.tif,
// data/roads/{nodes,edges}.csv, data/river-level.csv or data/track.csv when used,
// scenario.toml, plan-default.toml, county-import.md.
void write_imported_county(const ImportedCounty& c, const std::string& dir);

}  // namespace sd::county
