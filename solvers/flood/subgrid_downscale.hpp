#pragma once
// Downscaling coarse water levels onto the fine DEM (issue 12 §2; used by nothing yet).
// The level at each fine pixel centre is interpolated bilinearly between the centres of the
// four nearest coarse cells, over those that hold water (weights renormalised), so where the
// water surface is continuous no step appears at coarse-cell edges; a pixel of a dry coarse
// cell stays dry. Depth = level - fine elevation where positive (NaN where the DEM is NaN).
#include <cstdint>
#include <vector>

namespace sd::flood::subgrid {

// level: nx * ny coarse water levels (m, the fine DEM's datum); wet: 1 where the coarse cell
// holds water. fine: (nx * ratio) * (ny * ratio) elevations, row 0 north.
std::vector<float> downscale_depth(const std::vector<double>& level,
                                   const std::vector<std::uint8_t>& wet, int nx, int ny, int ratio,
                                   const std::vector<float>& fine);

}  // namespace sd::flood::subgrid
