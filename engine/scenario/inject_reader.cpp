#include "scenario/inject_reader.hpp"

#include <charconv>
#include <cmath>
#include <sstream>

#include "core/error.hpp"
#include "core/iso_time.hpp"
#include "scenario/diagnostics.hpp"
#include "scenario/inject_words.hpp"

namespace sd {
namespace {

const char* kLevelNames[] = {"", "I", "II", "III", "IV"};

// The first of `keys` present (aliases: `team` or `target`), "" when none is.
std::string name_of(TableReader& t, std::initializer_list<const char*> keys) {
  for (const char* k : keys)
    if (t.has(k)) return t.string(k, "");
  return "";
}

template <class Items, class Name>
bool has_named(const Items& items, const std::string& want, Name name) {
  for (const auto& it : items)
    if (name(it) == want) return true;
  return false;
}

void check_name(TableReader& t, const char* key, const std::string& what, bool found,
                const std::string& name) {
  if (name.empty())
    t.error(key, "needs the " + what + "'s name");
  else if (!found)
    t.error(key, "no [[" + what + "]] named '" + name + "'");
}

double read_time(TableReader& t, const Scenario& s, std::optional<double> default_t) {
  if (t.has("at") && !t.is_string("at")) return t.number("at", 0, 0, 1e9);  // seconds
  if (t.has("at")) {
    const std::string text = t.string("at", "");
    try {
      return parse_drill_time(text, s, "at");
    } catch (const InputError& e) {
      t.error("at", e.what());
      return default_t.value_or(0);
    }
  }
  if (default_t && !t.has("at_h")) return *default_t;
  return t.required_number("at_h", 0, 1e5) * 3600;
}

int read_level(TableReader& t) {
  if (t.is_string("level")) {
    const std::string lv = t.choice("level", "IV", {"IV", "III", "II", "I"});
    for (int k = 1; k <= 4; ++k)
      if (lv == kLevelNames[k]) return k;
    return 4;
  }
  return static_cast<int>(t.integer("level", 4, 1, 4));
}

// Keys of the decisions a drill adds to the scenario's injects (docs/drills.md).
void read_decision(TableReader& t, const Scenario& s, Inject& j) {
  switch (j.kind) {
    case InjectKind::CloseRoad:
    case InjectKind::ReopenRoad:
      // The range is checked against the road graph when the branch is compiled.
      j.edge = static_cast<int>(t.integer("edge", -1, 0, 1LL << 31));
      if (!t.has("edge")) t.error("edge", "needs edge = N (a row of /roads/edges)");
      break;
    case InjectKind::TeamBack:
    case InjectKind::MoveStation:
      j.target = name_of(t, {"team", "target"});
      check_name(t, "team", "team", s.team_index(j.target) >= 0, j.target);
      if (j.kind == InjectKind::MoveStation) read_position(t, s, j.x, j.y);
      break;
    case InjectKind::ResponseLevel:
      j.level = read_level(t);
      break;
    case InjectKind::Evacuate:
      j.target = name_of(t, {"town", "target"});
      if (j.target.empty()) {
        read_position(t, s, j.x, j.y);
        j.positioned = true;
      } else {
        check_name(t, "town", "town", has_named(s.towns, j.target, [](auto& w) { return w.name; }),
                   j.target);
      }
      break;
    case InjectKind::OpenShelter:
    case InjectKind::CloseShelter:
      j.target = name_of(t, {"shelter", "target"});
      check_name(t, "shelter", "shelter",
                 has_named(s.shelters, j.target, [](auto& q) { return q.name; }), j.target);
      break;
    case InjectKind::MoveSupplies: {
      j.target = name_of(t, {"from", "target"});
      j.to = t.string("to", "");
      auto depot = [&](const std::string& n) {
        return has_named(s.depots, n, [](auto& d) { return d.name; });
      };
      check_name(t, "from", "depot", depot(j.target), j.target);
      check_name(t, "to", "depot", depot(j.to), j.to);
      j.stock = static_cast<int>(
          kStockNames.parse(t.choice("stock", "food", kStockNames.list())).value());
      j.amount = t.required_number("amount", 0, 1e12);
      break;
    }
    case InjectKind::SetDispatch:
      j.policy =
          kDispatchPolicies.parse(t.choice("policy", "nearest", kDispatchPolicies.list())).value();
      break;
    default:
      break;
  }
}

// A dike breach is either a hydrograph (peak_m3s, duration_h) or a weir of width_m fed by an
// outside water level (docs/flood-model.md "Breach weir"); never both.
void read_breach(TableReader& t, Inject& j) {
  const bool weir = t.has("width_m");
  for (const char* k : {"outside_level", "outside", "crest_m", "invert_m", "develop_h"})
    if (t.has(k) && !weir) t.error(k, std::string(k) + " belongs to a breach of width_m");
  if (!weir) {
    if (j.peak_m3s <= 0) t.error("peak_m3s", "a dike breach needs peak_m3s > 0 (or width_m)");
    return;
  }
  if (t.has("peak_m3s"))
    t.error("peak_m3s",
            "give either peak_m3s (a hydrograph) or width_m (a weir fed by the outside level), "
            "not both");
  j.width_m = t.number("width_m", 0, -1e9, 1e5);
  if (!(j.width_m > 0)) t.error("width_m", "a breach width must be > 0 m");
  if (t.has("crest_m") && t.has("invert_m"))
    t.error("invert_m", "give crest_m or invert_m (the same breach bottom), not both");
  const char* bottom = t.has("invert_m") ? "invert_m" : "crest_m";
  if (t.has(bottom)) j.crest_m = t.number(bottom, 0, -1e4, 1e4);
  j.develop_s = t.number("develop_h", 0, 0, 1e4) * 3600;
  const auto series = t.pairs("outside_level");
  for (std::size_t k = 0; k < series.size(); ++k) {
    const auto [th, lv] = series[k];
    if (!std::isfinite(th) || !std::isfinite(lv) || std::abs(lv) > 1e4)
      t.error("outside_level", "entry " + std::to_string(k + 1) +
                                   " is not a [t_h, level_m] pair "
                                   "of finite numbers (|level| <= 10000 m)");
    else if (k > 0 && th <= series[k - 1][0])
      t.error("outside_level", "times must increase (entry " + std::to_string(k + 1) + ": " +
                                   std::to_string(th) + " h after " +
                                   std::to_string(series[k - 1][0]) + " h)");
    j.level_t_s.push_back(th * 3600), j.level_m.push_back(lv);
  }
  if (t.has("outside_level") && series.empty())
    t.error("outside_level", "needs at least one [t_h, level_m] pair");
  // outside = "model": the outside water is the model's own, in the water cell beyond the wall.
  j.outside_model = t.choice("outside", "series", {"model", "series"}) == "model";
  if (j.outside_model && t.has("outside_level"))
    t.error("outside",
            "give outside_level (a series) or outside = \"model\" (the water cell on the "
            "other side of the wall), not both");
}

// sluice_stuck: an [[outfall]]'s gate stuck open or closed.
void read_sluice(TableReader& t, const Scenario& s, Inject& j) {
  j.target = name_of(t, {"outfall", "target"});
  check_name(t, "outfall", "outfall",
             has_named(s.outfalls, j.target, [](auto& o) { return o.name; }), j.target);
  if (!t.has("state")) t.error("state", "needs state = \"open\" or \"closed\"");
  j.stuck_open = t.choice("state", "closed", {"open", "closed"}) == "open";
  j.area_m2 = t.number("area_m2", j.stuck_open ? 1.0 : 0.0, -1e9, 1e4);
  if (j.stuck_open && !(j.area_m2 > 0)) t.error("area_m2", "a gate opening must be > 0 m2");
  if (!j.stuck_open && t.has("area_m2"))
    t.error("area_m2", "a gate stuck closed has no opening (area_m2 is for state = \"open\")");
}

}  // namespace

Inject read_inject_table(TableReader& t, const Scenario& s, std::optional<double> default_t) {
  Inject j;
  j.t_s = read_time(t, s, default_t);
  j.kind = kInjectKinds.parse(t.choice("kind", "road_closure", kInjectKinds.list())).value();
  const bool positioned = j.kind == InjectKind::RoadClosure || j.kind == InjectKind::DikeBreach ||
                          j.kind == InjectKind::IncidentBurst || j.kind == InjectKind::RainBand;
  // Others may still give a position, for the map and the event log.
  if (positioned || ((t.has("x") || t.has("y")) && j.kind != InjectKind::MoveStation &&
                     j.kind != InjectKind::Evacuate)) {
    read_position(t, s, j.x, j.y);
    j.positioned = true;
  }
  j.duration_s = t.number("duration_h", 0, 0, 1e4) * 3600;
  j.peak_m3s = t.number("peak_m3s", 0, 0, 1e5);
  j.radius_m = t.has("r") ? t.number("r", 500, 0, 1e6) : t.number("radius_m", 500, 0, 1e6);
  j.count = static_cast<int>(t.has("n") ? t.integer("n", 0, 0, 100000)
                                        : t.integer("count", 0, 0, 100000));
  j.factor = t.number("factor", 1, 0, 1e5);
  j.note = t.string("note", "");
  if (j.kind == InjectKind::IncidentBurst && t.has("type"))
    j.burst_type = static_cast<int>(
        kIncidentTypeNames.parse(t.choice("type", "trapped_home", kIncidentTypeNames.list()))
            .value());
  if (j.kind == InjectKind::TeamOut) {
    j.target = name_of(t, {"team", "target"});
    check_name(t, "team", "team", s.team_index(j.target) >= 0, j.target);
  } else if (j.kind == InjectKind::DepotLost) {
    j.target = name_of(t, {"depot", "target"});
    check_name(t, "depot", "depot", has_named(s.depots, j.target, [](auto& d) { return d.name; }),
               j.target);
  } else if (j.kind == InjectKind::PumpFailure || j.kind == InjectKind::PumpBack) {
    j.target = name_of(t, {"station", "target"});
    check_name(t, "station", "pumping_station",
               has_named(s.pumps, j.target, [](auto& p) { return p.name; }), j.target);
  } else if (j.kind == InjectKind::SluiceStuck) {
    read_sluice(t, s, j);
  } else if (static_cast<int>(j.kind) >= static_cast<int>(InjectKind::CloseRoad)) {
    read_decision(t, s, j);
  } else {
    j.target = t.string("target", "");
  }
  if (j.kind == InjectKind::DikeBreach) read_breach(t, j);
  if (j.kind == InjectKind::IncidentBurst && j.count <= 0)
    t.error("count", "an incident burst needs count > 0");
  if (j.t_s > s.duration_s && s.duration_s > 0)
    t.warning("at_h", "inject time is after the end of the scenario");
  t.finish();
  return j;
}

std::vector<Inject> parse_inject_text(const std::string& text, const std::string& source,
                                      const Scenario& s, double default_t_s,
                                      std::vector<std::string>* warnings) {
  Diagnostics diag;
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    throw InputError(where(source, static_cast<long>(e.source().begin.line),
                           static_cast<long>(e.source().begin.column)) +
                     ": " + std::string(e.description()));
  }
  TableReader r(root, "", diag, source);
  std::vector<Inject> out;
  for (auto& t : r.tables("inject")) out.push_back(read_inject_table(t, s, default_t_s));
  r.finish();
  if (out.empty() && !diag.has_errors()) r.error("inject", "no [[inject]] table: nothing to apply");
  diag.throw_if_errors();
  if (warnings)
    for (const auto& d : diag.all())
      if (d.level == Diagnostic::Level::Warning) warnings->push_back(d.str());
  return out;
}

