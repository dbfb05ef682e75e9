#pragma once
// Typed, validating access to one TOML table. Every getter records a diagnostic (with the
// file, line and column of the offending value) instead of throwing, so all mistakes in a
// file are reported together; finish() flags keys nobody asked for as unknown, with a
// "did you mean" suggestion.
#include <toml++/toml.h>

#include <array>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "scenario/diagnostics.hpp"

namespace sd {

class TableReader {
 public:
  // `fallback_file` names the file for errors on a table that has no source position
  // (the root of a merged document).
  TableReader(const toml::table& t, std::string prefix, Diagnostics& diag,
              std::string fallback_file = "");

  double number(const std::string& key, double fallback, double lo, double hi);
  double required_number(const std::string& key, double lo, double hi);
  std::optional<double> optional_number(const std::string& key, double lo, double hi);
  long long integer(const std::string& key, long long fallback, long long lo, long long hi);
  bool boolean(const std::string& key, bool fallback);
  std::string string(const std::string& key, const std::string& fallback);
  std::string required_string(const std::string& key);
  // One of `choices`; an unknown value is an error with the closest choice suggested.
  std::string choice(const std::string& key, const std::string& fallback,
                     const std::vector<std::string>& choices);
  // A path relative to the file that defines the key; checks that it exists when asked.
  std::string path(const std::string& key, bool required, bool must_exist = true);
  std::vector<double> numbers(const std::string& key);
  // `key = [[a, b], [a, b], ...]`: a table of number pairs (a series); each entry must be a
  // pair of numbers.
  std::vector<std::array<double, 2>> pairs(const std::string& key);
  std::vector<std::string> strings(const std::string& key);
  std::optional<TableReader> table(const std::string& key);
  std::vector<TableReader> tables(const std::string& key);  // array of tables
  bool has(const std::string& key) const { return t_->contains(key); }
  bool is_string(const std::string& key) const {
    const toml::node* n = t_->get(key);
    return n && n->is_string();
  }
  // Records an error against `key` (or the table when key is empty).
  void error(const std::string& key, const std::string& message);
  void warning(const std::string& key, const std::string& message);
  void finish();  // unknown-key check

  const std::string& prefix() const { return prefix_; }
  std::string file() const;
  long line() const;

 private:
  const toml::node* get(const std::string& key);
  std::string field(const std::string& key) const;
  void error_at(const toml::node* n, const std::string& key, const std::string& message);
  void type_error(const toml::node* n, const std::string& key, const std::string& expected);

  const toml::table* t_;
  std::string prefix_;
  Diagnostics* diag_;
  std::set<std::string> used_;
  std::string fallback_file_;
};

// Source file of a node ("" when unknown).
std::string source_file(const toml::node& n);

}  // namespace sd
