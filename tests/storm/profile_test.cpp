// Wind and rain profiles against formulas evaluated independently here.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "storm/rain_profile.hpp"
#include "storm/wind_profile.hpp"

namespace sd::storm {
namespace {

constexpr double kRho = 1.15;

// Holland (1980) surface wind written out from the paper, independent of the library.
double holland_reference(double r_km, double vmax, double dp_hpa, double rm_km, double lat) {
  const double dp = dp_hpa * 100.0, vg = vmax / 0.9;
  const double b = std::clamp(kRho * std::exp(1.0) * vg * vg / dp, 1.0, 2.5);
  const double f = 2 * 7.2921e-5 * std::sin(lat * std::numbers::pi / 180);
  const double r = r_km * 1000, rm = rm_km * 1000;
  const double a = std::pow(rm / r, b);
  return 0.9 * (std::sqrt(b * dp / kRho * a * std::exp(-a) + r * r * f * f / 4) - r * f / 2);
}

VortexParams vortex(double vmax, double pc, double rm, double lat) {
  VortexParams p;
  p.vmax_ms = vmax;
  p.pc_hpa = pc;
  p.penv_hpa = 1005;
  p.rmax_km = rm;
  p.lat_deg = lat;
  return p;
}

TEST(StormProfile, Holland1980AtRmaxMatchesPaperFormula) {
  const WindProfile w(WindModel::holland1980, vortex(45, 940, 30, 25));
  EXPECT_NEAR(w.surface_wind(30), holland_reference(30, 45, 65, 30, 25), 1e-9);
  // Without Coriolis the surface wind at R_max is exactly V_max when B is not clipped.
  const WindProfile eq(WindModel::holland1980, vortex(45, 940, 30, 0));
  EXPECT_NEAR(eq.surface_wind(30), 45.0, 1e-9);
  EXPECT_NEAR(eq.holland_b(), kRho * std::exp(1.0) * (45 / 0.9) * (45 / 0.9) / 6500, 1e-12);
}

TEST(StormProfile, Holland1980FarFieldAndClippedB) {
  const WindProfile w(WindModel::holland1980, vortex(45, 940, 30, 25));
  for (double r : {100.0, 300.0, 800.0})
    EXPECT_NEAR(w.surface_wind(r), holland_reference(r, 45, 65, 30, 25), 1e-9) << r;
  // Far field: cyclostrophic-geostrophic decay ~ (Rm/r)^B / (r f) well below V_max.
  EXPECT_LT(w.surface_wind(800), 0.2 * 45);
  // A weak vortex with a deep pressure deficit clips B at 1.
  const WindProfile weak(WindModel::holland1980, vortex(15, 950, 40, 20));
  EXPECT_DOUBLE_EQ(weak.holland_b(), 1.0);
  EXPECT_NEAR(weak.surface_wind(60), holland_reference(60, 15, 55, 40, 20), 1e-9);
}

TEST(StormProfile, OtherModelsPassThroughVmaxAtRmax) {
  for (WindModel m : {WindModel::holland2008, WindModel::holland2010, WindModel::willoughby2006}) {
    const WindProfile w(m, vortex(40, 950, 35, 22));
    EXPECT_NEAR(w.surface_wind(35), 40.0, 1e-6) << wind_model_name(m);
    EXPECT_LT(w.surface_wind(10), 40.0) << wind_model_name(m);
    EXPECT_LT(w.surface_wind(200), w.surface_wind(100)) << wind_model_name(m);
    EXPECT_DOUBLE_EQ(w.surface_wind(0), 0.0);
  }
}

TEST(StormProfile, Holland2010FitsOuterWindRadius) {
  VortexParams p = vortex(40, 950, 30, 22);
  p.r_outer_km = 250;
  p.v_outer_ms = 15.0;
  const WindProfile w(WindModel::holland2010, p);
  EXPECT_NEAR(w.surface_wind(250), 15.0, 1e-6);
}

TEST(StormProfile, RcliperAtCentreAndAtRm) {
  const double vmax = 40.0, kt = vmax * 3600 / 1852, u = 1 + (kt - 35) / 33;
  const double in_day = 25.4 / 24;
  const double t0 = (-1.10 + 3.96 * u) * in_day, tm = (-1.60 + 4.80 * u) * in_day;
  const double rm = 64.5 - 13.0 * u, re = 150.0 - 16.0 * u;
  EXPECT_NEAR(rcliper_rate_mmph(vmax, 0.0), t0, 1e-12);
  EXPECT_NEAR(rcliper_rate_mmph(vmax, rm), tm, 1e-9);
  EXPECT_NEAR(rcliper_rate_mmph(vmax, rm + re), tm / std::exp(1.0), 1e-9);
  EXPECT_NEAR(rcliper_rate_mmph(vmax, rm / 2), 0.5 * (t0 + tm), 1e-9);
  EXPECT_DOUBLE_EQ(rcliper_rate_mmph(5.0, 0.0), 0.0);  // weak storm: clipped at zero
}

}  // namespace
}  // namespace sd::storm
