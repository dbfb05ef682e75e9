// A facilitator's drill script (docs/viz.md, "Facilitator scripts"): timed prompts the director
// reads out, each with the injects to apply when the director confirms.
//
//   [drill]
//   title = "Haiyan, the afternoon of landfall"
//   [[prompt]]
//   at = "14:00"
//   text = "Tell the command post the Qinshan bridge is gone"
//   inject = ["close_road edge=1234"]
//
// Parsing checks the form (file, line and field named in every error); resolve_script() then
// checks it against the opened run (times inside it and in order, road rows and the names of
// teams, towns, shelters, depots and pumping stations), so a script for another county is refused
// before anything is branched.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/replay.hpp"

namespace sd::viz {

// Bad script: the message lists every problem as FILE:LINE:COL: FIELD: what is wrong.
// An invalid_argument, so the viewer's command line exits with code 2.
class DrillScriptError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct DrillPrompt {
  int line = 0;                      // of its [[prompt]] header, for messages
  std::string at_text;               // as written ("14:00")
  double at_s = 0;                   // seconds after the scenario start (resolve_script)
  std::string text;                  // what the director reads out
  std::vector<std::string> injects;  // one-liners, `ACTION key=value ...`
  std::vector<int> inject_lines;     // line of each one-liner, for messages
};

struct DrillScript {
  std::filesystem::path path;
  std::string title;
  std::vector<DrillPrompt> prompts;
};

DrillScript parse_drill_script_text(const std::string& text, const std::filesystem::path& source);
DrillScript read_drill_script(const std::filesystem::path& path);  // not found: DrillScriptError

// Fills in at_s from the run's clock and checks the script against the run: every time inside
// [0, end], prompts in time order, `edge=N` a row of /roads/edges, and every name a place of
// the run: `team=` a team, `town=` a town, `shelter=` a shelter, `depot=`/`from=`/`to=` a
// depot, `station=` a pumping station (a critical site of that kind). Called when the script
// is loaded, so a misspelt name is refused before the drill starts, not when its prompt comes.
// (Outfall names are not in the results file: `stormdrill branch` checks those.)
void resolve_script(DrillScript& s, const std::optional<ClockOrigin>& origin, double end_s,
                    const Replay& run);

// The form of a one-liner: a known action, then key=value words. Empty when it is well formed,
// else what is wrong.
std::string inject_line_problem(const std::string& line);

}  // namespace sd::viz
