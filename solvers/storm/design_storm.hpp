#pragma once
// Design storms for drills without a typhoon. The Chinese storm-intensity formula
// (GB 50014-2021 "Standard for design of outdoor wastewater engineering", 4.1.3)
//   q = 167 A1 (1 + C lg P) / (t + b)^n     [L/(s ha)], t in minutes
// i.e. mean intensity i = a / (t + b)^n mm/min with a = A1 (1 + C lg P), so the depth of
// the most intense t minutes is H(t) = a t / (t + b)^n. The Chicago hyetograph (Keifer &
// Chu 1957, J. Hydraul. Div. 83(4)) places that mass curve around a peak at r * duration:
// the depth within tb minutes before and ta after the peak is r H(tb / r), (1 - r) H(ta / (1 - r)).
#include "core/time_series.hpp"

namespace sd::storm {

struct IntensityFormula {
  double a1 = 0.0;  // A1, mm/min
  double c = 0.0;
  double b = 0.0;  // minutes
  double n = 0.0;
};

struct DesignStorm {
  IntensityFormula formula;
  double return_period_y = 5.0;
  double duration_min = 120.0;
  double peak_ratio = 0.4;  // r in (0, 1)
  double area_km2 = 0.0;    // > 0: apply the areal reduction factor
  double step_min = 5.0;    // hyetograph step
};

// Depth (mm) of the most intense t_min minutes: a t / (t + b)^n.
double formula_depth_mm(const IntensityFormula& f, double return_period_y, double t_min);
// Exact Chicago depth (mm) between t1 and t2 minutes after storm start.
double chicago_depth_mm(const DesignStorm& s, double t1_min, double t2_min);
// Areal reduction factor, US Weather Bureau TP-29 curves as fitted by Leclerc & Schaake
// (1973): ARF = 1 - exp(-1.1 t^0.25) + exp(-1.1 t^0.25 - 0.01 A), t hours, A km^2.
double areal_reduction_factor(double duration_h, double area_km2);
// Uniform rain-rate hyetograph (mm/h, seconds since storm start) holding each step's exact
// mean rate (steps joined by 1-s ramps), times the ARF when area_km2 > 0, zero afterwards.
// Throws std::invalid_argument on parameters that make no storm (n >= 1, r outside (0,1)...).
TimeSeries chicago_hyetograph(const DesignStorm& s);

}  // namespace sd::storm
