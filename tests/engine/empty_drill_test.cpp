// Issue 13 §1: a drill with no incidents, no closures and no rain over populated land says so,
// prominently, in the terminal summary and the summary JSON (empty_drill, empty_drill_reasons),
// with the likely causes; a drill that did something does not.
#include <gtest/gtest.h>

#include <fstream>

#include "app/empty_drill.hpp"
#include "batch_fixture.hpp"
#include "cli_runner.hpp"
#include "county_test_util.hpp"

namespace fs = std::filesystem;

namespace {

// `incidents` storm incidents (trapped at home) and `medical` baseline medical calls.
sd::RunResult with_kpis(int incidents, double closed_km, int medical = 0) {
  sd::RunResult r;
  for (int k = 0; k < incidents + medical; ++k) {
    sd::Incident i;
    i.type = k < incidents ? sd::IncidentType::TrappedHome : sd::IncidentType::Medical;
    r.incidents.push_back(i);
  }
  r.final_kpis.push_back({"incidents_total", static_cast<double>(incidents + medical)});
  r.final_kpis.push_back({"road_km_closed_peak", closed_km});
  return r;
}

TEST(EmptyDrill, NoIncidentsNoClosuresNoRainIsEmptyWithReasons) {
  sd::HazardTimeline h;
  h.total_rain_mean_mm = 0;
  const auto e = sd::assess_empty_drill(with_kpis(0, 0, 12), h, 40000);
  EXPECT_TRUE(e.empty) << "baseline medical calls happen without a storm";
  ASSERT_GE(e.reasons.size(), 2u);
  EXPECT_NE(e.reasons[0].find("only 12 baseline medical call(s)"), std::string::npos)
      << e.reasons[0];
  EXPECT_NE(e.reasons[1].find("no rain fell on the domain"), std::string::npos) << e.reasons[1];
}

TEST(EmptyDrill, NoPopulationCountsAsNoRainOverPopulatedLand) {
  sd::HazardTimeline h;
  h.total_rain_mean_mm = 80;
  h.flooded_extent_km2 = 1;
  const auto e = sd::assess_empty_drill(with_kpis(0, 0), h, 0);
  EXPECT_TRUE(e.empty);
  EXPECT_NE(e.reasons[1].find("no population"), std::string::npos) << e.reasons[1];
}

TEST(EmptyDrill, ADrillThatDidSomethingIsNotEmpty) {
  sd::HazardTimeline h;
  h.total_rain_mean_mm = 0;
  EXPECT_FALSE(sd::assess_empty_drill(with_kpis(3, 0), h, 40000).empty);
  EXPECT_FALSE(sd::assess_empty_drill(with_kpis(0, 1.5), h, 40000).empty);
  h.total_rain_mean_mm = 50;
  EXPECT_FALSE(sd::assess_empty_drill(with_kpis(0, 0), h, 40000).empty)
      << "rain over populated land with no incidents is a quiet storm, not an empty drill";
}

using county_test::slurp;

TEST(EmptyDrill, RunSummaryAndJsonSaySoForADryRun) {
  const auto dir = sdtest::make_flood_county("empty_cli");
  std::ofstream(dir / "dry.toml")
      << "include = [\"scenario.toml\"]\n[storm.design]\nstart_h = 4.0\n";
  const auto r =
      sdtest::stormdrill("run --allow-empty-storm " + (dir / "dry.toml").string() + " -o " +
                         (dir / "r.h5").string() + " --summary-json " + (dir / "s.json").string() +
                         " --cache-dir " + (dir / "cache").string() + " --threads 1 -q");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("THIS DRILL DID NOTHING"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("no rain fell on the domain"), std::string::npos) << r.output;
  const std::string js = slurp(dir / "s.json");
  EXPECT_NE(js.find("\"empty_drill\": true"), std::string::npos) << js;
  EXPECT_NE(js.find("\"empty_drill_reasons\": ["), std::string::npos) << js;
  // The same county with its storm: not empty, and the JSON says so.
  const auto w =
      sdtest::stormdrill("run " + (dir / "scenario.toml").string() + " -o " +
                         (dir / "w.h5").string() + " --summary-json " + (dir / "w.json").string() +
                         " --cache-dir " + (dir / "cache").string() + " --threads 1 -q");
  ASSERT_EQ(w.exit_code, 0) << w.output;
  EXPECT_EQ(w.output.find("THIS DRILL DID NOTHING"), std::string::npos) << w.output;
  EXPECT_NE(slurp(dir / "w.json").find("\"empty_drill\": false"), std::string::npos);
}

}  // namespace
