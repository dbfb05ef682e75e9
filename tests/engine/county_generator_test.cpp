// The county generator is deterministic for a seed, varies with it, and its CLI reports bad
// input with exit code 2.
#include <gtest/gtest.h>

#include <cstdlib>

#include "core/error.hpp"
#include "county/places.hpp"
#include "county/track_import.hpp"
#include "county_test_util.hpp"

namespace {

using namespace county_test;

fs::path generate(std::uint64_t seed, const std::string& tag) {
  const fs::path d =
      fs::temp_directory_path() / ("sd_county_" + tag + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  sd::county::CountyOptions o;
  o.seed = seed;
  o.cell_m = 250.0;
  sd::county::write_county(sd::county::generate_county(o), d.string());
  return d;
}

std::vector<fs::path> files_under(const fs::path& d) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(d))
    if (e.is_regular_file()) out.push_back(fs::relative(e.path(), d));
  std::sort(out.begin(), out.end());
  return out;
}

TEST(CountyGenerator, SameSeedGivesByteIdenticalFiles) {
  const fs::path a = generate(7, "a"), b = generate(7, "b");
  const auto fa = files_under(a);
  ASSERT_EQ(fa, files_under(b));
  ASSERT_GE(fa.size(), 10u);
  for (const auto& f : fa) EXPECT_EQ(slurp(a / f), slurp(b / f)) << f;
  fs::remove_all(a);
  fs::remove_all(b);
}

TEST(CountyGenerator, DifferentSeedGivesDifferentTerrainAndRoads) {
  const fs::path a = generate(7, "c"), b = generate(8, "d");
  EXPECT_NE(slurp(a / "data" / "dem.tif"), slurp(b / "data" / "dem.tif"));
  EXPECT_NE(slurp(a / "data" / "roads" / "nodes.csv"), slurp(b / "data" / "roads" / "nodes.csv"));
  fs::remove_all(a);
  fs::remove_all(b);
}

TEST(CountyGenerator, ShippedFolderMatchesDefaultSeedAt100m) {
  // The shipped demo is exactly what `generate-county --cell-m 100 --fine-m 10
  // --subgrid-cell-m 200` (default seed) writes: 100 m rasters, 200 m sub-grid cells over the
  // 10 m fine terrain, which is not shipped but regenerated: its recorded pixel hash
  // (data/dem-fine.fnv1a) is this generator's (docs/county.md, "Fine terrain").
  const fs::path d = fs::temp_directory_path() / ("sd_county_ship_" + std::to_string(::getpid()));
  sd::county::CountyOptions o;
  o.cell_m = 100.0;
  o.fine_m = 10.0;
  o.subgrid_cell_m = 200.0;
  sd::county::County c = sd::county::generate_county(o);
  // The shipped folder was generated with --track (its scenarios name data/infa-2021.csv).
  c.track_csv = slurp(shipped_dir() / "data/infa-2021.csv");
  sd::county::write_county(c, d.string());
  for (const char* f :
       {"data/dem.tif", "data/landuse.tif", "data/population.tif", "data/roads/nodes.csv",
        "data/roads/edges.csv", "data/dem-fine.fnv1a", "scenario.toml", "scenario-hightide.toml",
        "scenario-lowtide.toml", "plan-current.toml", "plan-prepositioned.toml"})
    EXPECT_EQ(slurp(d / f), slurp(shipped_dir() / f))
        << f << " is stale: regenerate scenarios/haiyan-demo";
  fs::remove_all(d);
}

TEST(CountyGenerator, GridIsPlacedAtHaiyanInUtm51n) {
  const sd::Grid g = sd::county::county_grid(50.0);
  EXPECT_EQ(g.nx, 640);
  EXPECT_EQ(g.ny, 580);
  // Wuyuan (120.95E, 30.53N) falls inside the grid; UTM 51N easting ~303 km.
  const auto w = sd::county::lonlat_to_utm(120.95, 30.53);
  EXPECT_NEAR(w.x, 303321.0, 5.0);
  EXPECT_NEAR(w.y, 3379304.0, 5.0);
  int i, j;
  EXPECT_TRUE(g.locate(w.x, w.y, i, j));
  const auto dem = sd::io::read_raster((coarse_dir() / "data" / "dem.tif").string());
  EXPECT_NE(dem.crs_wkt.find("32651"), std::string::npos);
  EXPECT_THROW(sd::county::county_grid(5.0), sd::InputError);
}

