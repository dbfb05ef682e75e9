#include "io/csv_table.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "io/output_guard.hpp"

namespace sd::io {
namespace {

std::string trim(const std::string& s) {
  std::size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return s.substr(a, b - a);
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = line.find(',', start);
    out.push_back(trim(line.substr(start, comma - start)));
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::string location(const std::string& path, long line) {
  std::string s = path;
  if (line > 0) {
    s.push_back(':');
    s.append(std::to_string(line));
  }
  return s;
}

CsvTable::CsvTable(std::string path) : path_(std::move(path)) {
  if (std::filesystem::is_directory(path_))
    throw InputError(location(path_) + ": is a directory, not a CSV file");
  std::ifstream in(path_);
  if (!in) throw InputError(location(path_) + ": cannot open file: " + std::strerror(errno));
  note_input(path_);
  std::string line;
  long n = 0;
  while (std::getline(in, line)) {
    ++n;
    // Spreadsheet exports often start with a UTF-8 byte-order mark; it is not part of the
    // first column's name.
    if (n == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    if (header_.empty()) {
      header_ = split(t);
      for (auto& h : header_) h = lower(h);
      continue;
    }
    auto row = split(t);
    if (row.size() < header_.size()) {
      // Short rows are allowed only when the missing columns are trailing optional ones;
      // callers check presence with has_value().
      row.resize(header_.size());
    } else if (row.size() > header_.size()) {
      throw InputError(location(path_, n) + ": " + std::to_string(row.size()) +
                       " fields but the header has " + std::to_string(header_.size()));
    }
    cells_.push_back(std::move(row));
    lines_.push_back(n);
  }
  if (header_.empty())
    throw InputError(location(path_) + ": empty file (a header row is required)");
}

std::optional<std::size_t> CsvTable::column(const std::string& name) const {
  const auto it = std::find(header_.begin(), header_.end(), lower(name));
  if (it == header_.end()) return std::nullopt;
  return static_cast<std::size_t>(it - header_.begin());
}

std::size_t CsvTable::required(const std::string& name) const {
  const auto c = column(name);
  if (!c) throw InputError(location(path_, 1) + ": missing column '" + name + "'");
  return *c;
}

bool CsvTable::has_value(std::size_t row, std::size_t col) const {
  return !cells_[row][col].empty();
}

const std::string& CsvTable::text(std::size_t row, std::size_t col) const {
  return cells_[row][col];
}

double CsvTable::number(std::size_t row, std::size_t col) const {
  const std::string& s = cells_[row][col];
  double v = 0.0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v))
    throw InputError(at(row) + ": field '" + header_[col] + "': '" + s +
                     "' is not a finite number");
  return v;
}

std::int64_t CsvTable::integer(std::size_t row, std::size_t col) const {
  const std::string& s = cells_[row][col];
  std::int64_t v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size())
    throw InputError(at(row) + ": field '" + header_[col] + "': '" + s + "' is not an integer id");
  return v;
}

}  // namespace sd::io
