// Sub-grid topography in the scenario pipeline ([flood] subgrid_cell_m; issue 12 §2): the key's
// errors, the computational grid the response works on, /hazard/fine in run files, the
// one-pixel-per-cell case against the ordinary run, and a cached replay against a fresh one.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>

#include "batch_fixture.hpp"
#include "cli_runner.hpp"
#include "io/h5.hpp"
#include "results/h5_read.hpp"
#include "scenario/scenario.hpp"
#include "scenario/subgrid_region.hpp"

namespace fs = std::filesystem;

namespace {

// The bowl county of batch_fixture.hpp (40 x 30 pixels of 50 m) with [flood] lines added.
fs::path subgrid_county(const std::string& name, const std::string& flood_lines) {
  const fs::path dir = sdtest::make_flood_county(name);
  std::string text = sdtest::slurp(dir / "scenario.toml");
  const std::string anchor = "frame_interval_min = 10.0\n";
  text.replace(text.find(anchor), anchor.size(), flood_lines);
  sdtest::write_file(dir / "scenario.toml", text);
  return dir;
}

std::string run(const fs::path& dir, const std::string& out, const std::string& extra = "") {
  const auto r =
      sdtest::stormdrill("run " + (dir / "scenario.toml").string() + " -o " + (dir / out).string() +
                         " --summary-json " + (dir / (out + ".json")).string() + " --cache-dir " +
                         (dir / "cache").string() + " --threads 2 -q " + extra);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return r.output;
}

std::vector<float> read_f(const fs::path& file, const std::string& name) {
  sd::h5::quiet_errors();
  auto f = sd::h5::File::open_read(file.string());
  return sd::h5::read_vector<float>(f.id(), name);
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (!(a[k] == b[k] || (std::isnan(a[k]) && std::isnan(b[k])))) return false;
  return true;
}

TEST(SubgridScenario, CellSizeNotAWholeDividingMultipleIsRefusedNamingKeyAndDem) {
  const fs::path dir = subgrid_county("sg_key", "frame_interval_min = 10.0\nsubgrid_cell_m = 75\n");
  const auto r = sdtest::stormdrill("validate " + (dir / "scenario.toml").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("subgrid_cell_m"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("not a whole multiple"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("dem.tif"), std::string::npos) << r.output;
  // 150 m = 3 pixels does not divide 40 x 30 pixels.
  sdtest::write_file(dir / "scenario.toml", [&] {
    std::string t = sdtest::slurp(dir / "scenario.toml");
    t.replace(t.find("subgrid_cell_m = 75"), 19, "subgrid_cell_m = 150");
    return t;
  }());
  const auto r2 = sdtest::stormdrill("validate " + (dir / "scenario.toml").string());
  EXPECT_EQ(r2.exit_code, 2) << r2.output;
  EXPECT_NE(r2.output.find("does not divide"), std::string::npos) << r2.output;
  EXPECT_NE(r2.output.find("subgrid_cell_m"), std::string::npos) << r2.output;
}

TEST(SubgridScenario, CoarserLanduseWithoutTheKeyIsRefused) {
  const fs::path dir = sdtest::make_flood_county("sg_coarse_lu");
  sd::io::Raster lu = sd::io::read_raster((dir / "data/landuse.tif").string());
  sd::io::Raster coarse;
  coarse.grid = sd::Grid{20, 15, lu.grid.x0, lu.grid.y0, 100.0};
  coarse.crs_wkt = lu.crs_wkt;
  coarse.data.assign(coarse.grid.size(), 1.0f);
  sd::io::write_raster((dir / "data/landuse.tif").string(), coarse);
  const auto r = sdtest::stormdrill("validate " + (dir / "scenario.toml").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("landuse"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("subgrid_cell_m"), std::string::npos) << r.output;
  // With the key the same coarse land use is the computational grid's: accepted.
  std::string t = sdtest::slurp(dir / "scenario.toml");
  t.replace(t.find("frame_interval_min = 10.0"), 25,
            "frame_interval_min = 10.0\nsubgrid_cell_m = 100");
  sdtest::write_file(dir / "scenario.toml", t);
  const auto ok = sdtest::stormdrill("validate " + (dir / "scenario.toml").string());
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_NE(ok.output.find("sub-grid: fine DEM 40 x 30 pixels of 50 m, 2 x 2 pixels per cell"),
            std::string::npos)
      << ok.output;
}

TEST(SubgridScenario, ComputationalGridIsCoarseAndPopulationTotalKept) {
  const fs::path dir =
      subgrid_county("sg_grid", "frame_interval_min = 10.0\nsubgrid_cell_m = 100\n");
  const sd::Scenario s = sd::load_scenario((dir / "scenario.toml").string());
  ASSERT_TRUE(s.subgrid());
  EXPECT_EQ(s.subgrid_ratio, 2);
  EXPECT_EQ(s.dem.grid.nx, 20);
  EXPECT_EQ(s.dem.grid.ny, 15);
  EXPECT_EQ(s.dem.grid.cell, 100.0);
  EXPECT_EQ(s.fine_dem.grid.nx, 40);
  EXPECT_EQ(s.population.grid.nx, 20);
  const double total = std::accumulate(s.population.data.begin(), s.population.data.end(), 0.0);
  EXPECT_DOUBLE_EQ(total, 40.0 * 40 * 30);
  // Each cell holds its lowest fine pixel (the bowl's centre cell: the two central pixels).
  const sd::io::Raster fine = sd::io::read_raster((dir / "data/dem.tif").string());
  for (int J = 0; J < 15; ++J)
    for (int I = 0; I < 20; ++I) {
      float lo = INFINITY;
      for (int j = 2 * J; j < 2 * J + 2; ++j)
        for (int i = 2 * I; i < 2 * I + 2; ++i) lo = std::min(lo, fine.data[fine.grid.index(i, j)]);
      ASSERT_EQ(s.dem.data[s.dem.grid.index(I, J)], lo) << I << "," << J;
    }
  EXPECT_FALSE(s.fine_landuse.data.empty()) << "land use given at the fine resolution";
}

TEST(SubgridScenario, RunWritesFineRastersOnTheFineGrid) {
  const fs::path dir =
      subgrid_county("sg_run", "frame_interval_min = 10.0\nsubgrid_cell_m = 100\n");
  const std::string out = run(dir, "run.h5");
  // Both flooded-land figures of the summary are on the fine pixels (the peak frame's and ever).
  EXPECT_NE(out.find("of fine pixels at the peak (>= 0.15 m at a frame)"), std::string::npos)
      << out;
  EXPECT_NE(out.find("of fine pixels reached 0.15 m at some time"), std::string::npos) << out;
  sd::h5::quiet_errors();
  auto f = sd::h5::File::open_read((dir / "run.h5").string());
  const auto frames = sd::h5::shape(f.id(), "hazard/depth");
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_EQ(frames[1], 15u);  // computational grid
  EXPECT_EQ(frames[2], 20u);
  for (const char* name : {"max_depth", "first_above_0p15m", "duration_above_threshold"}) {
    const auto sh = sd::h5::shape(f.id(), std::string("hazard/fine/") + name);
    ASSERT_EQ(sh.size(), 2u) << name;
    EXPECT_EQ(sh[0], 30u) << name;
    EXPECT_EQ(sh[1], 40u) << name;
  }
  const auto x = sd::h5::read_vector<double>(f.id(), "hazard/fine/x");
  const auto y = sd::h5::read_vector<double>(f.id(), "hazard/fine/y");
  ASSERT_EQ(x.size(), 40u);
  ASSERT_EQ(y.size(), 30u);
  EXPECT_DOUBLE_EQ(x[0], 300025.0);  // pixel centres of the fine DEM
  EXPECT_DOUBLE_EQ(y[0], 3381475.0);
  EXPECT_EQ(sd::h5::attr_int(sd::h5::open_group(f.id(), "hazard/fine"), "subgrid_ratio"), 2);
  // The bowl floods: the fine max depth is wet at its centre, where the first 0.15 m came and
  // lasted; a pixel's duration never exceeds the run.
  const auto mx = sd::h5::read_vector<float>(f.id(), "hazard/fine/max_depth");
  const auto first = sd::h5::read_vector<float>(f.id(), "hazard/fine/first_above_0p15m");
  const auto dur = sd::h5::read_vector<float>(f.id(), "hazard/fine/duration_above_threshold");
  const std::size_t centre = 15 * 40 + 20;
  EXPECT_GT(mx[centre], 0.15f);
  EXPECT_TRUE(std::isfinite(first[centre]));
  EXPECT_GT(dur[centre], 0.0f);
  // `stormdrill export` writes the risk rasters at the fine resolution.
  const auto ex = sdtest::stormdrill("export " + (dir / "run.h5").string() + " -o " +
                                     (dir / "run.gpkg").string());
  ASSERT_EQ(ex.exit_code, 0) << ex.output;
  for (const char* name :
       {"max_depth", "first_above_0p15m", "duration_above_threshold", "hazard_rating"}) {
    const sd::io::Raster r =
        sd::io::read_raster((dir / (std::string("run_") + name + ".tif")).string());
    EXPECT_EQ(r.grid.nx, 40) << name;
    EXPECT_EQ(r.grid.ny, 30) << name;
    EXPECT_DOUBLE_EQ(r.grid.cell, 50.0) << name;
    EXPECT_DOUBLE_EQ(r.grid.x0, 300000.0) << name;
    EXPECT_DOUBLE_EQ(r.grid.y0, 3381500.0) << name;
  }
  // The fine FD2320 rating: a pixel that reached 0.15 m at a sample rated at least
  // 0.15 x (0 + 0.5) there; the same raster exported.
  const auto hr = sd::h5::read_vector<float>(f.id(), "hazard/fine/hazard_rating");
  ASSERT_EQ(hr.size(), mx.size());
  const auto tif = sd::io::read_raster((dir / "run_hazard_rating.tif").string()).data;
  ASSERT_EQ(tif.size(), hr.size());
  for (std::size_t p = 0; p < hr.size(); ++p)
    ASSERT_TRUE(tif[p] == hr[p] || (std::isnan(tif[p]) && std::isnan(hr[p]))) << p;
  for (std::size_t p = 0; p < hr.size(); ++p)
    if (std::isfinite(first[p]) && !std::isnan(hr[p])) {
      ASSERT_GE(hr[p], 0.5f * 0.15f) << p;
    }
  for (std::size_t p = 0; p < dur.size(); ++p) {
    ASSERT_LE(dur[p], 3 * 3600.0f);
    // Reaching 0.15 m at some sample means a max depth of at least 0.15 m.
    if (std::isfinite(first[p])) {
      ASSERT_GE(mx[p], 0.15f - 1e-4f) << p;
    }
  }
}

TEST(SubgridScenario, OnePixelPerCellIsTheOrdinaryRun) {
  // Frames every 5 min = the fine sample interval, so both runs stop at the same times.
  const fs::path a = subgrid_county("sg_one_a", "frame_interval_min = 5.0\n");
  const fs::path b = subgrid_county("sg_one_b", "frame_interval_min = 5.0\nsubgrid_cell_m = 50\n");
  run(a, "run.h5");
  run(b, "run.h5");
  for (const char* name : {"hazard/depth", "hazard/max_depth", "hazard/first_above_0p15m"})
    EXPECT_TRUE(same_bits(read_f(a / "run.h5", name), read_f(b / "run.h5", name))) << name;
  EXPECT_TRUE(same_bits(read_f(a / "run.h5", "hazard/max_depth"),
                        read_f(b / "run.h5", "hazard/fine/max_depth")));
  // The coarse first 0.15 m is seen at the solver's 30 s statistics, the fine one at the
  // 300 s samples: the same event, up to one sample later.
  const auto fc = read_f(a / "run.h5", "hazard/first_above_0p15m");
  const auto ff = read_f(b / "run.h5", "hazard/fine/first_above_0p15m");
  ASSERT_EQ(fc.size(), ff.size());
  int both = 0;
  for (std::size_t c = 0; c < fc.size(); ++c) {
    if (std::isnan(ff[c])) continue;
    ASSERT_FALSE(std::isnan(fc[c])) << c;
    ASSERT_GE(ff[c], fc[c]) << c;
    ASSERT_LE(ff[c], fc[c] + 300.0f) << c;
    ++both;
  }
  EXPECT_GT(both, 0);
  EXPECT_TRUE(same_bits(read_f(a / "run.h5", "roads/state"), read_f(b / "run.h5", "roads/state")));
  std::string ja = sdtest::slurp(a / "run.h5.json"), jb = sdtest::slurp(b / "run.h5.json");
  auto kpi = [](const std::string& j, const std::string& key) {
    const auto p = j.find("\"" + key + "\"");
    return p == std::string::npos ? std::string("?") : j.substr(p, j.find_first_of(",}", p) - p);
  };
  for (const char* key : {"incidents_total", "people_rescued", "response_time_median_s"})
    EXPECT_EQ(kpi(ja, key), kpi(jb, key)) << key;
}

TEST(SubgridScenario, CachedReplayEqualsFreshRun) {
  const fs::path dir =
      subgrid_county("sg_cache", "frame_interval_min = 10.0\nsubgrid_cell_m = 100\n");
  run(dir, "fresh.h5");
  run(dir, "cached.h5");
  const std::string jf = sdtest::slurp(dir / "fresh.h5.json");
  const std::string jc = sdtest::slurp(dir / "cached.h5.json");
  EXPECT_NE(jc.find("\"hazard_from_cache\": true"), std::string::npos) << jc;
  for (const char* name : {"hazard/fine/max_depth", "hazard/fine/first_above_0p15m",
                           "hazard/fine/duration_above_threshold", "roads/state"})
    EXPECT_TRUE(same_bits(read_f(dir / "fresh.h5", name), read_f(dir / "cached.h5", name))) << name;
}

}  // namespace

namespace {

std::vector<fs::path> cache_files(const fs::path& dir, const std::string& prefix) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir / "cache"))
    if (e.path().extension() == ".h5" && e.path().filename().string().rfind(prefix, 0) == 0)
      out.push_back(e.path());
  return out;
}

TEST(SubgridScenario, TablesAreCachedAndACorruptEntryIsRefusedAndRebuilt) {
  const fs::path dir =
      subgrid_county("sg_tables", "frame_interval_min = 10.0\nsubgrid_cell_m = 100\n");
  run(dir, "fresh.h5");
  const auto tables = cache_files(dir, "subgrid-");
  ASSERT_EQ(tables.size(), 1u);
  // Drop the hazard entries (so the next run needs the tables) and flip one byte of the tables.
  for (const auto& e : fs::directory_iterator(dir / "cache"))
    if (e.path().filename().string().rfind("subgrid-", 0) != 0) fs::remove(e.path());
  {
    std::fstream f(tables[0], std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(0, std::ios::end);
    const auto n = static_cast<std::streamoff>(f.tellg());
    f.seekp(n / 2);
    char c = 0;
    f.seekg(n / 2);
    f.get(c);
    f.seekp(n / 2);
    f.put(static_cast<char>(c ^ 0x5a));
  }
  const std::string out = run(dir, "again.h5");
  EXPECT_NE(out.find("sub-grid tables cache entry"), std::string::npos) << out;
  EXPECT_NE(out.find("corrupt"), std::string::npos) << out;
  EXPECT_TRUE(fs::exists(tables[0].string() + ".corrupt"));
  EXPECT_TRUE(fs::exists(tables[0])) << "rebuilt";
  EXPECT_TRUE(same_bits(read_f(dir / "fresh.h5", "hazard/fine/max_depth"),
                        read_f(dir / "again.h5", "hazard/fine/max_depth")));
  // A third run with the hazard gone again reads the rebuilt tables: same results, no warning.
  for (const auto& e : fs::directory_iterator(dir / "cache"))
    if (e.path().filename().string().rfind("subgrid-", 0) != 0) fs::remove(e.path());
  const std::string third = run(dir, "third.h5");
  EXPECT_EQ(third.find("corrupt"), std::string::npos) << third;
  EXPECT_TRUE(same_bits(read_f(dir / "fresh.h5", "hazard/depth"),
                        read_f(dir / "third.h5", "hazard/depth")));
}

// `stormdrill branch` of a sub-grid run resumes its flood from the parent's checkpoint (old
// code: from t = 0, hazard_resumed_from_s 0) and says so in the summary.
TEST(SubgridScenario, BranchResumesFromTheParentsCheckpoint) {
  const fs::path dir =
      subgrid_county("sg_branch", "frame_interval_min = 10.0\nsubgrid_cell_m = 100\n");
  run(dir, "run.h5");
  const auto r = sdtest::stormdrill(
      "branch " + (dir / "run.h5").string() +
      " --at 10:30 --inject-inline 'dike_breach x=301025 y=3380725 peak_m3s=40' -o " +
      (dir / "b.h5").string() + " --summary-json " + (dir / "b.json").string() + " --cache-dir " +
      (dir / "cache").string() + " --threads 1 -q");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string j = sdtest::slurp(dir / "b.json");
  EXPECT_NE(j.find("\"hazard_resumed_from_s\": 7200"), std::string::npos) << j;
  EXPECT_FALSE(same_bits(read_f(dir / "run.h5", "hazard/fine/max_depth"),
                         read_f(dir / "b.h5", "hazard/fine/max_depth")));
}

// Land use and population on a grid between the fine DEM and the cells (as the county's 100 m
// rasters under 200 m cells over 10 m terrain): classes spread onto the pixels, people summed.
// Old code refused them ("neither the DEM's (fine) nor the computational grid").
TEST(SubgridScenario, RastersBetweenTheFineAndTheCellGridAreAccepted) {
  // 500 m cells over the bowl's 40 x 30 pixels of 50 m: 4 x 3 cells; the rasters at 100 m.
  const fs::path dir =
      subgrid_county("sg_mid", "frame_interval_min = 10.0\nsubgrid_cell_m = 500\n");
  double total = 0;
  for (const char* name : {"landuse.tif", "pop.tif"}) {
    const sd::io::Raster f = sd::io::read_raster((dir / "data" / name).string());
    sd::io::Raster mid;
    mid.grid = sd::Grid{f.grid.nx / 2, f.grid.ny / 2, f.grid.x0, f.grid.y0, 100.0};
    mid.crs_wkt = f.crs_wkt;
    mid.data.assign(mid.grid.size(), 1.0f);
    if (std::string(name) == "pop.tif")
      for (int j = 0; j < mid.grid.ny; ++j)
        for (int i = 0; i < mid.grid.nx; ++i) total += mid.data[mid.grid.index(i, j)] = i + 3 * j;
    sd::io::write_raster((dir / "data" / name).string(), mid);
  }
  const sd::Scenario s = sd::load_scenario((dir / "scenario.toml").string());
  ASSERT_EQ(s.dem.grid.nx, 4);
  ASSERT_EQ(s.dem.grid.ny, 3);
  ASSERT_EQ(s.population.grid.nx, 4);
  // Cell (0, 0) holds raster cells i, j < 5: sum of i + 3 j = 50 + 150.
  EXPECT_EQ(s.population.data[0], 200.0f);
  EXPECT_EQ(std::accumulate(s.population.data.begin(), s.population.data.end(), 0.0), total);
  ASSERT_EQ(s.fine_landuse.grid.nx, 40) << "land use spread onto the fine pixels";
  for (float v : s.fine_landuse.data) EXPECT_EQ(v, 1.0f);
  for (float v : s.landuse.data) EXPECT_EQ(v, 1.0f);
}

// The report's risk map of a sub-grid run is the fine max depth (old code: the cells' head,
// the water over each cell's lowest pixel), at the fine 50 m here (ratio 2, 40 px across).
TEST(SubgridScenario, ReportRiskMapIsTheFineMaxDepth) {
  const fs::path dir =
      subgrid_county("sg_report", "frame_interval_min = 10.0\nsubgrid_cell_m = 100\n");
  run(dir, "run.h5");
  const auto r = sdtest::stormdrill("report " + (dir / "run.h5").string() + " -o " +
                                    (dir / "r.html").string() + " --lang en");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string html = sdtest::slurp(dir / "r.html");
  EXPECT_NE(html.find("Maximum water depth (50 m)"), std::string::npos);
  EXPECT_NE(html.find("Flood hazard rating (FD2320) (50 m)"), std::string::npos);
  // The flooded land as `stormdrill info` prints it, on the fine pixels: the peak frame's and
  // the extent.
  const auto info = sdtest::stormdrill("info " + (dir / "run.h5").string());
  ASSERT_EQ(info.exit_code, 0) << info.output;
  for (const char* name : {"peak_flooded_area_km2", "flooded_extent_km2"}) {
    const auto k = info.output.find(std::string("  ") + name + " ");
    ASSERT_NE(k, std::string::npos) << name << "\n" << info.output;
    std::istringstream line(info.output.substr(k));
    std::string n, value;
    line >> n >> value;
    EXPECT_NE(html.find("<td class=\"l\">" + n + "</td><td>" + value + "</td>"), std::string::npos)
        << n << " = " << value << " is not in the report as `info` prints it";
  }
}

}  // namespace

namespace {

bool same_raster(const sd::io::Raster& a, const sd::io::Raster& b) {
  return a.grid.nx == b.grid.nx && a.grid.ny == b.grid.ny && a.grid.x0 == b.grid.x0 &&
         a.grid.y0 == b.grid.y0 && a.grid.cell == b.grid.cell && a.crs_wkt == b.crs_wkt &&
         same_bits(a.data, b.data);
}

// Issue 14: a load with the region cache takes the cell rasters from it and leaves the fine
// terrain unread; load_fine_terrain reads it back exactly as a full load does. An edited DEM
// is a new entry (its bytes are the key), never the old cells.
TEST(SubgridScenario, CachedRegionDefersTheFineTerrainAndReadsItBackBitForBit) {
  const fs::path dir =
      subgrid_county("sg_region", "frame_interval_min = 10.0\nsubgrid_cell_m = 100\n");
  const std::string path = (dir / "scenario.toml").string();
  sd::LoadOptions lo;
  lo.region_cache_dir = (dir / "cache").string();
  const sd::Scenario full = sd::load_scenario(path);
  const sd::Scenario first = sd::load_scenario(path, lo);  // writes the entry
  ASSERT_TRUE(first.fine_terrain_loaded());
  ASSERT_EQ(cache_files(dir, "region-").size(), 1u);
  sd::Scenario s = sd::load_scenario(path, lo);
  ASSERT_TRUE(s.subgrid());
  EXPECT_FALSE(s.fine_terrain_loaded()) << "the fine DEM was read although the cells are cached";
  EXPECT_TRUE(same_raster(s.dem, full.dem));
  EXPECT_TRUE(same_raster(s.landuse, full.landuse));
  EXPECT_TRUE(same_raster(s.population, full.population));
  EXPECT_EQ(s.subgrid_ratio, full.subgrid_ratio);
  EXPECT_EQ(s.fine_digest, full.fine_digest);
  EXPECT_NE(s.fine_digest, 0u);
  sd::load_fine_terrain(s);
  EXPECT_TRUE(same_raster(s.fine_dem, full.fine_dem));
  EXPECT_TRUE(same_raster(s.fine_landuse, full.fine_landuse));
  // One pixel lower: a new key, the new cells.
  sd::io::Raster dem = sd::io::read_raster((dir / "data/dem.tif").string());
  dem.data[dem.grid.index(5, 5)] -= 3.0f;
  sd::io::write_raster((dir / "data/dem.tif").string(), dem);
  const sd::Scenario edited = sd::load_scenario(path, lo);
  EXPECT_TRUE(edited.fine_terrain_loaded());
  EXPECT_EQ(edited.dem.data[edited.dem.grid.index(2, 2)], dem.data[dem.grid.index(5, 5)]);
  EXPECT_NE(edited.fine_digest, full.fine_digest);
}

// A run whose cells come from the region cache is the full load's run, whether its hazard is
// cached (no fine pixel read) or recomputed (the fine terrain read back for the flood), and
// so is a response-only branch of it.
TEST(SubgridScenario, DeferredFineTerrainGivesTheSameRunsAndBranch) {
  const fs::path dir =
      subgrid_county("sg_deferred", "frame_interval_min = 10.0\nsubgrid_cell_m = 100\n");
  run(dir, "full.h5", "--no-cache");  // nothing cached: the fine DEM read by the loader
  run(dir, "first.h5");               // writes the region and hazard entries
  run(dir, "cached.h5");              // both from the cache
  for (const auto& e : fs::directory_iterator(dir / "cache"))
    if (e.path().filename().string().rfind("region-", 0) != 0) fs::remove(e.path());
  run(dir, "refined.h5");  // cells cached, hazard recomputed from the fine terrain read back
  const std::vector<std::string> names = {"hazard/fine/max_depth",
                                          "hazard/fine/first_above_0p15m",
                                          "hazard/fine/duration_above_threshold",
                                          "hazard/depth",
                                          "roads/state",
                                          "kpi/final/value",
                                          "incidents/t_created",
                                          "incidents/t_arrived"};
  for (const char* out : {"first.h5", "cached.h5", "refined.h5"})
    for (const auto& n : names)
      EXPECT_TRUE(same_bits(read_f(dir / "full.h5", n), read_f(dir / out, n))) << out << " " << n;
  const std::string branch = " --at 09:00 --inject-inline 'close_road edge=3' --threads 1 -q -o ";
  auto r = sdtest::stormdrill("branch " + (dir / "full.h5").string() + branch +
                              (dir / "b_full.h5").string() + " --no-cache");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = sdtest::stormdrill("branch " + (dir / "full.h5").string() + branch +
                         (dir / "b_cached.h5").string() + " --cache-dir " +
                         (dir / "cache").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const auto& n : names)
    EXPECT_TRUE(same_bits(read_f(dir / "b_full.h5", n), read_f(dir / "b_cached.h5", n))) << n;
}

}  // namespace
