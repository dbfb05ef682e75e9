#include "flood/rain_source.hpp"

#include <algorithm>
#include <cmath>

namespace sd::flood {
namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}

// Integral of the rate from t[0] to t (negative t - t[0] gives a negative integral of the
// held first value), so mean(t0, t1) = (I(t1) - I(t0)) / (t1 - t0) exactly for both shapes.
double UniformRain::integral(double t) const {
  const auto& T = ts_.t;
  const auto& V = ts_.v;
  if (t <= T.front()) return V.front() * (t - T.front());
  double acc = 0.0;
  for (std::size_t k = 0; k + 1 < T.size(); ++k) {
    const double a = T[k], b = std::min(t, T[k + 1]);
    if (shape_ == Shape::Steps) {
      acc += V[k] * (b - a);
    } else {
      const double vb = V[k] + (V[k + 1] - V[k]) * (b - a) / (T[k + 1] - a);
      acc += 0.5 * (V[k] + vb) * (b - a);
    }
    if (t <= T[k + 1]) return acc;
  }
  return acc + V.back() * (t - T.back());
}

double UniformRain::uniform_mmph(double t0, double t1) const {
  if (ts_.empty()) return 0.0;
  if (t1 <= t0) {  // a point value: the rate holding just after t0
    if (shape_ == Shape::Linear) return ts_.at(t0);
    const auto it = std::upper_bound(ts_.t.begin(), ts_.t.end(), t0);
    return it == ts_.t.begin() ? ts_.v.front()
                               : ts_.v[static_cast<std::size_t>(it - ts_.t.begin()) - 1];
  }
  return (integral(t1) - integral(t0)) / (t1 - t0);
}

void UniformRain::fill_mmph(double t0, double t1, float* mmph) const {
  (void)t0, (void)t1, (void)mmph;  // uniform: the solver only calls uniform_mmph
}

double UniformRain::next_break(double t) const {
  const auto it = std::upper_bound(ts_.t.begin(), ts_.t.end(), t);
  return it == ts_.t.end() ? kInf : *it;
}

CallbackRain::CallbackRain(std::size_t cells, Fill fill, std::vector<double> breaks)
    : cells_(cells), fill_(std::move(fill)), breaks_(std::move(breaks)), tmp_(cells) {
  std::sort(breaks_.begin(), breaks_.end());
}

void CallbackRain::fill_mmph(double t0, double t1, float* mmph) const {
  fill_(t0, mmph);
  fill_(t1, tmp_.data());
  for (std::size_t k = 0; k < cells_; ++k) mmph[k] = 0.5f * (mmph[k] + tmp_[k]);
}

double CallbackRain::next_break(double t) const {
  const auto it = std::upper_bound(breaks_.begin(), breaks_.end(), t);
  return it == breaks_.end() ? kInf : *it;
}

}  // namespace sd::flood
