// The drill director end to end on the small flooding county of tests/engine: every command
// line the viewer builds is accepted by the real `stormdrill branch`, and a headless
// `stormdrill-viz RUN.h5 --script DRILL.toml --screenshot-dir DIR` writes one PNG per prompt,
// each inject applied as a branch of the previous branch (recorded in /branch@parent_path).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "batch_fixture.hpp"
#include "cli_runner.hpp"
#include "core/branch_command.hpp"
#include "core/branch_process.hpp"
#include "core/branch_tree.hpp"
#include "io/h5.hpp"

namespace fs = std::filesystem;

namespace {

using namespace sd::viz;

struct DrillCounty {
  fs::path dir, run, cache;
  explicit DrillCounty(const std::string& name)
      : dir(sdtest::make_flood_county("vizdrill_" + name)),
        run(dir / "run.h5"),
        cache(dir / "cache") {
    // A second depot, so supplies can be moved.
    std::ofstream(dir / "scenario.toml", std::ios::app)
        << "\n[[depot]]\nname = \"Depot 2\"\nx = 301400.0\ny = 3380300.0\n"
           "stock = { food = 100 }\n";
    const auto r =
        sdtest::stormdrill("run " + (dir / "scenario.toml").string() + " -o " + run.string() +
                           " --cache-dir " + cache.string() + " --threads 1 -q");
    EXPECT_EQ(r.exit_code, 0) << r.output;
  }
};

TEST(VizDrill, EveryActionTheDirectorBuildsIsAcceptedByStormdrillBranch) {
  DrillCounty c("accept");
  const std::vector<DirectorAction> actions = {
      close_road(3),
      with_duration(team_out("Fire West"), 1),
      team_back("Fire West"),
      move_station("Fire East", 301000, 3381000),
      incident_burst(300600, 3380600, 200, 6, "trapped_home"),
      evacuate_area(301000, 3380800, 300),
      evacuate_town("East"),
      road_closure_area(301000, 3380600, 200),
      response_level("II"),
      dispatch_policy("priority"),
      shelter(false, "Gym"),
      shelter(true, "Gym"),
      move_supplies("Depot", "Depot 2", "food", 200),
      depot_lost("Depot 2"),
      comms_outage(5),
      reopen_road(3),
  };
  BranchCommand cmd{STORMDRILL_BINARY, c.run, c.dir / "all.h5", 3600, {}, c.cache.string()};
  for (const auto& a : actions) cmd.injects.push_back(inline_text(a));
  ChildProcess p(cmd.argv());
  p.wait();
  ASSERT_EQ(p.exit_code(), 0) << cmd.shell_text() << "\n" << p.output();
  const BranchNode n = read_branch_node(cmd.out);
  EXPECT_EQ(n.parent_path, fs::weakly_canonical(c.run));
  EXPECT_EQ(n.at_s, 3600.0);
  for (const char* kind :
       {"close_road", "team_out", "team_back", "move_station", "incident_burst", "evacuate",
        "road_closure", "response_level", "dispatch_policy", "close_shelter", "open_shelter",
        "move_supplies", "depot_lost", "comms_outage", "reopen_road"})
    EXPECT_NE(n.injects_toml.find(std::string("kind = \"") + kind + "\""), std::string::npos)
        << kind << "\n"
        << n.injects_toml;
  // The hazard-changing ones (the branch runs a flood of its own).
  BranchCommand hz{
      STORMDRILL_BINARY,
      c.run,
      c.dir / "hazard.h5",
      3600,
      {inline_text(dike_breach(301000, 3380700, 20)),
       inline_text(dike_breach_weir(301000, 3380700, 30, outside_level_text("1:2.5, 3:1.0"))),
       inline_text(rain_band(301000, 3380700, 500, 2))},
      c.cache.string()};
  ChildProcess q(hz.argv());
  q.wait();
  EXPECT_EQ(q.exit_code(), 0) << hz.shell_text() << "\n" << q.output();
  // A refused inject: the exit code and the engine's message reach the viewer.
  BranchCommand bad{
      STORMDRILL_BINARY, c.run, c.dir / "bad.h5", 3600, {inline_text(team_out("Nobody"))},
      c.cache.string()};
  ChildProcess b(bad.argv());
  b.wait();
  EXPECT_EQ(b.exit_code(), 2);
  EXPECT_NE(b.output().find("no [[team]] named 'Nobody'"), std::string::npos) << b.output();
  EXPECT_FALSE(fs::exists(bad.out));
}

sdtest::CommandResult viewer(const std::string& args) {
  const std::string cmd = std::string(STORMDRILL_VIZ_BINARY) + " " + args;
  auto r = sdtest::run_command(cmd);
  // Under ctest without xvfb-run: EGL surfaceless, else a private Xvfb.
  if (r.exit_code == 3 && !std::getenv("DISPLAY") &&
      std::system("command -v xvfb-run >/dev/null 2>&1") == 0)
    r = sdtest::run_command("xvfb-run -a " + cmd);
  return r;
}

TEST(VizDrill, HeadlessScriptWritesOnePngPerPromptAndEachBranchRecordsItsParent) {
  DrillCounty c("script");
  const fs::path script = c.dir / "drill.toml", shots = c.dir / "shots";
  sdtest::write_file(script, R"([drill]
title = "bowl county drill"

[[prompt]]
at = "09:00"
text = "The West bridge is gone"
inject = ["close_road edge=3"]

[[prompt]]
at = "09:30"
text = "Ask the command post for its plan"

[[prompt]]
at = "10:00"
text = "Fire West has lost its pump"
inject = ['team_out team="Fire West" duration_h=1', "response_level level=II"]
)");
  const auto r = viewer(c.run.string() + " --script " + script.string() + " --screenshot-dir " +
                        shots.string() + " --stormdrill " + STORMDRILL_BINARY + " --cache-dir " +
                        c.cache.string() + " --size 800x500");
  if (r.exit_code == 3) GTEST_SKIP() << "no display could be created: " << r.output;
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* png : {"prompt-01-0900.png", "prompt-02-0930.png", "prompt-03-1000.png"}) {
    ASSERT_TRUE(fs::exists(shots / png)) << png << "\n" << r.output;
    std::ifstream in(shots / png, std::ios::binary);
    char magic[8] = {};
    in.read(magic, 8);
    EXPECT_EQ(std::string(magic, 8), "\x89PNG\r\n\x1a\n") << png;
  }
  // Two prompts with injects: two branches, the second a branch of the first.
  const BranchNode b1 = read_branch_node(shots / "branch-01.h5");
  const BranchNode b3 = read_branch_node(shots / "branch-03.h5");
  EXPECT_FALSE(fs::exists(shots / "branch-02.h5")) << "prompt 2 has no inject";
  EXPECT_EQ(b1.parent_path, fs::weakly_canonical(c.run));
  EXPECT_EQ(b1.at_s, 3600.0);
  EXPECT_EQ(b3.parent_path, fs::weakly_canonical(shots / "branch-01.h5"));
  EXPECT_EQ(b3.at_s, 7200.0);
  EXPECT_NE(b3.injects_toml.find("close_road"), std::string::npos) << "carries prompt 1's inject";
  EXPECT_NE(b3.injects_toml.find("team = \"Fire West\""), std::string::npos);
  EXPECT_NE(b3.injects_toml.find("level = \"II\""), std::string::npos);
  // The tree finds both from the run's folder and the branch folder.
  BranchTree tree;
  tree.add_file(c.run);
  EXPECT_EQ(tree.scan_folder(shots), 2);
  ASSERT_EQ(tree.nodes().size(), 3u);
  EXPECT_EQ(tree.depth(tree.find(shots / "branch-03.h5")), 2);
  // Saved as an inject file, it re-runs from the root to the same KPIs.
  const fs::path saved = c.dir / "b3.toml", rerun = c.dir / "rerun.h5";
  save_injects_file(b3, c.run, saved);
  const auto rr =
      sdtest::stormdrill("branch " + c.run.string() + " --at 3600 --inject " + saved.string() +
                         " -o " + rerun.string() + " --cache-dir " + c.cache.string() + " -q");
  ASSERT_EQ(rr.exit_code, 0) << rr.output << sdtest::slurp(saved);
  EXPECT_EQ(read_branch_node(rerun).kpis, b3.kpis);
}

