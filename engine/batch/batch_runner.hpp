#pragma once
// Plans x storm ensemble: the hazard of each member once (cached), then every plan replayed
// against it in parallel (OpenMP over plans; one model shared, one run state per thread).
// Under MPI, members are spread over ranks and rank 0 gathers and writes. Completed runs are
// journalled next to the output so an interrupted batch resumes where it stopped.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "batch/batch_stats.hpp"
#include "batch/tradeoff.hpp"
#include "scenario/compare_settings.hpp"

namespace sd {

struct BatchRequest {
  std::string scenario_path;
  std::vector<std::string> plan_paths;
  int members = 10;                   // ensemble members 1..members (perturbed storms)
  std::uint64_t ensemble_seed = 0;    // 0 = the scenario seed
  std::optional<std::uint64_t> seed;  // response seed (common to every plan: CRN)
  int threads = 0;
  std::string cache_dir;
  bool use_cache = true;
  double cache_max_gb = 20;
  double max_memory_gb = 0;  // 0 = 80 % of physical memory
  std::string out_path;      // BATCH.h5
  std::string csv_path, runs_csv_path;
  std::string tradeoff_csv_path, plan_kpis_csv_path;
  std::string rank_by = "expected_fatalities";
  bool resume = true;  // reuse the journal of an interrupted batch
  bool quiet = false;
  // A storm missing the scenario window: a warning, not an error (--allow-empty-storm).
  bool allow_empty_storm = false;
  int fail_member = -1;         // testing aid: this member's hazard fails
  int stop_after_members = -1;  // testing aid: stop (as if killed) after this many members
};

// The KPIs a batch compares, which direction is better and the default smallest difference
// that matters (engine/scenario/compare_settings.cpp).
using BatchKpi = ComparedKpi;
const std::vector<BatchKpi>& batch_kpis();

struct BatchRun {
  int plan = 0;
  int member = 0;
  bool ok = false;
  std::string error;
  std::vector<double> kpi;  // batch_kpis() order
  double wall_s = 0;
};

struct BatchMember {
  int member = 0;
  bool ok = false;
  std::string error;
  std::string hazard_key;
  double hazard_wall_s = 0;
};

struct PlanStats {
  std::string plan;         // file name without extension
  std::vector<MeanCi> kpi;  // batch_kpis() order
  MeanCi diff_vs_baseline;  // of the ranking KPI, against plans[0]
  int rank = 0;
  double p_best = 0;
  double response_wall_mean_s = 0;
};

struct BatchResult {
  std::string scenario_name;
  std::string scenario_path;       // absolute
  std::vector<std::string> plans;  // names (file stems)
  std::vector<std::string> plan_paths;
  std::vector<BatchMember> members;
  std::vector<BatchRun> runs;
  std::vector<PlanStats> stats;
  std::string rank_by;
  CompareSettings compare;  // the scenario's [compare] table
  Tradeoff tradeoff;        // every pair x KPI, P(best) per KPI, Pareto set
  // Expected incidents needing a rescue team per road node (mean over members): demand for
  // `stormdrill place --from-batch`.
  std::vector<std::int64_t> demand_node_id;
  std::vector<double> demand_x, demand_y, demand;
  double wall_s = 0;
  int ranks = 1;
  bool complete = true;  // false when stopped early (testing aid)
};

// Runs the batch; on MPI ranks other than 0 the returned result is partial (rank 0 holds all).
class Comm;
BatchResult run_batch(const BatchRequest& request, const Comm& comm);

void compute_stats(BatchResult& r, std::uint64_t seed);
int kpi_index(const std::string& name);  // in batch_kpis(); -1 if unknown
// Per KPI: the smallest difference that matters, from the scenario's [compare] and defaults.
std::vector<double> kpi_deltas(const BatchResult& r);
std::vector<int> pareto_kpi_indices(const CompareSettings& c);
void write_batch_h5(const std::string& path, const BatchResult& r);
void write_batch_csv(const std::string& path, const BatchResult& r);
void write_runs_csv(const std::string& path, const BatchResult& r);
std::string batch_table(const BatchResult& r);
// Trade-off outputs (tradeoff_output.cpp): one row per plan pair x KPI; one row per plan x KPI
// (mean, P(best), Pareto membership); the terminal section of disagreements.
namespace h5 {
class File;
}
void write_tradeoff_h5(h5::File& f, const BatchResult& r);  // the /tradeoff group
void write_tradeoff_csv(const std::string& path, const BatchResult& r);
void write_plan_kpis_csv(const std::string& path, const BatchResult& r);
std::string tradeoff_table(const BatchResult& r);

}  // namespace sd
