#pragma once
// The water surface of a sub-grid run's computational cells, ready for downscaling onto the
// fine DEM (flood/subgrid_downscale.hpp): level = the cell's lowest pixel + its head, wet where
// the head is > 0, and the faces' crests (lowest open strip) for the continuity rule.
#include <cmath>
#include <cstdint>
#include <vector>

#include "flood/subgrid_downscale.hpp"
#include "flood/subgrid_inertial.hpp"

namespace sd {

struct CoarseLevels {
  const flood::subgrid::SolverTables& tables;
  std::vector<double> level;
  std::vector<std::uint8_t> wet;

  CoarseLevels(const flood::subgrid::SolverTables& t, const std::vector<double>& head)
      : tables(t), level(head.size(), 0.0), wet(head.size(), 0) {
    for (std::size_t c = 0; c < head.size(); ++c)
      if (head[c] > 0.0 && !std::isnan(t.cell_zlo[c])) {
        level[c] = t.cell_zlo[c] + head[c];
        wet[c] = 1;
      }
  }
  flood::subgrid::Surface surface() const {
    return {level, wet, tables.nx, tables.ny, tables.ratio, &tables.fx.zlo, &tables.fy.zlo};
  }
};

}  // namespace sd
