#include "results/table.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "results/h5_read.hpp"
#include "results/results_schema.hpp"

namespace sd::results {

const Column* Table::find(const std::string& name) const {
  if (!group_.empty()) schema::require(group_ + "/" + name);
  for (const auto& c : cols_)
    if (c.name == name) return &c;
  return nullptr;
}

double Table::num(const std::string& name, std::size_t row, double fallback) const {
  const Column* c = find(name);
  if (!c || c->is_string || row >= c->num.size()) return fallback;
  return c->num[row];
}

const std::vector<std::string>& Table::labels(const std::string& name) const {
  static const std::vector<std::string> none;
  const Column* c = find(name);
  return c ? c->labels : none;
}

std::string Table::label(const std::string& name, std::size_t row) const {
  const Column* c = find(name);
  if (!c || row >= rows_) return "?";
  if (c->is_string) return c->str[row];
  const double v = c->num[row];
  if (std::isnan(v) || v < 0 || static_cast<std::size_t>(v) >= c->labels.size()) return "?";
  return c->labels[static_cast<std::size_t>(v)];
}

std::string Table::text(const std::string& name, std::size_t row) const {
  const Column* c = find(name);
  if (!c || row >= rows_) return "";
  if (c->is_string) return c->str[row];
  if (!c->labels.empty()) return label(name, row);
  const double v = c->num[row];
  if (std::isnan(v)) return "-";
  char buf[64];
  if (v == std::floor(v) && std::fabs(v) < 1e15)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else
    std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

void Table::add(Column c) {
  const std::size_t n = c.is_string ? c.str.size() : c.num.size();
  if (!cols_.empty() && n != rows_)
    throw std::runtime_error("column '" + c.name + "' has " + std::to_string(n) +
                             " rows, the others have " + std::to_string(rows_));
  rows_ = n;
  cols_.push_back(std::move(c));
}

std::vector<std::string> split_labels(const std::string& csv) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= csv.size()) {
    const std::size_t comma = csv.find(',', start);
    std::string item =
        csv.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (out.size() == 1 && out[0].empty()) out.clear();
  return out;
}

namespace {

std::vector<std::string> member_names(hid_t grp) {
  std::vector<std::string> names;
  auto collect = [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
    static_cast<std::vector<std::string>*>(data)->emplace_back(name);
    return 0;
  };
  hsize_t idx = 0;
  // Creation order keeps the writer's column order (e.g. `plan` first) when it was tracked.
  if (H5Literate(grp, H5_INDEX_CRT_ORDER, H5_ITER_INC, &idx, collect, &names) < 0) {
    names.clear();
    idx = 0;
    H5Literate(grp, H5_INDEX_NAME, H5_ITER_INC, &idx, collect, &names);
  }
  return names;
}

}  // namespace

Table read_table(hid_t loc, const std::string& group) {
  std::lock_guard lk(h5::api_lock());
  Table t;
  t.set_group(group);
  if (!h5::exists(loc, group)) return t;
  h5::Handle g(H5Gopen2(loc, group.c_str(), H5P_DEFAULT));
  if (!g.valid()) return t;
  for (const auto& name : member_names(g.get())) {
    H5O_info_t info;
    if (H5Oget_info_by_name2(g.get(), name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0)
      continue;
    if (info.type != H5O_TYPE_DATASET) continue;
    h5::Handle d(H5Dopen2(g.get(), name.c_str(), H5P_DEFAULT));
    if (h5::dims(d.get()).size() != 1) continue;  // tables hold 1-D columns only
    Column c;
    c.name = name;
    c.is_string = h5::is_string(d.get());
    if (c.is_string)
      c.str = h5::read_strings(g.get(), name);
    else
      c.num = h5::read_vector<double>(g.get(), name);
    if (auto l = h5::find_attr_string(d.get(), "labels")) c.labels = split_labels(*l);
    try {
      t.add(std::move(c));
    } catch (const std::exception& e) {
      throw std::runtime_error("table " + group + ": " + e.what());
    }
  }
  return t;
}

}  // namespace sd::results
