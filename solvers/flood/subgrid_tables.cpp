#include "flood/subgrid_tables.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace sd::flood::subgrid {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Position of zeta in a table of `levels` levels on [lo, hi]: segment k and weight w.
struct Where {
  std::size_t k = 0;
  double w = 0;
};
Where locate(double zeta, double lo, double hi, std::size_t levels) {
  const double step = (hi - lo) / static_cast<double>(levels - 1);
  const double x = (zeta - lo) / step;
  const auto k = std::min(static_cast<std::size_t>(x), levels - 2);
  return {k, x - static_cast<double>(k)};
}

double lerp(const std::vector<double>& v, const Where& p) {
  return v[p.k] + p.w * (v[p.k + 1] - v[p.k]);
}

}  // namespace

double VolumeTable::volume(double zeta) const {
  if (!(zeta > z_lo)) return 0.0;
  if (zeta >= z_hi) return vol.back() + area * (zeta - z_hi);  // every pixel wet: exact
  return lerp(vol, locate(zeta, z_lo, z_hi, vol.size()));
}

double VolumeTable::level(double v) const {
  if (!(v > 0.0)) return z_lo;
  if (v >= vol.back()) return z_hi + (v - vol.back()) / area;
  // vol is strictly increasing above level 0 (the lowest pixel is wet from z_lo on).
  const auto it = std::upper_bound(vol.begin(), vol.end(), v);
  const std::size_t k = static_cast<std::size_t>(it - vol.begin()) - 1;
  const double step = (z_hi - z_lo) / static_cast<double>(vol.size() - 1);
  return z_lo + step * (static_cast<double>(k) + (v - vol[k]) / (vol[k + 1] - vol[k]));
}

double VolumeTable::wet_fraction(double zeta) const {
  if (!(zeta > z_lo)) return 0.0;
  if (zeta >= z_hi) return 1.0;
  // dV/dzeta = wet area: the slope of the table segment.
  const Where p = locate(zeta, z_lo, z_hi, vol.size());
  const double step = (z_hi - z_lo) / static_cast<double>(vol.size() - 1);
  return (vol[p.k + 1] - vol[p.k]) / (step * area);
}

double FaceTable::mean_depth(double zeta) const {
  if (!(zeta > z_lo)) return 0.0;
  if (zeta >= z_hi) return open * (zeta - z_mean);
  return lerp(h_mean, locate(zeta, z_lo, z_hi, h_mean.size()));
}

double FaceTable::conveyance(double zeta) const {
  if (!(zeta > z_lo)) return 0.0;
  if (zeta >= z_hi) {
    return open * std::pow(zeta - z_mean, 5.0 / 3.0) / n_top;
  }
  return lerp(conv, locate(zeta, z_lo, z_hi, conv.size()));
}

VolumeTable build_volume_table(const float* z, int count, double a_pix, int levels) {
  if (levels < 2) throw std::invalid_argument("sub-grid tables: need at least 2 levels");
  VolumeTable t;
  t.z_lo = std::numeric_limits<double>::infinity();
  t.z_hi = -t.z_lo;
  int wet = 0;
  for (int p = 0; p < count; ++p)
    if (std::isfinite(z[p])) {
      t.z_lo = std::min(t.z_lo, static_cast<double>(z[p]));
      t.z_hi = std::max(t.z_hi, static_cast<double>(z[p]));
      ++wet;
    }
  if (wet == 0) return VolumeTable{kNaN, kNaN, 0.0, {}};
  t.area = a_pix * wet;
  const auto nl = static_cast<std::size_t>(levels);
  t.vol.assign(nl, 0.0);
  for (std::size_t k = 1; k < nl; ++k) {
    // The top level is z_hi itself (not lo + (nl-1) step) so the table is exact there.
    const double zeta = k + 1 == nl ? t.z_hi
                                    : t.z_lo + (t.z_hi - t.z_lo) * static_cast<double>(k) /
                                                   static_cast<double>(nl - 1);
    double v = 0.0;
    for (int p = 0; p < count; ++p)
      if (std::isfinite(z[p])) v += std::max(0.0, zeta - static_cast<double>(z[p]));
    t.vol[k] = v * a_pix;
  }
  return t;
}

FaceTable build_face_table(const float* z, const float* n2, int count, int levels) {
  if (levels < 2) throw std::invalid_argument("sub-grid tables: need at least 2 levels");
  FaceTable t;
  t.z_lo = std::numeric_limits<double>::infinity();
  t.z_hi = -t.z_lo;
  double zsum = 0.0, nsum = 0.0;
  int open = 0;  // strips not blocked by a no-data pixel
  for (int p = 0; p < count; ++p) {
    if (!std::isfinite(z[p])) continue;
    t.z_lo = std::min(t.z_lo, static_cast<double>(z[p]));
    t.z_hi = std::max(t.z_hi, static_cast<double>(z[p]));
    zsum += z[p];
    nsum += n2[p];
    ++open;
  }
  if (open == 0) {  // every strip blocked: no flow at any level
    t.z_lo = t.z_hi = std::numeric_limits<double>::infinity();
    return t;
  }
  t.z_mean = zsum / open;
  t.n2_mean = nsum / open;
  t.open = static_cast<double>(open) / count;
  const auto nl = static_cast<std::size_t>(levels);
  t.h_mean.assign(nl, 0.0);
  t.conv.assign(nl, 0.0);
  for (std::size_t k = 1; k < nl; ++k) {
    const double zeta = k + 1 == nl ? t.z_hi
                                    : t.z_lo + (t.z_hi - t.z_lo) * static_cast<double>(k) /
                                                   static_cast<double>(nl - 1);
    double h = 0.0, c = 0.0;
    for (int p = 0; p < count; ++p) {
      if (!std::isfinite(z[p])) continue;
      const double d = std::max(0.0, zeta - static_cast<double>(z[p]));
      h += d;
      c += d > 0 ? std::pow(d, 5.0 / 3.0) / std::sqrt(static_cast<double>(n2[p])) : 0.0;
    }
    t.h_mean[k] = h / count;
    t.conv[k] = c / count;
  }
  // Effective n at the top, so K above it follows Manning with the face's own mix of n.
  const double htop = t.z_hi - t.z_mean;
  t.n_top = htop > 0 ? t.open * std::pow(htop, 5.0 / 3.0) / t.conv.back() : std::sqrt(nsum / open);
  return t;
}

