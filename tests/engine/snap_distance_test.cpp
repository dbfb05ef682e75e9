// Issue 13 §1: an asset snapped far from the road network is a warning (over snap_warn_m,
// default 500 m) naming the asset and the distance, in validate and the run log, and an
// error over snap_error_m (default 5 km). Before, a team 3.6 km off the roads passed silently.
#include <gtest/gtest.h>

#include "batch_fixture.hpp"
#include "cli_runner.hpp"
#include "core/error.hpp"
#include "response/response_model.hpp"
#include "scenario/scenario.hpp"
#include "scenario_fixture.hpp"

namespace fs = std::filesystem;

namespace {

// The fixture's team moved to (300100, 3379250): 650 m from node 1 (300100, 3379900), the
// nearest of the three nodes.
fs::path far_team_scenario(const std::string& name, const std::string& roads_extra = "") {
  const auto dir = sdtest::make_scenario_dir(name);
  std::string text = sdtest::valid_scenario_text();
  const std::string team = "x = 300150.0\ny = 3379850.0";
  text.replace(text.find(team), team.size(), "x = 300100.0\ny = 3379250.0");
  const std::string key = "edges = \"data/edges.csv\"\n";
  text.replace(text.find(key), key.size(), key + roads_extra);
  sdtest::write_file(dir / "s.toml", text);
  return dir / "s.toml";
}

TEST(SnapDistance, AssetOverFiveHundredMetresIsAWarningNamingItAndTheDistance) {
  const sd::Scenario s = sd::load_scenario(far_team_scenario("snap_warn").string());
  const auto m = sd::build_response_model(s);
  bool found = false;
  for (const auto& w : m->warnings)
    found |= w.find("team 'Fire brigade' is 650 m from the nearest road node") != std::string::npos;
  EXPECT_TRUE(found) << (m->warnings.empty() ? "no warnings" : m->warnings.front());
}

TEST(SnapDistance, OverSnapErrorIsAnError) {
  const auto f = far_team_scenario("snap_err", "snap_warn_m = 100\nsnap_error_m = 600\n");
  const sd::Scenario s = sd::load_scenario(f.string());
  std::string e;
  try {
    sd::build_response_model(s);
  } catch (const sd::InputError& x) {
    e = x.what();
  }
  EXPECT_NE(e.find("farther than snap_error_m = 600 m"), std::string::npos) << e;
  EXPECT_NE(e.find("team 'Fire brigade' is 650 m"), std::string::npos) << e;
}

TEST(SnapDistance, ThresholdsAreConfigurable) {
  const auto f = far_team_scenario("snap_conf", "snap_warn_m = 1000\n");
  const auto m = sd::build_response_model(sd::load_scenario(f.string()));
  for (const auto& w : m->warnings) EXPECT_EQ(w.find("Fire brigade"), std::string::npos) << w;
}

TEST(SnapDistance, ValidateAndRunPrintTheWarning) {
  const auto dir = sdtest::make_flood_county("snap_cli");
  // The lattice covers the whole bowl: a 100 m threshold and a team in the far corner, 141 m
  // from the nearest node (301875, 3381375).
  std::ofstream(dir / "far.toml") << "include = [\"scenario.toml\"]\n[roads]\nsnap_warn_m = 100\n"
                                     "[[team]]\nname = \"Lost\"\n"
                                     "kind = \"fire\"\nx = 301975.0\ny = 3381475.0\n";
  const std::string far = (dir / "far.toml").string();
  const auto v = sdtest::stormdrill("validate " + far);
  EXPECT_EQ(v.exit_code, 0) << v.output;
  EXPECT_NE(v.output.find("team 'Lost' is 141 m"), std::string::npos) << v.output;
  const auto r = sdtest::stormdrill("run " + far + " -o " + (dir / "r.h5").string() +
                                    " --cache-dir " + (dir / "cache").string() + " --threads 1");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("warning: team 'Lost' is"), std::string::npos) << r.output;
}

}  // namespace
