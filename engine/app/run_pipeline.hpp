#pragma once
// One drill run end to end, as `stormdrill run` and `demo` do it: load and validate the
// scenario, compile the response model, get the hazard (from the cache or by running storm +
// flood), replay the plan against it, write the results file, summarise.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/empty_drill.hpp"
#include "app/phase_clock.hpp"
#include "hazard/hazard_run.hpp"
#include "hazard/hazard_timeline.hpp"
#include "io/json_writer.hpp"
#include "output/results_writer.hpp"
#include "response/run_result.hpp"

namespace sd {

struct RunRequest {
  std::string scenario_path;
  std::string plan_path;  // empty = the scenario's own plan
  std::string out_path;   // empty = scenario [output] path, else "<scenario>-results.h5"
  std::optional<std::uint64_t> seed;
  int member = 0;
  int threads = 0;
  std::string cache_dir;
  bool use_cache = true;
  bool self_contained = false;  // copy the hazard into the results file (else link the cache)
  double cache_max_gb = 20;
  double max_memory_gb = 0;  // 0 = 80 % of physical memory
  bool quiet = false;
  bool allow_empty_storm = false;         // a storm missing the window is a warning, not an error
  std::vector<std::string> text_outputs;  // e.g. --summary-json: checked with -o before the run
  std::function<void(const std::string&)> warn;  // validation warnings
  std::function<void(double, double)> hazard_progress;
  // Branching (app/branch_pipeline): adds the branch's injects to the scenario once it is
  // loaded, checks them against the compiled model, and what the results file records.
  std::function<void(Scenario&)> amend_scenario;
  std::function<void(const ResponseModel&)> check_model;
  std::function<BranchRecord()> branch_record;
  std::function<void(HazardTimeline&, const ResponseModel&, const HazardOptions&)> amend_hazard;
  std::function<void(HazardOptions&)> amend_hazard_options;  // e.g. resume from the parent
  double checkpoint_every_s = 3600;  // flood checkpoints kept with the hazard (0: none)
  PhaseReport phase;                 // per-phase wall times (-v); empty: not reported
};

struct RunReport {
  std::string results_path;
  std::string scenario_name, plan_name;
  std::uint64_t seed = 0;
  RunResult result;
  HazardTimeline hazard;
  double hazard_wall_s = 0, response_wall_s = 0, wall_s = 0;
  bool hazard_from_cache = false;
  // Sub-grid runs: the peak flooded land counts whole cells (mean depth >= 0.15 m at a frame),
  // the extent fine pixels; the summary names both bases.
  bool subgrid = false;
  EmptyDrill empty_drill;  // the drill did nothing: why (summary line and JSON keys)
  io::Json summary_json() const;
  std::string summary_table() const;  // the KPI table printed at the end of a run
};

RunReport run_drill(const RunRequest& request);

}  // namespace sd
