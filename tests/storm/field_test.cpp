// The storm-field model: storm totals against closed-form integrals, wind assembly and
// asymmetry, rain structure (bands, bursts) and the accumulators.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <numeric>

#include "storm/rain_profile.hpp"
#include "storm/storm_field.hpp"

namespace sd::storm {
namespace {

TrackPoint fix(double t_h, double lat, double lon, double pc, double v) {
  TrackPoint p;
  p.t = t_h * 3600.0;
  p.lat = lat;
  p.lon = lon;
  p.pc_hpa = pc;
  p.vmax_ms = v;
  p.rmax_km = 30.0;
  return p;
}

// Cells at the given lat/lon (a 1-row grid; geometry comes from lon/lat only).
StormField field_at(const Track& tr, const StormParams& p, std::vector<double> lat,
                    std::vector<double> lon) {
  Grid g;
  g.nx = static_cast<int>(lat.size());
  g.ny = 1;
  g.cell = 1000;
  return StormField(tr, p, g, std::move(lon), std::move(lat));
}

TEST(StormField, StormTotalAlongStraightTrackMatchesClosedForm) {
  // Constant storm moving east along the equator at U; a point at distance d from the
  // track gets (2/U) * integral_0^inf R(sqrt(d^2 + s^2)) ds of the R-CLIPER profile.
  const double vmax10 = 40.0 * 0.93;  // 1-min 40 m/s stated as 10-min
  Track tr{
      "straight", Averaging::ten_min, {fix(0, 0, 110, 950, vmax10), fix(120, 0, 130, 950, vmax10)}};
  StormParams p;
  p.max_radius_km = 3000;
  const double d_off = 100.0;
  const double lat_off = d_off / (kEarthRadiusKm * kDeg);
  const StormField f = field_at(tr, p, {0.0, lat_off}, {120.0, 120.0});
  const double dt = 300.0;
  std::vector<double> total(2, 0.0);
  std::vector<float> rain(2), wind(2);
  for (double t = 0; t <= 120 * 3600.0; t += dt) {
    f.fill(t, rain.data(), wind.data());
    for (int c = 0; c < 2; ++c) total[c] += rain[c] * dt / 3600.0;
  }
  const double u_kmh = distance_km({0, 110}, {0, 130}) / 120.0;
  const RcliperShape s = rcliper_shape(40.0);
  const double on_track =
      2.0 / u_kmh *
      (s.t0_mmph * s.rm_km + 0.5 * (s.tm_mmph - s.t0_mmph) * s.rm_km + s.tm_mmph * s.re_km);
  // d > rm: integral of exp(-sqrt(d^2+s^2)/re) over s >= 0 is d K1(d/re).
  const double off_track = 2.0 / u_kmh * s.tm_mmph * std::exp(s.rm_km / s.re_km) * d_off *
                           std::cyl_bessel_k(1.0, d_off / s.re_km);
  EXPECT_NEAR(total[0], on_track, 0.003 * on_track);
  EXPECT_NEAR(total[1], off_track, 0.003 * off_track);
}

TEST(StormField, WindAtRmaxAndTranslationAsymmetry) {
  // Stationary storm: the field's speed at R_max is the profile's value (10-min, at sea).
  Track still{"still", Averaging::ten_min, {fix(0, 20, 125, 950, 40), fix(12, 20, 125, 950, 40)}};
  StormParams p;
  const double dlat = 30.0 / (kEarthRadiusKm * kDeg);
  const StormField f = field_at(still, p, {20 + dlat, 20 - dlat}, {125, 125});
  std::vector<float> rain(2), wind(2);
  f.fill(6 * 3600.0, rain.data(), wind.data());
  VortexParams vp;
  vp.vmax_ms = 40;
  vp.pc_hpa = 950;
  vp.rmax_km = 30;
  vp.lat_deg = 20;
  const double v_rm = WindProfile(WindModel::holland1980, vp).surface_wind(30.0);
  EXPECT_NEAR(wind[0], v_rm, 0.01 * v_rm);
  EXPECT_NEAR(wind[1], v_rm, 0.01 * v_rm);
  // Moving north at ~5 m/s: east of the centre (right of motion) is stronger by about
  // 2 x 0.5 Vt (Jelesnianski weight 1/2 at R_max) times cos(inflow 10 deg).
  Track moving{"n",
               Averaging::ten_min,
               {fix(0, 20, 125, 950, 40), fix(24, 20 + 432.0 / 111.195, 125, 950, 40)}};
  const double lat_mid = 20 + 216.0 / 111.195;
  const double dlon = 30.0 / (kEarthRadiusKm * kDeg * std::cos(lat_mid * kDeg));
  const StormField m = field_at(moving, p, {lat_mid, lat_mid}, {125 + dlon, 125 - dlon});
  m.fill(12 * 3600.0, rain.data(), wind.data());
  const double vt = m.state_at(12 * 3600.0).speed_ms;
  EXPECT_NEAR(vt, 5.0, 0.01);
  EXPECT_NEAR(wind[0] - wind[1], vt * std::cos(10 * kDeg), 0.1);
}

TEST(StormField, LandReductionAndOutsideDomain) {
  Track still{"still", Averaging::ten_min, {fix(0, 20, 125, 950, 40), fix(12, 20, 125, 950, 40)}};
  StormParams p;
  p.orographic_k = 0;
  Grid g;
  g.nx = 3;
  g.ny = 1;
  g.cell = 1000;
  const double dlat = 60.0 / (kEarthRadiusKm * kDeg);
  StormField f(still, p, g, {125, 125, 125}, {20 + dlat, 20 - dlat, 20 + dlat},
               {-1.0f, 10.0f, NAN});
  std::vector<float> rain(3), wind(3), gust(3);
  f.fill(6 * 3600.0, rain.data(), wind.data(), gust.data());
  EXPECT_NEAR(wind[1] / wind[0], p.overland_wind_factor, 0.01);  // same radius, land vs sea
  EXPECT_NEAR(gust[0] / wind[0], p.gust_factor_sea, 1e-5);
  EXPECT_NEAR(gust[1] / wind[1], p.gust_factor_land, 1e-5);
  EXPECT_TRUE(std::isnan(rain[2]) && std::isnan(wind[2]));
}

TEST(StormField, FillIsDeterministicAndZeroOutsideTrackSpan) {
  Track tr{"x", Averaging::ten_min, {fix(0, 28, 124, 960, 35), fix(24, 31, 120, 980, 25)}};
  StormParams p;
  p.structure = RainStructure::bands;
  p.epoch_s = 0;
  Grid g;
  g.nx = 40;
  g.ny = 40;
  g.cell = 2000;
  std::vector<double> lon(g.size()), lat(g.size());
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      lon[g.index(i, j)] = 120.5 + i * 0.02;
      lat[g.index(i, j)] = 30.8 - j * 0.02;
    }
  const StormField f(tr, p, g, lon, lat);
  std::vector<float> r1(g.size()), w1(g.size()), r2(g.size()), w2(g.size());
  f.fill(18 * 3600.0, r1.data(), w1.data());
  f.fill(18 * 3600.0, r2.data(), w2.data());
  EXPECT_EQ(r1, r2);
  EXPECT_EQ(w1, w2);
  EXPECT_GT(*std::max_element(r1.begin(), r1.end()), 1.0f);
  f.fill(30 * 3600.0, r1.data(), w1.data());
  EXPECT_EQ(*std::max_element(r1.begin(), r1.end()), 0.0f);
}

TEST(StormField, BandedFieldIsMeanFieldTimesBandFactor) {
  Track tr{"x", Averaging::ten_min, {fix(0, 29.5, 122.5, 960, 35), fix(24, 31.5, 120.5, 970, 30)}};
  StormParams mean_p, band_p;
  band_p.structure = RainStructure::bands;
  band_p.bands.phase_deg = 50;
  Grid g;
  g.nx = 50;
  g.ny = 50;
  g.cell = 2000;
  std::vector<double> lon(g.size()), lat(g.size());
  double lat_sum = 0;
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      lon[g.index(i, j)] = 120.9 + i * 0.02;
      lat[g.index(i, j)] = 31.0 - j * 0.02;
      lat_sum += lat[g.index(i, j)];
    }
  const StormField fm(tr, mean_p, g, lon, lat), fb(tr, band_p, g, lon, lat);
  const double t = 10 * 3600.0;
  std::vector<float> rm(g.size()), rb(g.size()), w(g.size());
  fm.fill(t, rm.data(), w.data());
  fb.fill(t, rb.data(), w.data());
  const StormState s = fm.state_at(t);
  const double kx = kEarthRadiusKm * kDeg * std::cos(0.5 * (lat_sum / g.size() + s.lat) * kDeg);
  int checked = 0;
  for (std::size_t c = 0; c < g.size(); ++c) {
    const double dx = (lon[c] - s.lon) * kx, dy = (lat[c] - s.lat) * kEarthRadiusKm * kDeg;
    const double expect =
        band_factor(band_p.bands, std::hypot(dx, dy), std::atan2(dy, dx), s.rmax_km, t);
    EXPECT_NEAR(rb[c] / rm[c], expect, 2e-3) << c;
    checked += std::abs(expect - 1.0) > 0.1;
  }
  EXPECT_GT(checked, 100);  // the grid sees real bands
}

