// `stormdrill batch` — contingency plans x storm ensemble, paired statistics, MPI-aware.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "batch/batch_failures.hpp"
#include "batch/batch_runner.hpp"
#include "batch/mpi_comm.hpp"
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/run_args.hpp"
#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "io/json_writer.hpp"

namespace sd::cli {

void add_batch(CLI::App& app) {
  auto rq = std::make_shared<BatchRequest>();
  auto common = std::make_shared<CommonOptions>();
  auto no_resume = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand(
      "batch", "Compare contingency plans across an ensemble of perturbed storms");
  cmd->footer(
      "Examples:\n"
      "  stormdrill batch --scenario scenarios/haiyan-demo/scenario.toml \\\n"
      "      --plans scenarios/haiyan-demo/plan-current.toml "
      "scenarios/haiyan-demo/plan-prepositioned.toml \\\n"
      "      --members 20 -o out/batch.h5 --csv out/batch.csv\n"
      "  mpirun -n 4 stormdrill batch ... (members spread over ranks; rank 0 writes the file)");
  cmd->add_option("--scenario", rq->scenario_path, "Base scenario (TOML)")->required();
  cmd->add_option("--plans", rq->plan_paths, "Plan files to compare (the first is the baseline)")
      ->required();
  cmd->add_option("--members", rq->members, "Storm ensemble members (1..100000)")
      ->check(at_least(1))
      ->check(CLI::Range(1, 100000));  // 2e9 was accepted; each member is a full hazard run
  cmd->add_option("--ensemble-seed", rq->ensemble_seed,
                  "Seed of the storm ensemble (default: the scenario seed)")
      ->check(seed_check());
  cmd->add_option("--csv", rq->csv_path, "Per-plan table (CSV)");
  cmd->add_option("--runs-csv", rq->runs_csv_path, "Per-run rows, plan x member (CSV)");
  cmd->add_option("--tradeoff-csv", rq->tradeoff_csv_path,
                  "Trade-off table: every plan pair x KPI, difference, interval, verdict (CSV)");
  cmd->add_option("--plan-kpis-csv", rq->plan_kpis_csv_path,
                  "Per plan x KPI: mean, interval, P(best), Pareto set (CSV)");
  cmd->add_option("--rank-by", rq->rank_by,
                  "KPI that ranks the plans (default expected_fatalities)");
  cmd->add_flag("--no-resume", *no_resume,
                "Ignore the journal of an interrupted batch and start over");
  cmd->add_option("--fail-member", rq->fail_member, "Testing aid: make this member's hazard fail")
      ->group("");
  cmd->add_option("--stop-after-members", rq->stop_after_members,
                  "Testing aid: stop after N members")
      ->group("");
  cmd->add_flag("--allow-empty-storm", rq->allow_empty_storm,
                "Accept a storm that never reaches the domain during the scenario window");
  // Accepted like run/demo; a batch file holds statistics only, never hazard links, so it is
  // self-contained already.
  auto self_contained = std::make_shared<bool>(false);
  add_self_contained_flag(cmd, *self_contained);
  add_common_options(cmd, *common);
  // The flag's storage lives as long as the command: the callback holds it.
  cmd->callback([rq, common, no_resume, self_contained] {
    Comm comm;
    apply_threads(common->threads);
    BatchRequest r = *rq;
    r.out_path = common->out.empty() ? "batch.h5" : common->out;
    r.seed = common->seed;
    r.threads = common->threads;
    r.cache_dir = common->cache_dir;
    r.use_cache = !common->no_cache;
    r.cache_max_gb = common->cache_max_gb;
    r.max_memory_gb = common->max_memory_gb;
    r.quiet = common->quiet;
    r.resume = !*no_resume;
    for (const auto& p : r.plan_paths)
      if (!std::filesystem::exists(p)) throw InputError(p + ": plan file not found");
    BatchResult res = run_batch(r, comm);
    if (comm.rank() != 0) return;
    if (!res.complete) {
      std::fprintf(
          stderr,
          "batch: stopped early (testing aid); the journal keeps finished runs for --resume\n");
      return;
    }
    write_batch_h5(r.out_path, res);
    if (!r.csv_path.empty()) write_batch_csv(r.csv_path, res);
    if (!r.runs_csv_path.empty()) write_runs_csv(r.runs_csv_path, res);
    if (!r.tradeoff_csv_path.empty()) write_tradeoff_csv(r.tradeoff_csv_path, res);
    if (!r.plan_kpis_csv_path.empty()) write_plan_kpis_csv(r.plan_kpis_csv_path, res);
    for (int k = 0; k < 64; ++k)
      std::filesystem::remove(r.out_path + ".journal." + std::to_string(k));
    std::printf("%s", batch_table(res).c_str());
    std::printf("  batch file: %s  (wall %.1f s, %d rank%s)\n", r.out_path.c_str(), res.wall_s,
                res.ranks, res.ranks > 1 ? "s" : "");
    if (!common->summary_json.empty()) {
      io::Json j = io::Json::object();
      j.set("plans", static_cast<long long>(res.plans.size()))
          .set("members", static_cast<long long>(res.members.size()));
      j.set("runs", static_cast<long long>(res.runs.size()))
          .set("wall_s", res.wall_s)
          .set("ranks", res.ranks);
      double hz = 0;
      for (const auto& m : res.members) hz += m.hazard_wall_s;
      j.set("hazard_wall_s_per_member", res.members.empty() ? 0.0 : hz / res.members.size());
      double rw = 0;
      for (const auto& run : res.runs) rw += run.wall_s;
      j.set("response_wall_s_per_run", res.runs.empty() ? 0.0 : rw / res.runs.size());
      j.set("runs_failed", static_cast<long long>(failed_runs(res)));
      io::write_text_atomic(common->summary_json, j.dump() + "\n");
    }
    // Outputs are kept for inspection, but a batch with failed runs compares plans over fewer
    // storms than asked (or none): that must not look like a success to a script.
    if (failed_runs(res) > 0) throw std::runtime_error(failed_runs_message(res));
  });
}

}  // namespace sd::cli
