// A column-wise table as stored in results files: a group of equal-length 1-D datasets.
// Column lookups by name are checked against the results schema (results_schema.hpp): asking
// for a column the schema does not define throws std::logic_error, so a renamed column fails
// loudly in tests instead of reading as "missing".
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <string>
#include <vector>

namespace sd::results {

struct Column {
  std::string name;
  bool is_string = false;
  std::vector<double> num;          // numeric columns, converted to double by HDF5
  std::vector<std::string> str;     // string columns
  std::vector<std::string> labels;  // from the `labels` attribute of enum-like columns
};

class Table {
 public:
  std::size_t rows() const { return rows_; }
  bool empty() const { return rows_ == 0; }
  const std::vector<Column>& columns() const { return cols_; }
  const Column* find(const std::string& name) const;
  bool has(const std::string& name) const { return find(name) != nullptr; }
  // Numeric cell, or `fallback` when the column is missing or not numeric.
  double num(const std::string& name, std::size_t row, double fallback) const;
  // String cell; numeric cells are formatted, enum codes become their label.
  std::string text(const std::string& name, std::size_t row) const;
  // Label for an enum-like code column ("?" when the code has no label).
  std::string label(const std::string& name, std::size_t row) const;
  const std::vector<std::string>& labels(const std::string& name) const;

  void add(Column c);  // throws std::runtime_error when its length differs from the others
  // The group the table was read from ("incidents"); empty for tables built in memory, whose
  // column names are not checked.
  void set_group(std::string group) { group_ = std::move(group); }
  const std::string& group() const { return group_; }

 private:
  std::size_t rows_ = 0;
  std::vector<Column> cols_;
  std::string group_;
};

// Reads every 1-D dataset directly under `group` (in creation order when tracked). A missing
// group gives an empty table; ragged columns throw with the group and column named.
Table read_table(hid_t loc, const std::string& group);

std::vector<std::string> split_labels(const std::string& csv);

}  // namespace sd::results
