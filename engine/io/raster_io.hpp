#pragma once
// Raster input/output through GDAL: GeoTIFF and ESRI ASCII grid (and anything else GDAL
// reads) in; GeoTIFF (tiled, DEFLATE) or ESRI ASCII out, chosen by the file extension.
// NoData cells become NaN in memory and NoData again on output. Writes are atomic.
#include <string>
#include <vector>

#include "core/grid.hpp"

namespace sd::io {

struct Raster {
  Grid grid;
  std::vector<float> data;  // grid.size() values, row-major, north row first; NaN = NoData
  std::string crs_wkt;      // empty = local metric coordinates (no CRS declared)
};

// Throws sd::InputError naming the path on a missing/unreadable file or a non-square,
// rotated or unsupported geotransform.
Raster read_raster(const std::string& path);

// Writes by extension: ".asc" -> ESRI ASCII (6-line header, full float precision),
// ".tif"/".tiff" -> tiled DEFLATE GeoTIFF. Written to a temporary name, then renamed.
void write_raster(const std::string& path, const Raster& r);

// Convenience: same grid/CRS as `like`, new values.
Raster with_values(const Raster& like, std::vector<float> values);

}  // namespace sd::io
