// Sub-grid validation experiment (issue 12 §2; docs/flood-model.md "Sub-grid topography").
// Street terrain of N x N pixels under block rain, closed edges:
//   (a) the ordinary solver at the fine resolution,
//   (b) sub-grid cells of r x r pixels (r = 5, 10, 20 by default),
//   (c) the ordinary solver on cells of r x r pixels at their mean elevation.
// Accuracy in process (subgrid_experiment.hpp): RMSE of the downscaled max depth against (a),
// F = |A n B| / |A u B| at 0.15 and 0.3 m, arrival of 0.15 m at 20 points, volume budget.
// Speed: whole-command wall time of `stormdrill flood` for each run (I/O included), with
// --out-max and --summary-json, --threads as given. Also the table build time for a large
// fine grid (--table-pixels). Prints a markdown report.
//   bench_subgrid [--size 1000] [--pixel-m 2] [--ratios 5,10,20] [--threads 2]
//                 [--duration-s 3600] [--rain-mmph 60] [--rain-hours 0.5]
//                 [--stormdrill PATH] [--table-pixels 0] [--dt-max-fine 10]
// SD_BENCH_REF=FILE caches the reference run (a) in FILE (loaded when present).
#include <omp.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "flood/flood_agreement.hpp"
#include "flood/subgrid_experiment.hpp"
#include "flood/subgrid_inertial.hpp"
#include "io/raster_io.hpp"

namespace {
namespace fs = std::filesystem;
using namespace sd::flood;

struct Args {
  int size = 1000, threads = 2;
  double pixel_m = 2.0, duration = 3600, rain = 60, hours = 0.5, dt_max_fine = 10.0;
  std::vector<int> ratios{5, 10, 20};
  std::string stormdrill;
  long table_pixels = 0;
  int levels = 10;
};

Args parse(int argc, char** argv) {
  Args a;
  for (int k = 1; k + 1 < argc; k += 2) {
    const std::string f = argv[k], v = argv[k + 1];
    if (f == "--size")
      a.size = std::stoi(v);
    else if (f == "--pixel-m")
      a.pixel_m = std::stod(v);
    else if (f == "--threads")
      a.threads = std::stoi(v);
    else if (f == "--duration-s")
      a.duration = std::stod(v);
    else if (f == "--rain-mmph")
      a.rain = std::stod(v);
    else if (f == "--rain-hours")
      a.hours = std::stod(v);
    else if (f == "--stormdrill")
      a.stormdrill = v;
    else if (f == "--table-pixels")
      a.table_pixels = std::stol(v);
    else if (f == "--dt-max-fine")
      a.dt_max_fine = std::stod(v);
    else if (f == "--levels")
      a.levels = std::stoi(v);
    else if (f == "--ratios") {
      a.ratios.clear();
      std::stringstream ss(v);
      for (std::string t; std::getline(ss, t, ',');) a.ratios.push_back(std::stoi(t));
    } else {
      std::fprintf(stderr, "bench_subgrid: unknown flag %s\n", f.c_str());
      std::exit(2);
    }
  }
  return a;
}

// Whole-command wall time of one `stormdrill flood` run (s); -1 when it failed.
double time_command(const std::string& cmd) {
  const auto t0 = std::chrono::steady_clock::now();
  const int rc = std::system((cmd + " > /dev/null").c_str());
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return rc == 0 ? s : -1.0;
}

double arrival_error(const CaseResult& ref, const CaseResult& c, int& missed) {
  double se = 0;
  int n = 0;
  missed = 0;
  for (std::size_t k = 0; k < ref.arrival_s.size(); ++k) {
    if (std::isnan(ref.arrival_s[k])) continue;
    if (std::isnan(c.arrival_s[k])) {
      ++missed;
      continue;
    }
    se += (c.arrival_s[k] - ref.arrival_s[k]) * (c.arrival_s[k] - ref.arrival_s[k]);
    ++n;
  }
  return n ? std::sqrt(se / n) : NAN;
}

void row(const char* name, int r, const CaseResult& ref, const CaseResult& c, double wall,
         double wall_ref) {
  const auto f15 = compare_depths(ref.fine_max, c.fine_max, 0.15f);
  if (const char* dump = std::getenv("SD_BENCH_DUMP")) {  // rasters for a closer look
    const int n =
        static_cast<int>(std::lround(std::sqrt(static_cast<double>(ref.fine_max.size()))));
    sd::io::Raster out;
    out.grid = sd::Grid{n, n, 0.0, static_cast<double>(n), 1.0};
    for (const auto* v : {&ref.fine_max, &c.fine_max}) {
      out.data = *v;
      sd::io::write_raster(std::string(dump) + "/" + name[1] + std::to_string(r) +
                               (v == &ref.fine_max ? "_ref" : "") + ".asc",
                           out);
    }
  }
  const auto f30 = compare_depths(ref.fine_max, c.fine_max, 0.30f);
  int missed = 0;
  const double arr = arrival_error(ref, c, missed);
  std::printf(
      "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.0f (%d missed) | %.1e | %llu | %.2f | %s |\n",
      name, r, f15.rmse, f15.rmse_either, f15.fit, f30.fit, arr, missed, c.budget.error_rel(),
      static_cast<unsigned long long>(c.steps), wall,
      wall > 0 && wall_ref > 0 ? std::to_string(wall_ref / wall).substr(0, 6).c_str() : "-");
}

// SD_BENCH_REF=FILE: the reference run (a) is loaded from FILE when it exists (same
// spec), else computed and saved there; (a) is the slow part of the experiment.
template <class T>
void put(std::ostream& os, const std::vector<T>& v) {
  const std::uint64_t n = v.size();
  os.write(reinterpret_cast<const char*>(&n), sizeof n);
  os.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T)));
}
template <class T>
void get(std::istream& is, std::vector<T>& v) {
  std::uint64_t n = 0;
  is.read(reinterpret_cast<char*>(&n), sizeof n);
  v.resize(n);
  is.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T)));
}

