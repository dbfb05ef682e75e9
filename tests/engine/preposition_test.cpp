// Pre-positioning before the storm (issue 13 §3): a plan that moves every team to one corner
// of the county dispatches from there, so response times get worse; teams that cannot be at
// their stations by landfall are reported in the summary, the JSON and the log.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "batch_fixture.hpp"
#include "cli_runner.hpp"

namespace fs = std::filesystem;

namespace {

using sdtest::slurp;

double json_number(const std::string& js, const std::string& key) {
  // (No std::regex: GCC 12's <regex> trips -Wmaybe-uninitialized in the sanitizer build.)
  const std::string tag = "\"" + key + "\": ";
  const auto at = js.find(tag);
  if (at == std::string::npos) {
    ADD_FAILURE() << "no number for " << key << " in " << js;
    return NAN;
  }
  std::istringstream is(js.substr(at + tag.size()));
  double v = NAN;
  if (!(is >> v)) ADD_FAILURE() << "no number for " << key << " in " << js;
  return v;
}

// Every team of the bowl county stationed at its south-east corner (node 8), where no team is
// based. `extra` adds plan keys.
void write_corner_plan(const fs::path& path, const std::string& extra) {
  std::ostringstream os;
  os << "[plan]\nname = \"corner\"\ndispatch = \"nearest\"\nwarning_lead_h = 0.0\n" << extra;
  for (const char* team : {"Fire West", "Fire East", "Ambulance"})
    os << "\n[[plan.station]]\nteam = \"" << team << "\"\nx = 301875.0\ny = 3380125.0\n";
  std::ofstream(path) << os.str();
}

struct PlanRun {
  std::string output, json;
};

PlanRun run_plan(const fs::path& dir, const fs::path& plan, const std::string& tag) {
  const fs::path js = dir / ("s-" + tag + ".json");
  const auto r = sdtest::stormdrill("run " + (dir / "scenario.toml").string() + " --plan " +
                                    plan.string() + " -o " + (dir / (tag + ".h5")).string() +
                                    " --summary-json " + js.string() + " --cache-dir " +
                                    (dir / "cache").string() + " --threads 1 -q");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return {r.output, slurp(js)};
}

TEST(Preposition, EveryTeamInOneCornerMakesResponseTimesWorse) {
  const fs::path dir = sdtest::make_flood_county("preposition_corner");
  write_corner_plan(dir / "plan-corner.toml", "preposition_at = \"start\"\n");
  const PlanRun base = run_plan(dir, dir / "plan-a.toml", "a");
  const PlanRun corner = run_plan(dir, dir / "plan-corner.toml", "corner");
  EXPECT_EQ(json_number(corner.json, "teams_prepositioned"), 3);
  EXPECT_EQ(json_number(corner.json, "teams_not_at_station_in_time"), 0)
      << "moved before the start over dry roads: all three are there in time";
  EXPECT_EQ(json_number(base.json, "teams_prepositioned"), 0);
  // Same storm, same calls for help: only where the teams wait differs.
  EXPECT_EQ(json_number(corner.json, "incidents_total"), json_number(base.json, "incidents_total"));
  EXPECT_GT(json_number(corner.json, "response_time_median_s"),
            json_number(base.json, "response_time_median_s"));
  EXPECT_GT(json_number(corner.json, "response_time_p90_s"),
            json_number(base.json, "response_time_p90_s"));
  EXPECT_NE(corner.output.find("3 of 3 teams moved to their plan stations"), std::string::npos)
      << corner.output;
}

TEST(Preposition, TeamsOrderedAtTheWarningGoToTheirStationFirstAndLateOnesAreReported) {
  const fs::path dir = sdtest::make_flood_county("preposition_warning");
  // warning_lead_h = 0: the warning comes at landfall, so no move can be complete by then.
  write_corner_plan(dir / "plan-corner.toml", "");
  const PlanRun base = run_plan(dir, dir / "plan-a.toml", "a");
  const PlanRun corner = run_plan(dir, dir / "plan-corner.toml", "corner");
  EXPECT_EQ(json_number(corner.json, "teams_prepositioned"), 3);
  EXPECT_EQ(json_number(corner.json, "teams_not_at_station_in_time"), 3);
  EXPECT_NE(corner.output.find("NOT at their station by landfall"), std::string::npos)
      << corner.output;
  EXPECT_NE(corner.output.find("Fire West (arrived"), std::string::npos) << corner.output;
  // The move comes before calls: the dispatches differ from the plan without stations.
  EXPECT_NE(json_number(corner.json, "response_time_median_s"),
            json_number(base.json, "response_time_median_s"));
}

TEST(Preposition, UnknownPrepositionTimeIsRefused) {
  const fs::path dir = sdtest::make_flood_county("preposition_bad");
  write_corner_plan(dir / "plan-bad.toml", "preposition_at = \"yesterday\"\n");
  const auto r = sdtest::stormdrill("validate " + (dir / "scenario.toml").string() + " --plan " +
                                    (dir / "plan-bad.toml").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("preposition_at"), std::string::npos) << r.output;
}

}  // namespace
