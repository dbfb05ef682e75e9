#include "hazard/subgrid_scenario.hpp"

#include <cmath>

namespace sd {

std::vector<float> fine_manning(const Scenario& s) {
  const Grid& f = s.fine_dem.grid;
  const int r = s.subgrid_ratio;
  std::vector<float> n(f.size(), 0.03f);  // = setup_flood's default for cells without a class
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

flood::subgrid::TablesPtr build_scenario_tables(const Scenario& s, int threads) {
  return flood::subgrid::build_solver_tables(
      s.fine_dem.data, s.fine_dem.grid.nx, s.fine_dem.grid.ny, s.fine_dem.grid.cell,
      s.subgrid_ratio, fine_manning(s), 0.03f, kTableLevels, threads);
}

}  // namespace sd
