// `stormdrill county import` (Issue 15): the two shipped OSM extracts with real SRTM terrain
// from ../shared (skipped with a message when it is absent), bad-input refusals, and the
// pieces with analytic answers (polygon burning, design-storm depth).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/visitor.hpp>
#include <set>
#include <sstream>

#include <cpl_conv.h>
#include <ogr_spatialref.h>

#include "cli_runner.hpp"
#include "county/import_county.hpp"
#include "county/import_rasterize.hpp"
#include "io/csv_table.hpp"
#include "io/h5.hpp"
#include "io/raster_io.hpp"
#include "storm/design_storm.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kShared = STORMDRILL_SHARED_DIR;

fs::path shared(const std::string& rel) {
  return kShared / "data" / rel;
}

bool have_shared() {
  return fs::exists(shared("roads/liechtenstein.osm.pbf")) &&
         fs::exists(shared("real/N47E009.hgt"));
}

#define SKIP_WITHOUT_SHARED() \
  if (!have_shared())         \
  GTEST_SKIP() << "../shared (OSM extracts, SRTM tiles) absent: " << kShared.string()

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path fresh_dir(const std::string& name) {
  // Per process: ctest runs the tests of this file in parallel processes.
  const fs::path d =
      fs::temp_directory_path() / ("sd_county_import_" + name + "_" + std::to_string(getpid()));
  fs::remove_all(d);
  return d;
}

// One import per extract for the whole test program (100 m cells keep the drills short).
struct Imported {
  fs::path dir;
  sdtest::CommandResult result;
};

const Imported& liechtenstein() {
  static const Imported im = [] {
    Imported i{fresh_dir("li"), {}};
    i.result = sdtest::stormdrill(
        "county import --osm " + shared("roads/liechtenstein.osm.pbf").string() + " --dem " +
        shared("real/N47E009.hgt").string() +
        " --cell-m 100 --population-total 39000 --river-side W -o " + i.dir.string());
    return i;
  }();
  return im;
}

const Imported& monaco() {
  static const Imported im = [] {
    Imported i{fresh_dir("mc"), {}};
    i.result = sdtest::stormdrill("county import --osm " + shared("roads/monaco.osm.pbf").string() +
                                  " --dem " + shared("real/N43E007.hgt.zip").string() +
                                  " --cell-m 100 --population-total 38000 -o " + i.dir.string());
    return i;
  }();
  return im;
}

// The shared imports are removed when the test program ends.
struct RemoveImports : ::testing::Environment {
  void TearDown() override {
    for (const char* n : {"li", "mc"})
      fs::remove_all(fs::temp_directory_path() /
                     ("sd_county_import_" + std::string(n) + "_" + std::to_string(getpid())));
  }
};
[[maybe_unused]] ::testing::Environment* const kRemoveImports =
    ::testing::AddGlobalTestEnvironment(new RemoveImports);

// Named hospitals and fire stations of the extract (nodes and ways), read independently.
struct NamedPois : osmium::handler::Handler {
  std::set<std::string> hospitals, fire_stations;
  void check(const osmium::TagList& t) {
    const char* am = t.get_value_by_key("amenity");
    const char* name = t.get_value_by_key("name");
    if (!am || !name) return;
    if (std::string(am) == "hospital") hospitals.insert(name);
    if (std::string(am) == "fire_station") fire_stations.insert(name);
  }
  void node(const osmium::Node& n) { check(n.tags()); }
  void way(const osmium::Way& w) { check(w.tags()); }
};

NamedPois named_pois(const fs::path& pbf) {
  NamedPois h;
  osmium::io::Reader r{pbf.string()};
  osmium::apply(r, h);
  r.close();
  return h;
}

