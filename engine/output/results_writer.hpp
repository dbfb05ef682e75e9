#pragma once
// Writes one run's results file (docs/results-format.md): metadata, grid, a link to the
// cached hazard frames, roads and their state over time, teams and tracks, incidents,
// events, assets and KPIs. Written under a temporary name and renamed when complete; an
// XDMF sidecar lets ParaView open the depth series.
#include <string>

#include "hazard/hazard_timeline.hpp"
#include "response/response_model.hpp"
#include "response/run_result.hpp"
#include "scenario/plan.hpp"

namespace sd {

struct RunMeta {
  std::string kind = "run";
  std::uint64_t seed = 0;
  int member = 0;
  double wall_s = 0;
  double hazard_wall_s = 0;
  double response_wall_s = 0;
};

void write_results(const std::string& path, const ResponseModel& model,
                   const HazardTimeline& hazard, const Plan& plan, const RunResult& run,
                   const RunMeta& meta);

// Common /meta and /grid groups (also used by the hazard cache and batch files).
void write_meta_and_grid(long long file_id, const Scenario& s, const std::string& kind,
                         std::uint64_t seed, double wall_s, bool with_grid);

// XDMF 3 sidecar describing /hazard/depth (and rain) of an HDF5 file for ParaView.
void write_xdmf(const std::string& xmf_path, const std::string& h5_name, const Grid& grid,
                const std::vector<double>& times, bool with_rain);

}  // namespace sd
