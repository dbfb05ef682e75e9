#include "county/fine_terrain.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace sd::county {
namespace {

// SplitMix64 (Steele, Lea & Flood 2014): a seeded value per pixel, independent of order.
double unit_noise(std::uint64_t seed, std::uint64_t p) {
  std::uint64_t z = seed + 0x9e3779b97f4a7c15ull * (p + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) / 9007199254740992.0 * 2.0 - 1.0;  // [-1, 1)
}

bool is_code(float v, LandUse code) {
  return v == static_cast<float>(code);
}
bool is_town(float v) {
  return is_code(v, kUrban) || is_code(v, kIndustrial);
}

// One-pixel street lines along every road edge (sampled every half pixel).
std::vector<std::uint8_t> street_mask(const County& c, const Grid& f) {
  std::vector<std::uint8_t> m(f.size(), 0);
  for (const RoadEdge& e : c.edges) {
    const Point a = c.nodes[e.from].p, b = c.nodes[e.to].p;
    const double len = std::hypot(b.x - a.x, b.y - a.y);
    const int n = std::max(1, static_cast<int>(std::ceil(len / (0.5 * f.cell))));
    for (int k = 0; k <= n; ++k) {
      const double s = static_cast<double>(k) / n;
      int i, j;
      if (f.locate(a.x + s * (b.x - a.x), a.y + s * (b.y - a.y), i, j)) m[f.index(i, j)] = 1;
    }
  }
  return m;
}

// The coarse ground of a cell before an underpass was dug in it: the mean of its land
// neighbours that are not underpass cells (the cell's own value when it has none).
std::vector<float> undug(const County& c, const std::vector<std::uint8_t>& dug) {
  const Grid& g = c.dem.grid;
  std::vector<float> z = c.dem.data;
  for (int J = 0; J < g.ny; ++J)
    for (int I = 0; I < g.nx; ++I) {
      if (!dug[g.index(I, J)]) continue;
      double sum = 0;
      int n = 0;
      for (auto [a, b] : {std::pair{I - 1, J}, {I + 1, J}, {I, J - 1}, {I, J + 1}}) {
        if (a < 0 || b < 0 || a >= g.nx || b >= g.ny || dug[g.index(a, b)]) continue;
        if (is_code(c.landuse.data[g.index(a, b)], kWater)) continue;
        sum += c.dem.data[g.index(a, b)];
        ++n;
      }
      if (n) z[g.index(I, J)] = static_cast<float>(sum / n);
    }
  return z;
}

}  // namespace

io::Raster fine_terrain(const County& c, double fine_m, std::uint64_t seed) {
  const Grid& g = c.dem.grid;
  const double rr = g.cell / fine_m;
  const int r = static_cast<int>(std::lround(rr));
  if (r < 1 || std::fabs(rr - r) > 1e-9) throw std::invalid_argument("fine_m must divide cell_m");
  io::Raster out;
  out.grid = Grid{g.nx * r, g.ny * r, g.x0, g.y0, fine_m};
  out.crs_wkt = c.dem.crs_wkt;
  const Grid& f = out.grid;
  out.data.assign(f.size(), 0.0f);
  std::vector<std::uint8_t> dug(g.size(), 0);
  for (const Underpass& u : c.underpasses) {
    int I, J;
    if (g.locate(u.p.x, u.p.y, I, J)) dug[g.index(I, J)] = 1;
  }
  const std::vector<float> base = undug(c, dug);
  // Cells kept exact (nearest): water, seawall, no data.
  auto exact = [&](int I, int J) {
    const std::size_t k = g.index(I, J);
    return is_code(c.landuse.data[k], kWater) || (!c.seawall.empty() && c.seawall[k]) ||
           std::isnan(base[k]);
  };
  const std::vector<std::uint8_t> street = street_mask(c, f);
  for (int j = 0; j < f.ny; ++j)
    for (int i = 0; i < f.nx; ++i) {
      const int I = i / r, J = j / r;
      const std::size_t p = f.index(i, j), k = g.index(I, J);
      // Pixel centre in coarse-centre coordinates, and its four surrounding cell centres.
      const double x = (i + 0.5) / r - 0.5, y = (j + 0.5) / r - 0.5;
      const int I0 = static_cast<int>(std::floor(x)), J0 = static_cast<int>(std::floor(y));
      const double ax = x - I0, ay = y - J0;
      bool smooth = !exact(I, J);
      double z = 0;
      for (int b = 0; b < 2 && smooth; ++b)
        for (int a = 0; a < 2; ++a) {
          const int Ii = std::clamp(I0 + a, 0, g.nx - 1), Jj = std::clamp(J0 + b, 0, g.ny - 1);
          if (exact(Ii, Jj)) {
            smooth = false;
            break;
          }
          z += (a ? ax : 1 - ax) * (b ? ay : 1 - ay) * base[g.index(Ii, Jj)];
        }
      if (!smooth) {
        out.data[p] = base[k];
        continue;
      }
      z += kNoise_m * unit_noise(seed, p);
      if (is_town(c.landuse.data[k])) {
        const double xm = std::fmod(f.cx(i) - g.x0, kDitchSpacing_m);
        if (street[p]) {
          // the street at the refined ground
        } else if (xm >= 0.5 * kDitchSpacing_m - 0.5 * fine_m &&
                   xm < 0.5 * kDitchSpacing_m + 0.5 * fine_m) {
          z -= kDitchDepth_m;
        } else {
          z += kBlockRise_m;
        }
      }
      out.data[p] = static_cast<float>(z);
    }
  // Sunken underpasses: the street pixels near each underpass point, dug below the street.
  for (const Underpass& u : c.underpasses) {
    const int rad = static_cast<int>(std::ceil(kUnderpassRadius_m / fine_m));
    int ic, jc;
    if (!f.locate(u.p.x, u.p.y, ic, jc)) continue;
    for (int j = std::max(0, jc - rad); j <= std::min(f.ny - 1, jc + rad); ++j)
      for (int i = std::max(0, ic - rad); i <= std::min(f.nx - 1, ic + rad); ++i) {
        const std::size_t p = f.index(i, j);
        if (!street[p] || std::hypot(f.cx(i) - u.p.x, f.cy(j) - u.p.y) > kUnderpassRadius_m)
          continue;
        out.data[p] -= static_cast<float>(u.depth_m);
      }
  }
  return out;
}

}  // namespace sd::county
