#pragma once
// CSV cells of the batch outputs: numbers at 10 significant digits (empty when not finite),
// text quoted when it holds a comma, quote or newline (RFC 4180).
#include <cmath>
#include <cstdio>
#include <string>

namespace sd::csv {

inline std::string num(double v) {
  if (!std::isfinite(v)) return "";
  char b[40];
  std::snprintf(b, sizeof b, "%.10g", v);
  return b;
}

inline std::string escape(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string o = "\"";
  for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
  return o + "\"";
}

}  // namespace sd::csv
