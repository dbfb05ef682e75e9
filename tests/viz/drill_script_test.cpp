// The facilitator's drill script: a good file reads back; every kind of bad file is refused
// with the file, line and field named; times and names are checked against the run.
#include <gtest/gtest.h>

#include <fstream>

#include "core/drill_script.hpp"
#include "core/drill_time.hpp"
#include "viz_test_util.hpp"

namespace sd::viz {
namespace {

// A run of 3 h starting 2021-07-25 08:00 +08:00 with 4 road rows and two teams.
struct SmallRun {
  Replay r;
  std::optional<ClockOrigin> clock = parse_iso8601("2021-07-25T08:00:00+08:00");
  SmallRun() {
    Column from{"from", false, {0, 1, 1, 2}, {}, {}};
    Column to{"to", false, {1, 0, 2, 1}, {}, {}};
    r.edges.add(from);
    r.edges.add(to);
    Column names{"name", true, {}, {"Fire West", "Fire brigade — Wuyuan"}, {}};
    r.teams.add(names);
    r.towns.add({"name", true, {}, {"West"}, {}});
    r.shelters.add({"name", true, {}, {"Gym"}, {}});
    r.depots.add({"name", true, {}, {"Depot", "Store"}, {}});
    r.sites.add({"name", true, {}, {"Clinic", "North pumps"}, {}});
    r.sites.add({"kind", false, {0, 2}, {}, {"hospital", "care_home", "pumping_station"}});
  }
};

std::string message_of(const std::string& text, bool resolve = false) {
  try {
    DrillScript s = parse_drill_script_text(text, "drill.toml");
    if (resolve) {
      SmallRun run;
      resolve_script(s, run.clock, 3 * 3600.0, run.r);
    }
  } catch (const DrillScriptError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(DrillScript, GoodScriptReadsBackWithTimesFromTheRunsClock) {
  DrillScript s = parse_drill_script_text(R"(# a drill
[drill]
title = "Bowl county, the afternoon"

[[prompt]]
at = "09:00"
text = "The bridge is gone"
inject = ["close_road edge=3", 'team_out team="Fire brigade — Wuyuan" duration_h=2']

[[prompt]]
at = "5400"
text = "Ask the command post for its plan"

[[prompt]]
at = "2021-07-25T10:30:00+08:00"
text = "Raise the level"
inject = ["response_level level=II"]
)",
                                          "drill.toml");
  SmallRun run;
  resolve_script(s, run.clock, 3 * 3600.0, run.r);
  EXPECT_EQ(s.title, "Bowl county, the afternoon");
  ASSERT_EQ(s.prompts.size(), 3u);
  EXPECT_EQ(s.prompts[0].line, 5);
  EXPECT_EQ(s.prompts[0].at_s, 3600.0) << "09:00 is 1 h after the 08:00 start";
  EXPECT_EQ(s.prompts[0].text, "The bridge is gone");
  ASSERT_EQ(s.prompts[0].injects.size(), 2u);
  EXPECT_EQ(s.prompts[0].injects[1], "team_out team=\"Fire brigade — Wuyuan\" duration_h=2");
  EXPECT_EQ(s.prompts[1].at_s, 5400.0);
  EXPECT_TRUE(s.prompts[1].injects.empty());
  EXPECT_EQ(s.prompts[2].at_s, 9000.0);
}

TEST(DrillScript, BadFormNamesFileLineAndField) {
  struct Case {
    std::string text, want;
  };
  const std::vector<Case> cases = {
      {"[[prompt]]\nat = \"09:00\"\ntext = \"x\"\ninjct = [\"close_road edge=1\"]\n",
       "drill.toml:4:1: prompt[1].injct: unknown key"},
      {"[[prompt]]\ntext = \"x\"\n", "drill.toml:1:1: prompt[1].at: missing"},
      {"[[prompt]]\nat = \"09:00\"\n", "drill.toml:1:1: prompt[1].text: missing"},
      {"[[prompt]]\nat = \"09:00\"\ntext = \"x\"\ninject = \"close_road edge=1\"\n",
       "drill.toml:4:10: prompt[1].inject: expected an array"},
      {"[[prompt]]\nat = \"09:00\"\ntext = \"x\"\ninject = [\"shut_road edge=1\"]\n",
       "drill.toml:4:11: prompt[1].inject[1]: unknown action 'shut_road'"},
      {"[[prompt]]\nat = \"09:00\"\ntext = \"x\"\ninject = [\"close_road edge\"]\n",
       "prompt[1].inject[1]: 'edge' is not key=value"},
      {"[[prompt]]\nat = \"09:00\"\ntext = \"x\"\ninject = [\"team_out team=\\\"Fire\"]\n",
       "prompt[1].inject[1]: unclosed quote"},
      {"[[prompt]]\nat = 9.5\ntext = \"x\"\n", "drill.toml:2:6: prompt[1].at: expected a time"},
      {"[drill]\ntitel = \"x\"\n", "drill.toml:2:1: drill.titel: unknown key"},
      {"[drill]\ntitle = \"x\"\n", "prompt: no [[prompt]] table"},
      {"[[prompt]]\nat = \"09:00\ntext = \"x\"\n", "drill.toml:2:"},
      {"prompts = 1\n", "drill.toml:1:1: prompts: unknown key"},
  };
  for (const auto& c : cases) {
    const std::string m = message_of(c.text);
    EXPECT_NE(m.find(c.want), std::string::npos) << c.text << "\n--> " << m;
  }
}

TEST(DrillScript, CheckedAgainstTheRun) {
  struct Case {
    std::string text, want;
  };
  const std::vector<Case> cases = {
      {"[[prompt]]\nat = \"12:00\"\ntext = \"x\"\n",
       "drill.toml:1:1: prompt[1].at: '12:00' (14400 s) is outside the run (0 .. 10800 s)"},
      {"[[prompt]]\nat = \"noon\"\ntext = \"x\"\n", "prompt[1].at: 'noon' is not a time"},
      {"[[prompt]]\nat = \"10:00\"\ntext = \"x\"\n[[prompt]]\nat = \"09:00\"\ntext = \"y\"\n",
       "drill.toml:4:1: prompt[2].at: '09:00' comes before the previous prompt"},
      {"[[prompt]]\nat = \"09:00\"\ntext = \"x\"\ninject = [\"close_road edge=4\"]\n",
       "prompt[1].inject[1]: edge=4: no such road segment (the run has 4 rows"},
      {"[[prompt]]\nat = \"09:00\"\ntext = \"x\"\ninject = [\"team_out team=Nobody\"]\n",
       "drill.toml:4:1: prompt[1].inject[1]: team=Nobody: the run has no team of that name"},
      // Every name, on the line of its one-liner, when the script is loaded.
      {"[[prompt]]\nat = \"09:00\"\ntext = \"x\"\ninject = [\n  \"response_level level=II\",\n"
       "  \"evacuate town=Atlantis\"]\n",
       "drill.toml:6:1: prompt[1].inject[2]: town=Atlantis: the run has no town of that name"},
      {"[[prompt]]\nat = \"09:00\"\ntext = \"x\"\ninject = [\"open_shelter shelter=Hall\"]\n",
       "shelter=Hall: the run has no shelter of that name"},
      {"[[prompt]]\nat = \"09:00\"\ntext = \"x\"\ninject = [\"depot_lost depot=Barn\"]\n",
       "depot=Barn: the run has no depot of that name"},
      {"[[prompt]]\nat = \"09:00\"\ntext = \"x\"\n"
       "inject = [\"move_supplies from=Depot to=Stor stock=food amount=5\"]\n",
       "to=Stor: the run has no depot of that name"},
      {"[[prompt]]\nat = \"09:00\"\ntext = \"x\"\ninject = [\"pump_failure station=Clinic\"]\n",
       "station=Clinic: the run has no pumping station of that name"},
  };
  for (const auto& c : cases) {
    const std::string m = message_of(c.text, true);
    EXPECT_NE(m.find(c.want), std::string::npos) << c.text << "\n--> " << m;
  }
  EXPECT_EQ(message_of("[[prompt]]\nat = \"10:59\"\ntext = \"x\"\n", true), "(accepted)");
  EXPECT_EQ(
      message_of("[[prompt]]\nat = \"10:00\"\ntext = \"x\"\ninject = [\"evacuate town=West\", "
                 "\"close_shelter shelter=Gym\", \"move_supplies from=Depot to=Store "
                 "stock=food amount=5\", \"pump_back station='North pumps'\"]\n",
                 true),
      "(accepted)");
}

TEST(DrillScript, MissingFileIsNamed) {
  try {
    read_drill_script("/nonexistent/drill.toml");
    FAIL() << "accepted a missing file";
  } catch (const DrillScriptError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/drill.toml: drill script not found"),
              std::string::npos);
  }
}

TEST(DrillTime, ClockTimesFollowTheStartDayAndItsOffset) {
  const auto start = parse_iso8601("2021-07-25T20:00:00+08:00");
  std::string why;
  EXPECT_EQ(parse_drill_time("14:00", start, why).value_or(-1), 18 * 3600.0)
      << "a drill starting at 20:00 reaches 14:00 the next day";
  EXPECT_EQ(parse_drill_time("20:00", start, why).value_or(-1), 0.0);
  EXPECT_EQ(parse_drill_time("38:00", start, why).value_or(-1), 18 * 3600.0);
  EXPECT_EQ(parse_drill_time("64800s", start, why).value_or(-1), 64800.0);
  EXPECT_EQ(parse_drill_time("2021-07-26T14:00:00+08:00", start, why).value_or(-1), 18 * 3600.0);
  EXPECT_FALSE(parse_drill_time("14:60", start, why));
  EXPECT_FALSE(parse_drill_time("14:00", std::nullopt, why));
  EXPECT_NE(why.find("no start time"), std::string::npos) << why;
  EXPECT_EQ(seconds_text(50400), "50400");
  EXPECT_EQ(seconds_text(3600.5), "3600.5");
}

}  // namespace
}  // namespace sd::viz
