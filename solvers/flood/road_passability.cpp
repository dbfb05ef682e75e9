#include "flood/road_passability.hpp"

#include <algorithm>
#include <cmath>

namespace sd::flood {

void RoadCells::add_segment(const Grid& g, double x0, double y0, double x1, double y1) {
  const double len = std::hypot(x1 - x0, y1 - y0);
  const int n = std::max(1, static_cast<int>(std::ceil(2.0 * len / g.cell)));
  const std::size_t first = cells.size();
  for (int k = 0; k <= n; ++k) {
    const double f = static_cast<double>(k) / n;
    int i = 0, j = 0;
    if (!g.locate(x0 + f * (x1 - x0), y0 + f * (y1 - y0), i, j)) continue;
    const int c = static_cast<int>(g.index(i, j));
    if (std::find(cells.begin() + static_cast<std::ptrdiff_t>(first), cells.end(), c) ==
        cells.end())
      cells.push_back(c);
  }
  offsets.push_back(cells.size());
}

float pregnolato_speed_factor(float depth_m) {
  const double d = std::max(0.0, static_cast<double>(depth_m)) * 1000.0;  // mm
  if (d >= 300.0) return 0.0f;
  const double v = 0.0009 * d * d - 0.5529 * d + 86.9448;
  return static_cast<float>(std::clamp(v / 86.9448, 0.0, 1.0));
}

void road_passability(const RoadCells& roads, const float* depth, RoadState& out, float ponding_m,
                      float closed_m) {
  const std::size_t n = roads.segments();
  out.depth_m.assign(n, 0.0f);
  out.speed_factor.assign(n, 1.0f);
  out.state.assign(n, 0);
  for (std::size_t s = 0; s < n; ++s) {
    float d = 0.0f;
    for (std::size_t q = roads.offsets[s]; q < roads.offsets[s + 1]; ++q) {
      const float v = depth[static_cast<std::size_t>(roads.cells[q])];
      if (v > d) d = v;  // NaN (outside the domain) compares false
    }
    out.depth_m[s] = d;
    out.state[s] = d >= closed_m ? 2 : (d >= ponding_m ? 1 : 0);
    out.speed_factor[s] = out.state[s] == 2 ? 0.0f : pregnolato_speed_factor(d);
  }
}

}  // namespace sd::flood
