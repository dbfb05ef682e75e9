#include "flood_cli/flood_inputs.hpp"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "io/output_guard.hpp"

namespace sd::flood_cli {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

bool parse_number(const std::string& s, double& v) {
  const std::string t = trim(s);
  if (t.empty()) return false;
  char* end = nullptr;
  v = std::strtod(t.c_str(), &end);
  return end == t.c_str() + t.size() && std::isfinite(v);
}

}  // namespace

TimeSeries read_series_csv(const std::string& path, const std::string& value_name) {
  io::note_input(path);  // --summary-json must not land on a rain or level CSV
  std::ifstream in(path);
  if (!in) throw InputError(where(path) + ": cannot open file");
  TimeSeries ts;
  std::string line;
  long ln = 0;
  bool header_seen = false;
  while (std::getline(in, line)) {
    ++ln;
    const std::string s = trim(line);
    if (s.empty() || s[0] == '#') continue;
    const auto comma = s.find(',');
    if (comma == std::string::npos)
      throw InputError(where(path, ln) + ": expected two comma-separated columns (t_s," +
                       value_name + ")");
    double t = 0, v = 0;
    const bool ok_t = parse_number(s.substr(0, comma), t);
    const bool ok_v = parse_number(s.substr(comma + 1), v);
    if (!ok_t && !ok_v && ts.empty() && !header_seen) {
      header_seen = true;  // a header line such as "t_s,mm_per_h"
      continue;
    }
    if (!ok_t) throw InputError(where(path, ln) + ": field t_s is not a number");
    if (!ok_v) throw InputError(where(path, ln) + ": field " + value_name + " is not a number");
    if (!ts.empty() && t <= ts.t.back())
      throw InputError(where(path, ln) + ": field t_s must increase strictly (" +
                       std::to_string(t) + " after " + std::to_string(ts.t.back()) + ")");
    ts.t.push_back(t);
    ts.v.push_back(v);
  }
  if (ts.empty()) throw InputError(where(path) + ": no data rows");
  return ts;
}

void apply_boundaries(const std::vector<std::string>& specs, std::array<flood::Edge, 4>& edges) {
  for (const auto& spec : specs) {
    std::string sides = "NESW", what = spec;
    const auto eq = spec.find('=');
    if (eq != std::string::npos) {
      sides = spec.substr(0, eq);
      what = spec.substr(eq + 1);
      if (sides != "N" && sides != "E" && sides != "S" && sides != "W")
        throw InputError("--boundary " + spec + ": side must be N, E, S or W");
    }
    flood::Edge e;
    if (what == "closed") {
      e.kind = flood::Edge::Kind::Closed;
    } else if (what == "open") {
      e.kind = flood::Edge::Kind::Open;
    } else if (what.rfind("level:", 0) == 0 && what.size() > 6) {
      e.kind = flood::Edge::Kind::Level;
      e.level = read_series_csv(what.substr(6), "level_m");
    } else {
      throw InputError("--boundary " + spec + ": expected closed, open or level:CSV");
    }
    for (char c : sides) edges[std::string("NESW").find(c)] = e;
  }
}

}  // namespace sd::flood_cli