void check_fine_dem(const FineDem& f) {
  if (f.ratio < 1 || f.nfx % f.ratio != 0 || f.nfy % f.ratio != 0)
    throw std::invalid_argument("sub-grid tables: the fine grid must be a whole number of cells");
  if (f.z.size() != static_cast<std::size_t>(f.nfx) * static_cast<std::size_t>(f.nfy))
    throw std::invalid_argument("sub-grid tables: fine DEM size does not match its grid");
  if (!f.manning.empty() && f.manning.size() != f.z.size())
    throw std::invalid_argument("sub-grid tables: Manning raster size does not match the DEM");
}

void build_table_row(const FineDem& f, int J, const std::function<void(int, VolumeTable&&)>& cell,
                     const std::function<void(int, FaceTable&&)>& x_face,
                     const std::function<void(int, FaceTable&&)>& y_face) {
  const int ratio = f.ratio, nx = f.nfx / ratio, nfx = f.nfx;
  const double a_pix = f.fine_m * f.fine_m;
  auto px = [&](int i, int j) { return static_cast<std::size_t>(j) * nfx + i; };
  auto n2_at = [&](std::size_t k) {
    const float n = f.manning.empty() ? f.n_uniform : f.manning[k];
    return n * n;
  };
  const auto r = static_cast<std::size_t>(ratio);
  std::vector<float> z(r * r), n2(r), zs(r);
  const float inf = std::numeric_limits<float>::infinity();
  auto pair_z = [&](std::size_t a, std::size_t b) {
    const float za = f.z[a], zb = f.z[b];
    return std::isfinite(za) && std::isfinite(zb) ? std::max(za, zb) : inf;
  };
  for (int I = 0; I < nx; ++I) {
    for (int b = 0; b < ratio; ++b)
      for (int a = 0; a < ratio; ++a)
        z[static_cast<std::size_t>(b) * r + static_cast<std::size_t>(a)] =
            f.z[px(I * ratio + a, J * ratio + b)];
    cell(I, build_volume_table(z.data(), ratio * ratio, a_pix, f.levels));
    if (I > 0) {  // x face between (I-1, J) and (I, J): pixel pairs across the line
      for (int b = 0; b < ratio; ++b) {
        const std::size_t lp = px(I * ratio - 1, J * ratio + b), rp = px(I * ratio, J * ratio + b);
        zs[static_cast<std::size_t>(b)] = pair_z(lp, rp);
        n2[static_cast<std::size_t>(b)] = 0.5f * (n2_at(lp) + n2_at(rp));
      }
      x_face(I, build_face_table(zs.data(), n2.data(), ratio, f.levels));
    }
    if (J > 0) {  // y face between (I, J-1) and (I, J)
      for (int a = 0; a < ratio; ++a) {
        const std::size_t u = px(I * ratio + a, J * ratio - 1), d = px(I * ratio + a, J * ratio);
        zs[static_cast<std::size_t>(a)] = pair_z(u, d);
        n2[static_cast<std::size_t>(a)] = 0.5f * (n2_at(u) + n2_at(d));
      }
      y_face(I, build_face_table(zs.data(), n2.data(), ratio, f.levels));
    }
  }
}

Tables build_tables(const std::vector<float>& fine, int nfx, int nfy, double fine_m, int ratio,
                    const std::vector<float>& manning, float n_uniform, int levels) {
  const FineDem f{fine, nfx, nfy, fine_m, ratio, manning, n_uniform, levels};
  check_fine_dem(f);
  Tables T;
  T.ratio = ratio;
  T.nx = nfx / ratio;
  T.ny = nfy / ratio;
  const auto nx = static_cast<std::size_t>(T.nx);
  T.cells.resize(nx * static_cast<std::size_t>(T.ny));
  T.fx.resize((nx + 1) * static_cast<std::size_t>(T.ny));
  T.fy.resize(nx * static_cast<std::size_t>(T.ny + 1));
  for (int J = 0; J < T.ny; ++J) {
    const auto Ju = static_cast<std::size_t>(J);
    build_table_row(
        f, J,
        [&](int I, VolumeTable&& t) {
          T.cells[Ju * nx + static_cast<std::size_t>(I)] = std::move(t);
        },
        [&](int I, FaceTable&& t) {
          T.fx[Ju * (nx + 1) + static_cast<std::size_t>(I)] = std::move(t);
        },
        [&](int I, FaceTable&& t) { T.fy[Ju * nx + static_cast<std::size_t>(I)] = std::move(t); });
  }
  return T;
}

}  // namespace sd::flood::subgrid
