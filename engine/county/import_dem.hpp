#pragma once
// The DEM of an imported county: any GDAL raster (GeoTIFF, ESRI ASCII grid, SRTM .hgt and
// .hgt.zip), several tiles warped together into one grid, any CRS PROJ knows; resampled bilinearly
// to the scenario grid and its voids filled by inverse-distance interpolation.
#include <string>
#include <vector>

#include "county/import_frame.hpp"
#include "io/raster_io.hpp"

namespace sd::county {

struct DemSource {
  std::string label;                    // the paths as given, for messages
  std::vector<std::string> gdal_paths;  // one per tile (a .zip member through /vsizip/)
  LonLatBox extent;                     // in lon/lat
};

// Opens the tiles (a .zip is read through /vsizip/) and checks each has a CRS PROJ knows.
// Throws sd::InputError naming the file.
DemSource open_dem(const std::vector<std::string>& paths);

struct DemResult {
  io::Raster dem;
  long voids = 0;     // grid cells without data after resampling (DEM voids), before filling
  long unfilled = 0;  // of those, left without data (too far from any data)
};

DemResult resample_dem(const DemSource& src, const ImportFrame& f);

// Lon/lat extent of any GDAL raster (used for the population raster's overlap check).
LonLatBox raster_extent(const std::string& gdal_path, const std::string& label);

}  // namespace sd::county
