// `stormdrill flood` command-line contract: outputs, summary keys, boundary order, errors
// (exit 2 naming file/line/field), checkpoint/resume and thread count bit-identity.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <unistd.h>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "flood/street_terrain.hpp"
#include "io/h5.hpp"
#include "io/raster_io.hpp"

namespace {
namespace fs = std::filesystem;

struct Run {
  int rc;
  std::string err;
};

fs::path tmpdir(const std::string& name) {
  // Per process: parallel test runs (other checkouts, ctest -j) must not share a folder.
  const auto d =
      fs::temp_directory_path() / ("sd_flood_cli_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

Run run(const std::string& args, const fs::path& dir) {
  const std::string errf = (dir / "stderr.txt").string();
  // Sub-grid tables go to the test's own cache folder, never the user's.
  const std::string cmd = "STORMDRILL_CACHE_DIR=" + (dir / "cache").string() + " " +
                          std::string(STORMDRILL_BINARY) + " flood " + args + " > /dev/null 2> " +
                          errf;
  const int st = std::system(cmd.c_str());
  std::ifstream in(errf);
  std::stringstream ss;
  ss << in.rdbuf();
  return {WIFEXITED(st) ? WEXITSTATUS(st) : -1, ss.str()};
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

double json_number(const std::string& js, const std::string& key) {
  const auto at = js.find("\"" + key + "\":");
  if (at == std::string::npos) return std::nan("");
  return std::stod(js.substr(at + key.size() + 3));
}

// A 20 x 16 bowl of 5 m cells around 120 m elevation.
std::string write_dem(const fs::path& dir) {
  sd::io::Raster r;
  r.grid = sd::Grid{20, 16, 1000.0, 2000.0, 5.0};
  r.data.resize(r.grid.size());
  for (int j = 0; j < 16; ++j)
    for (int i = 0; i < 20; ++i)
      r.data[r.grid.index(i, j)] =
          static_cast<float>(120.0 + 0.01 * ((i - 9.5) * (i - 9.5) + (j - 7.5) * (j - 7.5)));
  const auto p = (dir / "dem.tif").string();
  sd::io::write_raster(p, r);
  return p;
}

TEST(FloodCli, ContractOutputsSummaryAndFullPrecisionAscii) {
  const auto dir = tmpdir("contract");
  const auto dem = write_dem(dir);
  const auto r = run(
      "--dem " + dem + " --rain-mmph 36 --rain-hours 0.5 --duration-s 3600 --boundary closed" +
          " --frame-interval-s 600 --out " + (dir / "r.h5").string() + " --out-depth " +
          (dir / "d.asc").string() + " --out-max " + (dir / "m.tif").string() + " --summary-json " +
          (dir / "s.json").string() + " --threads 2 --min-cells-per-thread 1",
      dir);
  ASSERT_EQ(r.rc, 0) << r.err;
  const std::string js = slurp(dir / "s.json");
  for (const char* k : {"cells", "steps", "wall_s", "solver_wall_s", "cell_updates_per_s",
                        "rain_m3", "infiltration_m3", "drainage_m3", "boundary_in_m3",
                        "boundary_out_m3", "stored_m3", "mass_error_rel", "max_depth_m", "threads"})
    EXPECT_FALSE(std::isnan(json_number(js, k))) << "missing key " << k;
  const double rain = 0.036 * 0.5 * 320 * 25.0;  // rain stops exactly at 0.5 h
  EXPECT_NEAR(json_number(js, "rain_m3") / rain, 1.0, 1e-12);
  EXPECT_LT(json_number(js, "mass_error_rel"), 1e-6);
  EXPECT_EQ(json_number(js, "cells"), 320);
  EXPECT_EQ(json_number(js, "threads"), 2);
  // ESRI ASCII: 6-line header, values precise enough to recompute the stored volume.
  std::ifstream asc(dir / "d.asc");
  std::string line;
  for (const char* key : {"ncols", "nrows", "xllcorner", "yllcorner", "cellsize", "NODATA_value"}) {
    std::getline(asc, line);
    EXPECT_EQ(line.rfind(key, 0), 0u) << line;
  }
  const auto d = sd::io::read_raster((dir / "d.asc").string());
  double vol = 0;
  for (float v : d.data) vol += v * 25.0;
  EXPECT_NEAR(vol / rain, 1.0, 1e-6);
  EXPECT_TRUE(fs::exists(dir / "m.tif"));
  // HDF5: 7 frames (0, 600, ..., 3600) of (16, 20) depth, summaries, budget attributes.
  auto f = sd::h5::File::open_read((dir / "r.h5").string());
  const auto shp = sd::h5::shape(f, "hazard/depth");
  ASSERT_EQ(shp.size(), 3u);
  EXPECT_EQ(shp[0], 7u);
  EXPECT_EQ(shp[1], 16u);
  EXPECT_EQ(shp[2], 20u);
  EXPECT_TRUE(sd::h5::exists(f, "hazard/hazard_rating"));
  EXPECT_TRUE(sd::h5::exists(f, "hazard/first_above_0p15m"));
  auto hz = sd::h5::open_group(f, "hazard");
  EXPECT_NEAR(sd::h5::attr_double(hz, "rain_m3") / rain, 1.0, 1e-12);
}

TEST(FloodCli, BoundaryFlagsApplyInOrder) {
  const auto dir = tmpdir("order");
  const auto dem = write_dem(dir);
  sd::io::Raster d0 = sd::io::read_raster(dem);
  for (auto& v : d0.data) v = 0.5f;
  const auto init = (dir / "h0.tif").string();
  sd::io::write_raster(init, d0);
  const std::string base =
      "--dem " + dem + " --init-depth " + init + " --duration-s 600 --summary-json ";
  ASSERT_EQ(run(base + (dir / "a.json").string() + " --boundary closed --boundary E=open", dir).rc,
            0);
  ASSERT_EQ(run(base + (dir / "b.json").string() + " --boundary E=open --boundary closed", dir).rc,
            0);
  EXPECT_GT(json_number(slurp(dir / "a.json"), "boundary_out_m3"), 1.0);
  EXPECT_EQ(json_number(slurp(dir / "b.json"), "boundary_out_m3"), 0.0);
}

TEST(FloodCli, BadInputExitsTwoNamingFileLineAndField) {
  const auto dir = tmpdir("errors");
  const auto dem = write_dem(dir);
  auto r = run("--dem " + (dir / "missing.tif").string() + " --duration-s 10", dir);
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("missing.tif"), std::string::npos) << r.err;
  r = run("--dem " + dem + " --duration-s 10 --boundary Q=open", dir);
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("side must be N, E, S or W"), std::string::npos) << r.err;
  r = run("--dem " + dem + " --duration-s 10 --rain-mmph 10", dir);
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("--rain-hours"), std::string::npos) << r.err;
  std::ofstream(dir / "tide.csv") << "t_s,level_m\n0,1.0\n600,oops\n";
  r = run("--dem " + dem + " --duration-s 10 --boundary W=level:" + (dir / "tide.csv").string(),
          dir);
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("tide.csv:3: field level_m"), std::string::npos) << r.err;
  r = run("--dem " + dem + " --duration-s 10 --resume " + dem, dir);
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("not a stormdrill flood checkpoint"), std::string::npos) << r.err;
  // Past the scheme's stability limit sqrt(theta/2) (issue 12): refused, not run unstable.
  r = run("--dem " + dem + " --duration-s 10 --cfl 0.7", dir);
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("--cfl 0.700000 exceeds the stability limit sqrt(theta/2) = 0.632"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(run("--dem " + dem + " --duration-s 10 --cfl 0.7 --theta 1", dir).rc, 0);
}