Experiment reference(const ExperimentSpec& spec) {
  const char* path = std::getenv("SD_BENCH_REF");
  if (path && fs::exists(path)) {
    std::ifstream is(path, std::ios::binary);
    Experiment e;
    e.spec = spec;
    e.fine = street_terrain(spec.terrain);
    get(is, e.points);
    get(is, e.reference.fine_max);
    get(is, e.reference.arrival_s);
    is.read(reinterpret_cast<char*>(&e.reference.budget), sizeof(Budget));
    is.read(reinterpret_cast<char*>(&e.reference.steps), sizeof(e.reference.steps));
    if (is && e.reference.fine_max.size() == e.fine.size()) return e;
    std::fprintf(stderr, "bench_subgrid: %s does not hold this experiment's reference\n", path);
    std::exit(2);
  }
  Experiment e = run_reference(spec);
  if (path) {
    std::ofstream os(path, std::ios::binary);
    put(os, e.points);
    put(os, e.reference.fine_max);
    put(os, e.reference.arrival_s);
    os.write(reinterpret_cast<const char*>(&e.reference.budget), sizeof(Budget));
    os.write(reinterpret_cast<const char*>(&e.reference.steps), sizeof(e.reference.steps));
  }
  return e;
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = parse(argc, argv);
  ExperimentSpec spec;
  spec.terrain = {a.size, a.size, a.pixel_m, 1};
  spec.rain_mmph = a.rain;
  spec.rain_hours = a.hours;
  spec.duration_s = a.duration;
  spec.threads = a.threads;
  spec.levels = a.levels;
  spec.dt_max_fine = a.dt_max_fine;
  std::printf(
      "# sub-grid experiment: %d x %d pixels of %.1f m, %.0f mm/h for %.2f h, %.0f s, "
      "%d threads\n\n",
      a.size, a.size, a.pixel_m, a.rain, a.hours, a.duration, a.threads);
  const Experiment e = reference(spec);
  const CaseResult& ref = e.reference;
  std::vector<double> wall(a.ratios.size() * 2, -1.0);
  double wall_ref = -1;
  if (!a.stormdrill.empty()) {
    const fs::path dir = fs::temp_directory_path() / ("sd_bench_subgrid_" + std::to_string(a.size));
    fs::create_directories(dir);
    sd::io::Raster fine;
    fine.grid = sd::Grid{a.size, a.size, 0.0, a.size * a.pixel_m, a.pixel_m};
    fine.data = e.fine;
    sd::io::write_raster((dir / "fine.tif").string(), fine);
    std::ostringstream common;
    common << " --rain-mmph " << a.rain << " --rain-hours " << a.hours << " --duration-s "
           << a.duration << " --threads " << a.threads << " --out-max " << (dir / "m.tif").string()
           << " --summary-json " << (dir / "s.json").string();
    const std::string flood = a.stormdrill + " flood --dem ";
    wall_ref = time_command(flood + (dir / "fine.tif").string() + " --dt-max-s " +
                            std::to_string(spec.dt_max_fine) + common.str());
    for (std::size_t k = 0; k < a.ratios.size(); ++k) {
      const int r = a.ratios[k];
      wall[2 * k] = time_command(flood + (dir / "fine.tif").string() + " --subgrid-cell-m " +
                                 std::to_string(r * a.pixel_m) + common.str());
      sd::io::Raster coarse;
      coarse.grid = sd::Grid{a.size / r, a.size / r, 0.0, a.size * a.pixel_m, a.pixel_m * r};
      coarse.data = mean_bed(e.fine, a.size, a.size, r);
      const auto cp = (dir / ("coarse" + std::to_string(r) + ".tif")).string();
      sd::io::write_raster(cp, coarse);
      wall[2 * k + 1] = time_command(flood + cp + common.str());
    }
    fs::remove_all(dir);
  }
  std::printf(
      "| run | ratio | RMSE all (m) | RMSE wet (m) | F 0.15 | F 0.30 | arrival RMSE (s) | "
      "mass error | steps | wall (s) | speed-up "
      "|\n|---|---|---|---|---|---|---|---|---|---|---|\n");
  std::printf("| (a) fine | 1 | 0 | 0 | 1 | 1 | 0 | %.1e | %llu | %.2f | 1 |\n",
              ref.budget.error_rel(), static_cast<unsigned long long>(ref.steps), wall_ref);
  for (std::size_t k = 0; k < a.ratios.size(); ++k) {
    const int r = a.ratios[k];
    row("(b) sub-grid", r, ref, run_subgrid_case(e, r), wall[2 * k], wall_ref);
    row("(c) coarse", r, ref, run_coarse_case(e, r), wall[2 * k + 1], wall_ref);
  }
  std::printf("\nvolume: rain %.1f m3, stored (a) %.1f m3\n", ref.budget.rain, ref.budget.stored);
  if (a.table_pixels > 0) {
    const int n =
        static_cast<int>(std::lround(std::sqrt(static_cast<double>(a.table_pixels)) / 10) * 10);
    const auto z = street_terrain({n, n, 1.0, 2});
    const auto t0 = std::chrono::steady_clock::now();
    const auto t = subgrid::build_solver_tables(z, n, n, 1.0, 10, {}, 0.03f, 10, a.threads);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("table build: %d x %d = %.3g pixels, 10 x 10 per cell, %d threads: %.2f s\n", n, n,
                static_cast<double>(n) * n, a.threads, s);
  }
  return 0;
}
