#include "flood/harmonic_tide.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <utility>

namespace sd::flood {

double constituent_speed_deg_per_h(const std::string& name) {
  // Angular speeds (deg/h), Schureman (1958) / IHO standard constituent table.
  static const std::pair<const char*, double> kSpeeds[] = {
      {"M2", 28.9841042}, {"S2", 30.0000000},  {"N2", 28.4397295},  {"K2", 30.0821373},
      {"K1", 15.0410686}, {"O1", 13.9430356},  {"P1", 14.9589314},  {"Q1", 13.3986609},
      {"M4", 57.9682084}, {"MS4", 58.9841042}, {"MN4", 57.4238337}, {"M6", 86.9523127}};
  for (const auto& [n, w] : kSpeeds)
    if (name == n) return w;
  throw std::invalid_argument("unknown tidal constituent '" + name + "'");
}

double tide_level(double mean_level_m, const std::vector<TideConstituent>& cs, double t_s) {
  constexpr double deg = std::numbers::pi / 180.0;
  double eta = mean_level_m;
  for (const auto& c : cs) {
    const double w = constituent_speed_deg_per_h(c.name) * deg / 3600.0;  // rad/s
    eta += c.amplitude_m * std::cos(w * t_s - c.phase_deg * deg);
  }
  return eta;
}

TimeSeries tide_series(double mean_level_m, const std::vector<TideConstituent>& cs, double t0_s,
                       double t1_s, double dt_s) {
  if (!(dt_s > 0) || !(t1_s > t0_s))
    throw std::invalid_argument("tide_series: need t1 > t0 and dt > 0");
  for (const auto& c : cs) (void)constituent_speed_deg_per_h(c.name);  // validate names first
  TimeSeries ts;
  const auto n = static_cast<std::size_t>(std::ceil((t1_s - t0_s) / dt_s));
  for (std::size_t k = 0; k <= n; ++k) {
    const double t = k == n ? t1_s : t0_s + static_cast<double>(k) * dt_s;
    if (!ts.t.empty() && t <= ts.t.back()) continue;
    ts.t.push_back(t);
    ts.v.push_back(tide_level(mean_level_m, cs, t));
  }
  return ts;
}

}  // namespace sd::flood
