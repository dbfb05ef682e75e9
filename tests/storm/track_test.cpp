// Track geometry, interpolation, averaging conversion and inland decay.
#include <gtest/gtest.h>

#include <cmath>

#include "storm/inland_decay.hpp"
#include "storm/track.hpp"

namespace sd::storm {
namespace {

TrackPoint fix(double t_h, double lat, double lon, double pc, double v) {
  TrackPoint p;
  p.t = t_h * 3600.0;
  p.lat = lat;
  p.lon = lon;
  p.pc_hpa = pc;
  p.vmax_ms = v;
  return p;
}

TEST(StormTrack, GreatCircleGeometry) {
  EXPECT_NEAR(distance_km({30, 120}, {31, 120}), kEarthRadiusKm * kDeg, 1e-9);
  EXPECT_NEAR(bearing_deg({0, 120}, {0, 121}), 90.0, 1e-9);
  EXPECT_NEAR(bearing_deg({30, 120}, {29, 120}), 180.0, 1e-9);
  const LatLon d = destination({30, 120}, 45.0, 100.0);
  EXPECT_NEAR(distance_km({30, 120}, d), 100.0, 1e-9);
}

TEST(StormTrack, InterpolatesAlongGreatCircleWithHeadingAndSpeed) {
  Track tr;
  tr.points = {fix(0, 30, 120, 960, 40), fix(24, 30, 130, 960, 40)};
  tr = clean_track(tr);
  const StormState s = interpolate(tr, 12 * 3600.0);
  // Great-circle midpoint (independent closed form).
  const double p1 = 30 * kDeg, dl = 10 * kDeg;
  const double bx = std::cos(p1) * std::cos(dl), by = std::cos(p1) * std::sin(dl);
  const double lat_mid =
      std::atan2(2 * std::sin(p1), std::sqrt((std::cos(p1) + bx) * (std::cos(p1) + bx) + by * by)) /
      kDeg;
  EXPECT_NEAR(s.lat, lat_mid, 1e-9);
  EXPECT_GT(s.lat, 30.0);  // the great circle bulges poleward
  EXPECT_NEAR(s.lon, 125.0, 1e-9);
  EXPECT_NEAR(s.heading_deg, 90.0, 0.01);  // due east at the midpoint
  EXPECT_NEAR(s.speed_ms, distance_km({30, 120}, {30, 130}) * 1000 / 86400, 1e-3);
}

TEST(StormTrack, IntensityInterpolationIsMonotoneAndExactAtFixes) {
  Track tr;
  tr.points = {fix(0, 20, 130, 1000, 15), fix(6, 21, 129, 1000, 15), fix(12, 22, 128, 950, 45),
               fix(18, 23, 127, 950, 45)};
  tr = clean_track(tr);
  EXPECT_DOUBLE_EQ(interpolate(tr, 12 * 3600.0).pc_hpa, 950.0);
  for (double h = 0; h <= 18; h += 0.25) {
    const StormState s = interpolate(tr, h * 3600);
    EXPECT_GE(s.pc_hpa, 950.0 - 1e-9) << h;  // no overshoot (Fritsch-Carlson)
    EXPECT_LE(s.pc_hpa, 1000.0 + 1e-9) << h;
    EXPECT_LE(s.vmax_ms, 45.0 + 1e-9) << h;
  }
}

TEST(StormTrack, CleanMergesLandfallRowsAndFillsGaps) {
  Track tr;
  TrackPoint dl = fix(6, 30, 122.5, NAN, NAN);
  dl.landfall = true;
  tr.points = {fix(0, 29, 123, 965, 38), fix(6, 30, 122.5, 965, 38), dl,
               fix(12, 30.5, 121.5, NAN, 30), fix(18, 31, 121, 980, 25)};
  tr = clean_track(tr);
  ASSERT_EQ(tr.points.size(), 4u);
  EXPECT_TRUE(tr.points[1].landfall);
  EXPECT_DOUBLE_EQ(tr.points[1].pc_hpa, 965.0);
  EXPECT_DOUBLE_EQ(tr.points[2].pc_hpa, 972.5);  // linear in time between 965 and 980
  EXPECT_THROW(clean_track(Track{"x", Averaging::two_min, {fix(0, 20, 120, 990, 20)}}),
               std::invalid_argument);
}

TEST(StormTrack, AveragingConversionFactors) {
  EXPECT_NEAR(averaging_factor(Averaging::one_min, Averaging::ten_min), 0.93, 1e-12);
  EXPECT_NEAR(averaging_factor(Averaging::two_min, Averaging::ten_min), 1 / 1.05, 1e-12);
  EXPECT_NEAR(averaging_factor(Averaging::two_min, Averaging::one_min) *
                  averaging_factor(Averaging::one_min, Averaging::two_min),
              1.0, 1e-12);
  Track tr{"x", Averaging::one_min, {fix(0, 20, 120, 990, 40), fix(6, 21, 120, 990, 50)}};
  tr = convert_averaging(tr, Averaging::ten_min);
  EXPECT_NEAR(tr.points[1].vmax_ms, 46.5, 1e-9);
}

TEST(StormTrack, VickeryWadheraRmax) {
  EXPECT_NEAR(vickery_wadhera_rmax_km(50, 25), std::exp(3.015 - 6.291e-5 * 2500 + 0.0337 * 25),
              1e-12);
  Track tr{"x", Averaging::ten_min, {fix(0, 25, 120, 955, 40), fix(6, 26, 120, 955, 40)}};
  EXPECT_NEAR(interpolate(clean_track(tr), 0).rmax_km, vickery_wadhera_rmax_km(50, 25), 1e-9);
}

TEST(StormTrack, KaplanDeMariaDecay) {
  DecayParams p;
  const double kt = 3600.0 / 1852.0;  // 1 m/s in kt: winds given in 1-min m/s here
  const double v0 = 50.0;
  for (double t : {0.0, 6.0, 24.0}) {
    const double expect = (26.7 + (0.9 * v0 * kt - 26.7) * std::exp(-0.095 * t)) / kt;
    EXPECT_NEAR(kaplan_demaria_wind(v0, t, p, kt), expect, 1e-9) << t;
  }
  // A track ending over land is extended with decaying winds from the landfall wind.
  Track tr{"x",
           Averaging::one_min,
           {fix(0, 28, 124, 950, 50), fix(6, 29, 122, 950, 50), fix(12, 30, 120, 950, 50)}};
  tr = clean_track(tr);
  const LandPredicate land = [](double, double lon) { return lon < 122.5; };
  const double lf = detect_landfall(tr, land);
  EXPECT_NEAR(lf / 3600, 4.5, 0.2);  // crosses lon 122.5 about 4.5 h in
  p.extend_h = 12;
  const Track d = apply_inland_decay(tr, lf, land, p);
  ASSERT_GT(d.points.size(), tr.points.size());
  const TrackPoint& last = d.points.back();
  EXPECT_NEAR(last.t, tr.end() + 12 * 3600, 1e-6);
  EXPECT_NEAR(last.vmax_ms, kaplan_demaria_wind(50, (last.t - lf) / 3600, p, kt), 1e-9);
  EXPECT_GT(last.pc_hpa, 950.0);  // filling as the wind decays
  EXPECT_LT(last.lon, 120.0);     // kept moving west
}

}  // namespace
}  // namespace sd::storm
