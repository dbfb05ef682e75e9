#pragma once
// [flood] subgrid_cell_m: the scenario's [region] DEM is then the FINE terrain and the
// computational grid is made of cells of subgrid_cell_m (a whole multiple of the DEM pixel that
// divides the DEM; the check is the flood CLI's, flood_cli::subgrid_ratio). Which raster may be
// at which resolution (docs/scenario-format.md, "Sub-grid"):
//  - dem: fine. The computational grid's cell value is the lowest valid fine pixel (the
//    solver's bed, so level = dem + depth on the computational grid); NaN where none is valid.
//  - landuse: fine or coarse. Fine: Manning n per fine pixel is folded into the conveyance
//    tables and the cell takes the majority class of its valid pixels for everything per cell
//    (infiltration, drainage, water class, debris, response). Coarse: one class per cell.
//  - population: fine (summed onto the cells; the total is kept exactly in double, then
//    stored as float) or coarse.
//  - areas: fine (each cell takes the area of most of its pixels) or coarse.
//  Each may also be on a grid between the two (k x k fine pixels per raster cell, k dividing the
//  ratio): classes are spread onto the fine pixels and then treated as fine, people summed.
// Everything in the response engine works on the computational grid.
#include "core/grid.hpp"
#include "scenario/scenario.hpp"
#include "scenario/toml_reader.hpp"

namespace sd {

bool same_grid(const Grid& a, const Grid& b);
// `coarse` covers `fine` exactly with cells a whole number (> 1) of fine pixels wide.
bool coarsening_of(const Grid& coarse, const Grid& fine);

// Applies [flood] subgrid_cell_m to a scenario whose region was read: errors go to the
// [flood] / [region] tables of `root`. Without the key, a land-use or population raster
// coarser than the DEM is an error.
void apply_subgrid(TableReader& root, Scenario& s);

// The computational grid of a fine DEM with ratio x ratio pixels per cell: each cell the
// lowest valid pixel (NaN if none).
io::Raster coarse_lowest(const io::Raster& fine, int ratio);
// Per-cell majority of a fine class raster (ties: the smaller code; NaN if no valid pixel
// where `mask` is finite).
io::Raster coarse_majority(const io::Raster& fine, const io::Raster& mask, int ratio);
// The grid k times finer, each pixel its cell's value (classes onto fine pixels).
io::Raster refine_nearest(const io::Raster& coarse, int k);
// Per-cell sum of a fine raster (NaN pixels count 0).
io::Raster coarse_sum(const io::Raster& fine, int ratio);

// Scenario::fine_digest of a fine DEM and fine land use (empty when none).
std::uint64_t fine_terrain_digest(const io::Raster& dem, const io::Raster& landuse);
// The scenario's fine_digest, or the digest of its fine rasters when it has none (a scenario
// assembled in code rather than loaded).
std::uint64_t fine_digest(const Scenario& s);
// Reads a deferred fine terrain (LoadOptions::region_cache_dir) exactly as a full load does;
// a no-op when it is loaded or the scenario is not sub-grid. InputError when the files no
// longer match the digest.
void load_fine_terrain(Scenario& s);

}  // namespace sd