// Length of the drivable ways (each way once), great-circle, as the import defines them.
double drivable_km(const fs::path& pbf) {
  using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
  Index index;
  osmium::handler::NodeLocationsForWays<Index> loc{index};
  struct Len : osmium::handler::Handler {
    double m = 0;
    void way(const osmium::Way& w) {
      const char* hw = w.tags().get_value_by_key("highway");
      const char* area = w.tags().get_value_by_key("area");
      const char* access = w.tags().get_value_by_key("access");
      if (!hw || !sd::county::drivable_highway(hw)) return;
      if ((area && std::string(area) == "yes") || (access && std::string(access) == "no")) return;
      for (std::size_t k = 1; k < w.nodes().size(); ++k)
        m += sd::county::great_circle_m({w.nodes()[k - 1].lon(), w.nodes()[k - 1].lat()},
                                        {w.nodes()[k].lon(), w.nodes()[k].lat()});
    }
  } len;
  osmium::io::Reader r{pbf.string()};
  osmium::apply(r, loc, len);
  r.close();
  return len.m / 1000.0;
}

double edges_km(const fs::path& dir) {
  const sd::io::CsvTable t((dir / "data/roads/edges.csv").string());
  const std::size_t len = t.required("length_m"), both = t.required("both_ways");
  double m = 0;
  for (std::size_t r = 0; r < t.rows(); ++r)
    m += t.number(r, len) * (t.text(r, both) == "1" ? 0.5 : 1.0);
  return m / 1000.0;
}

void expect_assets_named(const Imported& im, const fs::path& pbf) {
  ASSERT_EQ(im.result.exit_code, 0) << im.result.output;
  const std::string toml = slurp(im.dir / "scenario.toml");
  const NamedPois p = named_pois(pbf);
  EXPECT_GT(p.hospitals.size() + p.fire_stations.size(), 0u);
  for (const auto* set : {&p.hospitals, &p.fire_stations})
    for (const std::string& name : *set)
      EXPECT_NE(toml.find("name = \"" + name), std::string::npos) << name << " is not an asset";
}

void expect_nodes_on_dem(const Imported& im) {
  ASSERT_EQ(im.result.exit_code, 0) << im.result.output;
  const sd::io::Raster dem = sd::io::read_raster((im.dir / "data/dem.tif").string());
  const sd::io::CsvTable t((im.dir / "data/roads/nodes.csv").string());
  const std::size_t cx = t.required("x"), cy = t.required("y");
  ASSERT_GT(t.rows(), 100u);
  for (std::size_t r = 0; r < t.rows(); ++r) {
    int i, j;
    ASSERT_TRUE(dem.grid.locate(t.number(r, cx), t.number(r, cy), i, j)) << t.at(r);
    ASSERT_TRUE(std::isfinite(dem.data[dem.grid.index(i, j)])) << t.at(r);
  }
}

double raster_sum(const fs::path& p) {
  const sd::io::Raster r = sd::io::read_raster(p.string());
  double s = 0;
  for (float v : r.data)
    if (std::isfinite(v)) s += v;
  return s;
}

// Runs the drill; returns the summary JSON text.
std::string drill(const Imported& im) {
  const auto r = sdtest::stormdrill("run " + (im.dir / "scenario.toml").string() + " -o " +
                                    (im.dir / "out.h5").string() + " --summary-json " +
                                    (im.dir / "s.json").string() + " --cache-dir " +
                                    (im.dir / "cache").string() + " -q");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return slurp(im.dir / "s.json");
}

// Road km closed before the design storm's rain starts (1 h): must be none.
double closed_km_before_rain(const Imported& im) {
  auto f = sd::h5::File::open_read((im.dir / "out.h5").string());
  const auto t = sd::h5::read_vector<double>(f, "kpi/time");
  const auto km = sd::h5::read_vector<double>(f, "kpi/road_km_closed");
  double worst = 0;
  for (std::size_t k = 0; k < t.size() && k < km.size(); ++k)
    if (t[k] < 3600) worst = std::max(worst, km[k]);
  return worst;
}

double json_number(const std::string& js, const std::string& key) {
  const auto p = js.find("\"" + key + "\"");
  if (p == std::string::npos) return NAN;
  return std::strtod(js.c_str() + js.find(':', p) + 1, nullptr);
}

