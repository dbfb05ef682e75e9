#include "core/drill_script.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "core/drill_time.hpp"
#include "scenario/inject_words.hpp"  // engine/, header-only: the split `branch` uses
#include "scenario/vocabulary.hpp"    // engine/, header-only: the action names `branch` accepts

namespace sd::viz {

namespace {

// Collects FILE:LINE:COL: FIELD: message lines; throws them all at once.
class Problems {
 public:
  explicit Problems(std::string source) : source_(std::move(source)) {}
  void add(const toml::source_region& where, const std::string& field, const std::string& msg) {
    add(static_cast<int>(where.begin.line), static_cast<int>(where.begin.column), field, msg);
  }
  void add(int line, int col, const std::string& field, const std::string& msg) {
    std::ostringstream o;
    o << source_ << ":" << line << ":" << col << ": " << field << ": " << msg;
    lines_.push_back(o.str());
  }
  void throw_if_any() const {
    if (lines_.empty()) return;
    std::string all = "drill script rejected:";
    for (const auto& l : lines_) all += "\n  " + l;
    throw DrillScriptError(all);
  }

 private:
  std::string source_;
  std::vector<std::string> lines_;
};

const char* type_name(const toml::node& n) {
  if (n.is_string()) return "a string";
  if (n.is_integer() || n.is_floating_point()) return "a number";
  if (n.is_array()) return "an array";
  if (n.is_table()) return "a table";
  return "a value of another type";
}

void read_prompt(const toml::table& t, std::size_t k, Problems& p, DrillPrompt& out) {
  const std::string name = "prompt[" + std::to_string(k + 1) + "]";
  out.line = static_cast<int>(t.source().begin.line);
  for (const auto& [key, node] : t) {
    const std::string field = name + "." + std::string(key.str());
    if (key == "at") {
      if (const auto* s = node.as_string())
        out.at_text = s->get();
      else if (const auto* i = node.as_integer())
        out.at_text = std::to_string(i->get());
      else
        p.add(node.source(), field,
              std::string("expected a time such as \"14:00\", got ") + type_name(node));
    } else if (key == "text") {
      if (const auto* s = node.as_string())
        out.text = s->get();
      else
        p.add(node.source(), field, std::string("expected a string, got ") + type_name(node));
    } else if (key == "inject") {
      const auto* arr = node.as_array();
      if (!arr) {
        p.add(node.source(), field,
              std::string("expected an array of one-liners such as [\"close_road edge=12\"], "
                          "got ") +
                  type_name(node));
        continue;
      }
      for (std::size_t j = 0; j < arr->size(); ++j) {
        const toml::node& e = *arr->get(j);
        const std::string ef = field + "[" + std::to_string(j + 1) + "]";
        if (!e.is_string()) {
          p.add(e.source(), ef, std::string("expected a string, got ") + type_name(e));
          continue;
        }
        const std::string line = e.as_string()->get();
        if (const std::string why = inject_line_problem(line); !why.empty())
          p.add(e.source(), ef, why);
        out.injects.push_back(line);
        out.inject_lines.push_back(static_cast<int>(e.source().begin.line));
      }
    } else {
      p.add(key.source(), field, "unknown key (a [[prompt]] has at, text and inject)");
    }
  }
  if (out.at_text.empty()) p.add(out.line, 1, name + ".at", "missing: when the prompt comes");
  if (out.text.empty()) p.add(out.line, 1, name + ".text", "missing: what the director says");
}

std::string value_of(const std::vector<std::string>& words, const std::string& key) {
  for (std::size_t k = 1; k < words.size(); ++k)
    if (words[k].rfind(key + "=", 0) == 0) return words[k].substr(key.size() + 1);
  return "";
}

// A key of the one-liners that names something of the run, and the names the run has.
struct NameCheck {
  const char* key;
  const char* what;
  std::vector<std::string> known;
};

std::vector<std::string> names_of(const Table& t) {
  const Column* c = t.find("name");
  return c ? c->str : std::vector<std::string>{};
}

std::vector<std::string> pumping_stations(const Replay& run) {
  std::vector<std::string> out;
  if (!run.sites.find("name") || !run.sites.find("kind")) return out;
  for (std::size_t k = 0; k < run.sites.rows(); ++k)
    if (run.sites.label("kind", k) == "pumping_station") out.push_back(run.sites.text("name", k));
  return out;
}

}  // namespace

std::string inject_line_problem(const std::string& line) {
  std::string why;
  const auto words = split_inject_words(line, why);
  if (!words) return why + " in '" + line + "'";
  if (words->empty()) return "empty inject (want 'ACTION key=value ...')";
  if (!kInjectKinds.parse((*words)[0]))
    return "unknown action '" + (*words)[0] + "' (one of " + kInjectKinds.joined() + ")";
  for (std::size_t k = 1; k < words->size(); ++k) {
    const std::string& word = (*words)[k];
    const auto eq = word.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == word.size())
      return "'" + word + "' is not key=value";
  }
  return "";
}

