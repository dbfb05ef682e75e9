#pragma once
// `stormdrill branch`: a run branched at time t with extra injects and decisions
// (docs/drills.md). The branch re-runs its parent's scenario, plan, seed and member with the
// new injects appended after the parent's, so every random stream and every event before t is
// the parent's (common random numbers) and the branch differs only through what was changed.
// The response is recomputed from the start (deterministic, a fraction of a second); the
// hazard is the parent's cached one unless an inject changes it.
#include <string>
#include <vector>

#include "app/run_pipeline.hpp"

namespace sd {

struct BranchRequest {
  std::string parent_path;                  // a run (or branch) results file
  std::string at;                           // "14:00", ISO-8601 with offset, or seconds
  std::vector<std::string> inject_files;    // TOML files of [[inject]] tables
  std::vector<std::string> inline_injects;  // 'ACTION key=value ...'
  std::string out_path;
  std::string save_injects_path;  // write every inject since the root run as TOML
  std::string scenario_path;      // overrides the parent's recorded scenario file
  RunRequest run;                 // cache, threads, warnings, progress (paths are filled in)
};

// What a parent results file says about how to re-run it.
struct ParentRun {
  std::string scenario_path, plan_path, checksum, injects_toml, scenario_text;
  std::uint64_t seed = 0;
  int member = 0;
  double duration_s = 0;
};

// Reads and checks the parent (a sealed stormdrill run file); InputError when it is not one.
ParentRun read_parent(const std::string& path);

RunReport run_branch(const BranchRequest& request);

}  // namespace sd