TEST(StormRainStructure, BandModulationAveragesToOneOverARevolution) {
  BandParams b;
  b.phase_deg = 37.0;
  for (double r : {60.0, 150.0, 400.0}) {
    double sum = 0;
    const int n = 720;
    for (int k = 0; k < n; ++k)
      sum += band_factor(b, r, 2 * std::numbers::pi * k / n, 30.0, 5000.0);
    EXPECT_NEAR(sum / n, 1.0, 1e-12) << r;
    double tsum = 0;  // and at a fixed point over one rotation period
    for (int k = 0; k < n; ++k)
      tsum += band_factor(b, r, 1.0, 30.0, b.rotation_period_h * 3600.0 * k / n);
    EXPECT_NEAR(tsum / n, 1.0, 1e-12) << r;
  }
  EXPECT_DOUBLE_EQ(band_factor(b, 30.0, 0.3, 30.0, 0.0), 1.0);  // no bands in the eyewall
}

std::vector<float> smooth_block(const Grid& g, int nt) {
  std::vector<float> f(g.size() * static_cast<std::size_t>(nt));
  for (int k = 0; k < nt; ++k)
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i)
        f[k * g.size() + g.index(i, j)] =
            static_cast<float>(5.0 + 3.0 * std::sin(0.1 * i + 0.05 * j + 0.2 * k));
  return f;
}

