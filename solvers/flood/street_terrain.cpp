#include "flood/street_terrain.hpp"

#include <algorithm>
#include <cmath>
#include <random>

namespace sd::flood {
namespace {

constexpr double kBlockM = 48.0;     // block pitch: a building block plus its street
constexpr double kStreetM = 10.0;    // street width
constexpr double kBuildingM = 4.0;   // block height above the street
constexpr double kUnderpassM = 2.5;  // underpass depth below the street
constexpr double kUnderpassLenM = 30.0;
constexpr double kChannelM = 12.0;  // channel width
constexpr double kChannelDepthM = 2.0;

}  // namespace

std::vector<float> street_terrain(const StreetTerrainSpec& s) {
  std::mt19937 rng(s.seed);
  const double W = s.nx * s.pixel_m, H = s.ny * s.pixel_m;
  const int bx = static_cast<int>(std::ceil(W / kBlockM)),
            by = static_cast<int>(std::ceil(H / kBlockM));
  // Per block: 0 = building, 1 = open courtyard (sunken 0.4 m), 2 = park (street level).
  std::vector<int> kind(static_cast<std::size_t>(bx) * by);
  std::uniform_int_distribution<int> pick(0, 9);
  for (int& k : kind) {
    const int p = pick(rng);
    k = p < 7 ? 0 : (p < 9 ? 1 : 2);
  }
  // Underpasses: at a quarter of the crossings, along x or y.
  std::vector<int> under(static_cast<std::size_t>(bx + 1) * (by + 1));
  std::uniform_int_distribution<int> up(0, 7);
  for (int& u : under) u = up(rng);  // 0: along x, 1: along y, else none
  // Smooth undulation (a few decimetres) so flow paths are not trivial.
  std::uniform_real_distribution<double> ph(0.0, 6.283185307179586);
  const double p1 = ph(rng), p2 = ph(rng);
  const double cx = 0.37 * W;  // the channel runs north-south here, meandering gently
  std::vector<float> z(static_cast<std::size_t>(s.nx) * s.ny);
  for (int j = 0; j < s.ny; ++j)
    for (int i = 0; i < s.nx; ++i) {
      const double x = (i + 0.5) * s.pixel_m, y = (j + 0.5) * s.pixel_m;  // y south from north
      // Ground falls 1:400 toward the channel and 1:1000 to the south.
      const double chx = cx + 25.0 * std::sin(y / 180.0 + p1);
      double e = 10.0 + std::fabs(x - chx) / 400.0 - y / 1000.0 +
                 0.25 * std::sin(x / 90.0 + p2) * std::cos(y / 110.0 + p1);
      const double u = std::fmod(x, kBlockM), v = std::fmod(y, kBlockM);
      const int I = static_cast<int>(x / kBlockM), J = static_cast<int>(y / kBlockM);
      const bool street = u < kStreetM || v < kStreetM;
      if (!street) {
        const int k = kind[static_cast<std::size_t>(J) * bx + I];
        const double inner = std::min({u - kStreetM, kBlockM - u, v - kStreetM, kBlockM - v});
        if (k == 0) e += kBuildingM;
        if (k == 1) e += inner > 6.0 ? -0.4 : kBuildingM;  // courtyard inside a building ring
        if (k == 2) e += 0.15;                             // park: a kerb above the street
      } else {
        // An underpass dips under a crossing: a trough along the street with 1:6 ramps.
        const int u_kind = under[static_cast<std::size_t>(J) * (bx + 1) + I];
        const double along = u_kind == 0 ? u : v;   // distance along the street from the corner
        const double across = u_kind == 0 ? v : u;  // inside the street's width
        if (u_kind <= 1 && across < kStreetM) {
          const double mid = std::fabs(along - kStreetM / 2);
          const double d = std::clamp((kUnderpassLenM / 2 - mid) / 6.0, 0.0, 1.0);
          e -= kUnderpassM * d;
        }
      }
      if (std::fabs(x - chx) < kChannelM / 2) e = std::min(e, 10.0 - y / 1000.0 - kChannelDepthM);
      z[static_cast<std::size_t>(j) * s.nx + i] = static_cast<float>(e);
    }
  return z;
}

}  // namespace sd::flood
