#pragma once
// A plain CSV table with a header row: comma-separated, no quoting, blank lines and lines
// starting with '#' skipped, surrounding spaces and a trailing CR trimmed. Numbers are
// parsed on demand and errors name file:line and the column.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sd::io {

// "path:line" (line 0: just the path). Same form as sd::where(), built by appending, which
// avoids a GCC 12 -Wrestrict false positive on the operator+ chain at -O3.
std::string location(const std::string& path, long line = 0);

class CsvTable {
 public:
  explicit CsvTable(std::string path);  // throws sd::InputError if missing/empty

  const std::string& path() const { return path_; }
  std::size_t rows() const { return cells_.size(); }
  std::size_t columns() const { return header_.size(); }
  long line(std::size_t row) const { return lines_[row]; }
  std::string at(std::size_t row) const { return location(path_, lines_[row]); }
  // Column index by (case-insensitive) name; required() throws naming the missing column.
  std::optional<std::size_t> column(const std::string& name) const;
  std::size_t required(const std::string& name) const;
  bool has_value(std::size_t row, std::size_t col) const;
  const std::string& text(std::size_t row, std::size_t col) const;
  double number(std::size_t row, std::size_t col) const;
  std::int64_t integer(std::size_t row, std::size_t col) const;

 private:
  std::string path_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> cells_;
  std::vector<long> lines_;
};

}  // namespace sd::io
