// Design storm (Chicago hyetograph), tide generator and storm ensembles.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "storm/design_storm.hpp"
#include "storm/ensemble.hpp"
#include "storm/tide.hpp"

namespace sd::storm {
namespace {

DesignStorm hangzhou_like() {
  DesignStorm s;
  s.formula = {10.6, 0.61, 11.26, 0.658};  // a Zhejiang-style formula (A1 mm/min, C, b min, n)
  s.return_period_y = 5;
  s.duration_min = 120;
  s.peak_ratio = 0.4;
  s.step_min = 5;
  return s;
}

// Exact integral of a piecewise-linear series.
double integral_mm(const TimeSeries& ts) {
  double sum = 0;
  for (std::size_t k = 1; k < ts.t.size(); ++k)
    sum += 0.5 * (ts.v[k] + ts.v[k - 1]) * (ts.t[k] - ts.t[k - 1]) / 3600.0;
  return sum;
}

TEST(StormDesign, ChicagoTotalEqualsIntensityFormulaDepth) {
  const DesignStorm s = hangzhou_like();
  const double a = 10.6 * (1 + 0.61 * std::log10(5.0));
  const double h = a * 120 / std::pow(120 + 11.26, 0.658);  // i = a/(t+b)^n mm/min over 120 min
  EXPECT_NEAR(formula_depth_mm(s.formula, 5, 120), h, 1e-9);
  EXPECT_NEAR(chicago_depth_mm(s, 0, 120), h, 1e-9 * h);
  const TimeSeries ts = chicago_hyetograph(s);
  EXPECT_NEAR(integral_mm(ts), h, 1e-9 * h);
  // The peak step holds the peak position (0.4 x 120 = 48 min: the step 45-50 min).
  double best = 0, best_t = 0;
  for (std::size_t k = 0; k < ts.t.size(); ++k)
    if (ts.v[k] > best) {
      best = ts.v[k];
      best_t = ts.t[k];
    }
  EXPECT_GE(best_t, 45 * 60.0);
  EXPECT_LE(best_t, 50 * 60.0);
  // Any window split r : (1 - r) around the peak holds the formula's depth for its length
  // (the Chicago property): 5 min from 46 to 51 min, 30 min from 36 to 66 min.
  EXPECT_NEAR(chicago_depth_mm(s, 46, 51), formula_depth_mm(s.formula, 5, 5), 1e-9);
  EXPECT_NEAR(chicago_depth_mm(s, 36, 66), formula_depth_mm(s.formula, 5, 30), 1e-9);
}

TEST(StormDesign, ArealReductionAndBadParameters) {
  EXPECT_NEAR(areal_reduction_factor(2.0, 0.0), 1.0, 1e-12);
  const double e = -1.1 * std::pow(2.0, 0.25);
  EXPECT_NEAR(areal_reduction_factor(2.0, 300.0), 1 - std::exp(e) + std::exp(e - 3.0), 1e-12);
  DesignStorm s = hangzhou_like();
  s.area_km2 = 300;
  EXPECT_NEAR(integral_mm(chicago_hyetograph(s)),
              areal_reduction_factor(2, 300) * chicago_depth_mm(hangzhou_like(), 0, 120), 1e-6);
  s.peak_ratio = 1.2;
  EXPECT_THROW(chicago_hyetograph(s), std::invalid_argument);
}

TEST(StormTide, SingleConstituentPeriodAndAmplitude) {
  TideSpec spec;
  spec.mean_level_m = 0.3;
  spec.constituents = {{"M2", 1.9, 40.0}};
  double hi = -1e9, lo = 1e9;
  std::vector<double> ups;  // upward zero crossings of (eta - mean)
  double prev = tide_level(spec, 0) - 0.3;
  for (double t = 60; t < 5 * 86400; t += 60) {
    const double v = tide_level(spec, t) - 0.3;
    hi = std::max(hi, v);
    lo = std::min(lo, v);
    if (prev < 0 && v >= 0) ups.push_back(t - 60 * v / (v - prev));
    prev = v;
  }
  EXPECT_NEAR(hi, 1.9, 1e-4);
  EXPECT_NEAR(lo, -1.9, 1e-4);
  ASSERT_GE(ups.size(), 3u);
  EXPECT_NEAR((ups.back() - ups.front()) / (ups.size() - 1) / 3600, 360.0 / 28.9841042,
              1e-3);  // 12.42 h
  TideSpec shifted = spec;  // shifting by 3 h moves the whole curve 3 h later
  shifted.phase_shift_h = 3.0;
  EXPECT_NEAR(tide_level(shifted, 10 * 3600.0), tide_level(spec, 7 * 3600.0), 1e-12);
}

// Durations of rise (low -> high) and fall over one M2 cycle, by sampling.
std::pair<double, double> rise_fall_h(const TideSpec& spec) {
  const double period = 360.0 / 28.9841042 * 3600;
  double t_hi = 0, t_lo = 0, hi = -1e9, lo = 1e9;
  for (double t = 0; t < period; t += 10) {
    const double v = tide_level(spec, t);
    if (v > hi) {
      hi = v;
      t_hi = t;
    }
    if (v < lo) {
      lo = v;
      t_lo = t;
    }
  }
  double rise = std::fmod(t_hi - t_lo + period, period) / 3600;
  return {rise, period / 3600 - rise};
}

TEST(StormTide, M4MakesTheFloodShorterThanTheEbb) {
  TideSpec spec;
  spec.constituents = {{"M2", 2.0, 0.0}};
  auto [r0, f0] = rise_fall_h(spec);
  EXPECT_NEAR(r0, f0, 0.01);
  // M4 at phase 2 g_M2 - 90 deg steepens the rise: flood-dominant, as in Hangzhou Bay.
  spec.constituents.push_back({"M4", 0.4, -90.0});
  auto [r1, f1] = rise_fall_h(spec);
  EXPECT_LT(r1, f1 - 1.0);
  EXPECT_THROW(constituent_speed_deg_per_h("XX9"), std::invalid_argument);
}

TEST(StormTide, SurgeHumpPeaksAtTimeWithFullWidthAtHalfMax) {
  TideSpec spec;
  spec.surge_peak_m = 1.2;
  spec.surge_peak_t_s = 20 * 3600;
  spec.surge_width_h = 10;
  EXPECT_NEAR(tide_level(spec, 20 * 3600), 1.2, 1e-12);
  EXPECT_NEAR(tide_level(spec, 15 * 3600), 0.6, 1e-9);
  EXPECT_NEAR(tide_level(spec, 25 * 3600), 0.6, 1e-9);
  const TimeSeries ts = tide_series(spec, 0, 36 * 3600, 600);
  EXPECT_EQ(ts.t.size(), 217u);
  EXPECT_NEAR(ts.at(20 * 3600), 1.2, 1e-12);
}

Track base_track() {
  Track tr{"base", Averaging::two_min, {}};
  for (int k = 0; k < 5; ++k) {
    TrackPoint p;
    p.t = k * 6 * 3600.0;
    p.lat = 25 + k;
    p.lon = 126 - k;
    p.pc_hpa = 960;
    p.vmax_ms = 38;
    tr.points.push_back(p);
  }
  return clean_track(tr);
}

TEST(StormEnsemble, MembersAreReproducibleAndDistinct) {
  const Track tr = base_track();
  StormParams p;
  EnsembleSpec spec;
  const Member a = member(tr, p, spec, 42, 3), b = member(tr, p, spec, 42, 3);
  EXPECT_EQ(a.cross_km, b.cross_km);
  EXPECT_EQ(a.params.bursts.seed, b.params.bursts.seed);
  EXPECT_EQ(a.params.bands.phase_deg, b.params.bands.phase_deg);
  for (std::size_t k = 0; k < tr.points.size(); ++k) {
    EXPECT_EQ(a.track.points[k].lat, b.track.points[k].lat);
    EXPECT_EQ(a.track.points[k].vmax_ms, b.track.points[k].vmax_ms);
  }
  const Member c = member(tr, p, spec, 42, 4), d = member(tr, p, spec, 43, 3);
  EXPECT_NE(a.cross_km, c.cross_km);
  EXPECT_NE(a.params.bursts.seed, c.params.bursts.seed);
  EXPECT_NE(a.cross_km, d.cross_km);
  // The cross-track offset moves every fix by that distance, perpendicular to the motion.
  for (std::size_t k = 0; k < tr.points.size(); ++k) {
    const double dist = distance_km({tr.points[k].lat, tr.points[k].lon},
                                    {a.track.points[k].lat, a.track.points[k].lon});
    EXPECT_NEAR(dist, std::hypot(a.cross_km, a.along_km),
                0.02 * std::hypot(a.cross_km, a.along_km) + 0.1);
  }
}

TEST(StormEnsemble, ZeroSpreadReproducesTheTrack) {
  const Track tr = base_track();
  const Member m = member(tr, StormParams{}, EnsembleSpec{0, 0, 0, 0, 0}, 9, 0);
  for (std::size_t k = 0; k < tr.points.size(); ++k) {
    EXPECT_NEAR(m.track.points[k].lat, tr.points[k].lat, 1e-9);
    EXPECT_NEAR(m.track.points[k].lon, tr.points[k].lon, 1e-9);
    EXPECT_DOUBLE_EQ(m.track.points[k].vmax_ms, tr.points[k].vmax_ms);
  }
  EXPECT_DOUBLE_EQ(m.params.rain_multiplier, 1.0);
}

// R_max becomes explicit (Vickery & Wadhera where the track had none), then scaled.
TEST(StormEnsemble, RmaxIsMadeExplicitAndScaled) {
  const Track tr = base_track();
  const Member m = member(tr, StormParams{}, EnsembleSpec{}, 5, 1);
  const double dp = 1005 - 960;
  const double est = vickery_wadhera_rmax_km(dp, tr.points[0].lat);
  EXPECT_NEAR(m.track.points[0].rmax_km, est * m.rmax_mult, 1e-9);
}

}  // namespace
}  // namespace sd::storm
