#pragma once
// Domain-edge faces (internal to sd_flood): closed walls, free outflow at normal depth and
// imposed water levels, with their volumes booked in the budget.
#include <array>
#include <vector>

#include "flood/flood_model.hpp"

namespace sd::flood {
struct Budget;

// Volumes that crossed the edge faces in one step (m^3), kept per row/side so the sums are
// independent of the thread partition.
struct EdgeFlow {
  double in = 0.0, out = 0.0;
};

struct BoundaryFaces {
  std::array<double, 4> zmin{};   // lowest active bed (relative) on each edge
  std::array<double, 4> level{};  // this step's imposed level (relative), Level edges

  void init(const Model& m);
  // Deepest ghost-cell water over the level edges at time t (for the CFL step).
  double max_ghost_depth(const Model& m, double t) const;
  // Evaluates the imposed levels for the step [t, t + dt] (at its midpoint).
  void begin_step(const Model& m, double t, double dt);
  // North (side 0) or South (side 2) faces: qy rows 0 / ny, from the depths before the step.
  EdgeFlow apply_side(const Model& m, int side, double dt, const std::vector<double>& h,
                      const float* qy_old, float* qy) const;
  // West and East faces of row j.
  EdgeFlow apply_row(const Model& m, int j, double dt, const std::vector<double>& h,
                     const float* qx_old, float* qx) const;
};

}  // namespace sd::flood
