#include "storm/rain_profile.hpp"

#include <algorithm>
#include <cmath>

namespace sd::storm {
namespace {

constexpr double kInPerDayToMmph = 25.4 / 24.0;
constexpr double kMsToKt = 3600.0 / 1852.0;

}  // namespace

RcliperShape rcliper_shape(double vmax_ms) {
  // Tuleya et al. (2007) Table 2, NHC (bias-adjusted) coefficients.
  const double u = 1.0 + (vmax_ms * kMsToKt - 35.0) / 33.0;
  RcliperShape s;
  s.t0_mmph = (-1.10 + 3.96 * u) * kInPerDayToMmph;
  s.tm_mmph = (-1.60 + 4.80 * u) * kInPerDayToMmph;
  s.rm_km = std::max(1.0, 64.5 - 13.0 * u);
  s.re_km = std::max(1.0, 150.0 - 16.0 * u);
  return s;
}

double rcliper_rate_mmph(const RcliperShape& s, double r_km) {
  const double r = std::abs(r_km);
  const double v = r < s.rm_km ? s.t0_mmph + (s.tm_mmph - s.t0_mmph) * r / s.rm_km
                               : s.tm_mmph * std::exp(-(r - s.rm_km) / s.re_km);
  return std::max(0.0, v);
}

}  // namespace sd::storm