namespace {
std::vector<std::string> split_words(const std::string& line, const std::string& source) {
  std::string why;
  auto words = split_inject_words(line, why);
  if (!words) throw InputError(source + ": " + why + " in '" + line + "'");
  return *words;
}
}  // namespace

std::string inline_inject_toml(const std::string& line, const std::string& source) {
  const std::vector<std::string> words = split_words(line, source);
  const std::string action = words.empty() ? "" : words[0];
  if (action.empty()) throw InputError(source + ": empty inject (want 'ACTION key=value ...')");
  if (!kInjectKinds.parse(action))
    throw InputError(source + ": unknown action '" + action + "' (one of " + kInjectKinds.joined() +
                     ")");
  std::string toml = "[[inject]]\nkind = \"" + action + "\"\n";
  for (std::size_t k = 1; k < words.size(); ++k) {
    const std::string& word = words[k];
    const auto eq = word.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == word.size())
      throw InputError(source + ": '" + word + "' is not key=value");
    const std::string key = word.substr(0, eq), value = word.substr(eq + 1);
    for (char c : key)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
        throw InputError(source + ": bad key '" + key + "'");
    if (value.front() == '[') {  // a TOML array as written: outside_level=[[12,3.5],[14,4]]
      if (value.find_first_of("\r\n#=") != std::string::npos)
        throw InputError(source + ": '" + word + "': an array value is one line of numbers");
      toml += key + " = " + value + "\n";
      continue;
    }
    double num = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), num);
    const bool numeric = ec == std::errc() && end == value.data() + value.size();
    std::string quoted;
    for (char c : value)
      quoted += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    toml += key + " = " + (numeric ? value : "\"" + quoted + "\"") + "\n";
  }
  return toml;
}