TEST(FloodCli, ResumedRunAndThreadCountAreBitIdentical) {
  const auto dir = tmpdir("resume");
  const auto dem = write_dem(dir);
  const std::string base = "--dem " + dem +
                           " --rain-mmph 60 --rain-hours 0.25 --boundary closed --boundary S=open" +
                           " --checkpoint-every-s 300 --min-cells-per-thread 1 ";
  const auto ck = (dir / "ck.bin").string();
  ASSERT_EQ(run(base + "--duration-s 600 --threads 1 --checkpoint " + (dir / "full.bin").string() +
                    " --out-depth " + (dir / "a.asc").string(),
                dir)
                .rc,
            0);
  ASSERT_EQ(run(base + "--duration-s 300 --threads 2 --checkpoint " + ck, dir).rc, 0);
  ASSERT_EQ(run(base + "--duration-s 600 --threads 2 --resume " + ck + " --checkpoint " +
                    (dir / "ck2.bin").string() + " --out-depth " + (dir / "c.asc").string(),
                dir)
                .rc,
            0);
  const std::string a = slurp(dir / "a.asc"), c = slurp(dir / "c.asc");
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, c);
  EXPECT_EQ(slurp(dir / "full.bin"), slurp(dir / "ck2.bin"));
}

// Sub-grid (issue 12 §2): a 60 x 40 street DEM of 2 m pixels, with a masked building.
std::string write_fine_dem(const fs::path& dir) {
  sd::io::Raster r;
  r.grid = sd::Grid{60, 40, 5000.0, 8000.0, 2.0};
  r.data = sd::flood::street_terrain({60, 40, 2.0, 5});
  for (int j = 20; j < 24; ++j)
    for (int i = 30; i < 36; ++i) r.data[r.grid.index(i, j)] = std::nanf("");
  const auto p = (dir / "fine.tif").string();
  sd::io::write_raster(p, r);
  return p;
}

