#include "hazard/cell_speed.hpp"

#include <cmath>
#include <cstddef>

namespace sd {

void cell_speed(const flood::State& st, std::vector<float>& speed) {
  const Grid& g = st.model().grid();
  const float vmin = st.model().options().velocity_min_depth_m;
  const std::vector<double>& h = st.depth();
  const std::vector<float>& qx = st.qx();
  const std::vector<float>& qy = st.qy();
  speed.assign(g.size(), 0.0f);
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const std::size_t c = g.index(i, j);
      const float d = static_cast<float>(h[c]);
      if (!(d > vmin)) continue;
      const std::size_t w = static_cast<std::size_t>(j) * (g.nx + 1) + i;
      const float u = 0.5f * (qx[w] + qx[w + 1]) / d;
      const float v = 0.5f * (qy[c] + qy[c + static_cast<std::size_t>(g.nx)]) / d;
      speed[c] = std::sqrt(u * u + v * v);
    }
}

}  // namespace sd
