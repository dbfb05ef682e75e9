#pragma once
// Astronomical tide from harmonic constituents plus an optional storm-surge hump:
//   eta(t) = z0 + sum_k A_k cos(omega_k t - g_k) + S exp(-(t - t_s)^2 / (2 sigma^2))
// with t in hours from the scenario start, omega_k the constituent speeds (deg/h, Doodson;
// values from Pugh 1987 "Tides, Surges and Mean Sea-Level", Table 4.2), g_k the phase lag
// referred to the scenario start (no nodal corrections: drills span days, not years), and
// sigma = width / (2 sqrt(2 ln 2)) so `surge_width_h` is the hump's full width at half max.
// The shallow-water M4 (and MS4, M6) produce the flood-dominant asymmetry of Hangzhou Bay.
#include <string>
#include <vector>

#include "core/time_series.hpp"

namespace sd::storm {

struct TideConstituent {
  std::string name;  // M2 S2 N2 K2 K1 O1 P1 Q1 M4 MS4 MN4 M6
  double amplitude_m = 0.0;
  double phase_deg = 0.0;
};

struct TideSpec {
  double mean_level_m = 0.0;
  std::vector<TideConstituent> constituents;
  double phase_shift_h = 0.0;   // harmonic tide taken at t - shift (high/low-tide variants)
  double surge_peak_m = 0.0;    // 0: no surge
  double surge_peak_t_s = 0.0;  // scenario seconds
  double surge_width_h = 10.0;
};

// Angular speed in degrees per hour; throws std::invalid_argument for an unknown name.
double constituent_speed_deg_per_h(const std::string& name);
// Sea level (m) at scenario time t_s.
double tide_level(const TideSpec& spec, double t_s);
// Sampled every dt_s from t0_s to t1_s inclusive.
TimeSeries tide_series(const TideSpec& spec, double t0_s, double t1_s, double dt_s = 300.0);

}  // namespace sd::storm
