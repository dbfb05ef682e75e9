#pragma once
// Symmetric (axisymmetric) surface-wind profiles of a tropical cyclone.
//  holland1980:    Holland (1980, Mon. Wea. Rev. 108, 1212-1218) gradient wind with
//                  Coriolis, V_g(r) = sqrt(B dp/rho (Rm/r)^B exp(-(Rm/r)^B) + r^2 f^2/4) - r f/2,
//                  B = rho e V_g^2 / dp with V_g = V_max / 0.9, rho = 1.15 kg/m3, B in [1, 2.5];
//                  surface wind = 0.9 V_g (Powell et al. 2005 gradient-to-surface ratio).
//  holland2008:    Holland (2008, Mon. Wea. Rev. 136, 3432-3445) surface profile,
//                  V_s = (100 b_s dp (Rm/r)^b_s / (rho e^{(Rm/r)^b_s}))^x with b_s from eq. (7)
//                  and x = 0.6 (1 - dp/215) (dp hPa), scaled to pass through V_max at Rm.
//  holland2010:    Holland, Belanger & Fritz (2010, Mon. Wea. Rev. 138, 4393-4401),
//                  V = V_max ((Rm/r)^B exp(1 - (Rm/r)^B))^x, x = 0.5 inside Rm, growing
//                  linearly outside to x_n at r_n fitted to an outer wind radius when known.
//  willoughby2006: Willoughby, Darling & Rahn (2006, Mon. Wea. Rev. 134, 1102-1120) dual
//                  exponential, eqs. (10a-c) parameters; power law inside Rm, joined at Rm
//                  without the polynomial ramp (documented simplification).
#include <string>

namespace sd::storm {

enum class WindModel { holland1980, holland2008, holland2010, willoughby2006 };
bool parse_wind_model(const std::string& name, WindModel& out);
const char* wind_model_name(WindModel m);

struct VortexParams {
  double vmax_ms = 0.0;  // surface maximum wind (the period the caller wants out)
  double pc_hpa = 0.0;
  double penv_hpa = 1005.0;
  double rmax_km = 30.0;
  double lat_deg = 25.0;
  double translation_ms = 0.0;  // holland2008's b_s term
  double dpdt_hpa_per_h = 0.0;  // holland2008's b_s term
  double r_outer_km = -1.0;     // holland2010: radius of a known outer wind (<= 0: none)
  double v_outer_ms = 0.0;      //              and that wind
  double rho = 1.15;            // air density, kg/m3
};

class WindProfile {
 public:
  WindProfile(WindModel model, const VortexParams& p);
  // Surface wind speed (m/s) at radius r_km from the centre.
  double surface_wind(double r_km) const;
  double holland_b() const { return b_; }

 private:
  WindModel model_;
  VortexParams p_;
  double b_ = 1.0;
  double f_ = 0.0;  // Coriolis parameter, 1/s
  double dp_pa_ = 0.0;
  double x_out_ = 0.5;  // holland2010 outer exponent
  double r_n_km_ = 0.0;
  double scale_ = 1.0;                         // holland2008 scaling
  double w_n_ = 1.0, w_x1_ = 0.0, w_a_ = 0.0;  // willoughby2006 parameters
};

// Holland (1980) B from V_max (surface), dp: B = rho e (V_max/0.9)^2 / dp clipped to [1, 2.5].
double holland1980_b(double vmax_surface_ms, double dp_pa, double rho = 1.15);
// Holland (1980) gradient wind at r (m) for B, dp (Pa), Rm (m), Coriolis f (1/s).
double holland1980_gradient_wind(double r_m, double rmax_m, double b, double dp_pa, double f,
                                 double rho = 1.15);
double coriolis(double lat_deg);

}  // namespace sd::storm
