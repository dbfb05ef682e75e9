#include "flood/subgrid_downscale.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace sd::flood::subgrid {

std::vector<float> downscale_depth(const std::vector<double>& level,
                                   const std::vector<std::uint8_t>& wet, int nx, int ny, int ratio,
                                   const std::vector<float>& fine) {
  const std::size_t n = static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny);
  const int fx = nx * ratio, fy = ny * ratio;
  if (ratio < 1 || level.size() != n || wet.size() != n ||
      fine.size() != static_cast<std::size_t>(fx) * static_cast<std::size_t>(fy))
    throw std::invalid_argument("sub-grid downscaling: array sizes do not match the grids");
  std::vector<float> out(fine.size(), 0.0f);
  auto cell = [&](int I, int J) { return static_cast<std::size_t>(J) * nx + I; };
  for (int j = 0; j < fy; ++j)
    for (int i = 0; i < fx; ++i) {
      const std::size_t p = static_cast<std::size_t>(j) * fx + i;
      if (!std::isfinite(fine[p])) {
        out[p] = std::numeric_limits<float>::quiet_NaN();
        continue;
      }
      const int I = i / ratio, J = j / ratio;
      if (!wet[cell(I, J)]) continue;
      // Pixel centre in coarse-cell-centre coordinates: cell (I, J) centre at (I, J).
      const double x = (i + 0.5) / ratio - 0.5, y = (j + 0.5) / ratio - 0.5;
      const int I0 = static_cast<int>(std::floor(x)), J0 = static_cast<int>(std::floor(y));
      const double ax = x - I0, ay = y - J0;
      double wsum = 0.0, lsum = 0.0;
      for (int b = 0; b < 2; ++b)
        for (int a = 0; a < 2; ++a) {
          const int Ii = std::clamp(I0 + a, 0, nx - 1), Jj = std::clamp(J0 + b, 0, ny - 1);
          if (!wet[cell(Ii, Jj)]) continue;
          const double w = (a ? ax : 1.0 - ax) * (b ? ay : 1.0 - ay);
          wsum += w;
          lsum += w * level[cell(Ii, Jj)];
        }
      const double zeta = wsum > 0.0 ? lsum / wsum : level[cell(I, J)];
      out[p] = static_cast<float>(std::max(0.0, zeta - static_cast<double>(fine[p])));
    }
  return out;
}

}  // namespace sd::flood::subgrid
