// Still water stays still; rain into a closed basin is all stored; budgets close.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "flood/flood_model.hpp"
#include "flood/flood_state.hpp"
#include "flood/rain_source.hpp"
#include "flood_fixtures.hpp"

namespace {
using namespace sd::flood;

// Rough terrain at ~200 m above sea level: the datum shift must keep float32 still water still.
ModelSpec rough_bowl(int n, double cell) {
  return sdt::spec_from(n, n, cell, [&](double x, double y) {
    const double r = std::hypot(x - n * cell / 2, y - n * cell / 2);
    return 200.0 + 0.002 * r + 0.4 * std::sin(0.37 * x) * std::cos(0.23 * y);
  });
}

TEST(FloodConservation, LakeAtRestOnRoughTerrainStaysStill) {
  auto spec = rough_bowl(40, 10.0);
  const double eta0 = 200.5;
  std::vector<float> d(spec.grid.size());
  for (std::size_t k = 0; k < d.size(); ++k)
    d[k] = static_cast<float>(std::max(0.0, eta0 - spec.bed[k]));
  auto model = build_model(spec);
  State st(model);
  st.set_depth(d);
  const std::vector<double> h0 = st.depth();
  st.advance_to(3600.0);
  double dmax = 0, qmax = 0;
  for (std::size_t k = 0; k < h0.size(); ++k)
    dmax = std::max(dmax, std::fabs(st.depth()[k] - h0[k]));
  for (float q : st.qx()) qmax = std::max(qmax, static_cast<double>(std::fabs(q)));
  for (float q : st.qy()) qmax = std::max(qmax, static_cast<double>(std::fabs(q)));
  EXPECT_GT(st.steps(), 100u);
  EXPECT_LT(dmax, 1e-6);
  EXPECT_LT(qmax, 1e-6);
  EXPECT_LT(st.budget().error_rel(), 1e-9);
}

TEST(FloodConservation, ClosedBasinStoresAllRain) {
  auto spec = rough_bowl(32, 5.0);
  auto model = build_model(spec);
  State st(model);
  const auto rain = UniformRain::block(80.0, 0.5);  // 80 mm/h for exactly 30 min
  st.set_rain(&rain);
  for (double t = 300; t <= 3600; t += 300) st.advance_to(t);
  const double expect = 0.080 * 0.5 * spec.grid.size() * spec.grid.cell_area();
  EXPECT_NEAR(sdt::total_volume(st) / expect, 1.0, 1e-6);
  EXPECT_NEAR(st.budget().rain / expect, 1.0, 1e-12);
  EXPECT_LT(st.budget().error_rel(), 1e-6);
  EXPECT_EQ(st.budget().boundary_out, 0.0);
  // Rain stopped exactly at 1800 s: total rain raster says 40 mm everywhere.
  EXPECT_NEAR(st.summary().total_rain_mm[0], 40.0f, 1e-4f);
}

TEST(FloodConservation, TinyRainOnDeepWaterIsNotRoundedAway) {
  auto spec = sdt::flat_spec(8, 8, 50.0, 150.0f);
  auto model = build_model(spec);
  State st(model);
  st.set_depth(std::vector<float>(spec.grid.size(), 3.0f));
  const auto rain = UniformRain::block(0.5, 10.0);  // 0.5 mm/h: ~1e-8 m per step on 3 m
  st.set_rain(&rain);
  st.advance_to(36000.0);
  EXPECT_NEAR(st.depth()[0], 3.005, 1e-7);
  EXPECT_LT(st.budget().error_rel(), 1e-9);
}

}  // namespace

namespace {
using namespace sd::flood;

// Deep (5 m), low-friction (n = 0.02) water sloshing on a rippled 50 m grid: the default
// q-centred scheme (theta = 0.8) stays calm. Bates' theta = 1 used to develop the checkerboard
// instability here (speeds > 100 m/s) because every landing time was preceded by a halved
// step; with steps that land by equal division (issue 12) it is calm as well.
double max_speed_after(double theta) {
  auto spec = sdt::spec_from(64, 64, 50.0, [](double x, double y) {
    return 5e-5 * x + 0.05 * std::sin(0.001 * x) * std::cos(0.0014 * y);
  });
  spec.manning_uniform = 0.02f;
  spec.options.theta = theta;
  spec.options.threads = 1;
  auto model = build_model(spec);
  State st(model);
  st.set_depth(std::vector<float>(spec.grid.size(), 5.0f));
  st.advance_to(3000.0);
  std::vector<float> vx(spec.grid.size()), vy(spec.grid.size());
  st.velocity(vx.data(), vy.data());
  double vmax = 0;
  for (std::size_t k = 0; k < vx.size(); ++k)
    vmax = std::max(vmax, std::hypot(double(vx[k]), double(vy[k])));
  EXPECT_LT(st.budget().error_rel(), 1e-6);
  return vmax;
}

TEST(FloodStability, DeepLowFrictionWaterStaysCalmWithDefaultTheta) {
  EXPECT_LT(max_speed_after(ModelSpec{}.options.theta), 0.5);
  EXPECT_LT(max_speed_after(1.0), 0.5);
}

// Past the 2D stability limit sqrt(theta/2) the model refuses the step size.
TEST(FloodStability, CflBeyondTheStabilityLimitIsRefused) {
  EXPECT_NEAR(max_stable_cfl(0.8), 0.6325, 1e-4);
  EXPECT_NEAR(max_stable_cfl(1.0), 0.7071, 1e-4);
  auto spec = sdt::flat_spec(4, 4, 10.0);
  spec.options.cfl = 0.7;  // the old default with theta 0.8
  try {
    build_model(spec);
    FAIL() << "cfl 0.7 with theta 0.8 accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("stability limit sqrt(theta/2) = 0.632"),
              std::string::npos)
        << e.what();
  }
  spec.options.theta = 1.0;
  EXPECT_NO_THROW(build_model(spec));
}

}  // namespace