TEST(StormRainStructure, BurstsPreserveBlockTotalsAndAreReproducible) {
  Grid g;
  g.nx = 60;
  g.ny = 50;
  g.cell = 1000;
  BurstParams p;
  p.seed = 7;
  p.block_km = 20;
  const int nt = 18;
  const std::vector<float> mean = smooth_block(g, nt);
  std::vector<float> a = mean, b = mean, c = mean;
  apply_bursts(p, g, 3, 600.0, nt, a.data());
  apply_bursts(p, g, 3, 600.0, nt, b.data());
  EXPECT_EQ(a, b);  // same seed and block: same field
  p.seed = 8;
  apply_bursts(p, g, 3, 600.0, nt, c.data());
  EXPECT_NE(a, c);
  // Totals over each 20 km x 20 km tile and the block's span are unchanged.
  const int tile = 20;
  for (int tj = 0; tj < g.ny; tj += tile)
    for (int ti = 0; ti < g.nx; ti += tile) {
      double s0 = 0, s1 = 0;
      for (int k = 0; k < nt; ++k)
        for (int j = tj; j < std::min(g.ny, tj + tile); ++j)
          for (int i = ti; i < std::min(g.nx, ti + tile); ++i) {
            s0 += mean[k * g.size() + g.index(i, j)];
            s1 += a[k * g.size() + g.index(i, j)];
          }
      EXPECT_NEAR(s1, s0, 1e-6 * s0) << ti << "," << tj;
    }
  // Peaks become sharper than the mean field's.
  EXPECT_GT(*std::max_element(a.begin(), a.end()),
            1.5f * *std::max_element(mean.begin(), mean.end()));
}