TEST(FloodCli, SubgridWritesFineAndCoarseRasters) {
  const auto dir = tmpdir("subgrid");
  const auto dem = write_fine_dem(dir);
  const auto r = run("--dem " + dem + " --subgrid-cell-m 10 --rain-mmph 60 --rain-hours 0.25" +
                         " --duration-s 1800 --frame-interval-s 900 --out " +
                         (dir / "r.h5").string() + " --out-max " + (dir / "m.tif").string() +
                         " --out-depth " + (dir / "d.tif").string() + " --out-max-coarse " +
                         (dir / "mc.tif").string() + " --summary-json " + (dir / "s.json").string(),
                     dir);
  ASSERT_EQ(r.rc, 0) << r.err;
  const auto fine = sd::io::read_raster(dem);
  const auto m = sd::io::read_raster((dir / "m.tif").string());
  const auto d = sd::io::read_raster((dir / "d.tif").string());
  const auto mc = sd::io::read_raster((dir / "mc.tif").string());
  for (const auto* f : {&m, &d}) {  // the fine DEM's grid, NaN where it has no data
    EXPECT_EQ(f->grid.nx, 60);
    EXPECT_EQ(f->grid.ny, 40);
    EXPECT_DOUBLE_EQ(f->grid.cell, 2.0);
    EXPECT_DOUBLE_EQ(f->grid.x0, 5000.0);
    EXPECT_DOUBLE_EQ(f->grid.y0, 8000.0);
    for (std::size_t p = 0; p < fine.data.size(); ++p)
      EXPECT_EQ(std::isnan(f->data[p]), std::isnan(fine.data[p])) << p;
  }
  EXPECT_EQ(mc.grid.nx, 12);
  EXPECT_EQ(mc.grid.ny, 8);
  EXPECT_DOUBLE_EQ(mc.grid.cell, 10.0);
  // Water found the low pixels: the deepest fine pixel is deeper than any coarse cell's mean
  // depth could be (15 mm of rain in all).
  float dmax = 0;
  for (float v : m.data)
    if (std::isfinite(v)) dmax = std::max(dmax, v);
  EXPECT_GT(dmax, 0.1f);
  const std::string js = slurp(dir / "s.json");
  EXPECT_EQ(json_number(js, "subgrid_ratio"), 5);
  EXPECT_EQ(json_number(js, "cells"), 96);
  EXPECT_EQ(json_number(js, "fine_cells"), 2400);
  EXPECT_LT(json_number(js, "mass_error_rel"), 1e-9);
  auto f = sd::h5::File::open_read((dir / "r.h5").string());
  const auto frames = sd::h5::shape(f, "hazard/depth");
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_EQ(frames[1], 8u);
  EXPECT_EQ(frames[2], 12u);
  const auto fm = sd::h5::shape(f, "hazard/fine/max_depth");
  ASSERT_EQ(fm.size(), 2u);
  EXPECT_EQ(fm[0], 40u);
  EXPECT_EQ(fm[1], 60u);
}

