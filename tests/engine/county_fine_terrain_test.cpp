// The county generator's fine terrain (--fine-m; county/fine_terrain.hpp): water and seawall
// cells kept cell-exact, raised blocks above the streets in the towns, underpasses dug under the
// street, and scenarios that run on sub-grid cells over it.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cmath>
#include <cstdio>

#include "cli_runner.hpp"
#include "county/fine_dem_hash.hpp"
#include "county/fine_terrain.hpp"
#include "county_test_util.hpp"
#include "scenario/scenario.hpp"

namespace {

using namespace county_test;

sd::county::County fine_county() {
  sd::county::CountyOptions o;
  o.cell_m = 250.0;
  o.fine_m = 50.0;
  return sd::county::generate_county(o);
}

TEST(CountyFineTerrain, WaterExactTownsRaisedAboveStreetsUnderpassesDug) {
  const sd::county::County c = fine_county();
  const sd::Grid &g = c.dem.grid, &f = c.fine_dem.grid;
  ASSERT_EQ(f.nx, g.nx * 5);
  ASSERT_EQ(f.ny, g.ny * 5);
  std::size_t raised_town_cells = 0;
  for (int J = 0; J < g.ny; ++J)
    for (int I = 0; I < g.nx; ++I) {
      const std::size_t k = g.index(I, J);
      float lo = INFINITY, hi = -INFINITY;
      for (int j = 5 * J; j < 5 * J + 5; ++j)
        for (int i = 5 * I; i < 5 * I + 5; ++i) {
          const float z = c.fine_dem.data[f.index(i, j)];
          lo = std::min(lo, z), hi = std::max(hi, z);
          if (c.landuse.data[k] == static_cast<float>(sd::county::kWater) || c.seawall[k]) {
            ASSERT_EQ(z, c.dem.data[k]) << "water/seawall cell " << I << "," << J;
          }
        }
      if (c.landuse.data[k] == static_cast<float>(sd::county::kUrban) &&
          hi - lo > sd::county::kBlockRise_m)
        ++raised_town_cells;
    }
  EXPECT_GT(raised_town_cells, 20u) << "blocks stand above streets and ditches in the towns";
  ASSERT_FALSE(c.underpasses.empty());
  for (const auto& u : c.underpasses) {
    int i, j;
    ASSERT_TRUE(f.locate(u.p.x, u.p.y, i, j));
    const float z = c.fine_dem.data[f.index(i, j)];
    // Every neighbouring pixel that is not dug is at least a metre above the underpass.
    float lowest_other = INFINITY;
    for (int b = j - 1; b <= j + 1; ++b)
      for (int a = i - 1; a <= i + 1; ++a) {
        const float v = c.fine_dem.data[f.index(a, b)];
        if (v > z + 0.5f * static_cast<float>(u.depth_m)) lowest_other = std::min(lowest_other, v);
      }
    EXPECT_GT(lowest_other, z + 1.0f) << u.name;
  }
}

TEST(CountyFineTerrain, ScenariosRunOnSubgridCellsOverTheFineDem) {
  const fs::path d = fs::temp_directory_path() / ("sd_county_fine_" + std::to_string(::getpid()));
  fs::remove_all(d);
  sd::county::write_county(fine_county(), d.string());
  const sd::Scenario s = sd::load_scenario((d / "scenario.toml").string());
  EXPECT_TRUE(s.subgrid());
  EXPECT_EQ(s.subgrid_ratio, 5);
  EXPECT_EQ(s.dem.grid.cell, 250.0);
  EXPECT_EQ(s.fine_dem.grid.cell, 50.0);
  fs::remove_all(d);
}

}  // namespace

namespace {

TEST(CountyFineTerrain, FinePixelThatDoesNotDivideTheCellIsRefused) {
  const fs::path d =
      fs::temp_directory_path() / ("sd_county_badfine_" + std::to_string(::getpid()));
  fs::remove_all(d);
  const std::string cmd = std::string(STORMDRILL_BINARY) +
                          " generate-county --cell-m 100 --fine-m 7 --out " + d.string() + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[512];
  while (fgets(buf, sizeof buf, p)) out += buf;
  const int status = pclose(p);
  EXPECT_EQ(WEXITSTATUS(status), 2) << out;
  EXPECT_NE(out.find("--fine-m"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(d / "data" / "dem-fine.tif"));
}

}  // namespace

namespace {

// The shipped county's fine terrain is not in the repository: a missing one is refused naming
// the file and the command that makes it (old code: "file not found" only), that command
// writes the terrain whose pixels hash as recorded, and a terrain that no longer hashes so is
// refused rather than written. 500 m cells over 250 m rasters over 50 m pixels.
TEST(CountyFineTerrain, MissingFineDemNamesTheCommandThatRegeneratesItAsRecorded) {
  const fs::path d = fs::temp_directory_path() / ("sd_county_regen_" + std::to_string(::getpid()));
  fs::remove_all(d);
  auto r = sdtest::stormdrill(
      "generate-county --cell-m 250 --fine-m 50 --subgrid-cell-m 500 --out " + d.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string fine = (d / "data" / "dem-fine.tif").string();
  const auto original = sd::io::read_raster(fine);
  std::uint64_t recorded = 0;
  ASSERT_TRUE(sd::county::read_fine_hash(d.string(), recorded));
  EXPECT_EQ(recorded, sd::county::raster_hash(original));
  fs::remove(fine);
  r = sdtest::stormdrill("validate " + (d / "scenario.toml").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("dem-fine.tif"), std::string::npos) << r.output;
  const std::string command =
      "generate-county --seed 20210725 --cell-m 250 --fine-m 50 --fine-dem-only --out .";
  EXPECT_NE(r.output.find("stormdrill " + command), std::string::npos) << r.output;
  r = sdtest::run_command("cd " + d.string() + " && " + std::string(STORMDRILL_BINARY) + " " +
                          command);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(sd::io::read_raster(fine).data, original.data);
  const sd::Scenario s = sd::load_scenario((d / "scenario.toml").string());
  EXPECT_EQ(s.subgrid_ratio, 10);
  // Another seed's terrain does not hash as recorded: refused, nothing written.
  fs::remove(fine);
  r = sdtest::run_command(
      "cd " + d.string() + " && " + std::string(STORMDRILL_BINARY) +
      " generate-county --seed 7 --cell-m 250 --fine-m 50 --fine-dem-only --out .");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("no longer reproduces"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(fine));
  fs::remove_all(d);
}

}  // namespace
