// Issue 13 §1: a scenario start or a plain-CSV track time without a UTC offset is refused
// (it was read as UTC: 8 h off for a county in China), with a suggestion; CMA and IBTrACS
// times are UTC by definition and the shared In-fa file (offsets written) still reads.
#include <gtest/gtest.h>

#include "cli_runner.hpp"
#include "core/error.hpp"
#include "io/track_reader.hpp"
#include "scenario/scenario.hpp"
#include "scenario_fixture.hpp"

namespace fs = std::filesystem;

namespace {

TEST(TimeOffset, ScenarioStartWithoutOffsetIsAnErrorWithTheLocalOffsetSuggested) {
  const auto dir = sdtest::make_scenario_dir("tz_start");
  std::string text = sdtest::valid_scenario_text();
  const std::string from = "start = \"2021-07-25T08:00:00+08:00\"";
  text.replace(text.find(from), from.size(), "start = \"2021-07-25 20:00\"");
  sdtest::write_file(dir / "s.toml", text);
  std::string e;
  try {
    sd::load_scenario((dir / "s.toml").string());
  } catch (const sd::InputError& x) {
    e = x.what();
  }
  EXPECT_NE(e.find("scenario.start: '2021-07-25 20:00' has no UTC offset"), std::string::npos) << e;
  // The fixture DEM is at 120.9 E: UTC+8.
  EXPECT_NE(e.find("start = \"2021-07-25 20:00+08:00\""), std::string::npos) << e;
}

TEST(TimeOffset, PlainCsvTrackTimeWithoutOffsetIsAnError) {
  const fs::path p = fs::temp_directory_path() / "sd_tz_track.csv";
  sdtest::write_file(p,
                     "time,lat,lon,pressure_hpa,wind_ms\n2021-07-25T08:00+08:00,30,122,965,33\n"
                     "2021-07-25T14:00,30.5,121,975,28\n");
  std::string e;
  try {
    sd::io::read_track(p.string());
  } catch (const sd::InputError& x) {
    e = x.what();
  }
  EXPECT_NE(e.find(p.string() + ":3: field 'time': '2021-07-25T14:00' has no UTC offset"),
            std::string::npos)
      << e;
}

TEST(TimeOffset, CmaBestTrackTimesAreUtcByDefinition) {
  const fs::path p = fs::temp_directory_path() / "sd_tz_bst.txt";
  sdtest::write_file(p,
                     "66666 0000 2 0006 2106 0 6 IN-FA 20210801\n"
                     "2021072500 4 300 1220 965 33\n2021072506 4 306 1210 975 28\n");
  const auto t = sd::io::read_track(p.string());
  EXPECT_DOUBLE_EQ(t.points.front().t, 1627171200.0);  // 2021-07-25T00:00Z
}

TEST(TimeOffset, SharedInfaRealtimeTrackStillReads) {
  const fs::path p = fs::path(STORMDRILL_SHARED_DIR) / "data/tracks/infa_2021_cma_realtime.csv";
  if (!fs::exists(p)) GTEST_SKIP() << "shared data absent (" << p << ")";
  const auto t = sd::io::read_track(p.string());
  EXPECT_GT(t.points.size(), 20u);
  // First row: 2021-07-18T02:00+08:00 = 2021-07-17T18:00Z.
  EXPECT_DOUBLE_EQ(t.points.front().t, 1626544800.0);
}

}  // namespace

namespace {

TEST(TimeOffset, StormCliStartWithoutOffsetIsRefused) {
  const auto dir = sdtest::make_scenario_dir("tz_storm_cli");
  const auto r = sdtest::stormdrill("storm fields --track " + (dir / "data/track.csv").string() +
                                    " --grid " + (dir / "data/dem.tif").string() +
                                    " --start 2021-07-25T08:00 --duration-h 1 --out " +
                                    (dir / "f.h5").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("--start: '2021-07-25T08:00' has no UTC offset"), std::string::npos)
      << r.output;
}

}  // namespace
