// The command lines the drill director builds: exact one-liners for every action and the exact
// argv of `stormdrill branch` (tests/viz/drill checks that the engine accepts them).
#include <gtest/gtest.h>

#include "core/branch_command.hpp"

namespace sd::viz {
namespace {

TEST(BranchCommand, OneLinersForEveryDirectorAction) {
  EXPECT_EQ(inline_text(close_road(1234)), "close_road edge=1234");
  EXPECT_EQ(inline_text(reopen_road(7)), "reopen_road edge=7");
  EXPECT_EQ(inline_text(team_out("Fire brigade — Wuyuan")),
            "team_out team=\"Fire brigade — Wuyuan\"");
  EXPECT_EQ(inline_text(team_back("Ambulance")), "team_back team=Ambulance");
  EXPECT_EQ(inline_text(incident_burst(307000.4, 3383000.6, 599.7, 25, "trapped_home")),
            "incident_burst x=307000 y=3383001 r=600 n=25 type=trapped_home");
  EXPECT_EQ(inline_text(evacuate_area(301200, 3369400, 1500)),
            "evacuate x=301200 y=3369400 r=1500");
  EXPECT_EQ(inline_text(evacuate_town("Qinshan")), "evacuate town=Qinshan");
  EXPECT_EQ(inline_text(dike_breach(301000, 3381000, 150)),
            "dike_breach x=301000 y=3381000 peak_m3s=150");
  EXPECT_EQ(inline_text(response_level("II")), "response_level level=II");
  EXPECT_EQ(inline_text(dispatch_policy("priority")), "dispatch_policy policy=priority");
  EXPECT_EQ(inline_text(shelter(false, "County Sports Centre")),
            "close_shelter shelter=\"County Sports Centre\"");
  EXPECT_EQ(inline_text(shelter(true, "Gym")), "open_shelter shelter=Gym");
  EXPECT_EQ(inline_text(move_supplies("Depot", "Depot 2", "food", 500)),
            "move_supplies from=Depot to=\"Depot 2\" stock=food amount=500");
}

TEST(BranchCommand, HazardDecisionsOfTheDirector) {
  EXPECT_EQ(inline_text(dike_breach_weir(301000, 3381000, 40, outside_level_text("12:3.2, 15:4"))),
            "dike_breach x=301000 y=3381000 width_m=40 outside_level=[[12,3.2],[15,4]]");
  EXPECT_EQ(inline_text(dike_breach_weir(301000, 3381000, 25.5, "")),
            "dike_breach x=301000 y=3381000 width_m=25.5");
  EXPECT_EQ(inline_text(pump_back("Central polder pumping station")),
            "pump_back station=\"Central polder pumping station\"");
  EXPECT_EQ(inline_text(sluice_stuck("Sea sluice 1", true, 4)),
            "sluice_stuck outfall=\"Sea sluice 1\" state=open area_m2=4");
  EXPECT_EQ(inline_text(sluice_stuck("S", false, 4)), "sluice_stuck outfall=S state=closed");
  EXPECT_EQ(outside_level_text("  "), "");
  // The director's duration field applies to the pump and sluice decisions as well.
  for (const char* kind : {"pump_failure", "sluice_stuck", "close_road", "team_out"})
    EXPECT_TRUE(undone_after_duration(kind)) << kind;
  for (const char* kind : {"pump_back", "dike_breach", "response_level", "reopen_road"})
    EXPECT_FALSE(undone_after_duration(kind)) << kind;
  EXPECT_EQ(inline_text(with_duration(pump_failure("P 1"), 2.5)),
            "pump_failure station=\"P 1\" duration_h=2.5");
  EXPECT_EQ(inline_text(with_duration(sluice_stuck("S", false, 0), 1)),
            "sluice_stuck outfall=S state=closed duration_h=1");
  EXPECT_THROW(outside_level_text("12:3, 11:4"), std::invalid_argument);
  EXPECT_THROW(outside_level_text("12 3"), std::invalid_argument);
  EXPECT_THROW(outside_level_text("12:3x"), std::invalid_argument);
}

TEST(BranchCommand, ValuesWithBothQuoteKindsAreRefused) {
  EXPECT_THROW(inline_text({"team_out", {{"team", "O\"Neil's"}}}), std::invalid_argument);
  EXPECT_EQ(inline_text({"team_out", {{"team", "the \"A\" team"}}}),
            "team_out team='the \"A\" team'");
}

TEST(BranchCommand, ArgvAndShellText) {
  BranchCommand c{"/opt/sd/stormdrill",
                  "/runs/run.h5",
                  "/runs/run-branches/branch-01.h5",
                  50400,
                  {"close_road edge=12", "team_out team=\"Fire West\""},
                  ""};
  const std::vector<std::string> want = {"/opt/sd/stormdrill",
                                         "branch",
                                         "/runs/run.h5",
                                         "--at",
                                         "50400",
                                         "--inject-inline",
                                         "close_road edge=12",
                                         "--inject-inline",
                                         "team_out team=\"Fire West\"",
                                         "-o",
                                         "/runs/run-branches/branch-01.h5",
                                         "-q"};
  EXPECT_EQ(c.argv(), want);
  EXPECT_EQ(c.shell_text(),
            "/opt/sd/stormdrill branch /runs/run.h5 --at 50400 --inject-inline 'close_road "
            "edge=12' --inject-inline 'team_out team=\"Fire West\"' -o "
            "/runs/run-branches/branch-01.h5 -q");
  c.cache_dir = "/tmp/cache";
  EXPECT_EQ(c.argv().back(), "/tmp/cache");
  EXPECT_EQ(c.argv()[c.argv().size() - 2], "--cache-dir");
}

TEST(BranchCommand, LocatingStormdrillNamesWhereItLooked) {
  try {
    locate_stormdrill("", "/nonexistent/bin/stormdrill-viz");
    // A stormdrill on PATH is fine too.
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/bin/stormdrill"), std::string::npos);
  }
  EXPECT_THROW(locate_stormdrill("/nonexistent/stormdrill", ""), std::invalid_argument);
}

}  // namespace
}  // namespace sd::viz
