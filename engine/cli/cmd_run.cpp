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
#include "io/output_guard.hpp"

namespace sd::cli {

std::shared_ptr<Progress> configure_run(RunRequest& rq, const CommonOptions& c) {
  apply_threads(c.threads);
  rq.threads = c.threads;
  rq.cache_dir = c.cache_dir;
  rq.use_cache = !c.no_cache;
  rq.cache_max_gb = c.cache_max_gb;
  rq.max_memory_gb = c.max_memory_gb;
  rq.quiet = c.quiet;
  // Warnings are the run log's first lines (an asset far from the roads, a clipped warning
  // lead, a storm allowed to miss the window): shown unless --quiet.
  const bool quiet = c.quiet;
  rq.warn = [quiet](const std::string& w) {
    if (!quiet) std::fprintf(stderr, "stormdrill: warning: %s\n", w.c_str());
  };
  // Checked by run_drill with -o, once the scenario's inputs are known, before the run.
  if (!c.summary_json.empty()) rq.text_outputs.push_back(c.summary_json);
  if (c.verbose)
    rq.phase = [](const std::string& phase, double s) {
      std::fprintf(stderr, "stormdrill: time: %-28s %.3f s\n", phase.c_str(), s);
    };
  auto progress = std::make_shared<Progress>("hazard", c.quiet);
  rq.hazard_progress = [progress](double t, double total) { progress->update(t, total); };
  return progress;
}

void report_run(const RunReport& rep, const CommonOptions& c) {
  std::printf("%s", rep.summary_table().c_str());
  if (!c.summary_json.empty())
    io::write_text_atomic(c.summary_json, rep.summary_json().dump() + "\n");
}

int run_and_report(const RunArgs& a) {
  RunRequest rq;
  rq.scenario_path = a.scenario;
  rq.plan_path = a.plan;
  rq.out_path = a.common.out;
  rq.seed = a.common.seed;
  rq.member = a.member;
  rq.allow_empty_storm = a.allow_empty_storm;
  rq.self_contained = a.self_contained;
  auto progress = configure_run(rq, a.common);
  RunReport rep = run_drill(rq);
  progress->done();
  report_run(rep, a.common);
  return 0;
}

void add_allow_empty_storm(CLI::App* cmd, bool& flag) {
  cmd->add_flag("--allow-empty-storm", flag,
                "Accept a storm that never reaches the domain during the scenario window "
                "(a deliberate dry run): a warning instead of an error");
}

void add_self_contained_flag(CLI::App* cmd, bool& flag) {
  cmd->add_flag("--self-contained", flag,
                "Copy the hazard frames into the results file instead of linking the hazard "
                "cache (automatic when the output is on another file system than the cache)");
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
      ->check(at_least(0));
  add_allow_empty_storm(cmd, args->allow_empty_storm);
  add_self_contained_flag(cmd, args->self_contained);
  add_common_options(cmd, args->common);
  cmd->callback([args] { run_and_report(*args); });
}

}  // namespace sd::cli
