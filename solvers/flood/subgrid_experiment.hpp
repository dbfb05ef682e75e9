#pragma once
// The sub-grid validation experiment of issue 12 §2, in process: street terrain
// (street_terrain.hpp) under block rain, run (a) at the fine resolution, (b) on sub-grid cells of
// `ratio` pixels and (c) with the ordinary solver on the cells' mean elevation, all with closed
// edges. Max depths of (b) and (c) are downscaled onto the fine DEM (subgrid_downscale.hpp) and
// compared with (a) (flood_agreement.hpp); arrival of 0.15 m at points flooded in (a). Used by
// tests/flood (small) and bench/bench_subgrid (>= 1000 x 1000 pixels).
#include <cstdint>
#include <vector>

#include "flood/flood_state.hpp"
#include "flood/street_terrain.hpp"

namespace sd::flood {

struct ExperimentSpec {
  StreetTerrainSpec terrain;
  double rain_mmph = 60.0, rain_hours = 0.5, duration_s = 3600.0;
  float manning = 0.03f;
  int threads = 2;
  int points = 20;         // arrival-time points
  double sample_s = 10.0;  // arrival sampling interval of (b) and (c); (a) samples every step
  int levels = 10;         // sub-grid table levels
  // Step cap of (a) (s), Options::dt_max by default. Before the donor limit of the face
  // fluxes (limit_to_donor, inertial_kernels.hpp) 10 s let the first steps on the dry town
  // dump the roofs' first rain over the 4 m walls in one step, so (a) ran with 1 s.
  double dt_max_fine = 10.0;
};

struct CaseResult {
  int ratio = 1;
  std::vector<float> fine_max;    // max depth on the fine grid (m)
  std::vector<double> arrival_s;  // first time >= 0.15 m at the points (NaN: never)
  Budget budget;
  std::uint64_t steps = 0;
  double solver_s = 0, tables_s = 0;
};

struct Experiment {
  ExperimentSpec spec;
  std::vector<float> fine;          // the terrain
  std::vector<std::size_t> points;  // fine pixels, flooded 0.2-2 m deep in (a)
  CaseResult reference;             // (a)
};

Experiment run_reference(const ExperimentSpec& spec);
CaseResult run_subgrid_case(const Experiment& e, int ratio);  // (b)
CaseResult run_coarse_case(const Experiment& e, int ratio);   // (c)

// Mean of the valid pixels of each ratio x ratio cell (NaN where none): the coarse DEM of (c).
std::vector<float> mean_bed(const std::vector<float>& fine, int nfx, int nfy, int ratio);

}  // namespace sd::flood
