#pragma once
// Writes one run's results file (docs/results-format.md): metadata, grid, a link to the
// cached hazard frames (or a copy of them), roads and their state over time, teams and
// tracks, incidents, events, assets and KPIs. Written under a temporary name and renamed when
// complete; an XDMF sidecar lets ParaView open the hazard's time series.
#include <optional>
#include <string>

#include "hazard/hazard_timeline.hpp"
#include "output/xdmf_writer.hpp"
#include "response/response_model.hpp"
#include "response/run_result.hpp"
#include "scenario/plan.hpp"

namespace sd {

// What a branched run records about where it comes from (docs/drills.md).
struct BranchRecord {
  std::string parent_path;      // as given, made absolute
  std::string parent_checksum;  // the parent's seal hash ("" for an unsealed parent)
  double at_s = 0;              // branch time, s after the start
  std::string injects_toml;     // every inject since the root run, canonical TOML
};

struct RunMeta {
  std::string kind = "run";
  std::uint64_t seed = 0;
  int member = 0;
  double wall_s = 0;
  double hazard_wall_s = 0;
  double response_wall_s = 0;
  // Copy the hazard frames into the file instead of linking the cache (docs/results-format.md).
  bool self_contained = false;
  std::string scenario_path;           // the scenario file, for `stormdrill branch`
  std::optional<BranchRecord> branch;  // set for a branched run: written as /branch
};

void write_results(const std::string& path, const ResponseModel& model,
                   const HazardTimeline& hazard, const Plan& plan, const RunResult& run,
                   const RunMeta& meta);

// Common /meta and /grid groups (also used by the hazard cache and batch files).
void write_meta_and_grid(long long file_id, const Scenario& s, const std::string& kind,
                         std::uint64_t seed, double wall_s, bool with_grid);

}  // namespace sd
