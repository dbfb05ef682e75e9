#include "flood/subgrid_downscale.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace sd::flood::subgrid {

namespace {

// Cells (I, J) and (I2, J2), equal or orthogonal neighbours, hold one continuous surface.
bool linked(const Surface& s, int I, int J, int I2, int J2) {
  const auto c1 = static_cast<std::size_t>(J) * s.nx + I,
             c2 = static_cast<std::size_t>(J2) * s.nx + I2;
  if (!s.wet[c1] || !s.wet[c2]) return false;
  if (c1 == c2 || !s.crest_x) return true;
  const double crest =
      J == J2 ? (*s.crest_x)[static_cast<std::size_t>(J) * (s.nx + 1) + std::max(I, I2)]
              : (*s.crest_y)[static_cast<std::size_t>(std::max(J, J2)) * s.nx + I];
  return std::min(s.level[c1], s.level[c2]) > crest;
}

}  // namespace

bool downscaled_level(const Surface& s, int i, int j, double& zeta) {
  const int ratio = s.ratio, nx = s.nx, ny = s.ny;
  const int I = i / ratio, J = j / ratio;
  const auto own = static_cast<std::size_t>(J) * nx + I;
  if (!s.wet[own]) return false;
  // Pixel centre in coarse-cell-centre coordinates: cell (I, J) centre at (I, J).
  const double x = (i + 0.5) / ratio - 0.5, y = (j + 0.5) / ratio - 0.5;
  const int I0 = static_cast<int>(std::floor(x)), J0 = static_cast<int>(std::floor(y));
  const double ax = x - I0, ay = y - J0;
  double wsum = 0.0, lsum = 0.0;
  for (int b = 0; b < 2; ++b)
    for (int a = 0; a < 2; ++a) {
      const int Ii = std::clamp(I0 + a, 0, nx - 1), Jj = std::clamp(J0 + b, 0, ny - 1);
      const bool ok = Ii == I || Jj == J ? linked(s, I, J, Ii, Jj)
                                         : (linked(s, I, J, Ii, J) && linked(s, Ii, J, Ii, Jj)) ||
                                               (linked(s, I, J, I, Jj) && linked(s, I, Jj, Ii, Jj));
      if (!ok) continue;
      const double w = (a ? ax : 1.0 - ax) * (b ? ay : 1.0 - ay);
      wsum += w;
      lsum += w * s.level[static_cast<std::size_t>(Jj) * nx + Ii];
    }
  zeta = wsum > 0.0 ? lsum / wsum : s.level[own];
  return true;
}

std::vector<float> downscale_depth(const std::vector<double>& level,
                                   const std::vector<std::uint8_t>& wet, int nx, int ny, int ratio,
                                   const std::vector<float>& fine) {
  return downscale_depth(Surface{level, wet, nx, ny, ratio}, fine);
}

std::vector<float> downscale_depth(const Surface& s, const std::vector<float>& fine) {
  const int nx = s.nx, ny = s.ny, ratio = s.ratio;
  const std::size_t n = static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny);
  const int fx = nx * ratio, fy = ny * ratio;
  if (ratio < 1 || s.level.size() != n || s.wet.size() != n ||
      (s.crest_x && (s.crest_x->size() != (n + static_cast<std::size_t>(ny)) || !s.crest_y ||
                     s.crest_y->size() != n + static_cast<std::size_t>(nx))) ||
      fine.size() != static_cast<std::size_t>(fx) * static_cast<std::size_t>(fy))
    throw std::invalid_argument("sub-grid downscaling: array sizes do not match the grids");
  std::vector<float> out(fine.size(), 0.0f);
  for (int j = 0; j < fy; ++j)
    for (int i = 0; i < fx; ++i) {
      const std::size_t p = static_cast<std::size_t>(j) * fx + i;
      if (!std::isfinite(fine[p])) {
        out[p] = std::numeric_limits<float>::quiet_NaN();
        continue;
      }
      double zeta = 0.0;
      if (!downscaled_level(s, i, j, zeta)) continue;
      out[p] = static_cast<float>(std::max(0.0, zeta - static_cast<double>(fine[p])));
    }
  return out;
}

std::vector<float> downscale_above(const std::vector<double>& zbed, const std::vector<float>& depth,
                                   int nx, int ny, int ratio, const std::vector<float>& fine,
                                   const std::vector<double>* crest_x,
                                   const std::vector<double>* crest_y) {
  std::vector<double> level(depth.size(), 0.0);
  std::vector<std::uint8_t> wet(depth.size(), 0);
  for (std::size_t c = 0; c < depth.size() && c < zbed.size(); ++c)
    if (std::isfinite(zbed[c]) && depth[c] > 0.0f) {
      level[c] = zbed[c] + static_cast<double>(depth[c]);
      wet[c] = 1;
    }
  return downscale_depth(Surface{level, wet, nx, ny, ratio, crest_x, crest_y}, fine);
}

}  // namespace sd::flood::subgrid
