// Issue 13 §1: roads in another CRS than the DEM's are reprojected onto it (a CSV pair with a
// .crs sidecar or [roads] crs, an OGR source with its own CRS); roads whose CRS is unknown and
// whose coordinates cannot be in the DEM's units are refused, naming the file, both extents
// and both CRSs. Before, lon/lat nodes stayed in degrees beside a UTM DEM and the drill ran
// to 0 incidents and 0 km closed without a word.
#include <gtest/gtest.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <memory>
#include <sstream>

#include "core/error.hpp"
#include "io/crs_transform.hpp"
#include "io/road_io.hpp"
#include "response/response_model.hpp"
#include "scenario/scenario.hpp"
#include "scenario_fixture.hpp"

namespace fs = std::filesystem;

namespace {

// The fixture's three UTM 51N nodes.
const double kX[] = {300100, 300900, 300900}, kY[] = {3379900, 3379900, 3379300};

void utm51_to_lonlat(double& x, double& y) {
  OGRSpatialReference utm, geo;
  utm.importFromEPSG(32651);
  geo.importFromEPSG(4326);
  utm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  geo.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&utm, &geo));
  ASSERT_TRUE(ct);
  ASSERT_TRUE(ct->Transform(1, &x, &y));
}

// The fixture scenario with its nodes rewritten in lon/lat degrees.
fs::path lonlat_scenario(const std::string& name, const std::string& roads_extra = "") {
  const auto dir = sdtest::make_scenario_dir(name);
  std::ostringstream nodes;
  nodes.precision(12);
  nodes << "id,x,y\n";
  for (int k = 0; k < 3; ++k) {
    double x = kX[k], y = kY[k];
    utm51_to_lonlat(x, y);
    nodes << k + 1 << "," << x << "," << y << "\n";
  }
  sdtest::write_file(dir / "data/nodes.csv", nodes.str());
  std::string text = sdtest::valid_scenario_text();
  const std::string key = "edges = \"data/edges.csv\"\n";
  text.replace(text.find(key), key.size(), key + roads_extra);
  sdtest::write_file(dir / "s.toml", text);
  return dir;
}

void expect_nodes_back_in_utm(const sd::ResponseModel& m) {
  ASSERT_EQ(m.graph->num_nodes(), 3u);
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_NEAR(m.graph->x()[k], kX[k], 0.01) << k;
    EXPECT_NEAR(m.graph->y()[k], kY[k], 0.01) << k;
  }
}

std::string model_error(const fs::path& scenario) {
  try {
    const sd::Scenario s = sd::load_scenario(scenario.string());
    sd::build_response_model(s);
  } catch (const sd::InputError& e) {
    return e.what();
  }
  return "";
}

TEST(RoadReprojection, LonLatCsvWithCrsSidecarIsReprojectedToTheUtmDem) {
  const auto dir = lonlat_scenario("reproj_sidecar");
  sdtest::write_file(dir / "data/nodes.csv.crs", "EPSG:4326\n");
  const sd::Scenario s = sd::load_scenario((dir / "s.toml").string());
  expect_nodes_back_in_utm(*sd::build_response_model(s));
}

TEST(RoadReprojection, ScenarioRoadsCrsKeyDeclaresTheCsvCrs) {
  const auto dir = lonlat_scenario("reproj_key", "crs = \"EPSG:4326\"\n");
  const sd::Scenario s = sd::load_scenario((dir / "s.toml").string());
  expect_nodes_back_in_utm(*sd::build_response_model(s));
}

TEST(RoadReprojection, LonLatCsvWithoutCrsIsRefusedNamingFileExtentsAndCrss) {
  const auto dir = lonlat_scenario("reproj_none");
  const std::string e = model_error(dir / "s.toml");
  EXPECT_NE(e.find((dir / "data/nodes.csv").string()), std::string::npos) << e;
  EXPECT_NE(e.find("do not overlap the DEM"), std::string::npos) << e;
  EXPECT_NE(e.find("x 120.9"), std::string::npos) << "the network's extent: " << e;
  EXPECT_NE(e.find("x 300000 .. 301000"), std::string::npos) << "the DEM's extent: " << e;
  EXPECT_NE(e.find("none declared"), std::string::npos) << e;
  EXPECT_NE(e.find("UTM zone 51N"), std::string::npos) << e;
  EXPECT_NE(e.find("nodes.csv.crs"), std::string::npos) << "suggests the sidecar: " << e;
}

TEST(RoadReprojection, OgrSourceInLonLatIsReprojected) {
  const auto dir = sdtest::make_scenario_dir("reproj_geojson");
  std::ostringstream gj;
  gj.precision(12);
  gj << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":)"
     << R"({"highway":"residential"},"geometry":{"type":"LineString","coordinates":[)";
  for (int k = 0; k < 3; ++k) {
    double x = kX[k], y = kY[k];
    utm51_to_lonlat(x, y);
    gj << (k ? "," : "") << "[" << x << "," << y << "]";
  }
  gj << "]}}]}";
  sdtest::write_file(dir / "data/roads.geojson", gj.str());
  std::string text = sdtest::valid_scenario_text();
  const std::string pair = "nodes = \"data/nodes.csv\"\nedges = \"data/edges.csv\"\n";
  text.replace(text.find(pair), pair.size(), "network = \"data/roads.geojson\"\n");
  sdtest::write_file(dir / "s.toml", text);
  const sd::Scenario s = sd::load_scenario((dir / "s.toml").string());
  const auto m = sd::build_response_model(s);
  ASSERT_EQ(m->graph->num_nodes(), 2u) << "the line's two ends";
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_NEAR(m->graph->x()[k], k ? kX[2] : kX[0], 0.01);
    EXPECT_NEAR(m->graph->y()[k], k ? kY[2] : kY[0], 0.01);
  }
}