TEST(VizDrill, ScriptFailuresExitNonZeroWithTheReason) {
  DrillCounty c("fail");
  const fs::path script = c.dir / "drill.toml", shots = c.dir / "shots";
  // The form: refused before any display is opened, exit 2, file:line:field named.
  sdtest::write_file(script, "[[prompt]]\nat = \"09:00\"\ntxt = \"x\"\n");
  auto r = viewer(c.run.string() + " --script " + script.string() + " --screenshot-dir " +
                  shots.string() + " --stormdrill " + STORMDRILL_BINARY);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find(script.string() + ":3:1: prompt[1].txt: unknown key"), std::string::npos)
      << r.output;
  // Against the run: a time after its end.
  sdtest::write_file(script, "[[prompt]]\nat = \"13:00\"\ntext = \"x\"\n");
  r = viewer(c.run.string() + " --script " + script.string() + " --screenshot-dir " +
             shots.string() + " --stormdrill " + STORMDRILL_BINARY);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("prompt[1].at: '13:00' (18000 s) is outside the run"), std::string::npos)
      << r.output;
  // A name the run does not have, refused when the script is loaded, on its one-liner's line.
  sdtest::write_file(script,
                     "[[prompt]]\nat = \"09:00\"\ntext = \"x\"\n"
                     "inject = [\"evacuate town=Atlantis\"]\n");
  r = viewer(c.run.string() + " --script " + script.string() + " --screenshot-dir " +
             shots.string() + " --stormdrill " + STORMDRILL_BINARY);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find(script.string() +
                          ":4:1: prompt[1].inject[1]: town=Atlantis: the run has no town"),
            std::string::npos)
      << r.output;
  // The engine refuses an inject: the viewer stops with its exit code and message.
  sdtest::write_file(script,
                     "[[prompt]]\nat = \"09:00\"\ntext = \"x\"\n"
                     "inject = [\"incident_burst x=300600 y=3380600 r=100 n=0\"]\n");
  r = viewer(c.run.string() + " --script " + script.string() + " --screenshot-dir " +
             shots.string() + " --stormdrill " + STORMDRILL_BINARY + " --cache-dir " +
             c.cache.string());
  if (r.exit_code == 3) GTEST_SKIP() << "no display could be created: " << r.output;
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("prompt 1 (09:00): stormdrill branch failed with exit code 2"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("count"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(shots / "prompt-01-0900.png"));
}

}  // namespace
