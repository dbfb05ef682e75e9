#pragma once
// The fine risk rasters of a run computed on sub-grid cells (/hazard/fine, docs/results-format.md)
// for the debrief: read on the fine DEM's grid (GeoPackage export), or reduced for the report's
// maps, which are drawn 560 px wide: a 10 m raster of the county is 3 200 px across.
#include <vector>

#include "debrief/map_image.hpp"
#include "debrief/run_view.hpp"
#include "io/raster_io.hpp"

namespace sd::debrief {

// /hazard/fine/NAME on the fine DEM's grid (from the group's pixel-centre axes); false when the
// file has none. Throws IoError when the raster does not match its axes.
bool read_fine_raster(const RunView& v, const char* name, io::Raster& r);

// A risk map on a display grid `k` times finer than the run's cells (k the largest divisor of
// the fine pixels per cell with at most `max_px` columns): the largest fine value of each
// display pixel (the deepest water, the highest hazard rating), and the basemap spread onto it.
struct FineMap {
  results::GridInfo grid;
  std::vector<float> value;
  Basemap base;
};
// /hazard/fine/NAME (schema::fine); false when the run has none.
bool fine_map(const RunView& v, const char* name, const Basemap& cells, int max_px, FineMap& out);

}  // namespace sd::debrief
