// Hazard cache and results-file integrity (issue 16): a cache entry whose bytes changed after
// it was written is detected (checksum seal), set aside as *.corrupt and recomputed, and the
// summary says the cached hazard was not used; structurally impossible timelines are refused
// even with a matching checksum; random byte flips in a cache file and a run file are always
// detected (200 seeded trials), never trusted and never a crash.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <fstream>
#include <random>
#include <sstream>

#include "batch_fixture.hpp"
#include "cli_runner.hpp"
#include "hazard/hazard_cache.hpp"
#include "hazard/timeline_check.hpp"
#include "io/h5.hpp"
#include "io/h5_checksum.hpp"

namespace fs = std::filesystem;

namespace {

using sdtest::slurp;

// The value of a numeric key in a flat summary JSON ("key": value).
std::string json_value(const std::string& js, const std::string& key) {
  const auto p = js.find("\"" + key + "\": ");
  if (p == std::string::npos) return "<missing>";
  const auto b = p + key.size() + 4;
  return js.substr(b, js.find_first_of(",\n}", b) - b);
}

fs::path only_cache_file(const fs::path& cache) {
  fs::path found;
  for (const auto& de : fs::directory_iterator(cache))
    if (de.path().extension() == ".h5") found = de.path();
  return found;
}

// A small flooding county run once; its cache entry and results file are the test subjects.
struct Baseline {
  fs::path dir, cache, cache_file, run_file;
  std::string summary;
};

Baseline make_baseline(const std::string& name) {
  Baseline b;
  b.dir = sdtest::make_flood_county(name);
  b.cache = b.dir / "cache";
  b.run_file = b.dir / "out.h5";
  const auto r =
      sdtest::stormdrill("run " + (b.dir / "scenario.toml").string() + " -o " +
                         b.run_file.string() + " --summary-json " + (b.dir / "s1.json").string() +
                         " --cache-dir " + b.cache.string() + " --threads 1 -q");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  b.summary = slurp(b.dir / "s1.json");
  b.cache_file = only_cache_file(b.cache);
  return b;
}

template <class T>
void overwrite_dataset(const fs::path& file, const char* name, const std::vector<T>& v,
                       hid_t type) {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  const hid_t d = H5Dopen2(f, name, H5P_DEFAULT);
  ASSERT_GE(H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), 0);
  H5Dclose(d);
  H5Fclose(f);
}

void flip_bytes(const fs::path& file, std::uint64_t seed) {
  std::string bytes = slurp(file);
  std::mt19937_64 rng(seed);
  const int n = 1 + static_cast<int>(rng() % 4);
  for (int k = 0; k < n; ++k) bytes[rng() % bytes.size()] ^= static_cast<char>(1 + rng() % 255);
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

bool same_timeline(const sd::HazardTimeline& a, const sd::HazardTimeline& b) {
  auto same_cells = [&] {
    for (std::size_t k = 0; k < a.flooded.size(); ++k)
      if (a.flooded[k].cell != b.flooded[k].cell || a.flooded[k].depth_m != b.flooded[k].depth_m)
        return false;
    return true;
  };
  return a.key == b.key && a.time == b.time && a.edge_depth == b.edge_depth &&
         a.edge_gust == b.edge_gust && a.flooded_offset == b.flooded_offset &&
         a.flooded.size() == b.flooded.size() && same_cells() && a.block_gust == b.block_gust &&
         a.site_depth == b.site_depth && a.landfall_s == b.landfall_s &&
         a.max_wind_ms == b.max_wind_ms;
}

TEST(CacheIntegrity, ZeroedEdgeDepthIsDetectedSetAsideAndRecomputed) {
  const Baseline b = make_baseline("cache_zeroed");
  ASSERT_FALSE(b.cache_file.empty());
  std::size_t n = 0;
  {
    auto f = sd::h5::File::open_read(b.cache_file.string());
    n = sd::h5::read_vector<float>(f, "timeline/edge_depth").size();
  }
  // Zeroed road depths: the old cache believed them (3.4 instead of 98.9 road km closed).
  overwrite_dataset(b.cache_file, "timeline/edge_depth", std::vector<float>(n, 0.0f),
                    H5T_NATIVE_FLOAT);
  const auto r = sdtest::stormdrill("run " + (b.dir / "scenario.toml").string() + " -o " +
                                    (b.dir / "out2.h5").string() + " --summary-json " +
                                    (b.dir / "s2.json").string() + " --cache-dir " +
                                    b.cache.string() + " --threads 1 -q");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("is corrupt (checksum mismatch"), std::string::npos) << r.output;
  EXPECT_TRUE(fs::exists(b.cache_file.string() + ".corrupt")) << "set aside for inspection";
  const std::string s2 = slurp(b.dir / "s2.json");
  EXPECT_EQ(json_value(s2, "hazard_from_cache"), "false") << "recomputed, not used";
  for (const char* k : {"road_km_closed_peak", "expected_fatalities", "incidents_total"})
    EXPECT_EQ(json_value(s2, k), json_value(b.summary, k)) << k << ": recomputed = original";
  // The recomputed entry is sound and used by the next run.
  const auto r3 = sdtest::stormdrill("run " + (b.dir / "scenario.toml").string() + " -o " +
                                     (b.dir / "out3.h5").string() + " --summary-json " +
                                     (b.dir / "s3.json").string() + " --cache-dir " +
                                     b.cache.string() + " --threads 1 -q");
  ASSERT_EQ(r3.exit_code, 0) << r3.output;
  EXPECT_EQ(json_value(slurp(b.dir / "s3.json"), "hazard_from_cache"), "true");
}