// A WGS 84 population raster with `people` on every pixel.
void write_lonlat_population(const fs::path& path, const sd::Grid& g, float people) {
  sd::io::Raster pop;
  pop.grid = g;
  pop.data.assign(g.size(), people);
  OGRSpatialReference ll;
  ll.importFromEPSG(4326);
  char* wkt = nullptr;
  ll.exportToWkt(&wkt);
  pop.crs_wkt = wkt;
  CPLFree(wkt);
  sd::io::write_raster(path.string(), pop);
}

// The default design storm floods roads and makes incidents, and closes no road before it.
void expect_incidents_and_closures(const Imported& im) {
  ASSERT_EQ(im.result.exit_code, 0) << im.result.output;
  const std::string js = drill(im);
  EXPECT_GT(json_number(js, "incidents_total"), 0) << js;
  EXPECT_GT(json_number(js, "road_km_closed_peak"), 0) << js;
  EXPECT_EQ(closed_km_before_rain(im), 0.0) << "no road closed before the rain";
}

}  // namespace

TEST(CountyImport, LiechtensteinHospitalsAndFireStationsAreNamedAssets) {
  SKIP_WITHOUT_SHARED();
  expect_assets_named(liechtenstein(), shared("roads/liechtenstein.osm.pbf"));
}

TEST(CountyImport, MonacoHospitalsAndFireStationsAreNamedAssets) {
  SKIP_WITHOUT_SHARED();
  expect_assets_named(monaco(), shared("roads/monaco.osm.pbf"));
}

TEST(CountyImport, RoadLengthWithinOnePercentOfDrivableWays) {
  SKIP_WITHOUT_SHARED();
  ASSERT_EQ(liechtenstein().result.exit_code, 0) << liechtenstein().result.output;
  ASSERT_EQ(monaco().result.exit_code, 0) << monaco().result.output;
  const double li = drivable_km(shared("roads/liechtenstein.osm.pbf"));
  const double mc = drivable_km(shared("roads/monaco.osm.pbf"));
  EXPECT_NEAR(edges_km(liechtenstein().dir), li, 0.01 * li);
  EXPECT_NEAR(edges_km(monaco().dir), mc, 0.01 * mc);
}

TEST(CountyImport, NoRoadNodeOffTheDem) {
  SKIP_WITHOUT_SHARED();
  expect_nodes_on_dem(liechtenstein());
  expect_nodes_on_dem(monaco());
}

TEST(CountyImport, PopulationTotalAsRequested) {
  SKIP_WITHOUT_SHARED();
  ASSERT_EQ(liechtenstein().result.exit_code, 0) << liechtenstein().result.output;
  EXPECT_NEAR(raster_sum(liechtenstein().dir / "data/population.tif"), 39000, 5);
  ASSERT_EQ(monaco().result.exit_code, 0) << monaco().result.output;
  EXPECT_NEAR(raster_sum(monaco().dir / "data/population.tif"), 38000, 5);
}

// Sum of the [[town]] populations in scenario.toml.
long towns_total(const fs::path& dir) {
  std::istringstream in(slurp(dir / "scenario.toml"));
  std::string line;
  bool town = false;
  long sum = 0;
  while (std::getline(in, line)) {
    if (line.rfind("[", 0) == 0) town = line.rfind("[[town]]", 0) == 0;
    if (town && line.rfind("population = ", 0) == 0) sum += std::stol(line.substr(13));
  }
  return sum;
}

TEST(CountyImport, TownPopulationsAddUpToTheRequestedTotal) {
  SKIP_WITHOUT_SHARED();
  ASSERT_EQ(liechtenstein().result.exit_code, 0) << liechtenstein().result.output;
  EXPECT_EQ(towns_total(liechtenstein().dir), 39000);
  ASSERT_EQ(monaco().result.exit_code, 0) << monaco().result.output;
  EXPECT_EQ(towns_total(monaco().dir), 38000);
}

