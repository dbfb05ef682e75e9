#include "county/track_import.hpp"

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include "core/error.hpp"
#include "io/output_guard.hpp"

namespace sd::county {
namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string f;
  while (std::getline(ss, f, ',')) out.push_back(f);
  return out;
}

bool is_number(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

// "2021-07-26T09:00+08:00" -> "2021-07-26T09:00:00+08:00"; full forms pass through.
std::string with_seconds(const std::string& t) {
  if (t.size() == 22 && t[10] == 'T' && t[13] == ':' && (t[16] == '+' || t[16] == '-'))
    return t.substr(0, 16) + ":00" + t.substr(16);
  return t;
}

// "path:line" — built here rather than with sd::where(), whose `":" + std::to_string()` trips
// GCC 12's -Wrestrict false positive (GCC bug 105329) when inlined at -O3.
std::string at_line(const std::string& path, long line) {
  std::string s = path;
  s.push_back(':');
  s.append(std::to_string(line));
  return s;
}

}  // namespace

std::string convert_cma_track(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot open track file");
  io::note_input(path);
  std::string line;
  std::vector<int> col;  // indices of time, lat, lon, pressure_hpa, wind_ms
  const char* names[] = {"time", "lat", "lon", "pressure_hpa", "wind_ms"};
  std::ostringstream out;
  out << "time,lat,lon,pressure_hpa,wind_ms\n";
  std::set<std::string> seen;
  long ln = 0, rows = 0;
  while (std::getline(in, line)) {
    ++ln;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const auto f = split(line);
    if (col.empty()) {
      for (const char* n : names) {
        int found = -1;
        for (std::size_t c = 0; c < f.size(); ++c)
          if (f[c] == n) found = static_cast<int>(c);
        if (found < 0) throw InputError(at_line(path, ln) + ": header has no '" + n + "' column");
        col.push_back(found);
      }
      continue;
    }
    bool missing = false;
    for (int c : col) missing |= c >= static_cast<int>(f.size()) || f[c].empty() || f[c] == "null";
    if (missing) continue;  // CMA repeats some fixes with null intensity: drop them
    for (std::size_t n = 1; n < col.size(); ++n)
      if (!is_number(f[col[n]]))
        throw InputError(at_line(path, ln) + ": field '" + names[n] + "' is not a number: '" +
                         f[col[n]] + "'");
    const std::string t = with_seconds(f[col[0]]);
    if (t.size() < 19 || t[10] != 'T')
      throw InputError(at_line(path, ln) + ": field 'time' is not ISO-8601: '" + f[col[0]] + "'");
    if (!seen.insert(t).second) continue;
    out << t;
    for (std::size_t n = 1; n < col.size(); ++n) out << ',' << f[col[n]];
    out << '\n';
    ++rows;
  }
  if (col.empty() || rows < 2) throw InputError(path + ": fewer than two usable track rows");
  return out.str();
}

}  // namespace sd::county