TEST(CacheIntegrity, OffsetsOutOfBoundsAreRefusedEvenWithAMatchingChecksum) {
  const Baseline b = make_baseline("cache_offsets");
  std::string problem;
  const auto t = sd::read_timeline(b.cache_file.string(), &problem);
  ASSERT_TRUE(t) << problem;
  ASSERT_GT(t->flooded.size(), 0u) << "the bowl floods populated cells";
  // What a foreign or buggy writer could produce: offsets past the end, checksum recomputed.
  std::vector<std::int64_t> off(t->flooded_offset.size(), 0);
  off.back() = 1 << 30;
  overwrite_dataset(b.cache_file, "timeline/flooded_offset", off, H5T_NATIVE_INT64);
  sd::h5::seal_file(b.cache_file.string());
  EXPECT_FALSE(sd::read_timeline(b.cache_file.string(), &problem));
  EXPECT_NE(problem.find("flooded_offset ends at 1073741824"), std::string::npos) << problem;
}

TEST(CacheIntegrity, TimelineChecksNameTheBadField) {
  sd::HazardTimeline t;
  t.time = {0, 3600};
  t.edges = 2;
  t.edge_depth = {0, 0.2f, 0.1f, 0.3f};
  t.edge_depth_baseline = {0, 0};
  t.edge_gust = {1, 2, 3, 4};
  t.blocks_x = t.blocks_y = 1;
  t.block_gust = {5, 6};
  t.site_depth = {0, 0};
  t.max_depth = {0.5f, NAN, 0.2f};
  t.flooded_offset = {0, 1, 2};
  t.flooded = {{0, 0.3f}, {2, 0.2f}};
  EXPECT_FALSE(sd::timeline_problem(t));
  EXPECT_FALSE(sd::timeline_problem(t, {3, 2, 1, 1}));
  EXPECT_NE(sd::timeline_problem(t, {3, 5, 1, 1})->find("5"), std::string::npos);
  auto bad = t;
  bad.flooded[1].cell = 3;
  EXPECT_NE(sd::timeline_problem(bad)->find("flooded_cell[1] = 3 is outside"), std::string::npos);
  bad = t;
  bad.flooded_offset = {0, 2, 1};
  EXPECT_NE(sd::timeline_problem(bad)->find("decreases at frame 2"), std::string::npos);
  bad = t;
  bad.edge_depth[3] = -1;
  EXPECT_NE(sd::timeline_problem(bad)->find("edge_depth[3]"), std::string::npos);
  bad = t;
  bad.edge_depth[2] = NAN;
  EXPECT_TRUE(sd::timeline_problem(bad));
  bad = t;
  bad.edge_gust.pop_back();
  EXPECT_NE(sd::timeline_problem(bad)->find("edge_gust holds 3 values, expected 4"),
            std::string::npos);
  bad = t;
  bad.time[1] = 0;
  EXPECT_TRUE(sd::timeline_problem(bad));
}

// 100 seeded trials on a cache file (in process: a crash or sanitizer report fails the suite).
TEST(CacheIntegrity, RandomByteFlipsInACacheFileAreDetectedOrHarmless) {
  const Baseline b = make_baseline("cache_flips");
  std::string problem;
  const auto pristine = sd::read_timeline(b.cache_file.string(), &problem);
  ASSERT_TRUE(pristine) << problem;
  const fs::path copy = b.dir / "flipped.h5";
  int detected = 0;
  for (std::uint64_t trial = 0; trial < 100; ++trial) {
    fs::copy_file(b.cache_file, copy, fs::copy_options::overwrite_existing);
    flip_bytes(copy, trial);
    problem.clear();
    const auto t = sd::read_timeline(copy.string(), &problem);
    if (!t) {
      EXPECT_FALSE(problem.empty()) << "trial " << trial << ": refused without a reason";
      ++detected;
    } else {
      EXPECT_TRUE(same_timeline(*t, *pristine)) << "trial " << trial << ": changed and trusted";
    }
  }
  EXPECT_EQ(detected, 100) << "the seal covers every byte";
}

