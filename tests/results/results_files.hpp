#pragma once
// Results files of the small flood county (tests/engine/batch_fixture.hpp): a self-contained
// run, its hazard cache entry, and a 2-plan x 2-member batch.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "batch_fixture.hpp"
#include "cli_runner.hpp"

namespace sdtest {

struct ResultsFiles {
  std::filesystem::path dir, run, batch, cache, branch;
  std::string error;  // non-empty when a command failed (tests then fail with it)
};

// Two administrative areas over the small county (columns 0..24 "Westgau", the rest
// "Ostgau") and a village of Westgau, so reports show area rows with villages under them:
// columns 20..24 lie nearer East but inside Westgau.
inline void add_areas(const std::filesystem::path& dir) {
  sd::io::Raster a = sd::io::read_raster((dir / "data/dem.tif").string());
  for (int j = 0; j < a.grid.ny; ++j)
    for (int i = 0; i < a.grid.nx; ++i) a.data[a.grid.index(i, j)] = i < 25 ? 1.0f : 2.0f;
  sd::io::write_raster((dir / "data/areas.tif").string(), a);
  std::string text;
  {
    std::ifstream in(dir / "scenario.toml");
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto put_after = [&](const std::string& anchor, const std::string& add) {
    text.insert(text.find(anchor) + anchor.size(), add);
  };
  put_after("population = \"data/pop.tif\"\n", "areas = \"data/areas.tif\"\n");
  put_after("name = \"West\"\n", "area = \"Westgau\"\n");
  put_after("name = \"East\"\n", "area = \"Ostgau\"\n");
  text +=
      "\n[[area]]\ncode = 1\nname = \"Westgau\"\n\n[[area]]\ncode = 2\nname = \"Ostgau\"\n"
      "\n[[town]]\nname = \"Mitteldorf\"\nx = 300900.0\ny = 3380250.0\npopulation = 500\n"
      "area = \"Westgau\"\n";
  std::ofstream(dir / "scenario.toml") << text;
}

// Made once per build of `stormdrill` and shared by every test process (ctest runs each test
// in its own process, two at a time): the files live in the test build folder under a name
// that carries the binary's modification time, and a lock file serialises their creation.
inline const ResultsFiles& results_files() {
  static const ResultsFiles files = [] {
    namespace fs = std::filesystem;
    const auto stamp = fs::last_write_time(STORMDRILL_BINARY).time_since_epoch().count();
    ResultsFiles f;
    f.dir = fs::absolute("results_fixture_" + std::to_string(stamp));
    f.cache = f.dir / "cache";
    f.run = f.dir / "run.h5";
    f.batch = f.dir / "batch.h5";
    f.branch = f.dir / "branch.h5";
    fs::create_directories(f.dir);
    const int lock = ::open((f.dir.string() + ".lock").c_str(), O_CREAT | O_RDWR, 0644);
    ::flock(lock, LOCK_EX);
    if (!fs::exists(f.dir / "done")) {
      const fs::path county = make_flood_county("results_" + std::to_string(::getpid()));
      for (const char* x : {"data", "plan-a.toml", "plan-b.toml", "scenario.toml"})
        fs::copy(county / x, f.dir / x,
                 fs::copy_options::recursive | fs::copy_options::overwrite_existing);
      fs::remove_all(county);
      add_areas(f.dir);
      // A sluice and a pumping station, for /assets/drainage (the director's lists).
      std::ofstream(f.dir / "scenario.toml", std::ios::app)
          << "\n[[outfall]]\nname = \"Sea sluice\"\nx = 301025.0\ny = 3380725.0\n"
          << "\n[[pumping_station]]\nname = \"Polder pump\"\nx = 301025.0\ny = 3380725.0\n"
          << "capacity_m3s = 0.5\nserves_radius_m = 600.0\n";
      const std::string scen = (f.dir / "scenario.toml").string();
      const std::string common = " --cache-dir " + f.cache.string() + " --threads 1 -q";
      auto r = stormdrill("run " + scen + " -o " + f.run.string() + " --self-contained" + common);
      if (r.exit_code != 0) f.error = "run failed: " + r.output;
      r = stormdrill("batch --scenario " + scen + " --plans " + (f.dir / "plan-a.toml").string() +
                     " " + (f.dir / "plan-b.toml").string() + " --members 2 -o " +
                     f.batch.string() + common);
      if (r.exit_code != 0) f.error += "batch failed: " + r.output;
      r = stormdrill("branch " + f.run.string() + " --at 3600 --inject-inline 'close_road edge=0'" +
                     " -o " + f.branch.string() + common);
      if (r.exit_code != 0) f.error += "branch failed: " + r.output;
      if (f.error.empty()) std::ofstream(f.dir / "done") << "ok\n";
    }
    ::flock(lock, LOCK_UN);
    ::close(lock);
    return f;
  }();
  return files;
}

}  // namespace sdtest
