// `stormdrill branch PARENT.h5 --at 14:00 --inject FILE.toml -o BRANCH.h5` — a what-if:
// the parent run continued from a time with extra injects and decisions (docs/drills.md).
#include <cstdio>
#include <memory>

#include "app/branch_pipeline.hpp"
#include "cli/commands.hpp"
#include "cli/run_args.hpp"
#include "core/error.hpp"

namespace sd::cli {
namespace {

struct BranchArgs {
  BranchRequest request;
  CommonOptions common;
};

int branch_and_report(BranchArgs& a) {
  if (a.common.seed)
    throw InputError("--seed: a branch keeps its parent's seed (common random numbers)");
  BranchRequest& b = a.request;
  b.out_path = a.common.out;
  auto progress = configure_run(b.run, a.common);
  RunReport rep = run_branch(b);
  progress->done();
  report_run(rep, a.common);
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