// Issue 12: the flood command shares the scenario runs' sub-grid tables cache, so a second
// run on the same DEM reads the tables instead of rebuilding them, and gives the same output.
TEST(FloodCli, SubgridTablesAreBuiltOnceAndThenReadFromTheCache) {
  const auto dir = tmpdir("subgrid_cache");
  const auto dem = write_fine_dem(dir);
  const std::string base = "--dem " + dem + " --subgrid-cell-m 10 --rain-mmph 60 " +
                           "--rain-hours 0.2 --duration-s 900 --out-max ";
  auto once = [&](const std::string& name, const std::string& extra) {
    const auto r = run(base + (dir / (name + ".tif")).string() + " --summary-json " +
                           (dir / (name + ".json")).string() + extra,
                       dir);
    EXPECT_EQ(r.rc, 0) << r.err;
    return slurp(dir / (name + ".json")).find("\"tables_from_cache\": true") != std::string::npos;
  };
  EXPECT_FALSE(once("a", "")) << "built";
  std::vector<fs::path> entries;
  for (const auto& e : fs::directory_iterator(dir / "cache"))
    if (e.path().filename().string().rfind("subgrid-", 0) == 0) entries.push_back(e.path());
  ASSERT_EQ(entries.size(), 1u);
  const auto built = fs::last_write_time(entries[0]);
  EXPECT_TRUE(once("b", "")) << "read from the cache";
  EXPECT_FALSE(once("c", " --no-cache")) << "rebuilt";
  const auto a = sd::io::read_raster((dir / "a.tif").string());
  for (const char* other : {"b.tif", "c.tif"}) {
    const auto o = sd::io::read_raster((dir / other).string());
    ASSERT_EQ(o.data.size(), a.data.size());
    for (std::size_t p = 0; p < a.data.size(); ++p)
      EXPECT_TRUE(a.data[p] == o.data[p] || (std::isnan(a.data[p]) && std::isnan(o.data[p])))
          << other << " " << p;
  }
  EXPECT_GE(fs::last_write_time(entries[0]), built);
}

TEST(FloodCli, SubgridOfOnePixelIsTheOrdinaryRun) {
  const auto dir = tmpdir("subgrid1");
  const auto dem = write_fine_dem(dir);
  const std::string base = "--dem " + dem + " --rain-mmph 40 --rain-hours 0.2 --duration-s 900";
  ASSERT_EQ(run(base + " --out-max " + (dir / "a.tif").string(), dir).rc, 0);
  const auto r = run(base + " --subgrid-cell-m 2 --out-max " + (dir / "b.tif").string() +
                         " --out-max-coarse " + (dir / "c.tif").string(),
                     dir);
  ASSERT_EQ(r.rc, 0) << r.err;
  const auto a = sd::io::read_raster((dir / "a.tif").string());
  const auto b = sd::io::read_raster((dir / "b.tif").string());
  const auto c = sd::io::read_raster((dir / "c.tif").string());
  for (std::size_t p = 0; p < a.data.size(); ++p) {
    if (std::isnan(a.data[p])) continue;
    EXPECT_EQ(a.data[p], c.data[p]) << p;          // same run, bit for bit
    EXPECT_NEAR(a.data[p], b.data[p], 2e-6) << p;  // via level - elevation
  }
}

TEST(FloodCli, SubgridCellSizeMustBeAWholeMultipleOfThePixel) {
  const auto dir = tmpdir("subgrid_bad");
  const auto dem = write_fine_dem(dir);
  const std::string base = "--dem " + dem + " --duration-s 60 --subgrid-cell-m ";
  for (const char* bad : {"1", "7", "0", "-10", "1e-300"}) {
    const auto r = run(base + bad, dir);
    EXPECT_EQ(r.rc, 2) << bad;
    EXPECT_NE(r.err.find("--subgrid-cell-m"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("fine.tif"), std::string::npos) << r.err;
  }
  for (const char* bad : {"nan", "inf"}) {
    const auto r = run(base + bad, dir);
    EXPECT_EQ(r.rc, 2) << bad;
    EXPECT_NE(r.err.find("finite"), std::string::npos) << r.err;
  }
  const auto r = run(base + "12", dir);  // 6 pixels: does not divide 40 rows
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("does not divide"), std::string::npos) << r.err;
  const auto d = run("--dem " + dem + " --duration-s 60 --dt-max-s 0", dir);
  EXPECT_EQ(d.rc, 2);
  EXPECT_NE(d.err.find("--dt-max-s must be > 0"), std::string::npos) << d.err;
}

}  // namespace
