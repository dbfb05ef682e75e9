#pragma once
// A small ordered JSON object builder for --summary-json files and --json outputs.
// Flat or nested objects of numbers, strings, bools, null and arrays: all the CLI emits.
#include <cmath>
#include <cstdint>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace sd::io {

class Json {
 public:
  Json() = default;
  static Json object() {
    Json j;
    j.kind_ = Kind::Object;
    return j;
  }
  static Json array() {
    Json j;
    j.kind_ = Kind::Array;
    return j;
  }
  static Json null() { return Json(); }
  Json(double v) : kind_(Kind::Number), num_(v) {}
  Json(int v) : kind_(Kind::Integer), int_(v) {}
  Json(long v) : kind_(Kind::Integer), int_(v) {}
  Json(long long v) : kind_(Kind::Integer), int_(v) {}
  // Unsigned values keep their full range (a 64-bit seed above 2^63 once came out as -1).
  Json(unsigned long v) : kind_(Kind::Unsigned), uint_(v) {}
  Json(unsigned long long v) : kind_(Kind::Unsigned), uint_(v) {}
  Json(bool v) : kind_(Kind::Bool), bool_(v) {}
  Json(const char* s) : kind_(Kind::String), str_(s) {}
  Json(std::string s) : kind_(Kind::String), str_(std::move(s)) {}

  // Object member (insertion order kept); replaces an existing key.
  Json& set(const std::string& key, Json value) {
    kind_ = Kind::Object;
    for (auto& kv : members_)
      if (kv.first == key) {
        kv.second = std::move(value);
        return *this;
      }
    members_.emplace_back(key, std::move(value));
    return *this;
  }
  Json& push(Json value) {
    kind_ = Kind::Array;
    items_.push_back(std::move(value));
    return *this;
  }

  std::string dump(int indent = 2) const {
    std::ostringstream os;
    write(os, indent, 0);
    return os.str();
  }

 private:
  enum class Kind { Null, Bool, Integer, Unsigned, Number, String, Array, Object };
  static void escape(std::ostream& os, const std::string& s) {
    os << '"';
    for (unsigned char c : s) {
      switch (c) {
        case '"':
          os << "\\\"";
          break;
        case '\\':
          os << "\\\\";
          break;
        case '\n':
          os << "\\n";
          break;
        case '\t':
          os << "\\t";
          break;
        case '\r':
          os << "\\r";
          break;
        default:
          if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            os << buf;
          } else
            os << c;
      }
    }
    os << '"';
  }
  void write(std::ostream& os, int indent, int depth) const {
    const std::string pad =
        indent > 0 ? std::string(static_cast<std::size_t>(indent * (depth + 1)), ' ') : "";
    const std::string pad_end =
        indent > 0 ? std::string(static_cast<std::size_t>(indent * depth), ' ') : "";
    const char* nl = indent > 0 ? "\n" : "";
    switch (kind_) {
      case Kind::Null:
        os << "null";
        break;
      case Kind::Bool:
        os << (bool_ ? "true" : "false");
        break;
      case Kind::Integer:
        os << int_;
        break;
      case Kind::Unsigned:
        os << uint_;
        break;
      case Kind::Number:
        if (!std::isfinite(num_)) {
          os << "null";
          break;
        }
        {
          char buf[32];
          std::snprintf(buf, sizeof buf, "%.10g", num_);
          os << buf;
        }
        break;
      case Kind::String:
        escape(os, str_);
        break;
      case Kind::Array:
        os << '[';
        for (std::size_t k = 0; k < items_.size(); ++k) {
          os << (k ? ", " : "");
          items_[k].write(os, 0, 0);
        }
        os << ']';
        break;
      case Kind::Object:
        os << '{' << nl;
        for (std::size_t k = 0; k < members_.size(); ++k) {
          os << pad;
          escape(os, members_[k].first);
          os << ": ";
          members_[k].second.write(os, indent, depth + 1);
          os << (k + 1 < members_.size() ? "," : "") << nl;
        }
        os << pad_end << '}';
        break;
    }
  }
  Kind kind_ = Kind::Null;
  double num_ = 0;
  long long int_ = 0;
  unsigned long long uint_ = 0;
  bool bool_ = false;
  std::string str_;
  std::vector<Json> items_;
  std::vector<std::pair<std::string, Json>> members_;
};

}  // namespace sd::io
