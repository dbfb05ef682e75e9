#include "io/track_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "core/error.hpp"
#include "core/iso_time.hpp"
#include "io/atomic_file.hpp"
#include "io/output_guard.hpp"

namespace sd::io {
namespace {

using storm::Averaging;
using storm::kNaN;
using storm::Track;
using storm::TrackPoint;

constexpr double kKtToMs = 1852.0 / 3600.0;
constexpr double kNmiToKm = 1.852;

std::string trim(const std::string& s) {
  std::size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return s.substr(a, b - a);
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == sep) {
      out.push_back(trim(cur));
      cur.clear();
    } else
      cur += c;
  }
  out.push_back(trim(cur));
  return out;
}

struct Lines {
  std::string path;
  std::vector<std::string> text;  // without trailing \r
};

Lines read_lines(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(where(path) + ": cannot open track file");
  note_input(path);
  Lines l{path, {}};
  std::string s;
  while (std::getline(in, s)) {
    if (!s.empty() && s.back() == '\r') s.pop_back();
    if (l.text.empty() && s.rfind("\xEF\xBB\xBF", 0) == 0) s.erase(0, 3);  // UTF-8 BOM
    l.text.push_back(s);
  }
  return l;
}

[[noreturn]] void fail(const std::string& path, std::size_t line, const std::string& msg) {
  throw InputError(where(path, static_cast<long>(line)) + ": " + msg);
}

bool is_missing(const std::string& s) {
  const std::string l = lower(s);
  return l.empty() || l == "null" || l == "nan" || l == "na" || l == "-";
}

// A number, or NaN when missing (optional) / an error naming the field (required).
double number(const std::string& s, bool required, const std::string& field,
              const std::string& path, std::size_t line) {
  if (is_missing(s)) {
    if (required) fail(path, line, "field '" + field + "': missing value");
    return kNaN;
  }
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0' || !std::isfinite(v))
    fail(path, line, "field '" + field + "': not a number: '" + s + "'");
  return v;
}

std::array<double, 4> radii(const std::string& s, const std::string& field, const std::string& path,
                            std::size_t line) {
  std::array<double, 4> r{kNaN, kNaN, kNaN, kNaN};
  if (s.find('|') == std::string::npos) {
    r.fill(number(s, false, field, path, line));
    return r;
  }
  const auto parts = split(s, '|');
  if (parts.size() != 4)
    fail(path, line, "field '" + field + "': expected four values NE|SE|SW|NW");
  for (int q = 0; q < 4; ++q) r[q] = number(parts[q], false, field, path, line);
  return r;
}

void check_ranges(const TrackPoint& p, const std::string& path, std::size_t line) {
  if (!(std::abs(p.lat) <= 90)) fail(path, line, "field 'lat': out of range [-90, 90]");
  if (!(p.lon >= -180 && p.lon <= 360)) fail(path, line, "field 'lon': out of range [-180, 360]");
  if (!std::isnan(p.pc_hpa) && !(p.pc_hpa >= 850 && p.pc_hpa <= 1100))
    fail(path, line, "field 'pressure_hpa': out of range [850, 1100]");
  if (!std::isnan(p.vmax_ms) && !(p.vmax_ms >= 0 && p.vmax_ms <= 120))
    fail(path, line, "field 'wind_ms': out of range [0, 120] m/s");
}

Track finish(Track t, const std::string& path) {
  if (t.points.size() < 2) throw InputError(where(path) + ": track needs at least two fixes");
  try {
    return storm::clean_track(std::move(t));
  } catch (const std::invalid_argument& e) {
    throw InputError(where(path) + ": " + e.what());
  }
}

bool comment_or_blank(const std::string& s) {
  const std::string t = trim(s);
  return t.empty() || t[0] == '#';
}