TEST(StormRainStructure, FramesWithBurstsKeepTheBandedBlockTotals) {
  Track tr{"x", Averaging::ten_min, {fix(0, 30.0, 121.2, 960, 35), fix(12, 30.6, 120.9, 970, 30)}};
  StormParams banded, bursty;
  banded.structure = RainStructure::bands;
  bursty.structure = RainStructure::bands_bursts;
  bursty.bursts.seed = 99;
  Grid g;
  g.nx = 40;
  g.ny = 40;
  g.cell = 1000;
  std::vector<double> lon(g.size()), lat(g.size());
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      lon[g.index(i, j)] = 120.7 + i * 0.0104;
      lat[g.index(i, j)] = 30.6 - j * 0.009;
    }
  const StormField fb(tr, banded, g, lon, lat), fx(tr, bursty, g, lon, lat);
  StormFrames frames(fx, 600.0);
  std::vector<float> r(g.size()), w(g.size());
  std::vector<double> mean_tiles(4, 0.0), burst_tiles(4, 0.0);
  double peak_mean = 0, peak_burst = 0;
  for (int k = 0; k < 18; ++k) {  // block 1: 3 h to 6 h
    fb.fill(3 * 3600.0 + (k + 0.5) * 600.0, r.data(), w.data());
    for (std::size_t c = 0; c < g.size(); ++c) {
      mean_tiles[(c / g.nx / 20) * 2 + (c % g.nx) / 20] += r[c];
      peak_mean = std::max<double>(peak_mean, r[c]);
    }
    frames.fill(3 * 3600.0 + k * 600.0, r.data(), w.data());
    for (std::size_t c = 0; c < g.size(); ++c) {
      burst_tiles[(c / g.nx / 20) * 2 + (c % g.nx) / 20] += r[c];
      peak_burst = std::max<double>(peak_burst, r[c]);
    }
  }
  for (int b = 0; b < 4; ++b) EXPECT_NEAR(burst_tiles[b], mean_tiles[b], 1e-6 * mean_tiles[b]) << b;
  EXPECT_GT(peak_burst, 1.5 * peak_mean);
}

TEST(StormAccumulator, TotalsAndRollingWindows) {
  StormAccumulator acc(2, 600.0);
  std::vector<float> wind = {10.0f, 20.0f};
  for (int k = 0; k < 12; ++k) {  // 2 h: cell 0 steady 12 mm/h, cell 1 a 30-min burst of 60 mm/h
    std::vector<float> rain = {12.0f, (k >= 4 && k < 7) ? 60.0f : 0.0f};
    wind[1] = k == 5 ? 35.0f : 20.0f;
    acc.add(rain.data(), wind.data());
  }
  EXPECT_NEAR(acc.total_mm()[0], 24.0, 1e-4);
  EXPECT_NEAR(acc.max_hourly_mm()[0], 12.0, 1e-4);
  EXPECT_NEAR(acc.max_10min_mm()[0], 2.0, 1e-5);
  EXPECT_NEAR(acc.total_mm()[1], 30.0, 1e-4);
  EXPECT_NEAR(acc.max_hourly_mm()[1], 30.0, 1e-4);
  EXPECT_NEAR(acc.max_10min_mm()[1], 10.0, 1e-5);
  EXPECT_FLOAT_EQ(acc.max_wind_ms()[1], 35.0f);
}

}  // namespace
}  // namespace sd::storm
