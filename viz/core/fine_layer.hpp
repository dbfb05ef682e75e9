// The fine-resolution flood layer (issue 12): /hazard/fine/max_depth on the sub-grid DEM, with
// its own cell-centre axes /hazard/fine/x and /hazard/fine/y, georeferenced with the coarse map
// through those axes (both grids share the CRS). Read once; the map draws it over the coarse
// raster when zoomed in far enough that fine cells are at least a screen pixel.
#pragma once

#include <string>
#include <vector>

#include "core/results_file.hpp"

namespace sd::viz {

struct FineLayer {
  int nx = 0, ny = 0;
  double x0 = 0, y0 = 0, cell = 0;  // west edge, north edge, cell size (m)
  std::vector<float> max_depth;     // ny x nx, row 0 north; NaN outside the domain
  // /hazard/fine/hazard_rating (FD2320, ny x nx) when the file has it, else empty.
  std::vector<float> hazard_rating;
  bool empty() const { return max_depth.empty(); }
};

// The value of a fine raster (max_depth or hazard_rating of `l`) at map point (x, y); NaN
// outside the layer or when the raster is empty.
float fine_value_at(const FineLayer& l, const std::vector<float>& v, double x, double y);

// From the cell-centre axes (x increasing, y decreasing, both evenly spaced by the same cell)
// and the (ny, nx) values. Throws ResultsError naming what is inconsistent.
FineLayer fine_layer_from_axes(const std::vector<double>& x, const std::vector<double>& y,
                               std::vector<float> values, std::size_t rows, std::size_t cols,
                               const std::string& where);

// The layer of a results file; empty when the file has no /hazard/fine/max_depth. Throws
// ResultsError when hazard_rating is there but not on the max depth's grid.
FineLayer read_fine_layer(const ResultsFile& f);

// Whether the map should draw the fine layer at `m_per_px`: once a fine cell is at least one
// screen pixel (coarser views show the coarse grid, which is already that detailed on screen).
bool fine_layer_visible(const FineLayer& l, double m_per_px);

}  // namespace sd::viz
