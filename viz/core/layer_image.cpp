#include "core/layer_image.hpp"

#include "core/symbology.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sd::viz {

std::vector<std::uint8_t> hillshade(const std::vector<float>& z, const GridInfo& g,
                                    double z_factor) {
  std::vector<std::uint8_t> out(g.size(), 0);
  if (z.size() != g.size()) return out;
  const double zenith = (90.0 - 45.0) * std::numbers::pi / 180.0;
  const double azimuth = (360.0 - 315.0 + 90.0) * std::numbers::pi / 180.0;  // to math angle
  const int nx = g.nx, ny = g.ny;
  auto at = [&](int i, int j) {
    i = std::clamp(i, 0, nx - 1);
    j = std::clamp(j, 0, ny - 1);
    return z[static_cast<std::size_t>(j) * nx + i];
  };
  for (int j = 0; j < ny; ++j) {
    for (int i = 0; i < nx; ++i) {
      const float c = at(i, j);
      if (std::isnan(c)) continue;
      auto v = [&](int di, int dj) {  // NaN neighbours (domain edge) act as flat
        const float n = at(i + di, j + dj);
        return std::isnan(n) ? c : n;
      };
      // Horn (1981) 3x3 weighted differences; +x east, row j+1 is south.
      const double dzdx =
          z_factor * ((v(1, -1) + 2 * v(1, 0) + v(1, 1)) - (v(-1, -1) + 2 * v(-1, 0) + v(-1, 1))) /
          (8 * g.cell);
      // ESRI convention: dz/dy is south row minus north row, so the aspect below is a compass-
      // style angle consistent with the math-angle azimuth.
      const double dzdy =
          z_factor * ((v(-1, 1) + 2 * v(0, 1) + v(1, 1)) - (v(-1, -1) + 2 * v(0, -1) + v(1, -1))) /
          (8 * g.cell);
      const double slope = std::atan(std::hypot(dzdx, dzdy));
      const double aspect = std::atan2(dzdy, -dzdx);
      const double hs = std::cos(zenith) * std::cos(slope) +
                        std::sin(zenith) * std::sin(slope) * std::cos(azimuth - aspect);
      out[static_cast<std::size_t>(j) * nx + i] =
          static_cast<std::uint8_t>(std::lround(255.0 * std::clamp(hs, 0.0, 1.0)));
    }
  }
  return out;
}

std::vector<Rgba> terrain_image(const std::vector<float>& z,
                                const std::vector<std::uint8_t>& shade) {
  std::vector<Rgba> out(z.size());
  if (shade.size() != z.size()) return {};
  for (std::size_t k = 0; k < z.size(); ++k) out[k] = terrain_color(z[k], shade[k]);
  return out;
}

namespace {

// "Over" onto an opaque pixel in integer arithmetic: this is the per-cell hot path
// (4 M cells per 2048 x 2048 frame), so no floats and no division by the output alpha.
inline Rgba over_opaque(Rgba u, Rgba o) {
  const unsigned a = o.a, ia = 255u - o.a;
  auto ch = [&](unsigned cu, unsigned co) {
    return static_cast<std::uint8_t>((co * a + cu * ia + 127u) / 255u);
  };
  return {ch(u.r, o.r), ch(u.g, o.g), ch(u.b, o.b), 255};
}

}  // namespace

std::vector<std::uint8_t> permanent_water_mask(const std::vector<int>& landuse,
                                               const std::vector<float>& z,
                                               const std::vector<float>& d) {
  const std::size_t n = std::max({landuse.size(), z.size(), d.size()});
  std::vector<std::uint8_t> m(n, 0);
  for (std::size_t k = 0; k < n; ++k) {
    const bool water_class = k < landuse.size() && landuse[k] == kWaterLanduseCode;
    const bool sea = k < z.size() && k < d.size() && z[k] < 0.0f && d[k] >= kPermanentWaterMinDepth;
    m[k] = water_class || sea ? 1 : 0;
  }
  return m;
}

void compose(const GridInfo& g, const RasterLayers& L, std::vector<Rgba>& out, int stride) {
  stride = std::max(stride, 1);
  const int w = strided(g.nx, stride), h = strided(g.ny, stride);
  out.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
  const bool terrain = L.terrain && L.terrain->size() == g.size();
  const Rgba paper{225, 225, 220, 255};
  for (int jo = 0; jo < h; ++jo) {
    const std::size_t row = static_cast<std::size_t>(jo) * stride * g.nx;
    Rgba* dst = out.data() + static_cast<std::size_t>(jo) * w;
    for (int io = 0; io < w; ++io) {
      const std::size_t k = row + static_cast<std::size_t>(io) * stride;
      Rgba p = terrain ? (*L.terrain)[k] : paper;
      if (L.rain) p = over_opaque(p, rain_color(L.rain[k]));
      if (L.wind) p = over_opaque(p, wind_color(L.wind[k]));
      if (L.depth && L.depth_other)
        p = over_opaque(p, diff_color(L.depth_other[k] - L.depth[k]));
      else if (L.depth && L.permanent_water && L.permanent_water[k])
        p = (io + jo) % 5 == 0 ? kPermanentWaterHatch : kPermanentWater;  // hatched: not depth
      else if (L.depth)
        p = over_opaque(p, depth_color(L.depth[k]));
      dst[io] = p;
    }
  }
}

}  // namespace sd::viz
