// Cost of a sub-grid step against an ordinary step on the same computational grid (issue 12
// §2/§3, docs/benchmarks.md "Sub-grid step"). Street terrain (flood/street_terrain.hpp) of
// n x n pixels of 2 m under 60 mm/h with a uniform 10 mm/h infiltration capacity, so every
// cell is wet and the sinks act each step, as in the county's first hours:
//   BM_SubgridStep/n/ratio     sub-grid cells of ratio x ratio pixels (tables of the pixels)
//   BM_OrdinaryStep/n/ratio    the ordinary solver on the same cells at their mean elevation
// Counters: cpu_ms_per_step (process CPU time per step, one solver thread: robust to other
// load on the machine), ms_per_step (solver wall time per step, State::solver_wall_s) and
// cell_updates_per_s (wall). The per-step ratio of the two runs is the sub-grid tables' cost
// per cell. A fixed 20 iterations of 60 s simulated, so both runs cover the same storm time.
#include <benchmark/benchmark.h>

#include <ctime>
#include <vector>

#include "flood/flood_model.hpp"
#include "flood/flood_state.hpp"
#include "flood/rain_source.hpp"
#include "flood/street_terrain.hpp"
#include "flood/subgrid_experiment.hpp"
#include "flood/subgrid_inertial.hpp"

namespace {
using namespace sd::flood;

constexpr double kPixelM = 2.0;

double cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

ModelSpec spec_on(int n, int ratio) {
  ModelSpec m;
  m.grid = sd::Grid{n / ratio, n / ratio, 0.0, n * kPixelM, kPixelM * ratio};
  m.manning_uniform = 0.03f;
  m.infiltration_uniform_mmph = 10.0f;
  m.options.threads = 1;
  return m;
}

void run_steps(benchmark::State& bs, ModelSpec m) {
  State st(build_model(std::move(m)));
  const auto rain = UniformRain::block(60.0, 10.0);
  st.set_rain(&rain);
  st.advance_to(600.0);  // past the first wetting of the dry town
  const auto steps0 = st.steps();
  const double wall0 = st.solver_wall_s(), cpu0 = cpu_s();
  for (auto _ : bs) st.advance_to(st.time() + 60.0);
  const double cpu = cpu_s() - cpu0;
  const double steps = static_cast<double>(st.steps() - steps0);
  const double wall = st.solver_wall_s() - wall0;
  const double cells = static_cast<double>(st.model().grid().size());
  bs.counters["cpu_ms_per_step"] = 1e3 * cpu / steps;
  bs.counters["ms_per_step"] = 1e3 * wall / steps;
  bs.counters["cell_updates_per_s"] = cells * steps / wall;
  bs.counters["steps"] = steps;
  bs.counters["mass_error_rel"] = st.budget().error_rel();
}

void BM_SubgridStep(benchmark::State& bs) {
  const int n = static_cast<int>(bs.range(0)), ratio = static_cast<int>(bs.range(1));
  const auto fine = street_terrain({n, n, kPixelM, 1});
  ModelSpec m = spec_on(n, ratio);
  m.subgrid = subgrid::build_solver_tables(fine, n, n, kPixelM, ratio, {}, m.manning_uniform);
  run_steps(bs, std::move(m));
}

void BM_OrdinaryStep(benchmark::State& bs) {
  const int n = static_cast<int>(bs.range(0)), ratio = static_cast<int>(bs.range(1));
  ModelSpec m = spec_on(n, ratio);
  m.bed = mean_bed(street_terrain({n, n, kPixelM, 1}), n, n, ratio);
  run_steps(bs, std::move(m));
}

BENCHMARK(BM_SubgridStep)->Args({3000, 10})->Iterations(20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OrdinaryStep)->Args({3000, 10})->Iterations(20)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
