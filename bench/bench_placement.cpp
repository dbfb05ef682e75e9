// p-median on Beasley's OR-Library instances (../shared/data/orlib): one timed solve per
// instance within the 10 s budget of issue 5; counters give the error against the published
// optimum and the Lagrangian gap. Run: bench_placement [--benchmark_filter=pmed1/]
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "../tests/placement/orlib.hpp"
#include "placement/solve.hpp"

namespace {

// ../shared beside the repository (found from this file's path), or $STORMDRILL_SHARED.
std::string shared_dir() {
  if (const char* env = std::getenv("STORMDRILL_SHARED")) return env;
  return (std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "shared")
      .string();
}
const std::string kDir = shared_dir() + "/data/orlib/";

void BM_OrlibPMedian(benchmark::State& state) {
  const std::string name = "pmed" + std::to_string(state.range(0));
  if (!std::filesystem::exists(kDir + name + ".txt")) {
    state.SkipWithError("../shared/data/orlib absent");
    return;
  }
  const auto inst = sd::test::read_orlib(kDir + name + ".txt");
  const double opt = sd::test::read_optima(kDir + "pmedopt.txt").at(name);
  sd::place::Options o;
  o.time_limit_s = 9.5;   // margin for the last local search and setup: <= 10 s wall
  o.idle_iterations = 0;  // use the budget unless the bound proves optimality
  o.threads = 2;
  sd::place::Solution s;
  for (auto _ : state) s = sd::place::solve(inst.problem, o);
  state.counters["n"] = static_cast<double>(inst.problem.n_demand);
  state.counters["p"] = inst.problem.p;
  state.counters["objective"] = s.objective;
  state.counters["optimum"] = opt;
  state.counters["err_pct"] = 100.0 * (s.objective - opt) / opt;
  state.counters["lb_gap_pct"] = 100.0 * s.gap;
  state.counters["solve_s"] = s.wall_s;
}

}  // namespace

BENCHMARK(BM_OrlibPMedian)->DenseRange(1, 40)->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK_MAIN();