TEST(CountyImport, LiechtensteinTownsFollowTheMunicipalBoundaries) {
  SKIP_WITHOUT_SHARED();
  ASSERT_EQ(liechtenstein().result.exit_code, 0) << liechtenstein().result.output;
  const std::string md = slurp(liechtenstein().dir / "county-import.md");
  EXPECT_NE(md.find("admin_level=8, the level holding the most people"), std::string::npos) << md;
  // The 11 municipalities (Gemeinden) are the administrative areas of the report.
  for (const char* g : {"Balzers", "Eschen", "Gamprin", "Mauren", "Planken", "Ruggell", "Schaan",
                        "Schellenberg", "Triesen", "Triesenberg", "Vaduz"})
    EXPECT_NE(md.find(std::string("| ") + g + " | relation/"), std::string::npos) << g;
  // Nendeln is a village of Eschen: its people come from inside Eschen.
  EXPECT_NE(md.find("| Nendeln | node/240046176 place=village | Eschen |"), std::string::npos)
      << md;
}

TEST(CountyImport, ScenariosValidateAndCarryLevelBoundaries) {
  SKIP_WITHOUT_SHARED();
  for (const Imported* im : {&liechtenstein(), &monaco()}) {
    ASSERT_EQ(im->result.exit_code, 0) << im->result.output;
    const auto v = sdtest::stormdrill("validate " + (im->dir / "scenario.toml").string());
    EXPECT_EQ(v.exit_code, 0) << v.output;
    EXPECT_TRUE(fs::exists(im->dir / "county-import.md"));
    EXPECT_TRUE(fs::exists(im->dir / "plan-default.toml"));
  }
  EXPECT_NE(slurp(liechtenstein().dir / "scenario.toml").find("W = \"level\""), std::string::npos);
  EXPECT_TRUE(fs::exists(liechtenstein().dir / "data/river-level.csv"));
  EXPECT_NE(slurp(monaco().dir / "scenario.toml").find("surge_peak_m"), std::string::npos);
}

TEST(CountyImport, LiechtensteinDrillHasIncidentsAndClosures) {
  SKIP_WITHOUT_SHARED();
  expect_incidents_and_closures(liechtenstein());
}

TEST(CountyImport, MonacoDrillHasIncidentsAndClosures) {
  SKIP_WITHOUT_SHARED();
  expect_incidents_and_closures(monaco());
}

