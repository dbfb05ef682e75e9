#pragma once
// Per-step sinks and point sources (internal to sd_flood): infiltration (Horton, Green-Ampt,
// constant), urban drainage through flap-gated outfalls, pumping stations and point
// inflows. All volumes are booked in double precision.
#include <cstdint>
#include <vector>

#include "flood/flood_model.hpp"

namespace sd::flood {
struct Budget;

struct SinkState {
  std::vector<float> infiltrated;     // Green-Ampt cumulative infiltration F (m) per cell
  std::vector<std::uint8_t> pump_on;  // per pump
  std::vector<float> demand;          // gate-locked drainage demand per cell (m), for pumps
  struct Task {
    std::size_t group, begin, end;
  };
  std::vector<Task> tasks;
  std::vector<double> task_sum, row_partial, group_eta;

  void init(const Model& m);
  // Applies sinks/sources over [t, t + dt]; returns the max depth among cells that gained
  // water (outfall and inflow cells) so the CFL step sees them.
  double apply(const Model& m, double t, double dt, int threads, std::vector<double>& h, Budget& b);

 private:
  void infiltrate(const Model& m, double t, double dt, int threads, std::vector<double>& h,
                  Budget& b);
  double drain(const Model& m, double t, double dt, int threads, std::vector<double>& h, Budget& b);
  double pump(const Model& m, double dt, std::vector<double>& h, Budget& b);
  double inflow(const Model& m, double t, double dt, std::vector<double>& h, Budget& b);
};

}  // namespace sd::flood
