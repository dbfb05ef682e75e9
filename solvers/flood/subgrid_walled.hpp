#pragma once
// Walled depressions of a fine DEM, for the sub-grid tables (issue 12 §2).
//
// The volume table of a coarse cell gives the whole cell one water level (Casulli 2009;
// Volp et al. 2013; SFINCS sub-grid, van Ormondt et al. 2025): every pixel below the level
// holds water. That is right for an underpass fed by its street, wrong for a courtyard sunk
// inside a ring of buildings that shares the cell with a street: the cell's street and roof
// water would fill the courtyard, which in reality only the rain falling into it reaches
// (docs/flood-model.md, "Sub-grid topography": F at 0.15 m fell from 0.93 on 100-pixel to
// 0.50 on 1000-pixel street terrain through exactly those pixels).
//
// A pixel is *walled* in its cell when it lies in a depression of the fine DEM whose rim
// (spill level, the lowest level at which water can leave it) stands more than `wall_m`
// above the lowest open pixel of the cell (a pixel on no depression), i.e. the cell's
// shared water must rise wall_m above the cell's open ground before it can enter. Such
// pixels are raised to their rim in the hydraulic DEM the tables are built from: they take
// water only once the cell's level passes the rim, and are then full (the depression below
// the rim holds no table volume). An underpass (rim = its street) and a street hollow (rim a
// few decimetres above the street) are not walled; a courtyard behind 4 m buildings is.
// The courtyard's own rain then runs to the cell's open ground (a documented bias).
//
// Depressions: priority-flood (Barnes, Lehman & Mulla 2014, Computers & Geosciences 62; a
// bucket queue on 1 mm levels, so a rim is exact to 1 mm) of
// each tile of ~256 x 256 pixels (whole cells) inside a window `margin` pixels wider on every side,
// seeded at the window's border: a depression is found when it and its rim fit in the window
// (features up to ~2 margin pixels across). No-data pixels are walls. Tiles are
// independent, so the result does not depend on the thread count.
#include <cstdint>
#include <vector>

namespace sd::flood::subgrid {

struct WalledPixels {
  std::vector<std::uint64_t> pixel;  // fine pixel index (row-major, row 0 north), ascending
  std::vector<float> rim;            // the depression's rim (m, DEM datum)
};

// Walled pixels of the fine DEM z (nfx x nfy, NaN = no data) on cells of ratio x ratio
// pixels; none when ratio is 1 (a pixel cannot be walled off from its own cell).
WalledPixels find_walled_pixels(const std::vector<float>& z, int nfx, int nfy, int ratio,
                                double wall_m = 0.5, int margin = 32, int threads = 0);

}  // namespace sd::flood::subgrid
