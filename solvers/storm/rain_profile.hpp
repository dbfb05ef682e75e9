#pragma once
// Symmetric tropical-cyclone rain rate: R-CLIPER (Marks & DeMaria 2002; Tuleya, DeMaria &
// Kuligowski 2007, Wea. Forecasting 22, 56-70, Table 2 bias-adjusted NHC coefficient set):
//   U  = 1 + (V_max[kt] - 35) / 33
//   T0 = a1 + b1 U, Tm = a2 + b2 U (in/day), rm = a3 + b3 U, re = a4 + b4 U (km)
//   R(r) = T0 + (Tm - T0) r / rm            r <  rm
//   R(r) = Tm exp(-(r - rm) / re)            r >= rm
// with a1 = -1.10, b1 = 3.96, a2 = -1.60, b2 = 4.80 (in/day), a3 = 64.5, b3 = -13.0,
// a4 = 150.0, b4 = -16.0 (km). Returned in mm/h (1 in/day = 25.4/24 mm/h), never negative.
namespace sd::storm {

struct RcliperShape {
  double t0_mmph = 0.0;  // rate at the centre
  double tm_mmph = 0.0;  // rate at rm (the maximum)
  double rm_km = 0.0;
  double re_km = 0.0;
};

RcliperShape rcliper_shape(double vmax_ms);
double rcliper_rate_mmph(const RcliperShape& s, double r_km);
inline double rcliper_rate_mmph(double vmax_ms, double r_km) {
  return rcliper_rate_mmph(rcliper_shape(vmax_ms), r_km);
}

}  // namespace sd::storm
