#include "scenario/toml_reader.hpp"

#include <cmath>
#include <filesystem>
#include <sstream>

namespace sd {

std::string source_file(const toml::node& n) {
  const auto& p = n.source().path;
  return p ? *p : std::string();
}

TableReader::TableReader(const toml::table& t, std::string prefix, Diagnostics& diag,
                         std::string fallback_file)
    : t_(&t), prefix_(std::move(prefix)), diag_(&diag), fallback_file_(std::move(fallback_file)) {}

std::string TableReader::file() const {
  const std::string f = source_file(*t_);
  return f.empty() ? fallback_file_ : f;
}
long TableReader::line() const {
  return static_cast<long>(t_->source().begin.line);
}

std::string TableReader::field(const std::string& key) const {
  if (prefix_.empty()) return key;
  if (key.empty()) return prefix_;
  return prefix_ + "." + key;
}

const toml::node* TableReader::get(const std::string& key) {
  used_.insert(key);
  return t_->get(key);
}

void TableReader::error_at(const toml::node* n, const std::string& key,
                           const std::string& message) {
  const toml::node& where = n ? *n : static_cast<const toml::node&>(*t_);
  diag_->error(n ? source_file(where) : file(), static_cast<long>(where.source().begin.line),
               static_cast<long>(where.source().begin.column), field(key), message);
}

void TableReader::error(const std::string& key, const std::string& message) {
  error_at(key.empty() ? nullptr : t_->get(key), key, message);
}

void TableReader::warning(const std::string& key, const std::string& message) {
  const toml::node* n = key.empty() ? nullptr : t_->get(key);
  const toml::node& where = n ? *n : static_cast<const toml::node&>(*t_);
  diag_->warning(n ? source_file(where) : file(), static_cast<long>(where.source().begin.line),
                 static_cast<long>(where.source().begin.column), field(key), message);
}

namespace {
const char* type_name(toml::node_type t) {
  switch (t) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    default:
      return "nothing";
  }
}
}  // namespace

void TableReader::type_error(const toml::node* n, const std::string& key,
                             const std::string& expected) {
  std::ostringstream os;
  os << "expected " << expected << ", found " << type_name(n->type());
  error_at(n, key, os.str());
}

namespace {
std::string range_text(double lo, double hi) {
  std::ostringstream os;
  os << "[" << lo << ", "
     << (std::isinf(hi) ? std::string("inf") : (std::ostringstream() << hi).str()) << "]";
  return os.str();
}
}  // namespace

std::optional<double> TableReader::optional_number(const std::string& key, double lo, double hi) {
  const toml::node* n = get(key);
  if (!n) return std::nullopt;
  double v;
  if (auto f = n->as_floating_point())
    v = f->get();
  else if (auto i = n->as_integer())
    v = static_cast<double>(i->get());
  else {
    type_error(n, key, "a number");
    return std::nullopt;
  }
  if (!(v >= lo && v <= hi)) {
    std::ostringstream os;
    if (std::isnan(v))
      os << "value is NaN (not a number); expected a number in " << range_text(lo, hi);
    else
      os << "value " << v << " is out of range " << range_text(lo, hi);
    error_at(n, key, os.str());
    return std::nullopt;
  }
  return v;
}

double TableReader::number(const std::string& key, double fallback, double lo, double hi) {
  return optional_number(key, lo, hi).value_or(fallback);
}

double TableReader::required_number(const std::string& key, double lo, double hi) {
  if (!t_->contains(key)) {
    error_at(nullptr, key, "missing required number");
    used_.insert(key);
    return lo > -1e300 ? lo : 0.0;
  }
  return optional_number(key, lo, hi).value_or(lo > -1e300 ? lo : 0.0);
}

long long TableReader::integer(const std::string& key, long long fallback, long long lo,
                               long long hi) {
  const toml::node* n = get(key);
  if (!n) return fallback;
  auto i = n->as_integer();
  if (!i) {
    type_error(n, key, "an integer");
    return fallback;
  }
  const long long v = i->get();
  if (v < lo || v > hi) {
    std::ostringstream os;
    os << "value " << v << " is out of range [" << lo << ", " << hi << "]";
    error_at(n, key, os.str());
    return fallback;
  }
  return v;
}

bool TableReader::boolean(const std::string& key, bool fallback) {
  const toml::node* n = get(key);
  if (!n) return fallback;
  auto b = n->as_boolean();
  if (!b) {
    type_error(n, key, "true or false");
    return fallback;
  }
  return b->get();
}

std::string TableReader::string(const std::string& key, const std::string& fallback) {
  const toml::node* n = get(key);
  if (!n) return fallback;
  auto s = n->as_string();
  if (!s) {
    type_error(n, key, "a string");
    return fallback;
  }
  return s->get();
}

