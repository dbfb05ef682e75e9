#include "hazard/subgrid_scenario.hpp"

#include <cmath>

namespace sd {

std::vector<float> fine_manning(const Scenario& s) {
  const Grid& f = s.fine_dem.grid;
  const int r = s.subgrid_ratio;
  std::vector<float> n(f.size(), kScenarioManning);
  for (int j = 0; j < f.ny; ++j)
    for (int i = 0; i < f.nx; ++i) {
      const std::size_t p = f.index(i, j);
      const float code = !s.fine_landuse.data.empty() ? s.fine_landuse.data[p]
                         : !s.landuse.data.empty() ? s.landuse.data[s.dem.grid.index(i / r, j / r)]
                                                   : NAN;
      if (std::isnan(code)) continue;
      if (const LanduseClass* lc = s.landuse_class(static_cast<int>(code)))
        n[p] = static_cast<float>(lc->manning);
    }
  return n;
}

}  // namespace sd
