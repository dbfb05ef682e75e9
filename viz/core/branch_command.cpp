#include "core/branch_command.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

#include "core/drill_time.hpp"

namespace sd::viz {

namespace fs = std::filesystem;

namespace {

std::string quoted_value(const std::string& v) {
  const bool plain = !v.empty() && v.find_first_of(" \t\"'=") == std::string::npos;
  if (plain) return v;
  const bool dq = v.find('"') != std::string::npos, sq = v.find('\'') != std::string::npos;
  if (dq && sq)
    throw std::invalid_argument(
        "a value holding both quote characters cannot be an inject "
        "one-liner: " +
        v);
  return dq ? "'" + v + "'" : "\"" + v + "\"";
}

std::string shell_word(const std::string& w) {
  if (!w.empty() && w.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                        "0123456789-_./:=+,") == std::string::npos)
    return w;
  std::string q = "'";
  for (char c : w) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

bool executable(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

}  // namespace

std::string inline_text(const DirectorAction& a) {
  std::string s = a.kind;
  for (const auto& [k, v] : a.keys) s += " " + k + "=" + quoted_value(v);
  return s;
}

std::string metres_text(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.0f", std::round(v));
  return b;
}

DirectorAction close_road(int edge) {
  return {"close_road", {{"edge", std::to_string(edge)}}};
}
DirectorAction reopen_road(int edge) {
  return {"reopen_road", {{"edge", std::to_string(edge)}}};
}
DirectorAction team_out(const std::string& team) {
  return {"team_out", {{"team", team}}};
}
DirectorAction team_back(const std::string& team) {
  return {"team_back", {{"team", team}}};
}
DirectorAction incident_burst(double x, double y, double r, int n, const std::string& type) {
  DirectorAction a{"incident_burst",
                   {{"x", metres_text(x)},
                    {"y", metres_text(y)},
                    {"r", metres_text(r)},
                    {"n", std::to_string(n)}}};
  if (!type.empty()) a.keys.emplace_back("type", type);
  return a;
}
DirectorAction evacuate_area(double x, double y, double r) {
  return {"evacuate", {{"x", metres_text(x)}, {"y", metres_text(y)}, {"r", metres_text(r)}}};
}
DirectorAction evacuate_town(const std::string& town) {
  return {"evacuate", {{"town", town}}};
}
DirectorAction dike_breach(double x, double y, double peak_m3s) {
  return {"dike_breach",
          {{"x", metres_text(x)}, {"y", metres_text(y)}, {"peak_m3s", seconds_text(peak_m3s)}}};
}
DirectorAction response_level(const std::string& level) {
  return {"response_level", {{"level", level}}};
}
DirectorAction dispatch_policy(const std::string& policy) {
  return {"dispatch_policy", {{"policy", policy}}};
}
DirectorAction shelter(bool open, const std::string& name) {
  return {open ? "open_shelter" : "close_shelter", {{"shelter", name}}};
}
DirectorAction move_supplies(const std::string& from, const std::string& to,
                             const std::string& stock, double amount) {
  return {"move_supplies",
          {{"from", from}, {"to", to}, {"stock", stock}, {"amount", seconds_text(amount)}}};
}

DirectorAction move_station(const std::string& team, double x, double y) {
  return {"move_station", {{"team", team}, {"x", metres_text(x)}, {"y", metres_text(y)}}};
}
DirectorAction road_closure_area(double x, double y, double r) {
  return {"road_closure",
          {{"x", metres_text(x)}, {"y", metres_text(y)}, {"radius_m", metres_text(r)}}};
}
DirectorAction rain_band(double x, double y, double r, double factor) {
  return {"rain_band",
          {{"x", metres_text(x)},
           {"y", metres_text(y)},
           {"radius_m", metres_text(r)},
           {"factor", seconds_text(factor)}}};
}
DirectorAction depot_lost(const std::string& depot) {
  return {"depot_lost", {{"depot", depot}}};
}
DirectorAction comms_outage(double minutes_late) {
  return {"comms_outage", {{"factor", seconds_text(minutes_late)}}};
}
DirectorAction pump_failure(const std::string& station) {
  return {"pump_failure", {{"station", station}}};
}
DirectorAction pump_back(const std::string& station) {
  return {"pump_back", {{"station", station}}};
}
DirectorAction dike_breach_weir(double x, double y, double width_m,
                                const std::string& outside_level) {
  DirectorAction a{
      "dike_breach",
      {{"x", metres_text(x)}, {"y", metres_text(y)}, {"width_m", seconds_text(width_m)}}};
  if (!outside_level.empty()) a.keys.emplace_back("outside_level", outside_level);
  return a;
}
DirectorAction sluice_stuck(const std::string& outfall, bool open, double area_m2) {
  DirectorAction a{"sluice_stuck", {{"outfall", outfall}, {"state", open ? "open" : "closed"}}};
  if (open) a.keys.emplace_back("area_m2", seconds_text(area_m2));
  return a;
}

std::string outside_level_text(const std::string& pairs) {
  std::string out;
  std::istringstream in(pairs);
  std::string item;
  double last_t = -1e300;
  while (std::getline(in, item, ',')) {
    if (item.find_first_not_of(" \t") == std::string::npos) continue;
    double t = 0, level = 0;
    char colon = 0, extra = 0;
    std::istringstream one(item);
    if (!(one >> t >> colon >> level) || colon != ':' || (one >> extra) || !std::isfinite(t) ||
        !std::isfinite(level))
      throw std::invalid_argument("outside level: '" + item + "' is not HOURS:LEVEL");
    if (t <= last_t)
      throw std::invalid_argument("outside level: times must increase ('" + item + "')");
    last_t = t;
    out += (out.empty() ? "[" : ",[") + seconds_text(t) + "," + seconds_text(level) + "]";
  }
  return out.empty() ? out : "[" + out + "]";
}

bool undone_after_duration(const std::string& kind) {
  for (const char* k :
       {"close_road", "team_out", "close_shelter", "comms_outage", "pump_failure", "sluice_stuck"})
    if (kind == k) return true;
  return false;
}

DirectorAction with_duration(DirectorAction a, double hours) {
  if (hours > 0) a.keys.emplace_back("duration_h", seconds_text(hours));
  return a;
}

std::vector<std::string> BranchCommand::argv() const {
  std::vector<std::string> a{stormdrill.string(), "branch", parent.string(), "--at",
                             seconds_text(at_s)};
  for (const auto& j : injects) {
    a.push_back("--inject-inline");
    a.push_back(j);
  }
  a.push_back("-o");
  a.push_back(out.string());
  a.push_back("-q");
  if (!cache_dir.empty()) {
    a.push_back("--cache-dir");
    a.push_back(cache_dir);
  }
  return a;
}

std::string BranchCommand::shell_text() const {
  std::string s;
  for (const auto& w : argv()) s += (s.empty() ? "" : " ") + shell_word(w);
  return s;
}

fs::path locate_stormdrill(const fs::path& explicit_path, const fs::path& viewer_binary) {
  if (!explicit_path.empty()) {
    if (!executable(explicit_path))
      throw std::invalid_argument("--stormdrill " + explicit_path.string() +
                                  ": not an executable file");
    return fs::absolute(explicit_path);
  }
  const fs::path dir = viewer_binary.parent_path();
  std::vector<fs::path> tried{dir / "stormdrill", dir.parent_path() / "engine" / "stormdrill"};
  for (const auto& p : tried)
    if (executable(p)) return p;
  if (const char* path = std::getenv("PATH")) {
    std::stringstream ss(path);
    for (std::string d; std::getline(ss, d, ':');)
      if (!d.empty() && executable(fs::path(d) / "stormdrill")) return fs::path(d) / "stormdrill";
  }
  throw std::invalid_argument("cannot find the stormdrill binary (looked at " + tried[0].string() +
                              ", " + tried[1].string() + " and PATH); name it with --stormdrill");
}

}  // namespace sd::viz