TEST(RoadReprojection, PointFilesCarryTheirCrsAndReprojectOntoTheDem) {
  const auto dir = sdtest::make_scenario_dir("reproj_points");
  double x = kX[1], y = kY[1];
  utm51_to_lonlat(x, y);
  std::ostringstream csv;
  csv.precision(12);
  csv << "id,x,y\nshelter," << x << "," << y << "\n";
  sdtest::write_file(dir / "points.csv", csv.str());
  sdtest::write_file(dir / "points.csv.crs", "EPSG:4326");
  sd::io::PointSet ps = sd::io::load_points((dir / "points.csv").string());
  EXPECT_EQ(ps.crs, "EPSG:4326");
  const sd::io::Raster dem = sd::io::read_raster((dir / "data/dem.tif").string());
  sd::io::to_dem_crs(ps.x, ps.y, ps.crs, dem.crs_wkt, dem.grid, "points.csv", "");
  EXPECT_NEAR(ps.x[0], kX[1], 0.01);
  EXPECT_NEAR(ps.y[0], kY[1], 0.01);
  // Without the sidecar the degrees cannot be on the UTM DEM: refused.
  fs::remove(dir / "points.csv.crs");
  sd::io::PointSet raw = sd::io::load_points((dir / "points.csv").string());
  EXPECT_TRUE(raw.crs.empty());
  EXPECT_THROW(sd::io::to_dem_crs(raw.x, raw.y, raw.crs, dem.crs_wkt, dem.grid, "points.csv", ""),
               sd::InputError);
}

TEST(RoadReprojection, ProjectedCsvOutsideTheDemIsRefused) {
  const auto dir = sdtest::make_scenario_dir("reproj_far");
  sdtest::write_file(dir / "data/nodes.csv",
                     "id,x,y\n1,500100,3379900\n2,500900,3379900\n3,500900,3379300\n");
  sdtest::write_file(dir / "s.toml", sdtest::valid_scenario_text());
  const std::string e = model_error(dir / "s.toml");
  EXPECT_NE(e.find("do not overlap the DEM"), std::string::npos) << e;
}

// The shared Liechtenstein network (lon/lat CSVs) under a DEM in UTM 32N covering it.
fs::path liechtenstein_scenario(const std::string& name, const std::string& roads_extra) {
  const fs::path shared = fs::path(STORMDRILL_SHARED_DIR) / "data/roads/liechtenstein";
  const auto dir = fs::temp_directory_path() / ("sd_scn_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  sd::io::Raster dem;
  // UTM 32N around Liechtenstein: x 530000 .. 550000, y 5208000 .. 5240000 (500 m cells).
  dem.grid = sd::Grid{40, 64, 530000.0, 5240000.0, 500.0};
  OGRSpatialReference utm;
  utm.importFromEPSG(32632);
  char* wkt = nullptr;
  utm.exportToWkt(&wkt);
  dem.crs_wkt = wkt;
  CPLFree(wkt);
  dem.data.assign(dem.grid.size(), 450.0f);
  sd::io::write_raster((dir / "dem.tif").string(), dem);
  sdtest::write_file(dir / "s.toml", R"([scenario]
name = "liechtenstein"
start = "2021-07-25T08:00:00+02:00"
duration_h = 2.0
[region]
dem = "dem.tif"
[storm.design]
a1 = 12.0
c = 0.8
b = 10.0
n = 0.75
[roads]
nodes = ")" + (shared / "nodes.csv").string() +
                                         "\"\nedges = \"" + (shared / "edges.csv").string() +
                                         "\"\n" + roads_extra + R"([[team]]
name = "Vaduz fire"
kind = "fire"
x = 539430.0
y = 5220853.0
)");
  return dir;
}

TEST(RoadReprojection, SharedLiechtensteinLonLatCsvsUnderUtmDem) {
  if (!fs::exists(fs::path(STORMDRILL_SHARED_DIR) / "data/roads/liechtenstein/nodes.csv"))
    GTEST_SKIP() << "shared data absent (" << STORMDRILL_SHARED_DIR << ")";
  // Without a CRS: refused, naming the file.
  const std::string e = model_error(liechtenstein_scenario("li_none", "") / "s.toml");
  EXPECT_NE(e.find("liechtenstein/nodes.csv"), std::string::npos) << e;
  EXPECT_NE(e.find("do not overlap the DEM"), std::string::npos) << e;
  // Declared EPSG:4326: reprojected into the DEM, and the team snaps close to a road.
  const auto dir = liechtenstein_scenario("li_4326", "crs = \"EPSG:4326\"\n");
  const sd::Scenario s = sd::load_scenario((dir / "s.toml").string());
  const auto m = sd::build_response_model(s);
  std::size_t inside = 0;
  int i, j;
  for (std::size_t k = 0; k < m->graph->num_nodes(); ++k)
    inside += s.dem.grid.locate(m->graph->x()[k], m->graph->y()[k], i, j);
  EXPECT_GT(inside, m->graph->num_nodes() * 9 / 10) << "nodes now lie on the DEM";
  const double dx = m->graph->x()[m->team_node[0]] - 539430.0;
  const double dy = m->graph->y()[m->team_node[0]] - 5220853.0;
  EXPECT_LT(std::hypot(dx, dy), 500.0);
}

}  // namespace
