// Storm-field throughput: rain + wind frames on a county-scale grid (OpenMP over cells),
// and the cost of writing frames to a compressed HDF5 (T, y, x) dataset, reported apart.
// A 48 h track at 10-min frames is 288 frames; per-frame time x 288 gives the full run.
#include <benchmark/benchmark.h>

#include <cmath>
#include <filesystem>

#include "io/h5.hpp"
#include "storm/storm_field.hpp"

namespace {

using namespace sd::storm;

// A 48 h In-fa-like track crossing the grid from the south-east.
Track bench_track() {
  Track tr{"bench", Averaging::two_min, {}};
  for (int h = 0; h <= 48; h += 6) {
    TrackPoint p;
    p.t = h * 3600.0;
    p.lat = 28.5 + h * 0.05;
    p.lon = 123.5 - h * 0.07;
    p.pc_hpa = 960 + h * 0.3;
    p.vmax_ms = 40 - h * 0.25;
    tr.points.push_back(p);
  }
  return tr;
}

struct Setup {
  sd::Grid grid;
  std::vector<double> lon, lat;
  std::vector<float> dem;
  explicit Setup(int n) {
    grid.nx = grid.ny = n;
    grid.cell = 100000.0 / n;  // 100 km x 100 km county
    lon.resize(grid.size());
    lat.resize(grid.size());
    dem.resize(grid.size());
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        const std::size_t c = grid.index(i, j);
        lon[c] = 120.4 + 1.04 * i / n;
        lat[c] = 30.95 - 0.9 * j / n;
        dem[c] = static_cast<float>(
            j > n / 2 ? -5.0 : 20.0 * std::sin(0.01 * i) * std::cos(0.013 * j) + 10.0);
      }
  }
};

void BM_StormFrame(benchmark::State& state) {
  const Setup s(static_cast<int>(state.range(0)));
  StormParams p;
  p.structure = static_cast<RainStructure>(state.range(1));
  const StormField f(bench_track(), p, s.grid, s.lon, s.lat, s.dem);
  StormFrames frames(f, 600.0);
  std::vector<float> rain(s.grid.size()), wind(s.grid.size());
  double t = 20 * 3600.0;
  for (auto _ : state) {
    frames.fill(t, rain.data(), wind.data());
    benchmark::DoNotOptimize(rain.data());
    t += 600.0;
    if (t > 44 * 3600.0) t = 20 * 3600.0;
  }
  state.counters["cells/s"] = benchmark::Counter(static_cast<double>(s.grid.size()),
                                                 benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_StormFrame)
    ->Args({1000, 0})
    ->Args({1000, 1})
    ->Args({1000, 2})
    ->Args({250, 0})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The whole 48 h at 10-min frames (289 frames) with the accumulators, as `storm fields` runs it.
void BM_Storm48h(benchmark::State& state) {
  const Setup s(static_cast<int>(state.range(0)));
  StormParams p;
  p.structure = static_cast<RainStructure>(state.range(1));
  const StormField f(bench_track(), p, s.grid, s.lon, s.lat, s.dem);
  std::vector<float> rain(s.grid.size()), wind(s.grid.size());
  for (auto _ : state) {
    StormFrames frames(f, 600.0);
    StormAccumulator acc(s.grid.size(), 600.0);
    for (int k = 0; k <= 288; ++k) {
      frames.fill(k * 600.0, rain.data(), wind.data());
      acc.add(rain.data(), wind.data());
    }
    benchmark::DoNotOptimize(acc.total_mm().data());
  }
}
BENCHMARK(BM_Storm48h)
    ->Args({1000, 0})
    ->Args({1000, 2})
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

void BM_FrameWrite(benchmark::State& state) {
  const Setup s(static_cast<int>(state.range(0)));
  StormParams p;
  const StormField f(bench_track(), p, s.grid, s.lon, s.lat, s.dem);
  std::vector<float> rain(s.grid.size()), wind(s.grid.size());
  f.fill(30 * 3600.0, rain.data(), wind.data());
  const std::string path =
      (std::filesystem::temp_directory_path() / "bench_storm_frames.h5").string();
  sd::h5::quiet_errors();
  sd::h5::File file = sd::h5::File::create(path);
  sd::h5::FrameWriter<float> w(file, "rain",
                               {static_cast<hsize_t>(s.grid.ny), static_cast<hsize_t>(s.grid.nx)},
                               static_cast<int>(state.range(1)));
  for (auto _ : state) w.append(rain.data());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * s.grid.size() * sizeof(float)));
}
BENCHMARK(BM_FrameWrite)
    ->Args({1000, 4})
    ->Args({1000, 1})
    ->Args({1000, 0})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
