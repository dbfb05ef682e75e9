#include "storm/design_storm.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace sd::storm {
namespace {

double mass(const DesignStorm& s, double t_min) {
  return formula_depth_mm(s.formula, s.return_period_y, t_min);
}

// Cumulative Chicago depth from storm start to t minutes.
double chicago_cumulative(const DesignStorm& s, double t) {
  const double T = s.duration_min, r = s.peak_ratio, tp = r * T;
  t = std::clamp(t, 0.0, T);
  const double before_all = r * mass(s, tp / r);  // depth before the peak
  if (t <= tp) return before_all - r * mass(s, (tp - t) / r);
  return before_all + (1 - r) * mass(s, (t - tp) / (1 - r));
}

void validate(const DesignStorm& s) {
  const IntensityFormula& f = s.formula;
  if (!(f.a1 > 0) || !(f.b >= 0) || !(f.n > 0 && f.n < 1) || !(s.return_period_y > 0) ||
      !(s.duration_min > 0) || !(s.peak_ratio > 0 && s.peak_ratio < 1) || !(s.step_min > 0) ||
      !(1 + f.c * std::log10(s.return_period_y) > 0))
    throw std::invalid_argument(
        "design storm needs a1 > 0, b >= 0, 0 < n < 1, 1 + c lg P > 0, P > 0, duration > 0, "
        "step > 0 and 0 < peak_ratio < 1");
}

}  // namespace

double formula_depth_mm(const IntensityFormula& f, double p_y, double t_min) {
  if (t_min <= 0) return 0.0;
  const double a = f.a1 * (1.0 + f.c * std::log10(p_y));
  return a * t_min / std::pow(t_min + f.b, f.n);
}

double chicago_depth_mm(const DesignStorm& s, double t1, double t2) {
  return chicago_cumulative(s, t2) - chicago_cumulative(s, t1);
}

double areal_reduction_factor(double duration_h, double area_km2) {
  const double e = -1.1 * std::pow(std::max(duration_h, 1e-6), 0.25);
  return 1.0 - std::exp(e) + std::exp(e - 0.01 * std::max(area_km2, 0.0));
}

TimeSeries chicago_hyetograph(const DesignStorm& s) {
  validate(s);
  const double arf =
      s.area_km2 > 0 ? areal_reduction_factor(s.duration_min / 60.0, s.area_km2) : 1.0;
  const int steps = static_cast<int>(std::ceil(s.duration_min / s.step_min - 1e-9));
  const double ramp_s = std::min(1.0, 0.01 * s.step_min * 60.0);
  TimeSeries ts;
  for (int k = 0; k < steps; ++k) {
    const double a = k * s.step_min, b = std::min(s.duration_min, a + s.step_min);
    const double rate = arf * chicago_depth_mm(s, a, b) / ((b - a) / 60.0);  // mm/h
    // Hold the step's mean rate; the 1-s ramps at the joins are centred on the step edges
    // so their trapezoids add back exactly what the plateau misses.
    ts.t.push_back(a * 60.0 + (k == 0 ? 0.0 : ramp_s / 2));
    ts.v.push_back(rate);
    ts.t.push_back(b * 60.0 - ramp_s / 2);
    ts.v.push_back(rate);
  }
  ts.t.push_back(s.duration_min * 60.0 + ramp_s / 2);
  ts.v.push_back(0.0);
  return ts;
}

}  // namespace sd::storm
