// Flood solver throughput (cell-updates per second) on a fully wet 2048 x 2048 grid, and
// the machine's STREAM-triad memory bandwidth for comparison (docs/benchmarks.md).
#include <benchmark/benchmark.h>
#include <omp.h>

#include <cmath>
#include <memory>
#include <vector>

#include "flood/flood_model.hpp"
#include "flood/flood_state.hpp"
#include "flood/rain_source.hpp"

namespace {
using namespace sd::flood;

ModelPtr wet_model(int n, int threads, double stats_interval) {
  ModelSpec s;
  s.grid = sd::Grid{n, n, 0.0, n * 10.0, 10.0};
  s.bed.resize(s.grid.size());
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i)
      s.bed[s.grid.index(i, j)] =
          static_cast<float>(0.0005 * i + 0.05 * std::sin(0.05 * i) * std::cos(0.07 * j));
  s.manning_uniform = 0.03f;
  s.options.threads = threads;
  s.options.stats_interval_s = stats_interval;
  return build_model(std::move(s));
}

void run_flood(benchmark::State& bs, double stats_interval) {
  const int n = static_cast<int>(bs.range(0));
  const int threads = static_cast<int>(bs.range(1));
  auto model = wet_model(n, threads, stats_interval);
  State st(model);
  st.set_depth(std::vector<float>(model->grid().size(), 1.0f));
  const auto rain = UniformRain::block(30.0, 100.0);
  st.set_rain(&rain);
  st.advance_to(5.0);  // warm up: first steps, page faults
  const auto steps0 = st.steps();
  const double wall0 = st.solver_wall_s();
  for (auto _ : bs) st.advance_to(st.time() + 20.0);  // ~10 steps at dt ~ 2.2 s
  const double steps = static_cast<double>(st.steps() - steps0);
  const double cells = static_cast<double>(model->grid().size());
  bs.counters["cell_updates_per_s"] = cells * steps / (st.solver_wall_s() - wall0);
  bs.counters["steps"] = steps;
  bs.counters["mass_error_rel"] = st.budget().error_rel();
}

void BM_FloodStatsEveryStep(benchmark::State& bs) {
  run_flood(bs, 0.0);
}
void BM_FloodStatsEvery60s(benchmark::State& bs) {
  run_flood(bs, 60.0);
}
BENCHMARK(BM_FloodStatsEveryStep)
    ->Args({2048, 1})
    ->Args({2048, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_FloodStatsEvery60s)
    ->Args({2048, 1})
    ->Args({2048, 2})
    ->Args({256, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Active-tile skipping (issue 12 §3): the same 2048^2 grid with water on the western
// `wet_pct` per cent (a 1 m deep lake on a rippled floor) and dry rising land elsewhere, no
// rain, versus the dense sweep of the same grid (skip_dry_tiles = false).
void BM_FloodDryLand(benchmark::State& bs) {
  const int n = static_cast<int>(bs.range(0));
  const int wet_pct = static_cast<int>(bs.range(1));
  const bool skip = bs.range(2) != 0;
  ModelSpec s;
  s.grid = sd::Grid{n, n, 0.0, n * 10.0, 10.0};
  s.bed.resize(s.grid.size());
  const int shore = n * wet_pct / 100;
  std::vector<float> d(s.grid.size(), 0.0f);
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const double ripple = 0.05 * std::sin(0.05 * i) * std::cos(0.07 * j);
      const std::size_t k = s.grid.index(i, j);
      s.bed[k] = static_cast<float>(i < shore ? ripple : 2.0 + 0.01 * (i - shore) + ripple);
      d[k] = i < shore ? static_cast<float>(1.0 - ripple) : 0.0f;
    }
  s.manning_uniform = 0.03f;
  s.options.threads = 1;
  s.options.stats_interval_s = 60.0;
  s.options.skip_dry_tiles = skip;
  auto model = build_model(std::move(s));
  State st(model);
  st.set_depth(d);
  st.advance_to(5.0);
  const auto steps0 = st.steps();
  const double wall0 = st.solver_wall_s();
  for (auto _ : bs) st.advance_to(st.time() + 20.0);
  const double steps = static_cast<double>(st.steps() - steps0);
  bs.counters["wall_per_step_ms"] = 1e3 * (st.solver_wall_s() - wall0) / steps;
  bs.counters["cell_updates_per_s"] =
      static_cast<double>(model->grid().size()) * steps / (st.solver_wall_s() - wall0);
  bs.counters["steps"] = steps;
}
BENCHMARK(BM_FloodDryLand)
    ->Args({2048, 20, 1})
    ->Args({2048, 20, 0})
    ->Args({2048, 100, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// STREAM triad a = b + s c over 3 x 64 Mi doubles (1.5 GiB touched per pass counted as
// 24 bytes per element: 2 reads + 1 write, no write-allocate correction).
void BM_StreamTriad(benchmark::State& bs) {
  const int threads = static_cast<int>(bs.range(0));
  const std::size_t n = std::size_t{1} << 25;
  std::unique_ptr<double[]> a(new double[n]), b(new double[n]), c(new double[n]);
#pragma omp parallel for num_threads(threads) schedule(static)
  for (std::size_t k = 0; k < n; ++k) a[k] = 0.0, b[k] = 1.0, c[k] = 2.0;
  for (auto _ : bs) {
#pragma omp parallel for num_threads(threads) schedule(static)
    for (std::size_t k = 0; k < n; ++k) a[k] = b[k] + 3.0 * c[k];
    benchmark::ClobberMemory();
  }
  bs.SetBytesProcessed(static_cast<std::int64_t>(bs.iterations()) * static_cast<std::int64_t>(n) *
                       24);
}
BENCHMARK(BM_StreamTriad)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
