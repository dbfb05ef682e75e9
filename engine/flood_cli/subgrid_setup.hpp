#pragma once
// `stormdrill flood --subgrid-cell-m`: a fine DEM computed on coarse cells that carry sub-grid
// tables (issue 12 §2; solvers/flood/subgrid_inertial.hpp), and the coarse/fine rasters of
// its results. Errors are sd::InputError naming the DEM and the flag (exit code 2).
#include <string>
#include <vector>

#include "flood/flood_state.hpp"
#include "flood/subgrid_inertial.hpp"
#include "hazard/tables_cache.hpp"
#include "io/raster_io.hpp"

namespace sd::flood_cli {

// The number of fine pixels per coarse cell side for --subgrid-cell-m `cell_m` on `fine`
// (read from `path`): a whole multiple (>= 1) of the pixel, dividing the DEM's rows and columns.
// `what` names the setting in the message (the flag, or the scenario key).
int subgrid_ratio(double cell_m, const io::Raster& fine, const std::string& path,
                  const std::string& what = "--subgrid-cell-m");

struct SubgridGrid {
  int ratio = 1;
  io::Raster coarse;  // the computational grid; values: lowest fine pixel per cell
  flood::subgrid::TablesPtr tables;
  double build_s = 0;       // wall time of the table build (or of reading them)
  bool from_cache = false;  // the tables came from the sub-grid tables cache
};

// Tables from the fine DEM and its per-pixel Manning n (empty = n_uniform), through the
// sub-grid tables cache the scenario runs use (hazard/tables_cache.hpp): built once per
// inputs, read back after.
SubgridGrid build_subgrid(const io::Raster& fine, int ratio, const std::vector<float>& manning,
                          float n_uniform, const TablesCacheOptions& cache);

// A fine initial-depth raster as the stored volume per coarse-cell area (State::set_depth);
// pixels where the fine DEM has no data hold no water.
std::vector<float> coarse_volume_depth(const SubgridGrid& sg, const io::Raster& fine,
                                       const io::Raster& fine_depth);

// Per-cell heads (m above the cell's lowest pixel; e.g. Summary::max_depth or the frame
// depths) downscaled onto the fine DEM as a raster of depths.
io::Raster fine_depth(const SubgridGrid& sg, const io::Raster& fine,
                      const std::vector<float>& head);

}  // namespace sd::flood_cli