Track read_plain_csv(const Lines& l) {
  Track tr;
  tr.averaging = Averaging::two_min;
  std::map<std::string, std::size_t> col;
  std::size_t ncol = 0;
  for (std::size_t k = 0; k < l.text.size(); ++k) {
    const std::string& s = l.text[k];
    const std::size_t line = k + 1;
    if (comment_or_blank(s)) {
      const auto pos = lower(s).find("averaging:");
      if (pos != std::string::npos &&
          !storm::parse_averaging(trim(s.substr(pos + 10)), tr.averaging))
        fail(l.path, line, "unknown averaging '" + trim(s.substr(pos + 10)) + "'");
      continue;
    }
    const auto f = split(s, ',');
    if (col.empty()) {
      for (std::size_t c = 0; c < f.size(); ++c) col[lower(f[c])] = c;
      for (const char* need : {"time", "lat", "lon", "pressure_hpa", "wind_ms"})
        if (!col.count(need)) fail(l.path, line, std::string("header lacks column '") + need + "'");
      ncol = f.size();
      continue;
    }
    if (f.size() != ncol)
      fail(l.path, line,
           "expected " + std::to_string(ncol) + " fields, found " + std::to_string(f.size()));
    auto get = [&](const char* name) -> std::string {
      const auto it = col.find(name);
      return it == col.end() ? std::string() : f[it->second];
    };
    TrackPoint p;
    bool has_offset = false;
    const auto t = parse_iso8601(get("time"), has_offset);
    if (!t) fail(l.path, line, "field 'time': not an ISO-8601 date-time: '" + get("time") + "'");
    // Agencies' real-time tracks are in local time as often as in UTC: a time without offset
    // is ambiguous by hours, so it is refused rather than guessed (CMA best-track and IBTrACS
    // times are UTC by definition and need none).
    if (!has_offset)
      fail(l.path, line,
           "field 'time': '" + get("time") +
               "' has no UTC offset; plain CSV track times must state it, e.g. '" + get("time") +
               "+08:00' for Beijing time or '" + get("time") + "Z' for UTC");
    p.t = static_cast<double>(*t);
    p.lat = number(get("lat"), true, "lat", l.path, line);
    p.lon = number(get("lon"), true, "lon", l.path, line);
    p.pc_hpa = number(get("pressure_hpa"), false, "pressure_hpa", l.path, line);
    p.vmax_ms = number(get("wind_ms"), false, "wind_ms", l.path, line);
    p.rmax_km = number(get("rmax_km"), false, "rmax_km", l.path, line);
    p.r30_km = radii(get("r30_km"), "r30_km", l.path, line);
    p.r50_km = radii(get("r50_km"), "r50_km", l.path, line);
    const std::string type = lower(get("type"));
    p.landfall = type == "dl" || type == "landfall";
    check_ranges(p, l.path, line);
    tr.points.push_back(p);
  }
  return finish(std::move(tr), l.path);
}

Track read_cma_bst(const Lines& l, const std::string& select) {
  Track tr;
  tr.averaging = Averaging::two_min;
  bool active = false, done = false;
  for (std::size_t k = 0; k < l.text.size() && !done; ++k) {
    const std::size_t line = k + 1;
    std::istringstream is(l.text[k]);
    std::vector<std::string> f;
    for (std::string w; is >> w;) f.push_back(w);
    if (f.empty()) continue;
    if (f[0] == "66666") {
      if (active) {
        done = true;
        break;
      }
      const std::string name = f.size() > 7 ? f[7] : "";
      const std::string id = f.size() > 4 ? f[4] : "";
      active = select.empty() || lower(select) == lower(name) || select == id ||
               (f.size() > 1 && select == f[1]);
      if (active) tr.name = name;
      continue;
    }
    if (!active) continue;
    if (f.size() < 6 || f[0].size() != 10)
      fail(l.path, line, "expected 'YYYYMMDDHH I LAT LON PRES WND'");
    const std::string iso = f[0].substr(0, 4) + "-" + f[0].substr(4, 2) + "-" + f[0].substr(6, 2) +
                            "T" + f[0].substr(8, 2) + ":00Z";
    const auto t = parse_iso8601(iso);
    if (!t) fail(l.path, line, "field 'time': bad YYYYMMDDHH '" + f[0] + "'");
    TrackPoint p;
    p.t = static_cast<double>(*t);
    p.lat = number(f[2], true, "lat", l.path, line) / 10.0;
    p.lon = number(f[3], true, "lon", l.path, line) / 10.0;
    p.pc_hpa = number(f[4], true, "pressure", l.path, line);
    p.vmax_ms = number(f[5], true, "wind", l.path, line);
    if (p.vmax_ms <= 0) p.vmax_ms = kNaN;  // CMA writes 0 for "weaker than TD / unknown"
    check_ranges(p, l.path, line);
    tr.points.push_back(p);
  }
  if (tr.points.empty())
    throw InputError(where(l.path) + (select.empty() ? ": no storm records"
                                                     : ": no storm matching '" + select + "'"));
  return finish(std::move(tr), l.path);
}