namespace {
std::string num(double v) {
  char b[32];
  const auto r = std::to_chars(b, b + sizeof b, v);
  return std::string(b, r.ptr);
}
std::string str(const std::string& v) {
  std::string q = "\"";
  for (char c : v) q += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  return q + "\"";
}
}  // namespace

std::string inject_toml(const Inject& j) {
  std::ostringstream o;
  o << "[[inject]]\nkind = \"" << kInjectKinds[j.kind] << "\"\nat_h = " << num(j.t_s / 3600)
    << "\n";
  auto kv = [&](const char* k, const std::string& v) { o << k << " = " << v << "\n"; };
  auto xy = [&] { kv("x", num(j.x)), kv("y", num(j.y)); };
  using K = InjectKind;
  switch (j.kind) {
    case K::RoadClosure:
      xy(), kv("radius_m", num(j.radius_m));
      break;
    case K::DikeBreach:
      xy();
      if (j.width_m > 0) {
        kv("width_m", num(j.width_m));
        if (std::isfinite(j.crest_m)) kv("crest_m", num(j.crest_m));
        if (j.develop_s > 0) kv("develop_h", num(j.develop_s / 3600));
        if (!j.level_t_s.empty()) {
          std::string a = "[";
          for (std::size_t k = 0; k < j.level_t_s.size(); ++k)
            a += (k ? ", [" : "[") + num(j.level_t_s[k] / 3600) + ", " + num(j.level_m[k]) + "]";
          kv("outside_level", a + "]");
        }
        if (j.outside_model) kv("outside", str("model"));
      } else {
        kv("peak_m3s", num(j.peak_m3s));
      }
      break;
    case K::TeamOut:
    case K::TeamBack:
      kv("team", str(j.target));
      break;
    case K::MoveStation:
      kv("team", str(j.target)), xy();
      break;
    case K::DepotLost:
      kv("depot", str(j.target));
      break;
    case K::PumpFailure:
    case K::PumpBack:
      kv("station", str(j.target));
      break;
    case K::SluiceStuck:
      kv("outfall", str(j.target)), kv("state", str(j.stuck_open ? "open" : "closed"));
      if (j.stuck_open) kv("area_m2", num(j.area_m2));
      break;
    case K::CommsOutage:
      kv("factor", num(j.factor));
      break;
    case K::RainBand:
      xy(), kv("radius_m", num(j.radius_m)), kv("factor", num(j.factor));
      break;
    case K::IncidentBurst:
      xy(), kv("radius_m", num(j.radius_m)), kv("count", std::to_string(j.count));
      if (j.burst_type >= 0)
        kv("type",
           str(std::string(kIncidentTypeNames.names[static_cast<std::size_t>(j.burst_type)])));
      break;
    case K::CloseRoad:
    case K::ReopenRoad:
      kv("edge", std::to_string(j.edge));
      break;
    case K::ResponseLevel:
      kv("level", str(kLevelNames[j.level]));
      break;
    case K::Evacuate:
      if (j.target.empty())
        xy(), kv("radius_m", num(j.radius_m));
      else
        kv("town", str(j.target));
      break;
    case K::OpenShelter:
    case K::CloseShelter:
      kv("shelter", str(j.target));
      break;
    case K::MoveSupplies:
      kv("from", str(j.target)), kv("to", str(j.to));
      kv("stock", str(std::string(kStockNames.names[static_cast<std::size_t>(j.stock)])));
      kv("amount", num(j.amount));
      break;
    case K::SetDispatch:
      kv("policy", str(std::string(kDispatchPolicies[j.policy])));
      break;
  }
  if (j.duration_s > 0) kv("duration_h", num(j.duration_s / 3600));
  if (!j.note.empty()) kv("note", str(j.note));
  return o.str();
}