// 100 seeded trials on a run file: the seal check `info` and the viewer run before HDF5 parses
// anything (90 in process, fast), and 10 through `stormdrill info` itself: exit 2 naming the
// corruption, or the very same report as the pristine file; never a crash.
TEST(RunFileIntegrity, RandomByteFlipsAreRefusedByInfo) {
  const Baseline b = make_baseline("runfile_flips");
  const fs::path copy = b.dir / "flipped-run.h5";
  fs::copy_file(b.run_file, copy, fs::copy_options::overwrite_existing);
  ASSERT_FALSE(sd::h5::seal_problem(copy.string()));
  const auto pristine = sdtest::stormdrill("info " + copy.string());
  ASSERT_EQ(pristine.exit_code, 0) << pristine.output;
  int detected = 0;
  for (std::uint64_t trial = 0; trial < 90; ++trial) {
    fs::copy_file(b.run_file, copy, fs::copy_options::overwrite_existing);
    flip_bytes(copy, 1000 + trial);
    detected += sd::h5::seal_problem(copy.string(), false).has_value();
  }
  for (std::uint64_t trial = 90; trial < 100; ++trial) {
    fs::copy_file(b.run_file, copy, fs::copy_options::overwrite_existing);
    flip_bytes(copy, 1000 + trial);
    const auto r = sdtest::stormdrill("info " + copy.string());
    if (r.exit_code == 2) {
      ++detected;
      EXPECT_NE(r.output.find(copy.string()), std::string::npos) << r.output;
    } else {
      EXPECT_EQ(r.exit_code, 0) << "trial " << trial << ": " << r.output;
      EXPECT_EQ(r.output, pristine.output) << "trial " << trial << ": changed and trusted";
    }
  }
  EXPECT_EQ(detected, 100) << "the seal covers every byte";
}

// A flipped bit in the seal's own magic made a corrupted file look like an unsealed file from
// an older version, which is opened unverified (found by fuzz_results). Every byte of the
// magic is tried: each is refused, and `info` says so with exit 2.
TEST(RunFileIntegrity, DamagedSealMagicIsNotMistakenForAnUnsealedFile) {
  const Baseline b = make_baseline("runfile_magic");
  const fs::path copy = b.dir / "magic-run.h5";
  for (long at = 0; at < 18; ++at) {
    fs::copy_file(b.run_file, copy, fs::copy_options::overwrite_existing);
    std::fstream io(copy, std::ios::in | std::ios::out | std::ios::binary);
    io.seekg(at);
    char c = 0;
    io.get(c);
    io.seekp(at);
    io.put(static_cast<char>(c ^ 0x04));
    io.close();
    const auto problem = sd::h5::seal_problem(copy.string(), false);
    ASSERT_TRUE(problem.has_value()) << "byte " << at;
    EXPECT_NE(problem->find("checksum seal damaged"), std::string::npos) << *problem;
  }
  const auto r = sdtest::stormdrill("info " + copy.string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("checksum seal damaged"), std::string::npos) << r.output;
}

TEST(CacheEviction, LeastRecentlyUsedEntriesGoFirstAndTheCurrentOneStays) {
  const fs::path dir = fs::temp_directory_path() / "sd_cache_evict";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto now = fs::file_time_type::clock::now();
  auto make = [&](const char* name, int age_h) {
    std::ofstream(dir / name) << std::string(1000, 'x');
    fs::last_write_time(dir / name, now - std::chrono::hours(age_h));
  };
  make("old.h5", 5);
  std::ofstream(dir / "old.xmf") << "sidecar";
  make("older.h5.corrupt", 9);
  make("mid.h5", 3);
  make("new.h5", 1);
  make("current.h5", 10);  // just written by this run: never evicted, whatever its time
  make("notes.txt", 20);   // not a cache entry
  EXPECT_EQ(sd::evict_cache(dir.string(), 2500, (dir / "current.h5").string()), 3000u);
  for (const char* gone : {"older.h5.corrupt", "old.h5", "old.xmf", "mid.h5"})
    EXPECT_FALSE(fs::exists(dir / gone)) << gone;
  for (const char* kept : {"new.h5", "current.h5", "notes.txt"})
    EXPECT_TRUE(fs::exists(dir / kept)) << kept;
  sd::touch_cache_entry((dir / "new.h5").string());
  EXPECT_GT(fs::last_write_time(dir / "new.h5"), now - std::chrono::minutes(1));
  fs::remove_all(dir);
}

}  // namespace
