#pragma once
// Domain-edge faces (internal to sd_flood): closed walls, free outflow at normal depth and
// imposed water levels, with their volumes booked in the budget.
#include <array>
#include <vector>

#include "flood/flood_model.hpp"

namespace sd::flood {
struct Budget;

struct BoundaryFaces {
  std::array<double, 4> zmin{};  // lowest active bed (relative) on each edge

  void init(const Model& m);
  // Deepest ghost-cell water over the level edges at time t (for the CFL step).
  double max_ghost_depth(const Model& m, double t) const;
  // Sets the boundary faces' discharges for a step [t, t + dt] and books their volumes.
  void apply(const Model& m, double t, double dt, const std::vector<double>& h,
             std::vector<float>& qx, std::vector<float>& qy, Budget& b) const;
};

}  // namespace sd::flood
