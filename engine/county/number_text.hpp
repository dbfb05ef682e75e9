#pragma once
// Numbers as fixed-point text for the scenario files and reports the county tools write.
#include <cstdio>
#include <string>

namespace sd::county {

inline std::string num(double v, int decimals = 1) {
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", decimals, v);
  return b;
}

}  // namespace sd::county
