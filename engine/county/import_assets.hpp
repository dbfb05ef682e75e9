#pragma once
// Assets of an imported county from OSM points of interest (docs/county-import.md, "Assets"):
// hospitals, clinics, care homes and substations/pumping stations as critical sites, schools
// as candidate shelters, town halls as candidate depots, and a team at every fire, ambulance
// and police station, with defaults by kind.
#include <cstdint>
#include <string>
#include <vector>

#include "county/import_frame.hpp"
#include "county/import_osm.hpp"
#include "io/raster_io.hpp"

namespace sd::county {

struct ImportAsset {
  std::string table;     // team | depot | shelter | critical_site
  std::string kind;      // team kind or critical-site kind
  std::string osm_kind;  // the OSM-derived kind (hospital, clinic, fire_station, ...)
  std::string name;
  std::string osm;  // "node/123", "way/45", "relation/6"
  double x = 0, y = 0;
  int crew = 0;
  std::string vehicle;
  double mobilisation_min = 0;
  int capacity = 0;
  bool named = true;  // false: the name was made up from the kind and OSM id
};

// Shelter floor area per person, m^2 (Sphere Handbook 2018: 3.5 m^2 covered space per
// person), applied to half of a school's floor area (classrooms and halls).
constexpr double kShelterArea_m2 = 3.5;
constexpr int kDefaultShelterCapacity = 300;  // a school mapped as a point

struct AssetResult {
  std::vector<ImportAsset> assets;
  int off_area = 0;  // POIs outside the grid or on cells without DEM
};

AssetResult build_assets(const OsmData& osm, const ImportFrame& f, const io::Raster& dem);

}  // namespace sd::county