double parse_drill_time(const std::string& raw, const Scenario& s, const std::string& what) {
  std::string text = raw;
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.erase(0, 1);
  auto bad = [&](const std::string& why) {
    return InputError(what + ": '" + raw + "' " + why +
                      " (want HH:MM on the scenario day, an ISO-8601 time with offset, or "
                      "seconds after the start)");
  };
  if (text.empty()) throw bad("is empty");
  std::string digits = text;
  if (digits.back() == 's') digits.pop_back();
  double sec = 0;
  {
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), sec);
    if (ec == std::errc() && end == digits.data() + digits.size()) {
      if (!std::isfinite(sec)) throw bad("is not a finite number");
      return sec;
    }
  }
  const auto colon = text.find(':');
  if (colon != std::string::npos && text.find('T') == std::string::npos &&
      text.find('-') == std::string::npos) {
    int hh = -1, mm = -1;
    const auto [e1, c1] = std::from_chars(text.data(), text.data() + colon, hh);
    const auto [e2, c2] = std::from_chars(text.data() + colon + 1, text.data() + text.size(), mm);
    if (c1 != std::errc() || c2 != std::errc() || e1 != text.data() + colon ||
        e2 != text.data() + text.size() || hh < 0 || mm < 0 || mm > 59)
      throw bad("is not a clock time");
    const double local =
        static_cast<double>(s.start_epoch_s) + 60.0 * iso8601_offset_min(s.start_iso);
    const double start_of_day = std::fmod(std::fmod(local, 86400.0) + 86400.0, 86400.0);
    // The next time the clock shows HH:MM: a drill starting at 20:00 reaches 14:00 the next
    // day (hours past 24 count on: 38:00 is 14:00 of the day after the start day).
    double t = hh * 3600.0 + mm * 60.0 - start_of_day;
    if (t < 0 && hh < 24) t += 86400.0;
    if (t < 0) throw bad("is before the scenario start (" + s.start_iso + ")");
    return t;
  }
  bool has_offset = false;
  const auto epoch = parse_iso8601(text, has_offset);
  if (!epoch) throw bad("is not a time");
  if (!has_offset) throw bad("has no UTC offset");
  return static_cast<double>(*epoch - s.start_epoch_s);
}

}  // namespace sd