struct IbtracsAgency {
  const char* prefix;
  Averaging avg;
};

Track read_ibtracs(const Lines& l, const std::string& select) {
  std::map<std::string, std::size_t> col;
  std::vector<std::pair<std::size_t, std::vector<std::string>>> rows;
  std::string sid;
  for (std::size_t k = 0; k < l.text.size(); ++k) {
    if (trim(l.text[k]).empty()) continue;
    const auto f = split(l.text[k], ',');
    if (col.empty()) {
      for (std::size_t c = 0; c < f.size(); ++c)
        // A repeated name left fewer columns than fields, and rows of that many fields were
        // then indexed past their end (found by fuzz_track).
        if (!col.emplace(f[c], c).second)
          fail(l.path, k + 1, "IBTrACS header repeats column '" + f[c] + "'");
      for (const char* need : {"SID", "ISO_TIME", "LAT", "LON"})
        if (!col.count(need))
          fail(l.path, k + 1, std::string("IBTrACS header lacks column '") + need + "'");
      continue;
    }
    if (f.size() != col.size())
      fail(l.path, k + 1, "expected " + std::to_string(col.size()) + " fields");
    if (f[col["SID"]].empty() || f[col["ISO_TIME"]].empty() || f[col["LAT"]] == "degrees_north")
      continue;
    const std::string this_sid = f[col["SID"]];
    const std::string name = col.count("NAME") ? f[col["NAME"]] : "";
    if (!select.empty() && select != this_sid && lower(select) != lower(name)) continue;
    if (sid.empty()) sid = this_sid;
    if (this_sid != sid) continue;
    rows.emplace_back(k + 1, f);
  }
  if (rows.empty())
    throw InputError(where(l.path) + ": no IBTrACS records" +
                     (select.empty() ? "" : " for '" + select + "'"));
  static const IbtracsAgency agencies[] = {{"CMA_", Averaging::two_min},
                                           {"USA_", Averaging::one_min},
                                           {"TOKYO_", Averaging::ten_min},
                                           {"WMO_", Averaging::ten_min}};
  const IbtracsAgency* ag = nullptr;
  for (const auto& a : agencies) {
    const auto it = col.find(std::string(a.prefix) + "WIND");
    if (it == col.end()) continue;
    for (const auto& r : rows)
      if (!is_missing(r.second[it->second])) {
        ag = &a;
        break;
      }
    if (ag) break;
  }
  if (!ag)
    throw InputError(where(l.path) +
                     ": no agency wind column with values (CMA_/USA_/TOKYO_/WMO_WIND)");
  Track tr;
  tr.name = col.count("NAME") ? rows.front().second[col["NAME"]] : sid;
  tr.averaging = ag->avg;
  const std::string pre = ag->prefix;
  for (const auto& row : rows) {
    // Named, not a structured binding: clang 14 (the fuzz build) cannot capture a binding.
    const std::size_t line = row.first;
    const auto& f = row.second;
    auto opt = [&](const std::string& c) { return col.count(c) ? f[col[c]] : std::string(); };
    TrackPoint p;
    const auto t = parse_iso8601(opt("ISO_TIME"));
    if (!t) fail(l.path, line, "field 'ISO_TIME': not a date-time: '" + opt("ISO_TIME") + "'");
    p.t = static_cast<double>(*t);
    p.lat = number(opt("LAT"), true, "LAT", l.path, line);
    p.lon = number(opt("LON"), true, "LON", l.path, line);
    p.vmax_ms = number(opt(pre + "WIND"), false, pre + "WIND", l.path, line) * kKtToMs;
    p.pc_hpa = number(opt(pre + "PRES"), false, pre + "PRES", l.path, line);
    p.rmax_km = number(opt("USA_RMW"), false, "USA_RMW", l.path, line) * kNmiToKm;
    check_ranges(p, l.path, line);
    tr.points.push_back(p);
  }
  return finish(std::move(tr), l.path);
}

