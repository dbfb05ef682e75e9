#pragma once
// Drill injects and decisions as text: the [[inject]] tables of a scenario or of a branch
// inject file, the one-line form `ACTION key=value ...` of `stormdrill branch --inject-inline`,
// the canonical TOML a branch records (so it can be saved and re-run), and drill times
// ("14:00", ISO-8601, seconds). docs/drills.md lists every action and its keys.
#include <optional>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "scenario/toml_reader.hpp"

namespace sd {

// Reads one [[inject]] table, checking names (team, depot, town, shelter, pumping station)
// against the scenario. `default_t_s` is the time of an entry without `at_h`/`at` (branch
// files: the branch time); without it `at_h` is required (scenario files).
Inject read_inject_table(TableReader& t, const Scenario& s, std::optional<double> default_t_s);

// Every [[inject]] table of a TOML text (an inject file); `source` names it in errors.
// Throws InputError listing every problem (source:line:col: field: message). Warnings
// (source:line:col: warning: ...) go to `warnings` when given.
std::vector<Inject> parse_inject_text(const std::string& text, const std::string& source,
                                      const Scenario& s, double default_t_s,
                                      std::vector<std::string>* warnings = nullptr);

// `close_road edge=12 at=14:30` -> one [[inject]] table in TOML. Values that read as numbers
// are numbers, anything else a string. Throws InputError naming `source` on a malformed line.
std::string inline_inject_toml(const std::string& line, const std::string& source);

// The canonical [[inject]] table of an inject, with its time explicit (`at_h`).
std::string inject_toml(const Inject& j);

// A drill time in seconds after the scenario start: "14:00" (the first time the clock, in
// the offset of the scenario start, shows 14:00 at or after the start; "38:00" is 14:00 of
// the day after the start day), an ISO-8601 date-time with offset, or plain seconds
// ("50400", "50400s"). Throws InputError naming
// `what` when the text is none of these.
double parse_drill_time(const std::string& text, const Scenario& s, const std::string& what);

// Position check shared with the scenario loader: x and y required, inside the DEM.
void read_position(TableReader& t, const Scenario& s, double& x, double& y);

}  // namespace sd