std::string TableReader::required_string(const std::string& key) {
  if (!t_->contains(key)) {
    used_.insert(key);
    error_at(nullptr, key, "missing required string");
    return {};
  }
  return string(key, "");
}

std::string TableReader::choice(const std::string& key, const std::string& fallback,
                                const std::vector<std::string>& choices) {
  const std::string v = string(key, fallback);
  for (const auto& c : choices)
    if (c == v) return v;
  std::ostringstream os;
  os << "unknown value '" << v << "'";
  const std::string near = closest_match(v, choices);
  if (!near.empty()) os << " — did you mean '" << near << "'?";
  os << " (one of:";
  for (const auto& c : choices) os << " " << c;
  os << ")";
  error_at(t_->get(key), key, os.str());
  return fallback;
}

std::string TableReader::path(const std::string& key, bool required, bool must_exist) {
  const toml::node* n = t_->get(key);
  const std::string rel = required ? required_string(key) : string(key, "");
  if (rel.empty()) return {};
  namespace fs = std::filesystem;
  fs::path p(rel);
  if (p.is_relative()) p = fs::path(n ? source_file(*n) : file()).parent_path() / p;
  p = p.lexically_normal();
  if (must_exist && !fs::exists(p)) error_at(n, key, "file not found: " + p.string());
  return p.string();
}

std::vector<double> TableReader::numbers(const std::string& key) {
  std::vector<double> out;
  const toml::node* n = get(key);
  if (!n) return out;
  auto a = n->as_array();
  if (!a) {
    type_error(n, key, "an array of numbers");
    return out;
  }
  for (const auto& e : *a) {
    if (auto f = e.as_floating_point())
      out.push_back(f->get());
    else if (auto i = e.as_integer())
      out.push_back(static_cast<double>(i->get()));
    else
      type_error(&e, key, "a number");
  }
  return out;
}

std::vector<std::array<double, 2>> TableReader::pairs(const std::string& key) {
  std::vector<std::array<double, 2>> out;
  const toml::node* n = get(key);
  if (!n) return out;
  auto a = n->as_array();
  if (!a) {
    type_error(n, key, "an array of [a, b] number pairs");
    return out;
  }
  for (const auto& e : *a) {
    auto pair = e.as_array();
    std::array<double, 2> v{};
    bool ok = pair && pair->size() == 2;
    for (std::size_t k = 0; ok && k < 2; ++k) {
      const toml::node& x = *pair->get(k);
      if (auto f = x.as_floating_point())
        v[k] = f->get();
      else if (auto i = x.as_integer())
        v[k] = static_cast<double>(i->get());
      else
        ok = false;
    }
    if (!ok) {
      error_at(&e, key, "each entry must be a pair of numbers [a, b]");
      return {};
    }
    out.push_back(v);
  }
  return out;
}

std::vector<std::string> TableReader::strings(const std::string& key) {
  std::vector<std::string> out;
  const toml::node* n = get(key);
  if (!n) return out;
  auto a = n->as_array();
  if (!a) {
    type_error(n, key, "an array of strings");
    return out;
  }
  for (const auto& e : *a) {
    if (auto s = e.as_string())
      out.push_back(s->get());
    else
      type_error(&e, key, "a string");
  }
  return out;
}

std::optional<TableReader> TableReader::table(const std::string& key) {
  const toml::node* n = get(key);
  if (!n) return std::nullopt;
  auto t = n->as_table();
  if (!t) {
    type_error(n, key, "a table");
    return std::nullopt;
  }
  return TableReader(*t, field(key), *diag_, source_file(*n).empty() ? file() : source_file(*n));
}

std::vector<TableReader> TableReader::tables(const std::string& key) {
  std::vector<TableReader> out;
  const toml::node* n = get(key);
  if (!n) return out;
  auto a = n->as_array();
  if (!a) {
    type_error(n, key, "an array of tables ([[" + key + "]])");
    return out;
  }
  std::size_t k = 0;
  for (const auto& e : *a) {
    if (auto t = e.as_table())
      out.emplace_back(*t, field(key) + "[" + std::to_string(k) + "]", *diag_, file());
    else
      type_error(&e, key, "a table");
    ++k;
  }
  return out;
}

void TableReader::finish() {
  std::vector<std::string> known(used_.begin(), used_.end());
  for (const auto& [k, v] : *t_) {
    const std::string key(k.str());
    if (used_.count(key)) continue;
    std::string msg = "unknown key '" + key + "'";
    const std::string near = closest_match(key, known);
    if (!near.empty()) msg += " — did you mean '" + near + "'?";
    diag_->error(source_file(v), static_cast<long>(k.source().begin.line),
                 static_cast<long>(k.source().begin.column), field(key), msg);
  }
}

}  // namespace sd
