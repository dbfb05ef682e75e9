#pragma once
// Downscaling coarse water levels onto the fine DEM (issue 12 §2).
// The level at each fine pixel centre is interpolated bilinearly between the centres of the
// four nearest coarse cells, over those that hold water and whose surface is continuous with
// the pixel's own cell (weights renormalised), so where the water surface is continuous no
// step appears at coarse-cell edges; a pixel of a dry coarse cell stays dry. Continuous: both
// levels above the crest of the face between the cells (the lowest open strip of a sub-grid
// face); a diagonal neighbour through either orthogonal one. Without crests every wet
// neighbour counts; with them, an underpass's low level does not drain the street pixels
// beside it and a street's level does not flood the underpass cell next door.
// Depth = level - fine elevation where positive (NaN where the DEM is NaN).
#include <cstdint>
#include <vector>

namespace sd::flood::subgrid {

// level: nx * ny coarse water levels (m, the fine DEM's datum); wet: 1 where the coarse cell
// holds water. fine: (nx * ratio) * (ny * ratio) elevations, row 0 north.
// The interpolated level at fine pixel (i, j); false when its coarse cell is dry.
struct Surface {
  const std::vector<double>& level;
  const std::vector<std::uint8_t>& wet;
  int nx = 0, ny = 0, ratio = 1;
  const std::vector<double>* crest_x = nullptr;  // (nx + 1) * ny face crests (m), like qx
  const std::vector<double>* crest_y = nullptr;  // nx * (ny + 1), like qy
};
bool downscaled_level(const Surface& s, int i, int j, double& zeta);

// The same for the pixels of one coarse cell, with the continuity rule evaluated once per cell
// instead of once per pixel: the pixels of a quadrant of the cell share their four
// neighbours. Gives the same bits as downscaled_level.
// Pixel index k (fine column or row) in coarse-cell-centre coordinates: the first of its two
// interpolation cells (k0, may be -1) and its weight toward the second (a in [0, 1)).
struct PixelStencil {
  int k0;
  double a;
};
PixelStencil pixel_stencil(int k, int ratio);

class CellSurface {
 public:
  CellSurface() = default;
  CellSurface(const Surface& s, int I, int J);
  // Whether every pixel's level here is at most its level in `o` (the same cell, wet in both):
  // the same corners linked and no linked corner (nor the cell's own level) higher. A pixel's
  // level is a mean of the linked corners with fixed weights, and rounding is monotone, so
  // then level(q, ax, ay) <= o.level(q, ax, ay) for every pixel, bit for bit.
  bool not_above(const CellSurface& o) const;
  // The highest level of any pixel of the cell (call only when wet()): the highest linked
  // corner or the cell's own level. A pixel's level is a mean of them, up to rounding.
  double max_level() const;
  bool wet() const { return wet_; }
  // Interpolated level at fine pixel (i, j) of the cell; call only when wet().
  double level(int i, int j) const;
  // The same from the pixel's stencil (pixel_stencil): quadrant q = (I0 - I + 1) + 2 (J0 - J + 1)
  // and bilinear weights ax, ay. For callers that cache the stencils of the fine rows and
  // columns (the division and floor are most of a pixel's cost); same bits as level().
  double level(int q, double ax, double ay) const {
    double wsum = 0.0, lsum = 0.0;
    for (int b = 0; b < 2; ++b)
      for (int a = 0; a < 2; ++a) {
        if (!ok_[q][2 * b + a]) continue;
        const double w = (a ? ax : 1.0 - ax) * (b ? ay : 1.0 - ay);
        wsum += w;
        lsum += w * level_[q][2 * b + a];
      }
    return wsum > 0.0 ? lsum / wsum : own_;
  }

 private:
  int I_ = 0, J_ = 0, ratio_ = 1;
  bool wet_ = false;
  double own_ = 0.0;
  bool ok_[4][4] = {};       // quadrant (I0 - I + 1) + 2 (J0 - J + 1), corner 2 b + a
  double level_[4][4] = {};  // the corner's level where ok
};
std::vector<float> downscale_depth(const Surface& s, const std::vector<float>& fine);

// Without crests (every wet neighbour is continuous).
std::vector<float> downscale_depth(const std::vector<double>& level,
                                   const std::vector<std::uint8_t>& wet, int nx, int ny, int ratio,
                                   const std::vector<float>& fine);

// Depths on the fine DEM from per-cell bed levels zbed (m; NaN = outside) and water depths
// above them (e.g. a max-depth summary; wet where > 0), with the face crests of `s` (its
// level and wet are ignored).
std::vector<float> downscale_above(const std::vector<double>& zbed, const std::vector<float>& depth,
                                   int nx, int ny, int ratio, const std::vector<float>& fine,
                                   const std::vector<double>* crest_x = nullptr,
                                   const std::vector<double>* crest_y = nullptr);

}  // namespace sd::flood::subgrid
