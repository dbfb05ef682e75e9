#include "county/places.hpp"

#include <ogr_spatialref.h>

#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>

#include "core/error.hpp"

namespace sd::county {
namespace {

constexpr double kWest = 281000.0;    // m E, UTM 51N
constexpr double kNorth = 3388500.0;  // m N
constexpr double kWidth = 32000.0;    // m
constexpr double kHeight = 29000.0;   // m

OGRSpatialReference utm51n() {
  OGRSpatialReference srs;
  if (srs.importFromEPSG(32651) != OGRERR_NONE)
    throw std::runtime_error("GDAL/PROJ cannot build EPSG:32651 (is proj.db installed?)");
  return srs;
}

}  // namespace

Grid county_grid(double cell_m) {
  if (!(cell_m >= 10.0 && cell_m <= 1000.0))
    throw InputError("--cell-m: must be between 10 and 1000 m (got " + std::to_string(cell_m) +
                     ")");
  const int nx = static_cast<int>(std::ceil(kWidth / cell_m - 1e-9));
  const int ny = static_cast<int>(std::ceil(kHeight / cell_m - 1e-9));
  return Grid{nx, ny, kWest, kNorth, cell_m};
}

std::string utm51n_wkt() {
  char* wkt = nullptr;
  utm51n().exportToWkt(&wkt);
  std::string s = wkt ? wkt : "";
  CPLFree(wkt);
  return s;
}

Point lonlat_to_utm(double lon_deg, double lat_deg) {
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  // Longitude first, whatever EPSG:4326's official axis order says.
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRSpatialReference utm = utm51n();
  utm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&wgs84, &utm));
  if (!ct) throw std::runtime_error("GDAL/PROJ cannot transform EPSG:4326 -> EPSG:32651");
  double x = lon_deg, y = lat_deg;
  if (!ct->Transform(1, &x, &y)) throw std::runtime_error("coordinate transformation failed");
  return {x, y};
}

std::vector<Town> haiyan_towns() {
  // Haiyan County's 4 sub-districts (Wuyuan, Xitangqiao, Wanghai, Qinshan) and 5 towns
  // (Shentang, Baibu, Yucheng, Ganpu, Tongyuan). Positions are approximate town centres
  // (+-2 km, from general map knowledge, not surveyed); populations are rounded figures that
  // add up to the county's ~380,000 registered residents. See docs/county.md.
  struct Row {
    const char* name;
    const char* short_name;
    double lon, lat, half_size_m;
    int population;
    bool low_lying;
  };
  static const Row rows[] = {
      {"Wuyuan (county seat)", "Wuyuan", 120.950, 30.530, 2100.0, 125000, false},
      {"Xitangqiao", "Xitangqiao", 121.030, 30.600, 1100.0, 35000, true},
      {"Wanghai", "Wanghai", 120.930, 30.500, 900.0, 35000, false},
      {"Qinshan", "Qinshan", 120.930, 30.440, 1000.0, 30000, false},
      {"Shentang", "Shentang", 120.830, 30.570, 1000.0, 35000, true},
      {"Baibu", "Baibu", 120.760, 30.590, 900.0, 30000, true},
      {"Yucheng", "Yucheng", 120.760, 30.490, 900.0, 30000, true},
      {"Ganpu", "Ganpu", 120.850, 30.370, 900.0, 30000, false},
      {"Tongyuan", "Tongyuan", 120.800, 30.430, 900.0, 30000, false},
  };
  std::vector<Town> towns;
  for (const Row& r : rows) {
    Town t;
    t.name = r.name;
    t.short_name = r.short_name;
    t.centre = lonlat_to_utm(r.lon, r.lat);
    t.half_size_m = r.half_size_m;
    t.population = r.population;
    t.low_lying = r.low_lying;
    towns.push_back(t);
  }
  return towns;
}

}  // namespace sd::county
