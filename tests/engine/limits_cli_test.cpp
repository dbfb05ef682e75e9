// Runaway and implausible inputs are refused up front (issue 16): every numeric flag rejects
// NaN/inf, run lengths and counts have sane ranges, outputs that cannot fit on the disk and
// runs that cannot fit in memory are refused with the estimate (exit 3), implausible
// elevations and bad population pixels are errors naming the first bad pixel.
#include <gtest/gtest.h>

#include <fstream>

#include "batch_fixture.hpp"
#include "cli_runner.hpp"
#include "hazard/mass_balance.hpp"
#include "io/raster_io.hpp"

namespace fs = std::filesystem;

namespace {

void expect_refused(const std::string& args, int code, const std::string& needle) {
  const auto r = sdtest::stormdrill(args);
  EXPECT_EQ(r.exit_code, code) << args << "\n" << r.output;
  EXPECT_NE(r.output.find(needle), std::string::npos) << args << "\n" << r.output;
}

fs::path flat_dem(const std::string& name, int n, float value_at_corner = 1.0f) {
  const fs::path dir = fs::temp_directory_path() / ("sd_limits_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  sd::io::Raster dem;
  dem.grid = sd::Grid{n, n, 0.0, n * 10.0, 10.0};
  dem.data.assign(dem.grid.size(), 1.0f);
  dem.data[dem.grid.index(n - 1, 2)] = value_at_corner;
  sd::io::write_raster((dir / "dem.tif").string(), dem);
  return dir;
}

TEST(LimitsCli, NonFiniteNumbersAreRejectedByEveryFloatFlag) {
  const fs::path dir = flat_dem("nan", 8);
  const std::string dem = (dir / "dem.tif").string();
  for (const char* v : {"nan", "NaN", "inf", "-inf", "1e999"})
    expect_refused("flood --dem " + dem + " --duration-s 60 --rain-mmph " + v + " --rain-hours 1",
                   2, "must be a finite number");
  expect_refused("flood --dem " + dem + " --duration-s nan", 2, "must be a finite number");
  expect_refused(
      "storm fields --grid " + dem + " --design-storm x.toml --duration-h inf --out x.h5", 2,
      "--duration-h");
  expect_refused("run x.toml --cache-max-gb nan", 2, "must be a finite number");
}

TEST(LimitsCli, RunLengthsAndCountsHaveSaneRanges) {
  const fs::path dir = flat_dem("ranges", 8);
  const std::string dem = (dir / "dem.tif").string();
  expect_refused("flood --dem " + dem + " --duration-s 1e9", 2, "more than a year");
  // -2 once silently became the default span (24 h).
  expect_refused("storm fields --grid " + dem + " --design-storm x.toml --duration-h -2 --out x.h5",
                 2, "--duration-h");
  expect_refused(
      "storm fields --grid " + dem + " --design-storm x.toml --duration-h 1e9 --out x.h5", 2,
      "--duration-h");
  expect_refused("batch --scenario x.toml --plans a.toml --members 2000000000", 2, "--members");
  expect_refused("storm ensemble --track t.csv --n 2000000000 --out-dir e", 2, "--n");
}

TEST(LimitsCli, FramesThatCannotFitOnTheDiskAreRefusedWithTheEstimate) {
  // 200 x 200 cells, one frame a second for a year: ~10 TB of frames, on any test disk too much.
  const fs::path dir = flat_dem("disk", 200);
  expect_refused("flood --dem " + (dir / "dem.tif").string() +
                     " --duration-s 3e7 --frame-interval-s 1 --out " + (dir / "f.h5").string(),
                 3, "estimated output");
  EXPECT_FALSE(fs::exists(dir / "f.h5"));
}

TEST(LimitsCli, ImplausibleElevationIsAnErrorNamingThePixel) {
  // An undeclared NoData of -3.4e38 once gave a 95 % mass error and exit 0.
  const fs::path dir = flat_dem("elev", 8, -3.4e38f);
  expect_refused("flood --dem " + (dir / "dem.tif").string() + " --duration-s 60", 2,
                 "implausible elevation at first bad pixel (column 7, row 2");
}

TEST(LimitsCli, ScenarioRastersAreCheckedOnValidate) {
  const auto dir = sdtest::make_flood_county("limits_rasters");
  const std::string scn = (dir / "scenario.toml").string();
  sd::io::Raster pop = sd::io::read_raster((dir / "data/pop.tif").string());
  pop.data[pop.grid.index(3, 1)] = -5.0f;
  sd::io::write_raster((dir / "data/pop.tif").string(), pop);
  expect_refused("validate " + scn, 2,
                 "population must be finite and >= 0: first bad pixel "
                 "(column 3, row 1");
  pop.data[pop.grid.index(3, 1)] = 40.0f;
  pop.data[pop.grid.index(4, 1)] = 1e6f;  // 400 million per km2 on 50 m cells
  sd::io::write_raster((dir / "data/pop.tif").string(), pop);
  const auto r = sdtest::stormdrill("validate " + scn);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("denser than 100,000 people per km2"), std::string::npos) << r.output;
  sd::io::Raster dem = sd::io::read_raster((dir / "data/dem.tif").string());
  dem.data[dem.grid.index(0, 0)] = 9500.0f;
  sd::io::write_raster((dir / "data/dem.tif").string(), dem);
  expect_refused("validate " + scn, 2, "implausible elevation at first bad pixel (column 0, row 0");
}

TEST(LimitsCli, RunsBeyondTheMemoryLimitAreRefusedWithTheEstimate) {
  const auto dir = sdtest::make_flood_county("limits_memory");
  const std::string scn = (dir / "scenario.toml").string();
  const std::string cache = " --cache-dir " + (dir / "cache").string();
  expect_refused("run " + scn + " --max-memory-gb 0.00001" + cache, 3, "flood solver: 40 x 30");
  expect_refused("validate " + scn + " --max-memory-gb 0.00001", 3, "estimated memory");
  // A population scaled x1e20 validated and died after 41 s allocating incidents.
  sd::io::Raster pop = sd::io::read_raster((dir / "data/pop.tif").string());
  for (auto& p : pop.data) p *= 1e20f;
  sd::io::write_raster((dir / "data/pop.tif").string(), pop);
  expect_refused("run " + scn + cache, 3, "expected (rates x exposure)");
  EXPECT_FALSE(fs::exists(dir / "cache")) << "refused before the hazard ran";
}

TEST(LimitsCli, AHugeDemIsRefusedFromItsHeaderBeforeAnyPixelIsRead) {
  // A 20000 x 18125 DEM loaded to 9.9 GB before any estimate was made. A VRT holds only a
  // header: if the loader read its pixels the test would take minutes and gigabytes.
  const auto dir = sdtest::make_flood_county("limits_bigdem");
  {
    std::ofstream(dir / "data/big.vrt")
        << "<VRTDataset rasterXSize=\"40000\" rasterYSize=\"40000\">\n"
           "  <GeoTransform>300000, 5, 0, 3381500, 0, -5</GeoTransform>\n"
           "  <VRTRasterBand dataType=\"Float32\" band=\"1\"/>\n</VRTDataset>\n";
  }
  std::string scn = sdtest::slurp(dir / "scenario.toml");
  scn.replace(scn.find("data/dem.tif"), 12, "data/big.vrt");
  std::ofstream(dir / "big.toml") << scn;
  const std::string big = (dir / "big.toml").string();
  expect_refused("validate " + big + " --max-memory-gb 4", 3, "40000 x 40000 cells");
  expect_refused("run " + big + " --max-memory-gb 4 --cache-dir " + (dir / "cache").string(), 3,
                 "flood solver: 40000 x 40000 cells x 160 B");
}

TEST(MassBalance, AnUnclosedBudgetIsRefusedWithTheBudgetPrinted) {
  sd::flood::Budget b;
  b.rain = 1000;
  b.stored = 1000;
  EXPECT_NO_THROW(sd::require_mass_balance(b, "x"));
  b.stored = 1000 * (1 + 2e-6);
  try {
    sd::require_mass_balance(b, "scn.toml");
    ADD_FAILURE() << "a 2e-6 error passed";
  } catch (const std::runtime_error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("scn.toml: the flood's water budget does not close"), std::string::npos);
    EXPECT_NE(m.find("rain"), std::string::npos) << m;
    EXPECT_NE(m.find("stored"), std::string::npos) << m;
  }
  b.stored = NAN;
  EXPECT_THROW(sd::require_mass_balance(b, "x"), std::runtime_error);
}

}  // namespace
