#include "storm/tide.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace sd::storm {

double constituent_speed_deg_per_h(const std::string& name) {
  // Doodson speeds, degrees per mean solar hour (Pugh 1987, Table 4.2).
  struct Entry {
    const char* name;
    double speed;
  };
  static constexpr Entry kTable[] = {
      {"M2", 28.9841042}, {"S2", 30.0000000},  {"N2", 28.4397295},  {"K2", 30.0821373},
      {"K1", 15.0410686}, {"O1", 13.9430356},  {"P1", 14.9589314},  {"Q1", 13.3986609},
      {"M4", 57.9682084}, {"MS4", 58.9841042}, {"MN4", 57.4238337}, {"M6", 86.9523127},
  };
  for (const Entry& e : kTable)
    if (name == e.name) return e.speed;
  throw std::invalid_argument("unknown tidal constituent '" + name +
                              "' (known: M2 S2 N2 K2 K1 O1 P1 Q1 M4 MS4 MN4 M6)");
}

double tide_level(const TideSpec& spec, double t_s) {
  const double t_h = t_s / 3600.0 - spec.phase_shift_h, deg = std::numbers::pi / 180.0;
  double eta = spec.mean_level_m;
  for (const TideConstituent& c : spec.constituents)
    eta +=
        c.amplitude_m * std::cos((constituent_speed_deg_per_h(c.name) * t_h - c.phase_deg) * deg);
  if (spec.surge_peak_m != 0.0) {
    const double sigma_s = spec.surge_width_h * 3600.0 / (2.0 * std::sqrt(2.0 * std::log(2.0)));
    const double z = (t_s - spec.surge_peak_t_s) / sigma_s;
    eta += spec.surge_peak_m * std::exp(-0.5 * z * z);
  }
  return eta;
}

TimeSeries tide_series(const TideSpec& spec, double t0_s, double t1_s, double dt_s) {
  if (!(dt_s > 0) || !(t1_s >= t0_s))
    throw std::invalid_argument("tide_series: need dt > 0, t1 >= t0");
  for (const TideConstituent& c : spec.constituents) constituent_speed_deg_per_h(c.name);
  TimeSeries ts;
  const long n = static_cast<long>(std::ceil((t1_s - t0_s) / dt_s - 1e-9));
  for (long k = 0; k <= n; ++k) {
    const double t = std::min(t1_s, t0_s + k * dt_s);
    if (!ts.t.empty() && t <= ts.t.back()) break;
    ts.t.push_back(t);
    ts.v.push_back(tide_level(spec, t));
  }
  return ts;
}

}  // namespace sd::storm
