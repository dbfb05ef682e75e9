// Track readers (plain CSV, CMA best track, IBTrACS, the real In-fa file) and the
// `stormdrill storm` commands run end to end.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "io/h5.hpp"
#include "io/lonlat.hpp"
#include "io/raster_io.hpp"
#include "io/track_reader.hpp"
#include "storm/design_storm.hpp"
#include "storm/rain_profile.hpp"
#include "storm/storm_field.hpp"
#include "storm/wind_profile.hpp"

namespace fs = std::filesystem;

namespace sd {
namespace {

// A per-test scratch folder, removed when the test ends.
struct TempDir {
  fs::path path;
  TempDir()
      : path(fs::temp_directory_path() /
             ("sd_storm_" + std::to_string(::getpid()) + "_" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  operator const fs::path&() const { return path; }
  fs::path operator/(const std::string& name) const { return path / name; }
};

std::string write(const fs::path& p, const std::string& text) {
  std::ofstream(p) << text;
  return p.string();
}

std::string input_error(const std::string& path) {
  try {
    io::read_track(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

struct CliRun {
  int rc;
  std::string out;
};

CliRun run(const std::string& args) {
  const std::string cmd = std::string(STORMDRILL_BINARY) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  const int status = pclose(p);
  return {WEXITSTATUS(status), out};
}

TEST(StormReader, PlainCsvWithMissingFieldsAndRadii) {
  const TempDir d;
  const std::string f = write(d / "t.csv",
                              "# averaging: 1min\n"
                              "time,lat,lon,pressure_hpa,wind_ms,r30_km,type\n"
                              "2021-07-25T08:00+08:00,29.6,123.1,965,38,300|200|200|250,TY\n"
                              "2021-07-25T12:00+08:00,30.0,122.5,965,38,300|200|200|250,TY\n"
                              "2021-07-25T12:00+08:00,30.0,122.5,null,null,|||,DL\n"
                              "2021-07-25T14:00+08:00,30.0,122.2,970,,|||,TY\n");
  const storm::Track t = io::read_track(f);
  EXPECT_EQ(t.averaging, storm::Averaging::one_min);
  ASSERT_EQ(t.points.size(), 3u);
  EXPECT_DOUBLE_EQ(t.points[0].t, 1627171200.0);  // 2021-07-25T00:00Z
  EXPECT_TRUE(t.points[1].landfall);
  EXPECT_DOUBLE_EQ(t.points[1].pc_hpa, 965.0);
  EXPECT_DOUBLE_EQ(t.points[2].vmax_ms, 38.0);  // missing wind held from the last known
  EXPECT_DOUBLE_EQ(t.points[0].r30_km[3], 250.0);
  // Round trip through the writer.
  io::write_track_csv((d / "back.csv").string(), t);
  const storm::Track b = io::read_track((d / "back.csv").string());
  ASSERT_EQ(b.points.size(), t.points.size());
  EXPECT_EQ(b.averaging, t.averaging);
  EXPECT_DOUBLE_EQ(b.points[2].lat, t.points[2].lat);
  EXPECT_TRUE(b.points[1].landfall);
}

TEST(StormReader, MalformedRowsNameFileLineAndField) {
  const TempDir d;
  const std::string head =
      "time,lat,lon,pressure_hpa,wind_ms\n2021-07-25T08:00+08:00,29.6,123.1,965,38\n";
  const std::string a = write(d / "a.csv", head + "2021-07-25T09:00+08:00,abc,123.1,965,38\n");
  EXPECT_NE(input_error(a).find("a.csv:3: field 'lat': not a number: 'abc'"), std::string::npos)
      << input_error(a);
  const std::string b = write(d / "b.csv", head + "2021-07-25 nine,29.7,123.1,965,38\n");
  EXPECT_NE(input_error(b).find("b.csv:3: field 'time'"), std::string::npos) << input_error(b);
  const std::string c = write(d / "c.csv", head + "2021-07-25T09:00+08:00,29.7,123.1,965\n");
  EXPECT_NE(input_error(c).find("c.csv:3: expected 5 fields"), std::string::npos) << input_error(c);
  const std::string e = write(d / "e.csv", head + "2021-07-25T09:00+08:00,29.7,123.1,1965,38\n");
  EXPECT_NE(input_error(e).find("e.csv:3: field 'pressure_hpa': out of range"), std::string::npos);
  const std::string g = write(d / "g.csv", "time,lat,lon,wind_ms\n");
  EXPECT_NE(input_error(g).find("g.csv:1: header lacks column 'pressure_hpa'"), std::string::npos);
  EXPECT_NE(input_error((d / "missing.csv").string()).find("cannot open"), std::string::npos);
  // IBTrACS with a repeated column name: rows were indexed past their end (fuzz_track).
  const std::string r = write(d / "r.csv",
                              "SID,ISO_TIME,LAT,LON,SID,USA_WIND\n"
                              "2021X,2021-07-25 00:00:00,29.6,123.1,2021X,40\n");
  EXPECT_NE(input_error(r).find("r.csv:1: IBTrACS header repeats column 'SID'"), std::string::npos)
      << input_error(r);
}

TEST(StormReader, CmaBestTrackAndIbtracs) {
  const TempDir d;
  const std::string cma = write(d / "CH2021BST.txt",
                                "66666 0000    3 0005 2105 0 6 Champi 20210628\n"
                                "2021062100 1 129 1480 1002      13\n"
                                "2021062106 1 135 1475 1000      15\n"
                                "2021062112 2 140 1470  998      18\n"
                                "66666 0000    3 0006 2106 0 6 In-fa 20210728\n"
                                "2021071800 1 222 1325 998      18\n"
                                "2021071806 1 224 1325 998      18\n"
                                "2021071812 2 225 1324 995      20\n");
  const storm::Track first = io::read_track(cma);
  EXPECT_EQ(first.name, "Champi");
  EXPECT_EQ(first.averaging, storm::Averaging::two_min);
  ASSERT_EQ(first.points.size(), 3u);
  EXPECT_DOUBLE_EQ(first.points[2].lat, 14.0);
  EXPECT_DOUBLE_EQ(first.points[2].lon, 147.0);
  const storm::Track infa =
      io::read_track(cma, io::TrackFormat::auto_detect, std::nullopt, "In-fa");
  EXPECT_DOUBLE_EQ(infa.points[0].lat, 22.2);
  EXPECT_DOUBLE_EQ(infa.points[0].t, 1626566400.0);  // 2021-07-18T00:00Z
  const std::string ib =
      write(d / "ib.csv",
            "SID,SEASON,NAME,ISO_TIME,LAT,LON,WMO_WIND,WMO_PRES,USA_WIND,USA_PRES,USA_RMW,CMA_WIND,"
            "CMA_PRES\n"
            " ,Year,,,degrees_north,degrees_east,kts,mb,kts,mb,nmile,kts,mb\n"
            "2021198N22132,2021,IN-FA,2021-07-25 00:00:00,29.6,123.1,70,965,80,960,20, , \n"
            "2021198N22132,2021,IN-FA,2021-07-25 06:00:00,30.0,122.5,70,965,75,962,22, , \n");
  const storm::Track t = io::read_track(ib);
  EXPECT_EQ(t.averaging, storm::Averaging::one_min);  // USA agency (no CMA values)
  EXPECT_NEAR(t.points[0].vmax_ms, 80 * 1852.0 / 3600, 1e-9);
  EXPECT_NEAR(t.points[1].rmax_km, 22 * 1.852, 1e-9);
}

TEST(StormReader, RealInfaTrackGivesHaiyanItsRain) {
  const fs::path f = fs::path(STORMDRILL_SHARED_DIR) / "data/tracks/infa_2021_cma_realtime.csv";
  if (!fs::exists(f)) GTEST_SKIP() << "../shared is absent: " << f << " not found";
  const storm::Track t = io::read_track(f.string());
  EXPECT_EQ(t.averaging, storm::Averaging::two_min);
  EXPECT_EQ(t.points.size(), 160u);  // 162 rows, two DL rows merged into their fixes
  int landfalls = 0;
  for (const auto& p : t.points) landfalls += p.landfall;
  EXPECT_EQ(landfalls, 2);
  // Symmetric R-CLIPER along In-fa at Haiyan County (120.95E, 30.53N): about 238 mm in
  // total, never more than ~8-9 mm/h (the sanity figure).
  storm::StormParams p;
  p.orographic_k = 0;
  Grid g;
  g.nx = 1;
  g.ny = 1;
  const storm::StormField field(t, p, g, {120.95}, {30.53});
  double total = 0, peak = 0;
  float rain = 0, wind = 0;
  for (double s = field.t_begin(); s <= field.t_end(); s += 600) {
    field.fill(s, &rain, &wind);
    total += rain / 6.0;
    peak = std::max<double>(peak, rain);
  }
  EXPECT_NEAR(total, 238.0, 0.08 * 238.0);
  EXPECT_LT(peak, 9.5);
  EXPECT_GT(peak, 5.0);
}

TEST(StormLonLat, ProjectedAndLocalGrids) {
  // UTM 51N (EPSG:32651): Haiyan County is about 196 km west of the 123E central meridian.
  Grid g;
  g.nx = 3;
  g.ny = 3;
  g.cell = 10000;
  g.x0 = 303400 - 15000;
  g.y0 = 3379000 + 15000;
  const io::CellLonLat ll = io::cell_lonlat(g, "EPSG:32651");
  EXPECT_NEAR(ll.lon[4], 120.95, 0.03);
  EXPECT_NEAR(ll.lat[4], 30.53, 0.03);
  EXPECT_GT(ll.lon[5], ll.lon[4]);  // east is east
  EXPECT_LT(ll.lat[7], ll.lat[4]);  // row 2 is south of row 1
  // No CRS: the grid centre sits at the reference; 10 km east is 10 / (111.19 cos 30.53) deg.
  const io::CellLonLat loc = io::cell_lonlat(g, "", io::RefLonLat{120.95, 30.53});
  EXPECT_NEAR(loc.lon[4], 120.95, 1e-12);
  EXPECT_NEAR(loc.lat[4], 30.53, 1e-12);
  EXPECT_NEAR(loc.lon[5] - 120.95, 10.0 / (6371.0 * storm::kDeg * std::cos(30.53 * storm::kDeg)),
              1e-9);
  EXPECT_NEAR(30.53 - loc.lat[7], 10.0 / (6371.0 * storm::kDeg), 1e-9);
  EXPECT_THROW(io::cell_lonlat(g, ""), InputError);
}

TEST(StormCli, ProfilePrintsTheFormulasCsv) {
  const CliRun r =
      run("storm profile --vmax-ms 40 --pc-hpa 950 --penv-hpa 1005 --rmax-km 30 --lat 25 "
          "--radii-km 0,10,30.0,100 --csv");
  ASSERT_EQ(r.rc, 0) << r.out;
  std::istringstream is(r.out);
  std::string line;
  std::getline(is, line);
  EXPECT_EQ(line, "r_km,wind_ms,rain_mmph");
  storm::VortexParams vp;
  vp.vmax_ms = 40;
  vp.pc_hpa = 950;
  vp.rmax_km = 30;
  vp.lat_deg = 25;
  const storm::WindProfile w(storm::WindModel::holland1980, vp);
  const char* radii[] = {"0", "10", "30.0", "100"};
  for (const char* rad : radii) {
    ASSERT_TRUE(std::getline(is, line));
    const auto c1 = line.find(','), c2 = line.rfind(',');
    EXPECT_EQ(line.substr(0, c1), rad);
    const double r_km = std::stod(rad);
    EXPECT_NEAR(std::stod(line.substr(c1 + 1, c2 - c1 - 1)), w.surface_wind(r_km),
                1e-4 * (1 + w.surface_wind(r_km)));
    EXPECT_NEAR(std::stod(line.substr(c2 + 1)), storm::rcliper_rate_mmph(40, r_km),
                1e-4 * storm::rcliper_rate_mmph(40, r_km));
  }
  EXPECT_FALSE(std::getline(is, line));
  const CliRun bad =
      run("storm profile --vmax-ms 40 --pc-hpa 1010 --rmax-km 30 --lat 25 --radii-km 0");
  EXPECT_EQ(bad.rc, 2);
  EXPECT_NE(bad.out.find("--pc-hpa"), std::string::npos);
  const CliRun bad_model =
      run("storm profile --vmax-ms 40 --pc-hpa 950 --rmax-km 30 --lat 25 --radii-km 0 --wind-model "
          "foo");
  EXPECT_EQ(bad_model.rc, 2);
}

std::string small_dem(const fs::path& d) {
  io::Raster r;
  r.grid.nx = 12;
  r.grid.ny = 10;
  r.grid.cell = 2000;
  r.grid.x0 = 0;
  r.grid.y0 = 20000;
  r.data.assign(r.grid.size(), 5.0f);
  for (int j = 0; j < r.grid.ny; ++j) r.data[r.grid.index(0, j)] = -3.0f;
  r.data[r.grid.index(11, 9)] = NAN;
  const std::string path = (d / "dem.asc").string();
  io::write_raster(path, r);
  return path;
}

const char* kTrack =
    "time,lat,lon,pressure_hpa,wind_ms,type\n"
    "2021-07-25T08:00+08:00,29.8,122.0,965,38,TY\n"
    "2021-07-25T14:00+08:00,30.3,121.2,970,33,TY\n"
    "2021-07-25T20:00+08:00,30.8,120.4,980,25,TS\n";

TEST(StormCli, FieldsWritesHdf5RastersAndSummary) {
  const TempDir d;
  const std::string dem = small_dem(d), track = write(d / "track.csv", kTrack);
  const CliRun r =
      run("storm fields --track " + track + " --grid " + dem +
          " --ref-lon 120.95 --ref-lat 30.53 " + "--frame-interval-s 1800 --duration-h 12 --out " +
          (d / "s.h5").string() + " --out-total " + (d / "tot.asc").string() + " --out-max-wind " +
          (d / "mw.tif").string() + " --summary-json " + (d / "s.json").string() +
          " --rain-structure bands+bursts --gust --out-max-gust " + (d / "mg.asc").string());
  ASSERT_EQ(r.rc, 0) << r.out;
  std::ifstream js(d / "s.json");
  const std::string json((std::istreambuf_iterator<char>(js)), std::istreambuf_iterator<char>());
  for (const char* key : {"\"frames\": 25", "total_rain_max_mm", "total_rain_mean_mm",
                          "max_wind_ms", "wall_s", "max_hourly_rain_mm", "max_10min_rain_mm"})
    EXPECT_NE(json.find(key), std::string::npos) << key << "\n" << json;
  h5::quiet_errors();
  h5::File f = h5::File::open_read((d / "s.h5").string());
  EXPECT_EQ(h5::attr_string(h5::open_group(f, "meta"), "kind"), "storm");
  EXPECT_EQ(h5::shape(f, "hazard/rain"), (std::vector<hsize_t>{25, 10, 12}));
  EXPECT_EQ(h5::shape(f, "hazard/wind"), (std::vector<hsize_t>{25, 10, 12}));
  EXPECT_EQ(h5::shape(f, "hazard/gust"), (std::vector<hsize_t>{25, 10, 12}));
  std::vector<float> wind0, gust0;
  h5::read_frame<float>(f, "hazard/wind", 4, wind0);
  h5::read_frame<float>(f, "hazard/gust", 4, gust0);
  EXPECT_NEAR(gust0[30], wind0[30] * 1.49, 1e-3 * gust0[30]);  // land cell: off-land gust factor
  EXPECT_NEAR(gust0[12], wind0[12] * 1.23, 1e-3 * gust0[12]);  // column 0 is sea
  const auto t = h5::read_vector<double>(f, "hazard/time");
  ASSERT_EQ(t.size(), 25u);
  EXPECT_DOUBLE_EQ(t[1], 1800.0);
  // The storm-total raster is the frames' sum times the interval.
  const io::Raster tot = io::read_raster((d / "tot.asc").string());
  std::vector<float> frame;
  double sum = 0;
  for (hsize_t k = 0; k < 25; ++k) {
    h5::read_frame<float>(f, "hazard/rain", k, frame);
    sum += frame[15] * 0.5;
  }
  EXPECT_NEAR(tot.data[15], sum, 1e-3 * sum + 1e-6);
  EXPECT_TRUE(std::isnan(tot.data[tot.grid.index(11, 9)]));
  EXPECT_GT(io::read_raster((d / "mw.tif").string()).data[20], 5.0f);
}

TEST(StormCli, FieldsFromDesignStormAndBadInput) {
  const TempDir d;
  const std::string dem = small_dem(d);
  const std::string ds = write(d / "design.toml",
                               "[storm.design]\na1 = 10.6\nc = 0.61\nb = 11.26\nn = 0.658\n"
                               "return_period_y = 5\nduration_min = 120\npeak_ratio = 0.4\n");
  const CliRun r = run("storm fields --design-storm " + ds + " --grid " + dem +
                       " --frame-interval-s 300 --out " + (d / "d.h5").string() +
                       " --summary-json " + (d / "d.json").string());
  ASSERT_EQ(r.rc, 0) << r.out;
  std::ifstream js(d / "d.json");
  const std::string json((std::istreambuf_iterator<char>(js)), std::istreambuf_iterator<char>());
  const double h = 10.6 * (1 + 0.61 * std::log10(5.0)) * 120 / std::pow(131.26, 0.658);
  const auto pos = json.find("total_rain_max_mm");
  ASSERT_NE(pos, std::string::npos);
  EXPECT_NEAR(std::stod(json.substr(json.find(':', pos) + 1)), h, 0.01 * h);
  // areal_reduction = true uses the grid's valid area: 119 cells of 4 km^2.
  const std::string dsa = write(d / "design_arf.toml",
                                "a1 = 10.6\nc = 0.61\nb = 11.26\nn = 0.658\nreturn_period_y = 5\n"
                                "duration_min = 120\nareal_reduction = true\n");
  const CliRun ra = run("storm fields --design-storm " + dsa + " --grid " + dem +
                        " --frame-interval-s 300 --out " + (d / "a.h5").string() +
                        " --summary-json " + (d / "a.json").string());
  ASSERT_EQ(ra.rc, 0) << ra.out;
  std::ifstream ja(d / "a.json");
  const std::string jsa((std::istreambuf_iterator<char>(ja)), std::istreambuf_iterator<char>());
  const auto pa = jsa.find("total_rain_max_mm");
  const double arf = storm::areal_reduction_factor(2.0, 476.0);
  EXPECT_LT(arf, 0.95);
  EXPECT_NEAR(std::stod(jsa.substr(jsa.find(':', pa) + 1)), arf * h, 0.01 * h);
  const std::string bad = write(d / "bad.toml", "[storm.design]\na1 = 10.6\nc = 0.61\nb = 11.26\n");
  const CliRun rb = run("storm fields --design-storm " + bad + " --grid " + dem + " --out " +
                        (d / "x.h5").string());
  EXPECT_EQ(rb.rc, 2);
  EXPECT_NE(rb.out.find("missing key 'n'"), std::string::npos) << rb.out;
  EXPECT_FALSE(fs::exists(d / "x.h5"));
  const std::string badtrack =
      write(d / "bt.csv", "time,lat,lon,pressure_hpa,wind_ms\n2021-07-25T08:00+08:00,99,1,2,3\n");
  const CliRun rt = run("storm fields --track " + badtrack + " --grid " + dem +
                        " --ref-lon 121 --ref-lat 30 --out " + (d / "y.h5").string());
  EXPECT_EQ(rt.rc, 2);
  EXPECT_NE(rt.out.find("bt.csv:2: field 'lat'"), std::string::npos) << rt.out;
  const CliRun rn = run("storm fields --track " + write(d / "ok.csv", kTrack) + " --grid " + dem +
                        " --out " + (d / "z.h5").string());
  EXPECT_EQ(rn.rc, 2);  // no CRS and no reference lon/lat
  EXPECT_NE(rn.out.find("reference"), std::string::npos) << rn.out;
}

TEST(StormCli, EnsembleIsReproducibleForASeed) {
  const TempDir d;
  const std::string track = write(d / "track.csv", kTrack);
  for (const char* sub : {"a", "b"}) {
    const CliRun r =
        run("storm ensemble --track " + track + " --n 4 --seed 11 --out-dir " + (d / sub).string());
    ASSERT_EQ(r.rc, 0) << r.out;
  }
  for (const char* f : {"member_000.csv", "member_003.csv", "manifest.json"}) {
    std::ifstream a(d / "a" / f), b(d / "b" / f);
    const std::string ta((std::istreambuf_iterator<char>(a)), {}),
        tb((std::istreambuf_iterator<char>(b)), {});
    EXPECT_FALSE(ta.empty()) << f;
    EXPECT_EQ(ta, tb) << f;
  }
  const storm::Track m = io::read_track((d / "a" / "member_002.csv").string());
  EXPECT_EQ(m.points.size(), 3u);
  const CliRun other =
      run("storm ensemble --track " + track + " --n 4 --seed 12 --out-dir " + (d / "c").string());
  ASSERT_EQ(other.rc, 0);
  std::ifstream a(d / "a" / "member_001.csv"), c(d / "c" / "member_001.csv");
  const std::string ta((std::istreambuf_iterator<char>(a)), {}),
      tc((std::istreambuf_iterator<char>(c)), {});
  EXPECT_NE(ta, tc);
}

}  // namespace
}  // namespace sd
