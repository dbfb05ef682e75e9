// Validation against analytic solutions: kinematic wave on a rained-on plane, the Hunter et
// al. (2005) wet/dry front, and Thacker's (1981) planar surface in a paraboloid.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "flood/flood_model.hpp"
#include "flood/flood_state.hpp"
#include "flood/rain_source.hpp"
#include "flood_fixtures.hpp"

namespace {
using namespace sd::flood;

// Rain r on a plane of slope S and length L draining east: at steady state q(x) = r x and
// Manning gives h(x) = (n r x / sqrt(S))^{3/5} (kinematic wave; e.g. Chow, Maidment & Mays
// 1988, sec. 9.6). The face between cells i and i+1 (at x = (i+1) dx) carries q with the
// upstream cell's depth, so h_i is compared with h((i+1) dx).
TEST(FloodAnalytic, KinematicWaveOnRainedPlaneReachesSteadyProfile) {
  const int nx = 50;
  const double dx = 10.0, L = nx * dx, S = 0.01, n = 0.03;
  auto spec = sdt::spec_from(nx, 3, dx, [&](double x, double) { return 10.0 + S * (L - x); });
  spec.manning_uniform = static_cast<float>(n);
  spec.edges[static_cast<int>(Side::East)].kind = Edge::Kind::Open;
  auto model = build_model(spec);
  State st(model);
  const double r_mmph = 100.0, r = r_mmph / 3.6e6;
  const auto rain = UniformRain::block(r_mmph, 3.0);
  st.set_rain(&rain);
  st.advance_to(2.0 * 3600.0);
  double worst = 0.0;
  for (int i = nx / 5; i < nx; ++i) {
    const double x = (i + 1) * dx;
    const double h_exact = std::pow(n * r * x / std::sqrt(S), 0.6);
    const double h = st.depth()[spec.grid.index(i, 1)];
    worst = std::max(worst, std::fabs(h / h_exact - 1.0));
  }
  EXPECT_LT(worst, 0.02);
  // Outflow per unit width at the east edge equals r L.
  const double q_out = st.qx()[1 * (nx + 1) + nx];
  EXPECT_NEAR(q_out / (r * L), 1.0, 0.01);
  EXPECT_LT(st.budget().error_rel(), 1e-6);
}

// Hunter et al. (2005) / Bates et al. (2010) test 1: a front advancing at constant speed u
// over a flat plane, h(x,t) = [(7/3)(C - n^2 u^2 (x - u t))]^{3/7}, C = 0, driven by the
// level at x = 0 (the ghost cell centre, one dx west of cell 0's centre).
struct FrontRun {
  double upstream_err = 0;  // max relative depth error for x <= 0.5 u t
  double front_x = 0;       // where the depth drops through 1 cm (linear interpolation)
};

FrontRun hunter_front(double dx) {
  const double n = 0.01, u = 1.0, T = 3600.0, Lx = 5000.0;
  const int nx = static_cast<int>(Lx / dx);
  auto spec = sdt::flat_spec(nx, 1, dx);
  spec.manning_uniform = static_cast<float>(n);
  auto h_exact = [&](double x, double t) {
    const double a = (7.0 / 3.0) * (-n * n * u * u * (x - u * t));
    return a > 0 ? std::pow(a, 3.0 / 7.0) : 0.0;
  };
  sd::TimeSeries level;
  for (double t = 0; t <= T + 60; t += 10) {
    level.t.push_back(t);
    level.v.push_back(h_exact(0.0, t));
  }
  spec.edges[static_cast<int>(Side::West)] = Edge{Edge::Kind::Level, level};
  auto model = build_model(spec);
  State st(model);
  st.advance_to(T);
  FrontRun fr;
  fr.front_x = Lx;
  for (int i = 0; i < nx; ++i) {
    const double x = (i + 1) * dx, h = st.depth()[static_cast<std::size_t>(i)];
    if (x <= 0.5 * u * T)
      fr.upstream_err = std::max(fr.upstream_err, std::fabs(h / h_exact(x, T) - 1.0));
    if (h < 0.01 && fr.front_x == Lx) {
      const double hp = i > 0 ? st.depth()[static_cast<std::size_t>(i - 1)] : 0.01;
      fr.front_x = x - dx * (0.01 - h) / std::max(hp - h, 1e-12);
    }
  }
  EXPECT_LT(st.budget().error_rel(), 1e-6);
  return fr;
}

TEST(FloodAnalytic, HunterFrontUpstreamProfileAndFrontConvergence) {
  const FrontRun coarse = hunter_front(100.0);
  const FrontRun mid = hunter_front(50.0);
  const FrontRun fine = hunter_front(25.0);
  // Exact front at u T = 3600 m. Documented in docs/flood-model.md.
  std::printf(
      "front x: dx=100 %.0f, dx=50 %.0f, dx=25 %.0f (exact 3600); upstream err %.4f %.4f %.4f\n",
      coarse.front_x, mid.front_x, fine.front_x, coarse.upstream_err, mid.upstream_err,
      fine.upstream_err);
  // Upstream (Fr small) the profile is matched to a few per cent at every resolution.
  EXPECT_LT(coarse.upstream_err, 0.03);
  EXPECT_LT(mid.upstream_err, 0.03);
  EXPECT_LT(fine.upstream_err, 0.03);
  // The front lags: local inertia without advection slows the shallow, high-Froude tip.
  // The lag converges under refinement (successive differences shrink) to ~7 % of u T.
  for (const FrontRun* f : {&coarse, &mid, &fine}) {
    EXPECT_LT(f->front_x, 3600.0 + 50.0);
    EXPECT_GT(f->front_x, 0.85 * 3600.0);
  }
  EXPECT_LT(std::fabs(fine.front_x - mid.front_x), std::fabs(mid.front_x - coarse.front_x) + 1.0);
}

// Thacker (1981) planar surface in a paraboloid z = h0 (r^2/a^2 - 1): the lens of water
// h = h0/a^2 [a^2 - e^2 sin^2 wt - (x - e cos wt)^2 - y^2] oscillates with w = sqrt(2 g h0)/a
// and its centroid is x_c = e cos wt. Frictionless in theory; a tiny Manning n is used.
TEST(FloodAnalytic, ThackerPlanarSurfaceCentroidOscillates) {
  const double a = 1.0, h0 = 0.1, e = 0.5, L = 4.0;
  const int nc = 100;
  const double dx = L / nc, g = 9.81;
  const double w = std::sqrt(2 * g * h0) / a, period = 2 * std::numbers::pi / w;
  auto spec = sdt::spec_from(nc, nc, dx, [&](double x, double y) {
    const double r2 = (x - 2) * (x - 2) + (y - 2) * (y - 2);
    return h0 * (r2 / (a * a) - 1.0);
  });
  spec.manning_uniform = 1e-4f;
  spec.options.h_dry = 1e-5f;
  auto model = build_model(spec);
  State st(model);
  std::vector<float> d(spec.grid.size());
  for (int j = 0; j < nc; ++j)
    for (int i = 0; i < nc; ++i) {
      const double x = (i + 0.5) * dx - 2, y = (nc - j - 0.5) * dx - 2;
      d[spec.grid.index(i, j)] =
          static_cast<float>(std::max(0.0, h0 / (a * a) * (a * a - (x - e) * (x - e) - y * y)));
    }
  st.set_depth(d);
  double worst = 0.0, early = 0.0, half = 0.0;
  for (int k = 1; k <= 8; ++k) {
    const double t = k * period / 8;
    st.advance_to(t);
    double m = 0, mx = 0;
    for (int j = 0; j < nc; ++j)
      for (int i = 0; i < nc; ++i) {
        const double h = st.depth()[spec.grid.index(i, j)];
        m += h;
        mx += h * ((i + 0.5) * dx - 2);
      }
    const double xc = mx / m, xe = e * std::cos(w * t);
    worst = std::max(worst, std::fabs(xc - xe));
    if (k == 1) early = std::fabs(xc - xe);
    if (k == 4) half = xc;
    std::printf("Thacker t/T=%.3f centroid %.4f exact %.4f\n", t / period, xc, xe);
  }
  // Documented in docs/flood-model.md: here the dropped advection term u^2 dh/dx is as large
  // as the pressure gradient (Fr ~ 0.7 at the centre, unbounded at the shoreline), so the
  // local-inertial oscillation is strongly damped: the first eighth of a period follows
  // Thacker closely, the swing to the far side reaches ~2/3 of it, and one period ends
  // with a centroid error of ~0.28 a (measured). The bounds below pin that behaviour.
  EXPECT_LT(early, 0.01);
  EXPECT_LT(half, -0.3);
  EXPECT_LT(worst, 0.32);
  EXPECT_LT(st.budget().error_rel(), 1e-6);
}

}  // namespace
