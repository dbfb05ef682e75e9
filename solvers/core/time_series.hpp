#pragma once
// A piecewise-linear function of time: (t_s, value) pairs with strictly increasing t.
// Held constant before the first and after the last sample. Used for hyetographs, tide
// and surge levels, river hydrographs and breach inflows.
#include <algorithm>
#include <vector>

namespace sd {

struct TimeSeries {
  std::vector<double> t;  // seconds since scenario start, strictly increasing
  std::vector<double> v;

  bool empty() const { return t.empty(); }
  double at(double time) const {
    if (t.empty()) return 0.0;
    if (time <= t.front()) return v.front();
    if (time >= t.back()) return v.back();
    const auto it = std::upper_bound(t.begin(), t.end(), time);
    const std::size_t k = static_cast<std::size_t>(it - t.begin());
    const double w = (time - t[k - 1]) / (t[k] - t[k - 1]);
    return v[k - 1] + w * (v[k] - v[k - 1]);
  }
  static TimeSeries constant(double value) { return {{0.0}, {value}}; }
};

}  // namespace sd
