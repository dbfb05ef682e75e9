#pragma once
// Per-step sinks and point sources (internal to sd_flood): infiltration (Horton, Green-Ampt,
// constant), urban drainage through flap-gated outfalls (and gates stuck open or closed),
// pumping stations, point inflows and dike breaches as weirs. All volumes are booked in double
// precision.
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
  // Where the water surface is and how much of a cell is wet: without sub-grid tables the
  // depth itself and 1 (head = null); with them the head above the lowest pixel and the wet
  // fraction, so capacities apply per wet area (issue 12).
  struct Wet {
    const double* head = nullptr;
    const float* fraction = nullptr;
  };
  // Applies sinks/sources over [t, t + dt]; returns the max depth among cells that gained
  // water (outfall and inflow cells) so the CFL step sees them.
  double apply(const Model& m, double t, double dt, int threads, std::vector<double>& h, Budget& b,
               Wet wet);
  // True when apply can change any depth (the sub-grid heads must then be refreshed).
  static bool active(const Model& m);

 private:
  void infiltrate(const Model& m, double t, double dt, int threads, std::vector<double>& h,
                  Budget& b, const float* frac);
  double drain(const Model& m, double t, double dt, int threads, std::vector<double>& h, Budget& b,
               Wet wet);
  double pump(const Model& m, double dt, std::vector<double>& h, Budget& b);
  double inflow(const Model& m, double t, double dt, std::vector<double>& h, Budget& b);
  double breach(const Model& m, double t, double dt, std::vector<double>& h, Budget& b, Wet wet);
  double sluice(const Model& m, double t, double dt, std::vector<double>& h, Budget& b, Wet wet);
};

}  // namespace sd::flood