TEST(CountyGenerator, CliRejectsBadCellSizeWithExitCode2) {
  const std::string out = (fs::temp_directory_path() / "sd_county_cli_bad").string();
  const std::string cmd = std::string(STORMDRILL_BINARY) + " generate-county --cell-m 3 --out " +
                          out + " > " + out + ".log 2>&1";
  const int rc = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(rc));
  EXPECT_EQ(WEXITSTATUS(rc), 2);
  EXPECT_NE(slurp(out + ".log").find("--cell-m"), std::string::npos);
  EXPECT_FALSE(fs::exists(out + "/data/dem.tif"));
}

TEST(CountyGenerator, CoarseCountyWithoutTrackRunsAndSaysWhichStorm) {
  // At 500 m the seawall breach falls in the sea-edge row the flood model walls off: every
  // run failed with "inflow 0 cell is outside the domain" although `validate` said OK, and the
  // title claimed the In-fa track while a design storm was used.
  const fs::path d = fs::temp_directory_path() / ("sd_county_500_" + std::to_string(::getpid()));
  fs::remove_all(d);
  const std::string bin = STORMDRILL_BINARY;
  ASSERT_EQ(std::system((bin + " generate-county --cell-m 500 --out " + d.string() + " > " +
                         d.string() + ".gen.log 2>&1")
                            .c_str()),
            0)
      << slurp(d.string() + ".gen.log");
  const std::string log = d.string() + ".run.log";
  const int rc = std::system((bin + " run " + (d / "scenario.toml").string() + " -o " +
                              (d / "r.h5").string() + " > " + log + " 2>&1")
                                 .c_str());
  ASSERT_TRUE(WIFEXITED(rc));
  EXPECT_EQ(WEXITSTATUS(rc), 0) << slurp(log);
  EXPECT_NE(slurp(log).find("Haiyan County typhoon drill — 50-year 6-hour design rain storm"),
            std::string::npos)
      << slurp(log);
  fs::remove_all(d);
}

TEST(CountyTrack, ConvertsCmaTrackDroppingNullRows) {
  const fs::path src =
      fs::path(STORMDRILL_SHARED_DIR) / "data" / "tracks" / "infa_2021_cma_realtime.csv";
  if (!fs::exists(src)) GTEST_SKIP() << "../shared track data not present: " << src;
  const std::string csv = sd::county::convert_cma_track(src.string());
  EXPECT_EQ(csv.rfind("time,lat,lon,pressure_hpa,wind_ms\n", 0), 0u);
  EXPECT_EQ(csv.find("null"), std::string::npos);
  // CMA fix before the Pinghu landfall, and one of the duplicated times kept once.
  EXPECT_NE(csv.find("2021-07-26T09:00:00+08:00,30.6,121.2,975,30\n"), std::string::npos);
  EXPECT_EQ(csv.find("2021-07-26T09:00:00+08:00"), csv.rfind("2021-07-26T09:00:00+08:00"));
  // The shipped copy is this conversion.
  EXPECT_EQ(csv, slurp(shipped_dir() / "data" / "infa-2021.csv"));
}

TEST(CountyTrack, MalformedRowNamesFileLineAndField) {
  const fs::path p = fs::temp_directory_path() / "sd_county_badtrack.csv";
  std::ofstream(p) << "# comment\ntime,lat,lon,pressure_hpa,wind_ms\n"
                      "2021-07-26T09:00+08:00,30.6,121.2,975,30\n"
                      "2021-07-26T10:00+08:00,30.7,east,978,28\n";
  try {
    sd::county::convert_cma_track(p.string());
    FAIL() << "expected InputError";
  } catch (const sd::InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find(p.string() + ":4"), std::string::npos) << m;
    EXPECT_NE(m.find("'lon'"), std::string::npos) << m;
  }
}

}  // namespace
