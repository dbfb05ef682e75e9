#pragma once
// Writes one run's results file (docs/results-format.md): metadata, grid, a link to the
// cached hazard frames (or a copy of them), roads and their state over time, teams and
// tracks, incidents, events, assets and KPIs. Written under a temporary name and renamed when
// complete; an XDMF sidecar lets ParaView open the hazard's time series.
#include <string>

#include "hazard/hazard_timeline.hpp"
#include "output/xdmf_writer.hpp"
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
  // Copy the hazard frames into the file instead of linking the cache (docs/results-format.md).
  bool self_contained = false;
};

void write_results(const std::string& path, const ResponseModel& model,
                   const HazardTimeline& hazard, const Plan& plan, const RunResult& run,
                   const RunMeta& meta);

// Common /meta and /grid groups (also used by the hazard cache and batch files).
void write_meta_and_grid(long long file_id, const Scenario& s, const std::string& kind,
                         std::uint64_t seed, double wall_s, bool with_grid);

}  // namespace sd
