#pragma once
// The sample quantile every stormdrill figure uses: linear interpolation between order
// statistics (Hyndman & Fan 1996, type 7, as R and numpy default). The run's final KPIs and
// the debrief's per-town response times share it, so their numbers agree exactly.
#include <algorithm>
#include <cmath>
#include <vector>

namespace sd {

inline double quantile7(std::vector<double> v, double q) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const std::size_t lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

}  // namespace sd