DrillScript parse_drill_script_text(const std::string& text, const std::filesystem::path& source) {
  DrillScript s;
  s.path = source;
  Problems p(source.string());
  toml::table root;
  try {
    root = toml::parse(text, source.string());
  } catch (const toml::parse_error& e) {
    p.add(e.source(), "(syntax)", std::string(e.description()));
    p.throw_if_any();
  }
  for (const auto& [key, node] : root) {
    if (key == "drill") {
      const auto* t = node.as_table();
      if (!t) {
        p.add(node.source(), "drill", "expected a [drill] table");
        continue;
      }
      for (const auto& [k2, n2] : *t) {
        if (k2 == "title" && n2.is_string())
          s.title = n2.as_string()->get();
        else
          p.add(k2 == "title" ? n2.source() : k2.source(), "drill." + std::string(k2.str()),
                k2 == "title" ? "expected a string" : "unknown key ([drill] has title)");
      }
    } else if (key == "prompt") {
      const auto* arr = node.as_array();
      if (!arr || !arr->is_array_of_tables()) {
        p.add(node.source(), "prompt", "expected [[prompt]] tables");
        continue;
      }
      for (std::size_t k = 0; k < arr->size(); ++k) {
        s.prompts.emplace_back();
        read_prompt(*arr->get(k)->as_table(), k, p, s.prompts.back());
      }
    } else {
      p.add(key.source(), std::string(key.str()),
            "unknown key (a drill script has [drill] and [[prompt]] tables)");
    }
  }
  if (s.prompts.empty()) p.add(1, 1, "prompt", "no [[prompt]] table: nothing to run");
  p.throw_if_any();
  return s;
}

DrillScript read_drill_script(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DrillScriptError(path.string() + ": drill script not found or not readable");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_drill_script_text(ss.str(), path);
}

void resolve_script(DrillScript& s, const std::optional<ClockOrigin>& origin, double end_s,
                    const Replay& run) {
  Problems p(s.path.string());
  double last = -1;
  const NameCheck names[] = {{"team", "team", names_of(run.teams)},
                             {"town", "town", names_of(run.towns)},
                             {"shelter", "shelter", names_of(run.shelters)},
                             {"depot", "depot", names_of(run.depots)},
                             {"from", "depot", names_of(run.depots)},
                             {"to", "depot", names_of(run.depots)},
                             {"station", "pumping station", pumping_stations(run)}};
  for (std::size_t k = 0; k < s.prompts.size(); ++k) {
    DrillPrompt& pr = s.prompts[k];
    const std::string name = "prompt[" + std::to_string(k + 1) + "]";
    std::string why;
    if (const auto t = parse_drill_time(pr.at_text, origin, why)) {
      pr.at_s = *t;
      if (*t < 0 || *t > end_s)
        p.add(pr.line, 1, name + ".at",
              "'" + pr.at_text + "' (" + seconds_text(*t) + " s) is outside the run (0 .. " +
                  seconds_text(end_s) + " s)");
      else if (*t < last)
        p.add(pr.line, 1, name + ".at",
              "'" + pr.at_text + "' comes before the previous prompt; list prompts in time order");
      last = std::max(last, *t);
    } else {
      p.add(pr.line, 1, name + ".at", "'" + pr.at_text + "' " + why);
    }
    for (std::size_t j = 0; j < pr.injects.size(); ++j) {
      const std::string field = name + ".inject[" + std::to_string(j + 1) + "]";
      const auto words = split_inject_words(pr.injects[j], why);
      if (!words || words->empty()) continue;  // reported by the parser
      const int line = j < pr.inject_lines.size() ? pr.inject_lines[j] : pr.line;
      const std::string edge = value_of(*words, "edge");
      if (!edge.empty()) {
        char* end = nullptr;
        const long e = std::strtol(edge.c_str(), &end, 10);
        if (*end != 0 || e < 0 || static_cast<std::size_t>(e) >= run.edges.rows())
          p.add(line, 1, field,
                "edge=" + edge + ": no such road segment (the run has " +
                    std::to_string(run.edges.rows()) + " rows in /roads/edges)");
      }
      for (const NameCheck& c : names) {
        const std::string v = value_of(*words, c.key);
        if (!v.empty() && std::find(c.known.begin(), c.known.end(), v) == c.known.end())
          p.add(line, 1, field,
                std::string(c.key) + "=" + v + ": the run has no " + c.what + " of that name");
      }
    }
  }
  p.throw_if_any();
}

}  // namespace sd::viz
