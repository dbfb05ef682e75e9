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

// The largest raster read_raster accepts by default: 2^28 cells (1 GiB of float32), above the
// 10^8-pixel fine terrains the sub-grid solver is sized for. A header can claim any size in a
// few bytes; refusing it before allocating keeps a damaged or hostile file from exhausting
// memory.
inline constexpr long long kMaxRasterCells = 1LL << 28;

// Throws sd::InputError naming the path on a missing/unreadable file, a non-square, rotated
// or unsupported geotransform, more than `max_cells` cells, or an ESRI ASCII grid shorter
// than its header's ncols x nrows values.
Raster read_raster(const std::string& path, long long max_cells = kMaxRasterCells);

// Writes by extension: ".asc" -> ESRI ASCII (6-line header, full float precision),
// ".tif"/".tiff" -> tiled DEFLATE GeoTIFF. Written to a temporary name, then renamed.
void write_raster(const std::string& path, const Raster& r);

// Convenience: same grid/CRS as `like`, new values.
Raster with_values(const Raster& like, std::vector<float> values);

}  // namespace sd::io
