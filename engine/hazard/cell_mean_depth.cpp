#include "hazard/cell_mean_depth.hpp"

#include <cmath>

namespace sd {

std::vector<float> cell_mean_depths(const flood::subgrid::SolverTables& t,
                                    const std::vector<float>& head) {
  std::vector<float> out(head.size());
  for (std::size_t c = 0; c < head.size(); ++c)
    out[c] = std::isnan(head[c]) || std::isnan(t.cell_zlo[c])
                 ? head[c]
                 : static_cast<float>(flood::subgrid::cell_vbar(t, c, head[c]));
  return out;
}

double fine_land_km2(const std::vector<float>& fine_depth, const std::vector<std::uint8_t>& water,
                     double pixel_m, float threshold_m) {
  std::size_t n = 0;
  for (std::size_t p = 0; p < fine_depth.size(); ++p)
    n += fine_depth[p] >= threshold_m && !water[p];
  return static_cast<double>(n) * pixel_m * pixel_m / 1e6;
}

}  // namespace sd
