// What the drill director asks for, as the command line of `stormdrill branch` (docs/drills.md):
// the viewer never runs engine code; it runs the engine's own command as a child process.
//   stormdrill branch PARENT.h5 --at SECONDS --inject-inline 'close_road edge=12' -o BRANCH.h5 -q
// The one-liners use the keys of docs/drills.md; the branch time goes over in seconds, so the
// viewer and the engine never have to agree on clock text.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace sd::viz {

// One inject or decision: an action of docs/drills.md and its keys, in order.
struct DirectorAction {
  std::string kind;
  std::vector<std::pair<std::string, std::string>> keys;
};

// The one-line form `ACTION key=value ...`; a value with spaces (or quotes, or '=') is quoted
// with "..." (or '...' when it holds a double quote), as `--inject-inline` splits it.
// Throws std::invalid_argument for a value holding both kinds of quote.
std::string inline_text(const DirectorAction& a);

// Metres on the map as the one-liners write them: whole metres ("307000").
std::string metres_text(double v);

// The actions the map tools make.
DirectorAction close_road(int edge);
DirectorAction reopen_road(int edge);
DirectorAction team_out(const std::string& team);
DirectorAction team_back(const std::string& team);
DirectorAction incident_burst(double x, double y, double r, int n, const std::string& type);
DirectorAction evacuate_area(double x, double y, double r);
DirectorAction evacuate_town(const std::string& town);
DirectorAction dike_breach(double x, double y, double peak_m3s);
DirectorAction response_level(const std::string& level);
DirectorAction dispatch_policy(const std::string& policy);
DirectorAction shelter(bool open, const std::string& name);
DirectorAction move_supplies(const std::string& from, const std::string& to,
                             const std::string& stock, double amount);
DirectorAction move_station(const std::string& team, double x, double y);
DirectorAction road_closure_area(double x, double y, double r);
DirectorAction rain_band(double x, double y, double r, double factor);
DirectorAction depot_lost(const std::string& depot);
DirectorAction comms_outage(double minutes_late);
DirectorAction pump_failure(const std::string& station);
DirectorAction pump_back(const std::string& station);
// A breach of `width_m` fed by the outside level `outside_level` (the text of
// outside_level_text; empty: the scenario's sea level).
DirectorAction dike_breach_weir(double x, double y, double width_m,
                                const std::string& outside_level);
DirectorAction sluice_stuck(const std::string& outfall, bool open, double area_m2);
// "12:3.2, 15:4.1" (hours after the start : level m, times increasing) as the one-liner's
// TOML array "[[12,3.2],[15,4.1]]"; "" for an empty text. Throws std::invalid_argument saying
// what is wrong, so the panel can show it before running anything.
std::string outside_level_text(const std::string& pairs);
// `duration_h=H` appended (the action is undone after H hours) when H > 0.
DirectorAction with_duration(DirectorAction a, double hours);
// True for the actions the engine undoes after their `duration_h` (docs/drills.md): a road
// reopens, a team or a pumping station is back, a shelter reopens, a stuck gate works again,
// communications return.
bool undone_after_duration(const std::string& kind);

struct BranchCommand {
  std::filesystem::path stormdrill, parent, out;
  double at_s = 0;
  std::vector<std::string> injects;  // one-liners
  std::string cache_dir;             // passed as --cache-dir when set
  std::vector<std::string> argv() const;
  // The same as a shell line (single-quoted where needed), for the log and error messages.
  std::string shell_text() const;
};

// `stormdrill` for the viewer: `explicit_path` when given (must be a file), else beside the
// viewer binary, else ../engine/stormdrill (the build tree), else on PATH. Throws
// std::invalid_argument naming where it looked.
std::filesystem::path locate_stormdrill(const std::filesystem::path& explicit_path,
                                        const std::filesystem::path& viewer_binary);

}  // namespace sd::viz
