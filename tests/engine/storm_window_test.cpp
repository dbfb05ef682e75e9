// Issue 13 §1: a storm that cannot rain on the domain during the scenario window (a track
// from another year, a track that stays far away, a design storm placed after the end) is an
// error in validate and run, or a warning with --allow-empty-storm. Before, a 2024 start with
// a 2021 track ran to a tidy summary with zero rain.
#include <gtest/gtest.h>

#include "batch_fixture.hpp"
#include "cli_runner.hpp"
#include "core/error.hpp"
#include "hazard/storm_setup.hpp"
#include "scenario/scenario.hpp"
#include "scenario_fixture.hpp"

namespace fs = std::filesystem;

namespace {

fs::path scenario_with(const std::string& name, const std::string& from, const std::string& to) {
  const auto dir = sdtest::make_scenario_dir(name);
  std::string text = sdtest::valid_scenario_text();
  const auto p = text.find(from);
  EXPECT_NE(p, std::string::npos) << from;
  if (p != std::string::npos) text.replace(p, from.size(), to);
  sdtest::write_file(dir / "s.toml", text);
  return dir / "s.toml";
}

using sdtest::load_error;

// The bowl county with its design storm moved to start_h; returns the variant's path.
fs::path design_starting_at(const std::string& name, double start_h) {
  const auto dir = sdtest::make_flood_county(name);
  std::ofstream(dir / "late.toml")
      << "include = [\"scenario.toml\"]\n[storm.design]\nstart_h = " << start_h << "\n";
  return dir / "late.toml";
}

TEST(StormWindow, TrackFromAnotherYearIsAnError) {
  const auto f = scenario_with("sw_year", "2021-07-25T08:00:00+08:00", "2024-07-25T08:00:00+08:00");
  const std::string e = load_error(f);
  EXPECT_NE(e.find("the track does not overlap the scenario window"), std::string::npos) << e;
  EXPECT_NE(e.find("2024-07-25T08:00:00+08:00"), std::string::npos) << e;
  EXPECT_NE(e.find("2021-07-25T00:00:00+00:00"), std::string::npos) << "the track's span: " << e;
  EXPECT_NE(e.find("--allow-empty-storm"), std::string::npos) << e;
}

TEST(StormWindow, AllowEmptyStormTurnsTheErrorIntoAWarning) {
  const auto f =
      scenario_with("sw_allow", "2021-07-25T08:00:00+08:00", "2024-07-25T08:00:00+08:00");
  std::vector<std::string> warnings;
  sd::LoadOptions o;
  o.allow_empty_storm = true;
  EXPECT_NO_THROW(sd::load_scenario(f.string(), o, &warnings));
  bool found = false;
  for (const auto& w : warnings) found |= w.find("does not overlap") != std::string::npos;
  EXPECT_TRUE(found);
}

TEST(StormWindow, TrackThatNeverComesWithinTheRainRadiusIsAnError) {
  const auto dir = sdtest::make_scenario_dir("sw_far");
  // Same times, but the storm stays near Guam (~2,800 km from the county).
  sdtest::write_file(
      dir / "data/track.csv",
      "time,lat,lon,pressure_hpa,wind_ms\n2021-07-25T08:00:00+08:00,13.0,145.0,965,33\n"
      "2021-07-26T08:00:00+08:00,14.0,144.0,975,28\n");
  sdtest::write_file(dir / "s.toml", sdtest::valid_scenario_text());
  const std::string e = load_error(dir / "s.toml");
  EXPECT_NE(e.find("never comes within the rain radius (1000 km)"), std::string::npos) << e;
}

TEST(StormWindow, DesignStormAfterTheEndIsAnError) {
  const std::string e = load_error(design_starting_at("sw_design", 4.0));
  EXPECT_NE(e.find("the design storm starts at 4 h"), std::string::npos) << e;
}

TEST(StormWindow, ValidateAndRunRefuseAndAcceptWithTheFlag) {
  const fs::path late_path = design_starting_at("sw_cli", 4.0), dir = late_path.parent_path();
  const std::string late = late_path.string();
  const auto v = sdtest::stormdrill("validate " + late);
  EXPECT_EQ(v.exit_code, 2) << v.output;
  EXPECT_NE(v.output.find("after the scenario ends"), std::string::npos) << v.output;
  const auto va = sdtest::stormdrill("validate --allow-empty-storm " + late);
  EXPECT_EQ(va.exit_code, 0) << va.output;
  EXPECT_NE(va.output.find("warning"), std::string::npos) << va.output;
  const auto r = sdtest::stormdrill("run " + late + " -o " + (dir / "r.h5").string() +
                                    " --cache-dir " + (dir / "cache").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
}

double depth_mm(const sd::TimeSeries& ts, double t0, double t1) {
  double sum = 0;
  for (double t = t0; t < t1; t += 0.25) sum += ts.at(t + 0.125) * 0.25 / 3600;
  return sum;
}

// Found while testing the empty-drill summary: a design storm starting at start_h > 0 rained
// its first step's rate from t = 0 (the hyetograph held its first value before its start).
TEST(StormWindow, DesignStormStartingLateIsDryBeforeItsStartWithTheSameDepth) {
  const fs::path late_path = design_starting_at("sw_late_design", 0.5);
  const fs::path dir = late_path.parent_path();
  const auto late = sd::setup_storm(sd::load_scenario(late_path.string()), 0, 0);
  const auto now = sd::setup_storm(sd::load_scenario((dir / "scenario.toml").string()), 0, 0);
  ASSERT_TRUE(late.design_mmph && now.design_mmph);
  EXPECT_EQ(late.design_mmph->at(0), 0.0);
  EXPECT_EQ(late.design_mmph->at(1799), 0.0);
  EXPECT_GT(late.design_mmph->at(1801), 0.0);
  EXPECT_NEAR(depth_mm(*late.design_mmph, 0, 3 * 3600), depth_mm(*now.design_mmph, 0, 3 * 3600),
              1e-6);
}

}  // namespace
