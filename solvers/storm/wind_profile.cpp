#include "storm/wind_profile.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sd::storm {
namespace {

constexpr double kE = std::numbers::e;
constexpr double kOmega = 7.2921e-5;  // Earth's rotation rate, rad/s

// Holland (2008) eq. (7): surface B from pressure deficit (hPa), pressure tendency (hPa/h),
// latitude and translation speed (m/s); x = 0.6 (1 - dp/215) (eq. 10).
double holland2008_bs(const VortexParams& p, double dp_hpa) {
  const double x = 0.6 * (1.0 - dp_hpa / 215.0);
  const double bs = -4.4e-5 * dp_hpa * dp_hpa + 0.01 * dp_hpa + 0.03 * p.dpdt_hpa_per_h -
                    0.014 * std::abs(p.lat_deg) + 0.15 * std::pow(p.translation_ms, x) + 1.0;
  return std::clamp(bs, 0.5, 2.5);
}

double holland2008_raw(double r_km, double rm_km, double bs, double dp_hpa, double rho) {
  const double q = std::pow(rm_km / r_km, bs);
  const double x = 0.6 * (1.0 - dp_hpa / 215.0);
  return std::pow(100.0 * bs * dp_hpa * q / (rho * std::exp(q)), x);
}

// Holland et al. (2010) shape g(r) = (Rm/r)^B exp(1 - (Rm/r)^B), g(Rm) = 1.
double holland2010_shape(double r_km, double rm_km, double b) {
  const double q = std::pow(rm_km / r_km, b);
  return q * std::exp(1.0 - q);
}

}  // namespace

bool parse_wind_model(const std::string& s, WindModel& out) {
  if (s == "holland1980")
    out = WindModel::holland1980;
  else if (s == "holland2008")
    out = WindModel::holland2008;
  else if (s == "holland2010")
    out = WindModel::holland2010;
  else if (s == "willoughby2006")
    out = WindModel::willoughby2006;
  else
    return false;
  return true;
}

const char* wind_model_name(WindModel m) {
  switch (m) {
    case WindModel::holland1980:
      return "holland1980";
    case WindModel::holland2008:
      return "holland2008";
    case WindModel::holland2010:
      return "holland2010";
    case WindModel::willoughby2006:
      return "willoughby2006";
  }
  return "holland1980";
}

double coriolis(double lat_deg) {
  return 2.0 * kOmega * std::sin(std::abs(lat_deg) * std::numbers::pi / 180.0);
}

double holland1980_b(double vmax_surface_ms, double dp_pa, double rho) {
  const double vg = vmax_surface_ms / 0.9;
  return std::clamp(rho * kE * vg * vg / std::max(dp_pa, 1.0), 1.0, 2.5);
}

double holland1980_gradient_wind(double r_m, double rmax_m, double b, double dp_pa, double f,
                                 double rho) {
  if (r_m <= 0) return 0.0;
  const double q = std::pow(rmax_m / r_m, b);
  const double rf2 = 0.5 * r_m * f;
  return std::sqrt(b * dp_pa / rho * q * std::exp(-q) + rf2 * rf2) - rf2;
}

WindProfile::WindProfile(WindModel model, const VortexParams& p) : model_(model), p_(p) {
  const double dp_hpa = std::max(1.0, p.penv_hpa - p.pc_hpa);
  dp_pa_ = 100.0 * dp_hpa;
  f_ = coriolis(p.lat_deg);
  const double rm = std::max(p.rmax_km, 1.0);
  p_.rmax_km = rm;
  switch (model) {
    case WindModel::holland1980:
      b_ = holland1980_b(p.vmax_ms, dp_pa_, p.rho);
      break;
    case WindModel::holland2008:
      b_ = holland2008_bs(p, dp_hpa);
      scale_ = p.vmax_ms / std::max(1e-6, holland2008_raw(rm, rm, b_, dp_hpa, p.rho));
      break;
    case WindModel::holland2010: {
      b_ = std::clamp(p.rho * kE * p.vmax_ms * p.vmax_ms / dp_pa_, 0.5, 2.5);
      r_n_km_ = p.r_outer_km;
      if (p.r_outer_km > 1.2 * rm && p.v_outer_ms > 0 && p.v_outer_ms < p.vmax_ms) {
        const double g = holland2010_shape(p.r_outer_km, rm, b_);
        x_out_ = std::clamp(std::log(p.v_outer_ms / p.vmax_ms) / std::log(g), 0.3, 1.5);
      }
      break;
    }
    case WindModel::willoughby2006: {
      // Willoughby et al. (2006) eqs. (10a-c); V m/s, Rm km, latitude deg.
      const double v = p.vmax_ms, lr = std::log(rm), lat = std::abs(p.lat_deg);
      w_n_ = std::max(0.1, 2.1340 + 0.0077 * v - 0.4522 * lr - 0.0038 * lat);
      w_x1_ = std::max(10.0, 287.6 - 1.942 * v + 7.799 * lr + 1.819 * lat);
      w_a_ = std::clamp(0.5913 + 0.0029 * v - 0.1361 * lr - 0.0042 * lat, 0.0, 1.0);
      break;
    }
  }
}

double WindProfile::surface_wind(double r_km) const {
  if (r_km <= 0) return 0.0;
  const double rm = p_.rmax_km;
  switch (model_) {
    case WindModel::holland1980:
      return 0.9 * holland1980_gradient_wind(r_km * 1000.0, rm * 1000.0, b_, dp_pa_, f_, p_.rho);
    case WindModel::holland2008:
      return scale_ * holland2008_raw(r_km, rm, b_, dp_pa_ / 100.0, p_.rho);
    case WindModel::holland2010: {
      double x = 0.5;
      if (r_km > rm && r_n_km_ > rm) x = 0.5 + (r_km - rm) * (x_out_ - 0.5) / (r_n_km_ - rm);
      return p_.vmax_ms * std::pow(holland2010_shape(r_km, rm, b_), x);
    }
    case WindModel::willoughby2006: {
      if (r_km <= rm) return p_.vmax_ms * std::pow(r_km / rm, w_n_);
      const double d = r_km - rm;
      return p_.vmax_ms * ((1 - w_a_) * std::exp(-d / w_x1_) + w_a_ * std::exp(-d / 25.0));
    }
  }
  return 0.0;
}

}  // namespace sd::storm
