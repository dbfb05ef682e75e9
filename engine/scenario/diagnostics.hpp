#pragma once
// Collects every problem found while loading a scenario, each with file, line, column and
// the field's dotted path, so a planner sees all mistakes at once rather than one per run.
#include <string>
#include <vector>

namespace sd {

struct Diagnostic {
  enum class Level { Error, Warning };
  Level level = Level::Error;
  std::string file;
  long line = 0;
  long column = 0;
  std::string field;    // dotted key path, e.g. "team[3].capacity"
  std::string message;  // what is wrong, with a suggestion where one is obvious

  std::string str() const;  // "file:line:col: error: field: message"
};

class Diagnostics {
 public:
  void error(std::string file, long line, long col, std::string field, std::string message);
  void warning(std::string file, long line, long col, std::string field, std::string message);
  bool has_errors() const;
  const std::vector<Diagnostic>& all() const { return items_; }
  std::string report() const;  // one line per diagnostic, errors and warnings in file order
  // Throws sd::InputError with report() when any error was recorded.
  void throw_if_errors() const;

 private:
  std::vector<Diagnostic> items_;
};

// The candidate closest to `word` by edit distance when it is close enough to be a likely
// typo ("capcity" -> "capacity"); empty when none is.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace sd
