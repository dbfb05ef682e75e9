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

namespace {

// Corner (I0 + a, J0 + b) of the bilinear stencil of a pixel of cell (I, J) (clamped at the
// edges) continues the cell's surface: directly, or a diagonal through either orthogonal one.
bool corner_linked(const Surface& s, int I, int J, int I0, int J0, int a, int b) {
  const int Ii = std::clamp(I0 + a, 0, s.nx - 1), Jj = std::clamp(J0 + b, 0, s.ny - 1);
  return Ii == I || Jj == J ? linked(s, I, J, Ii, Jj)
                            : (linked(s, I, J, Ii, J) && linked(s, Ii, J, Ii, Jj)) ||
                                  (linked(s, I, J, I, Jj) && linked(s, I, Jj, Ii, Jj));
}

double corner_level(const Surface& s, int I0, int J0, int a, int b) {
  const int Ii = std::clamp(I0 + a, 0, s.nx - 1), Jj = std::clamp(J0 + b, 0, s.ny - 1);
  return s.level[static_cast<std::size_t>(Jj) * s.nx + Ii];
}

}  // namespace

PixelStencil pixel_stencil(int k, int ratio) {
  const double x = (k + 0.5) / ratio - 0.5;
  const int k0 = static_cast<int>(std::floor(x));
  return {k0, x - k0};
}

bool downscaled_level(const Surface& s, int i, int j, double& zeta) {
  const CellSurface c(s, i / s.ratio, j / s.ratio);
  if (!c.wet()) return false;
  zeta = c.level(i, j);
  return true;
}

CellSurface::CellSurface(const Surface& s, int I, int J) : I_(I), J_(J), ratio_(s.ratio) {
  const auto own = static_cast<std::size_t>(J) * s.nx + I;
  wet_ = s.wet[own] != 0;
  if (!wet_) return;
  own_ = s.level[own];
  for (int q = 0; q < 4; ++q) {
    const int I0 = I - 1 + q % 2, J0 = J - 1 + q / 2;
    for (int b = 0; b < 2; ++b)
      for (int a = 0; a < 2; ++a) {
        ok_[q][2 * b + a] = corner_linked(s, I, J, I0, J0, a, b);
        level_[q][2 * b + a] = corner_level(s, I0, J0, a, b);
      }
  }
}

bool CellSurface::not_above(const CellSurface& o) const {
  if (!wet_ || !o.wet_ || I_ != o.I_ || J_ != o.J_ || !(own_ <= o.own_)) return false;
  for (int q = 0; q < 4; ++q)
    for (int k = 0; k < 4; ++k)
      if (ok_[q][k] != o.ok_[q][k] || (ok_[q][k] && !(level_[q][k] <= o.level_[q][k])))
        return false;
  return true;
}

double CellSurface::max_level() const {
  double hi = own_;
  for (int q = 0; q < 4; ++q)
    for (int k = 0; k < 4; ++k)
      if (ok_[q][k]) hi = std::max(hi, level_[q][k]);
  return hi;
}

double CellSurface::level(int i, int j) const {
  const PixelStencil sx = pixel_stencil(i, ratio_), sy = pixel_stencil(j, ratio_);
  return level((sx.k0 - I_ + 1) + 2 * (sy.k0 - J_ + 1), sx.a, sy.a);
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
  for (int J = 0; J < ny; ++J)
    for (int I = 0; I < nx; ++I) {
      const CellSurface c(s, I, J);
      for (int j = J * ratio; j < (J + 1) * ratio; ++j)
        for (int i = I * ratio; i < (I + 1) * ratio; ++i) {
          const std::size_t p = static_cast<std::size_t>(j) * fx + i;
          if (!std::isfinite(fine[p])) {
            out[p] = std::numeric_limits<float>::quiet_NaN();
            continue;
          }
          if (!c.wet()) continue;
          out[p] = static_cast<float>(std::max(0.0, c.level(i, j) - static_cast<double>(fine[p])));
        }
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
