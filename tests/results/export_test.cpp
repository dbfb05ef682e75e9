// `stormdrill export RUN.h5 -o run.gpkg` (issue 14 §3): a GeoPackage ogrinfo opens, with the
// run's incidents, one road row per segment x frame, the grid's CRS on every layer, the risk
// rasters beside it, and no temporary left behind.
#include <gtest/gtest.h>

#include <regex>

#include "results/h5_read.hpp"
#include "results_files.hpp"

namespace fs = std::filesystem;

namespace {

long long feature_count(const std::string& ogrinfo) {
  const auto k = ogrinfo.find("Feature Count: ");
  return k == std::string::npos ? -1 : std::stoll(ogrinfo.substr(k + 15));
}

hsize_t rows(const fs::path& file, const std::string& dataset) {
  auto f = sd::h5::Handle(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
  return sd::h5::shape(f, dataset)[0];
}

}  // namespace

TEST(Export, GeoPackageHoldsTheRunsIncidentsRoadsAndCrs) {
  const auto& f = sdtest::results_files();
  ASSERT_EQ(f.error, "");
  const fs::path out = f.dir / "export" / "run.gpkg";
  fs::remove_all(out.parent_path());  // the fixture folder is shared between runs of the tests
  // (and the folder does not exist: export makes it, as `run -o out/run.h5` does)
  const auto r = sdtest::stormdrill("export " + f.run.string() + " -o " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // One ogrinfo call: every layer's summary, split at "Layer name: ".
  const auto all = sdtest::run_command("ogrinfo -ro -so -al " + out.string());
  ASSERT_EQ(all.exit_code, 0) << all.output;
  auto layer = [&](const std::string& name) {
    const auto k = all.output.find("Layer name: " + name + "\n");
    if (k == std::string::npos) return std::string();
    return all.output.substr(k, all.output.find("Layer name: ", k + 12) - k);
  };
  EXPECT_EQ(feature_count(layer("incidents")), static_cast<long long>(rows(f.run, "incidents/id")))
      << layer("incidents");
  EXPECT_EQ(feature_count(layer("roads")),
            static_cast<long long>(rows(f.run, "roads/time") * rows(f.run, "roads/edges/from")))
      << layer("roads");
  for (const char* name :
       {"incidents", "team_tracks", "roads", "shelters", "depots", "critical_sites", "towns"}) {
    const std::string info = layer(name);
    ASSERT_FALSE(info.empty()) << "no layer " << name << "\n" << all.output;
    EXPECT_NE(info.find("ID[\"EPSG\",32651]"), std::string::npos) << name << ": CRS\n" << info;
  }
  for (const char* raster : {"run_max_depth.tif", "run_first_above_0p15m.tif",
                             "run_duration_above_threshold.tif", "run_hazard_rating.tif"}) {
    const auto g = sdtest::run_command("gdalinfo " + (out.parent_path() / raster).string());
    EXPECT_EQ(g.exit_code, 0) << raster << "\n" << g.output;
    EXPECT_NE(g.output.find("ID[\"EPSG\",32651]"), std::string::npos) << raster;
    EXPECT_NE(g.output.find("Upper Left  (  300000.000, 3381500.000)"), std::string::npos)
        << g.output;
  }
  for (const auto& e : fs::directory_iterator(out.parent_path()))
    EXPECT_EQ(e.path().string().find(".tmp"), std::string::npos) << "left behind: " << e.path();
}

TEST(Export, RefusesABatchFileWithExitCode2) {
  const auto& f = sdtest::results_files();
  ASSERT_EQ(f.error, "");
  const fs::path out = f.dir / "batch.gpkg";
  const auto r = sdtest::stormdrill("export " + f.batch.string() + " -o " + out.string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("not a run"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(out));
}
