#pragma once
// Astronomical tide from harmonic constituents, for scenarios without an observed tide
// series: eta(t) = Z0 + sum_k A_k cos(omega_k t - phi_k) (Pugh & Woodworth 2014, ch. 4;
// speeds from the Doodson/IHO tables). Nodal corrections f, u are folded into the given
// amplitudes and phases (the scenario supplies them for its epoch). The shallow-water M4
// overtide gives the strong flood/ebb asymmetry of Hangzhou Bay.
#include <string>
#include <vector>

#include "core/time_series.hpp"

namespace sd::flood {

struct TideConstituent {
  std::string name;  // M2, S2, N2, K2, K1, O1, P1, Q1, M4, MS4, MN4, M6
  double amplitude_m = 0;
  double phase_deg = 0;  // phase lag relative to t = 0 (scenario start)
};

// Angular speed in degrees per hour; throws std::invalid_argument for an unknown name.
double constituent_speed_deg_per_h(const std::string& name);

// Level (m) at time t (s since scenario start).
double tide_level(double mean_level_m, const std::vector<TideConstituent>& cs, double t_s);

// Sampled as a TimeSeries from t0 to t1 every dt seconds (linear interpolation between
// samples; 600 s keeps the M4 interpolation error below 0.5 % of its amplitude).
TimeSeries tide_series(double mean_level_m, const std::vector<TideConstituent>& cs, double t0_s,
                       double t1_s, double dt_s);

}  // namespace sd::flood
