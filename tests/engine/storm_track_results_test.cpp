// /storm/track in run results (issue 14): the track the hazard used, in scenario seconds and
// the grid's CRS, written through the results schema and read back by the shared reader.
#include <gtest/gtest.h>

#include <cmath>

#include "io/crs_transform.hpp"
#include "io/h5.hpp"
#include "io/lonlat.hpp"
#include "output/storm_track_writer.hpp"
#include "results/results_schema.hpp"
#include "results/table.hpp"
#include "scenario/scenario.hpp"
#include "scenario_fixture.hpp"

namespace {

TEST(StormTrackResults, RowsAreInScenarioSecondsAndTheGridCrsAndRoundTripThroughTheFile) {
  const auto dir = sdtest::make_scenario_dir("storm_track_results");
  sdtest::write_file(dir / "scenario.toml", sdtest::valid_scenario_text());
  const sd::Scenario s = sd::load_scenario((dir / "scenario.toml").string());
  const sd::StormTrackRows rows = sd::storm_track_rows(s, 0, 0);
  ASSERT_EQ(rows.t.size(), 2u);
  // The track file's fixes are 08:00 on the start day and 24 h later (start 08:00 +08:00).
  EXPECT_DOUBLE_EQ(rows.t[0], 0.0);
  EXPECT_DOUBLE_EQ(rows.t[1], 86400.0);
  EXPECT_DOUBLE_EQ(rows.pressure_hpa[0], 965.0);
  EXPECT_DOUBLE_EQ(rows.pressure_hpa[1], 975.0);
  EXPECT_GT(rows.rmax_m[0], 5000.0);  // estimated (Vickery & Wadhera) where the file has none
  // Back to lon/lat with GDAL: the fixes (122.0 E, 30.0 N) and (121.0 E, 30.6 N).
  std::vector<double> x = rows.x, y = rows.y;
  sd::io::transform_points(x, y, s.dem.crs_wkt, "EPSG:4326", "test");
  EXPECT_NEAR(x[0], 122.0, 1e-6);
  EXPECT_NEAR(y[0], 30.0, 1e-6);
  EXPECT_NEAR(x[1], 121.0, 1e-6);
  EXPECT_NEAR(y[1], 30.6, 1e-6);
  // Through an HDF5 file and the shared reader (schema-checked column names).
  const auto path = dir / "track.h5";
  {
    auto f = sd::h5::File::create(path.string());
    sd::write_storm_track(f.id(), rows);
    f.commit();
  }
  sd::h5::Handle f(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
  sd::results::Table t = sd::results::read_table(f.get(), "storm/track");
  ASSERT_EQ(t.rows(), 2u);
  for (const auto& c : t.columns())
    EXPECT_NE(sd::schema::find("storm/track/" + c.name), nullptr) << c.name;
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_EQ(t.num("t", k, NAN), rows.t[k]);
    EXPECT_EQ(t.num("x", k, NAN), rows.x[k]);
    EXPECT_EQ(t.num("y", k, NAN), rows.y[k]);
    EXPECT_EQ(t.num("vmax_ms", k, NAN), rows.vmax_ms[k]);
    EXPECT_EQ(t.num("rmax_m", k, NAN), rows.rmax_m[k]);
  }
  std::filesystem::remove_all(dir);
}

TEST(StormTrackResults, LocalMetricGridInvertsCellLonLat) {
  sd::Grid g;
  g.nx = 10;
  g.ny = 8;
  g.cell = 100;
  g.x0 = 1000;
  g.y0 = 5000;
  const sd::io::RefLonLat ref{120.9, 30.5};
  const auto ll = sd::io::cell_lonlat(g, "", ref);
  std::vector<double> x = {ll.lon[g.index(3, 5)]}, y = {ll.lat[g.index(3, 5)]};
  sd::io::lonlat_to_grid(g, "", ref, x, y);
  EXPECT_NEAR(x[0], g.cx(3), 1e-6);
  EXPECT_NEAR(y[0], g.cy(5), 1e-6);
}

TEST(StormTrackResults, DesignStormsHaveNoTrack) {
  sd::Scenario s;
  s.storm.design = sd::DesignStormSpec{};
  EXPECT_TRUE(sd::storm_track_rows(s, 0, 0).t.empty());
}

}  // namespace
