// `stormdrill branch PARENT.h5 --at 14:00 --inject FILE.toml -o BRANCH.h5` — a what-if:
// the parent run continued from a time with extra injects and decisions (docs/drills.md).
#include <cstdio>
#include <memory>

#include "app/branch_pipeline.hpp"
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/progress.hpp"
#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "io/output_guard.hpp"

namespace sd::cli {
namespace {

struct BranchArgs {
  BranchRequest request;
  CommonOptions common;
};

int branch_and_report(BranchArgs& a) {
  if (a.common.seed)
    throw InputError("--seed: a branch keeps its parent's seed (common random numbers)");
  apply_threads(a.common.threads);
  BranchRequest& b = a.request;
  b.out_path = a.common.out;
  RunRequest& rq = b.run;
  rq.threads = a.common.threads;
  rq.cache_dir = a.common.cache_dir;
  rq.use_cache = !a.common.no_cache;
  rq.cache_max_gb = a.common.cache_max_gb;
  rq.max_memory_gb = a.common.max_memory_gb;
  rq.quiet = a.common.quiet;
  const bool quiet = a.common.quiet;
  rq.warn = [quiet](const std::string& w) {
    if (!quiet) std::fprintf(stderr, "stormdrill: warning: %s\n", w.c_str());
  };
  if (!a.common.summary_json.empty())
    io::check_output_file(a.common.summary_json, io::FileKind::Text);
  auto progress = std::make_shared<Progress>("hazard", a.common.quiet);
  rq.hazard_progress = [progress](double t, double total) { progress->update(t, total); };
  RunReport rep = run_branch(b);
  progress->done();
  std::printf("%s", rep.summary_table().c_str());
  if (!a.common.summary_json.empty())
    io::write_text_atomic(a.common.summary_json, rep.summary_json().dump() + "\n");
  return 0;
}

}  // namespace

void add_branch(CLI::App& app) {
  auto args = std::make_shared<BranchArgs>();
  auto* cmd = app.add_subcommand(
      "branch", "Branch a run at a time with extra injects and decisions (a drill what-if)");
  cmd->footer(
      "Examples:\n"
      "  stormdrill branch out/run.h5 --at 14:00 --inject what-if.toml -o out/branch.h5\n"
      "  stormdrill branch out/run.h5 --at 14:00 --inject-inline 'close_road edge=1234' \\\n"
      "      --inject-inline 'team_out team=NAME' -o out/branch.h5\n"
      "Times: HH:MM on the scenario day, ISO-8601 with offset, or seconds after the start.\n"
      "Actions and keys: docs/drills.md");
  auto& b = args->request;
  cmd->add_option("parent", b.parent_path, "The run to branch (results file)")->required();
  cmd->add_option("--at", b.at, "Branch time: HH:MM, ISO-8601 with offset, or seconds")->required();
  cmd->add_option("--inject", b.inject_files, "Inject file ([[inject]] tables); repeatable");
  cmd->add_option("--inject-inline", b.inline_injects,
                  "One inject as 'ACTION key=value ...' (e.g. 'close_road edge=1234'); "
                  "repeatable");
  cmd->add_option("--save-injects", b.save_injects_path,
                  "Write every inject since the root run as an inject file");
  cmd->add_option("--scenario", b.scenario_path,
                  "Scenario file, when the parent's recorded one has moved");
  add_common_options(cmd, args->common);
  cmd->get_option("--out")->required();
  cmd->callback([args] { branch_and_report(*args); });
}

}  // namespace sd::cli