TrackFormat detect(const Lines& l) {
  for (const std::string& s : l.text) {
    if (comment_or_blank(s)) continue;
    const std::string t = trim(s);
    if (t.rfind("66666", 0) == 0) return TrackFormat::cma_bst;
    if (t.find("SID") != std::string::npos && t.find("ISO_TIME") != std::string::npos)
      return TrackFormat::ibtracs;
    const auto f = split(lower(t), ',');
    if (std::find(f.begin(), f.end(), "time") != f.end() &&
        std::find(f.begin(), f.end(), "lat") != f.end())
      return TrackFormat::csv;
    break;
  }
  throw InputError(where(l.path) +
                   ": cannot tell the track format (CMA best track, IBTrACS CSV or plain "
                   "CSV with a 'time,lat,lon,...' header); give the format explicitly");
}

}  // namespace

TrackFormat parse_track_format(const std::string& name) {
  const std::string n = lower(name);
  if (n == "auto" || n.empty()) return TrackFormat::auto_detect;
  if (n == "cma" || n == "cma_bst" || n == "cma-bst") return TrackFormat::cma_bst;
  if (n == "ibtracs") return TrackFormat::ibtracs;
  if (n == "csv" || n == "cma-realtime" || n == "cma_realtime") return TrackFormat::csv;
  throw InputError("unknown track format '" + name +
                   "' (auto, cma_bst, ibtracs, csv; old aliases: cma, cma-realtime)");
}

storm::Track read_track(const std::string& path, TrackFormat format,
                        std::optional<storm::Averaging> averaging, const std::string& select) {
  const Lines l = read_lines(path);
  if (format == TrackFormat::auto_detect) format = detect(l);
  Track t;
  switch (format) {
    case TrackFormat::cma_bst:
      t = read_cma_bst(l, select);
      break;
    case TrackFormat::ibtracs:
      t = read_ibtracs(l, select);
      break;
    default:
      t = read_plain_csv(l);
      break;
  }
  if (t.name.empty()) t.name = std::filesystem::path(path).stem().string();
  if (averaging) t.averaging = *averaging;
  return t;
}

void write_track_csv(const std::string& path, const storm::Track& track, int offset_min) {
  std::ostringstream os;
  os << "# track " << track.name << " written by stormdrill\n";
  os << "# averaging: " << storm::averaging_name(track.averaging) << "\n";
  os << "time,lat,lon,pressure_hpa,wind_ms,rmax_km,r30_km,r50_km,type\n";
  auto num = [](double v) {
    if (std::isnan(v)) return std::string("null");
    char b[32];
    std::snprintf(b, sizeof b, "%.10g", v);
    return std::string(b);
  };
  auto quad = [&](const std::array<double, 4>& r) {
    return num(r[0]) + "|" + num(r[1]) + "|" + num(r[2]) + "|" + num(r[3]);
  };
  for (const TrackPoint& p : track.points) {
    os << format_iso8601(static_cast<std::int64_t>(std::llround(p.t)), offset_min) << ','
       << num(p.lat) << ',' << num(p.lon) << ',' << num(p.pc_hpa) << ',' << num(p.vmax_ms) << ','
       << num(p.rmax_km) << ',' << quad(p.r30_km) << ',' << quad(p.r50_km) << ','
       << (p.landfall ? "DL" : "") << '\n';
  }
  write_text_atomic(path, os.str());
}

}  // namespace sd::io