TEST(CountyImport, OsmNotOverlappingTheDemIsRefusedWithBothExtents) {
  SKIP_WITHOUT_SHARED();
  const fs::path out = fresh_dir("nooverlap");
  const auto r =
      sdtest::stormdrill("county import --osm " + shared("roads/monaco.osm.pbf").string() +
                         " --dem " + shared("real/N47E009.hgt").string() + " -o " + out.string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("monaco.osm.pbf"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("does not overlap"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("OSM roads W,S,E,N = 7.3"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("DEM W,S,E,N = 8.99"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(out)) << "nothing written";
}

TEST(CountyImport, EmptyRoadNetworkAfterFilteringIsRefused) {
  SKIP_WITHOUT_SHARED();
  const fs::path out = fresh_dir("noroads");
  // A box on the DEM tile but away from Liechtenstein's roads.
  const auto r = sdtest::stormdrill(
      "county import --osm " + shared("roads/liechtenstein.osm.pbf").string() + " --dem " +
      shared("real/N47E009.hgt").string() + " --bbox 9.1,47.6,9.2,47.7 -o " + out.string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("liechtenstein.osm.pbf"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("--bbox W,S,E,N = 9.1"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(out));
}

TEST(CountyImport, DemWithoutCrsAndPopulationOfAnotherAreaAreRefused) {
  SKIP_WITHOUT_SHARED();
  const fs::path dir = fresh_dir("badinputs");
  fs::create_directories(dir);
  // A DEM without any CRS (ESRI ASCII grid, no .prj): PROJ cannot place it.
  {
    std::ofstream a(dir / "nocrs.asc");
    a << "ncols 2\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 1\nNODATA_value -9999\n1 2\n3 4\n";
  }
  auto r = sdtest::stormdrill("county import --osm " + shared("roads/monaco.osm.pbf").string() +
                              " --dem " + (dir / "nocrs.asc").string() + " -o " +
                              (dir / "out1").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("nocrs.asc"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("no CRS"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "out1"));
  // A population raster of the wrong area (WGS 84, over Asia).
  write_lonlat_population(dir / "pop.tif", sd::Grid{4, 4, 100.0, 30.0, 0.01}, 10.0f);
  r = sdtest::stormdrill("county import --osm " + shared("roads/monaco.osm.pbf").string() +
                         " --dem " + shared("real/N43E007.hgt.zip").string() + " --population " +
                         (dir / "pop.tif").string() + " -o " + (dir / "out2").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("pop.tif"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("raster extent W,S,E,N = 100.0"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("area W,S,E,N = 7.3"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "out2"));
  fs::remove_all(dir);
}

TEST(CountyImport, DemInACrsProjDoesNotKnowIsRefusedWithBothExtents) {
  SKIP_WITHOUT_SHARED();
  const fs::path dir = fresh_dir("badcrs");
  fs::create_directories(dir);
  {
    std::ofstream a(dir / "odd.asc");
    a << "ncols 2\nnrows 2\nxllcorner 500\nyllcorner 700\ncellsize 10\nNODATA_value -9999\n"
         "1 2\n3 4\n";
    // A projection method PROJ has never heard of.
    std::ofstream(dir / "odd.prj")
        << R"(PROJCS["made up",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,)"
        << R"(298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],)"
        << R"(PROJECTION["No_Such_Projection_Method"],UNIT["metre",1]])";
  }
  const auto r =
      sdtest::stormdrill("county import --osm " + shared("roads/monaco.osm.pbf").string() +
                         " --dem " + (dir / "odd.asc").string() + " -o " + (dir / "out").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("odd.asc"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("PROJ"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("X 500..520, Y 700..720 in its own units"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("OSM data W,S,E,N = 7."), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "out"));
  fs::remove_all(dir);
}

TEST(CountyImport, ExtractWithoutADrivableRoadIsRefusedWithBothExtents) {
  SKIP_WITHOUT_SHARED();
  const fs::path dir = fresh_dir("footways");
  fs::create_directories(dir);
  // Monaco streets that are all footways, steps or under construction: nothing drivable.
  std::ofstream(dir / "paths.osm")
      << "<?xml version='1.0' encoding='UTF-8'?>\n<osm version='0.6' generator='test'>\n"
         "<node id='1' version='1' lat='43.730' lon='7.410'/>\n"
         "<node id='2' version='1' lat='43.735' lon='7.420'/>\n"
         "<node id='3' version='1' lat='43.738' lon='7.425'/>\n"
         "<way id='10' version='1'><nd ref='1'/><nd ref='2'/><tag k='highway' v='footway'/></way>\n"
         "<way id='11' version='1'><nd ref='2'/><nd ref='3'/><tag k='highway' v='steps'/></way>\n"
         "<way id='12' version='1'><nd ref='1'/><nd ref='3'/><tag k='highway' "
         "v='construction'/></way>\n</osm>\n";
  const auto r =
      sdtest::stormdrill("county import --osm " + (dir / "paths.osm").string() + " --dem " +
                         shared("real/N43E007.hgt.zip").string() + " -o " + (dir / "out").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("paths.osm: the extract holds no drivable road"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("OSM data W,S,E,N = 7.41000,43.73000,7.42500,43.73800"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("DEM W,S,E,N = 6.99"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "out"));
  fs::remove_all(dir);
}

TEST(CountyImport, PopulationRasterTotalIsPreserved) {
  SKIP_WITHOUT_SHARED();
  const fs::path dir = fresh_dir("popraster");
  fs::create_directories(dir);
  // 0.002-degree pixels (~160 x 220 m) over Monaco, 7 people each, some outside the area.
  write_lonlat_population(dir / "pop.tif", sd::Grid{40, 20, 7.40, 43.75, 0.002}, 7.0f);
  sd::county::ImportOptions o;
  o.osm = shared("roads/monaco.osm.pbf").string();
  o.dem = {shared("real/N43E007.hgt.zip").string()};
  o.population = (dir / "pop.tif").string();
  o.bbox = "7.40,43.71,7.44,43.75";  // holds the raster's western 20 columns exactly
  o.cell_m = 100;
  const sd::county::ImportedCounty c = sd::county::import_county(o);
  double s = 0;
  for (float v : c.population.population.data)
    if (std::isfinite(v)) s += v;
  EXPECT_NEAR(s + c.population.dropped, 800 * 7.0, 1e-3) << "people kept + dropped = raster total";
  EXPECT_NEAR(s, c.population.source_total, 1e-3);
  EXPECT_GT(s, 0.3 * 800 * 7.0);
  fs::remove_all(dir);
}

// Inside the triangle (lon/lat) with a margin of `m` degrees from every edge (m < 0: outside).
bool in_triangle(const double (&t)[3][2], double lon, double lat, double m) {
  double d = 1e9;
  for (int k = 0; k < 3; ++k) {
    const double* a = t[k];
    const double* b = t[(k + 1) % 3];
    const double ex = b[0] - a[0], ey = b[1] - a[1];
    d = std::min(d, (ex * (lat - a[1]) - ey * (lon - a[0])) / std::hypot(ex, ey));
  }
  return d > m;  // counter-clockwise triangle: the signed distance is positive inside
}

TEST(CountyImport, BoundaryPolygonLeavesOutCellsAndRoadsOutsideIt) {
  SKIP_WITHOUT_SHARED();
  const fs::path dir = fresh_dir("boundary");
  fs::create_directories(dir);
  const double tri[3][2] = {{9.50, 47.10}, {9.56, 47.10}, {9.53, 47.16}};
  std::ofstream(dir / "tri.geojson")
      << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},)"
      << R"("geometry":{"type":"Polygon","coordinates":[[[9.50,47.10],[9.56,47.10],)"
      << R"([9.53,47.16],[9.50,47.10]]]}}]})";
  const fs::path out = dir / "out";
  const auto r = sdtest::stormdrill(
      "county import --osm " + shared("roads/liechtenstein.osm.pbf").string() + " --dem " +
      shared("real/N47E009.hgt").string() + " --cell-m 100 --boundary " +
      (dir / "tri.geojson").string() + " -o " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const sd::io::Raster dem = sd::io::read_raster((out / "data/dem.tif").string());
  sd::county::Projector back(dem.crs_wkt);
  const double margin = 0.0015;  // ~ 1.5 cells: edges are straight in UTM, not in lon/lat
  int inside = 0, outside = 0;
  for (int j = 0; j < dem.grid.ny; ++j)
    for (int i = 0; i < dem.grid.nx; ++i) {
      double lon, lat;
      back.inverse(dem.grid.cx(i), dem.grid.cy(j), lon, lat);
      const bool data = std::isfinite(dem.data[dem.grid.index(i, j)]);
      if (in_triangle(tri, lon, lat, margin)) {
        EXPECT_TRUE(data) << i << "," << j;
        ++inside;
      }
      if (!in_triangle(tri, lon, lat, -margin)) {
        EXPECT_FALSE(data) << i << "," << j;
        ++outside;
      }
    }
  EXPECT_GT(inside, 500);
  EXPECT_GT(outside, 500);
  const sd::io::CsvTable nodes((out / "data/roads/nodes.csv").string());
  ASSERT_GT(nodes.rows(), 100u);
  for (std::size_t k = 0; k < nodes.rows(); ++k) {
    double lon, lat;
    back.inverse(nodes.number(k, nodes.required("x")), nodes.number(k, nodes.required("y")), lon,
                 lat);
    ASSERT_TRUE(in_triangle(tri, lon, lat, -margin))
        << "road node off the outline: " << nodes.at(k);
  }
  const std::string md = slurp(out / "county-import.md");
  EXPECT_NE(md.find("cells of the grid outside the outline were **left out**"), std::string::npos)
      << md;
  // A layer of points is no outline: refused, naming the file, nothing written.
  std::ofstream(dir / "pt.geojson")
      << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},)"
      << R"("geometry":{"type":"Point","coordinates":[9.5,47.1]}}]})";
  const auto bad =
      sdtest::stormdrill("county import --osm " + shared("roads/liechtenstein.osm.pbf").string() +
                         " --dem " + shared("real/N47E009.hgt").string() + " --boundary " +
                         (dir / "pt.geojson").string() + " -o " + (dir / "out2").string());
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_NE(bad.output.find("pt.geojson: --boundary: the first layer"), std::string::npos)
      << bad.output;
  EXPECT_FALSE(fs::exists(dir / "out2"));
  fs::remove_all(dir);
}

TEST(CountyImport, NonEmptyOutputFolderIsRefused) {
  SKIP_WITHOUT_SHARED();
  const fs::path out = fresh_dir("nonempty");
  fs::create_directories(out);
  std::ofstream(out / "keep.txt") << "mine";
  const auto r = sdtest::stormdrill(
      "county import --osm " + shared("roads/monaco.osm.pbf").string() + " --dem " +
      shared("real/N43E007.hgt.zip").string() + " --cell-m 200 -o " + out.string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_EQ(slurp(out / "keep.txt"), "mine");
  EXPECT_FALSE(fs::exists(out / "scenario.toml"));
  fs::remove_all(out);
}

TEST(CountyImport, PolygonBurnsTheCellsWhoseCentresItHolds) {
  // A 1 km square (with a 400 m square hole) on a 100 m grid in UTM 32N: 100 - 16 cells.
  sd::county::LonLatBox box{9.49, 47.1, 9.52, 47.12};
  const sd::county::ImportFrame f = sd::county::make_frame(box, "EPSG:32632", 100);
  auto ring = [&](double x0, double y0, double side) {
    std::vector<sd::county::LonLat> r;
    for (auto [x, y] :
         {std::pair{x0, y0}, {x0 + side, y0}, {x0 + side, y0 + side}, {x0, y0 + side}}) {
      double lon, lat;
      f.proj->inverse(x, y, lon, lat);
      r.push_back({lon, lat});
    }
    return r;
  };
  const double x0 = f.grid.x0 + 500, y0 = f.grid.y0 - 1500;  // on cell edges
  sd::county::OsmArea a;
  a.rings = {ring(x0, y0, 1000), ring(x0 + 300, y0 + 300, 400)};
  std::set<std::size_t> cells;
  sd::county::fill_area(f, a, [&](std::size_t c) { cells.insert(c); });
  EXPECT_EQ(cells.size(), 84u);
}

TEST(CountyImport, DesignStormDeliversTheRequestedDepth) {
  sd::county::ImportOptions o;
  o.rain_mm = 60;
  o.rain_hours = 6;
  // The import's formula parameters, fed to the engine's own Chicago hyetograph.
  const double T = 360, b = 10, n = 0.7, a1 = 60 * std::pow(T + b, n) / T;
  sd::storm::DesignStorm s;
  s.formula = {a1, 0, b, n};
  s.duration_min = T;
  s.peak_ratio = 0.4;
  EXPECT_NEAR(sd::storm::chicago_depth_mm(s, 0, T), 60.0, 1e-6);
}

TEST(CountyImport, SeveralDemTilesAreMosaicked) {
  SKIP_WITHOUT_SHARED();
  // The crop alone stops at 9.4646 E; with the whole tile beside it the area is not cut.
  const std::string osm = shared("roads/liechtenstein.osm.pbf").string();
  const std::string crop = shared("real/liechtenstein_srtm3_N47E009_crop.tif").string();
  const std::string tile = shared("real/N47E009.hgt").string();
  const fs::path one = fresh_dir("onetile"), two = fresh_dir("twotiles");
  const std::string area = " --cell-m 200 --bbox 9.40,47.05,9.60,47.20 -o ";
  auto r =
      sdtest::stormdrill("county import --osm " + osm + " --dem " + crop + area + one.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(slurp(one / "county-import.md").find("reaches beyond the DEM"), std::string::npos);
  r = sdtest::stormdrill("county import --osm " + osm + " --dem " + crop + " --dem " + tile + area +
                         two.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(slurp(two / "county-import.md").find("reaches beyond the DEM"), std::string::npos);
  const sd::io::Raster a = sd::io::read_raster((one / "data/dem.tif").string());
  const sd::io::Raster b = sd::io::read_raster((two / "data/dem.tif").string());
  EXPECT_LT(b.grid.x0, a.grid.x0 - 4000) << "the mosaic reaches further west";
  fs::remove_all(one);
  fs::remove_all(two);
}
