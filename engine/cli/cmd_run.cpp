// `stormdrill run SCENARIO.toml` — one drill: hazard (cached), response, results file.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "app/run_pipeline.hpp"
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/progress.hpp"
#include "cli/run_args.hpp"
#include "io/atomic_file.hpp"

namespace sd::cli {

int run_and_report(const RunArgs& a) {
  apply_threads(a.common.threads);
  RunRequest rq;
  rq.scenario_path = a.scenario;
  rq.plan_path = a.plan;
  rq.out_path = a.common.out;
  rq.seed = a.common.seed;
  rq.member = a.member;
  rq.threads = a.common.threads;
  rq.cache_dir = a.common.cache_dir;
  rq.use_cache = !a.common.no_cache;
  rq.cache_max_gb = a.common.cache_max_gb;
  rq.max_memory_gb = a.common.max_memory_gb;
  rq.quiet = a.common.quiet;
  const bool verbose = a.common.verbose;
  rq.warn = [verbose](const std::string& w) {
    if (verbose) std::fprintf(stderr, "stormdrill: warning: %s\n", w.c_str());
  };
  auto progress = std::make_shared<Progress>("hazard", a.common.quiet);
  rq.hazard_progress = [progress](double t, double total) { progress->update(t, total); };
  RunReport rep = run_drill(rq);
  progress->done();
  std::printf("%s", rep.summary_table().c_str());
  if (!a.common.summary_json.empty())
    io::write_text_atomic(a.common.summary_json, rep.summary_json().dump() + "\n");
  return 0;
}

void add_run(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand(
      "run", "Run one drill scenario: storm -> flood -> response, results to HDF5");
  cmd->footer(
      "Examples:\n"
      "  stormdrill run scenarios/haiyan-demo/scenario.toml -o out/run.h5\n"
      "  stormdrill run scenarios/haiyan-demo/scenario.toml --plan "
      "scenarios/haiyan-demo/plan-prepositioned.toml \\\n"
      "      --seed 7 --summary-json out/run.json");
  cmd->add_option("scenario", args->scenario, "Scenario file (TOML)")->required();
  cmd->add_option("--plan", args->plan, "Plan file to use instead of the scenario's own [plan]");
  cmd->add_option("--member", args->member, "Storm ensemble member (0 = the scenario's storm)")
      ->check(CLI::NonNegativeNumber);
  add_common_options(cmd, args->common);
  cmd->callback([args] { run_and_report(*args); });
}

}  // namespace sd::cli
