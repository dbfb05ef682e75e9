// Coastal drainage (issue 9 part 2): drained water is delivered to its outfall; flap gates
// close when the receiving water is higher and the sink then equals the pumping capacity;
// a locked outfall without pumps drains nothing; the budget closes with all terms.
#include <gtest/gtest.h>

#include "flood/flood_model.hpp"
#include "flood/flood_state.hpp"
#include "flood/harmonic_tide.hpp"
#include "flood/rain_source.hpp"
#include "flood_fixtures.hpp"

namespace {
using namespace sd::flood;

std::vector<float> canal_depth(float d) {
  std::vector<float> v(10, 0.0f);
  v[9] = d;
  return v;
}

TEST(FloodDrainage, GateLockedOutfallDrainsOnlyWhatPumpsLift) {
  auto spec = sdt::polder_spec();
  spec.pumps.push_back(PumpStation{0.01, {0, 1, 2, 3, 4, 5, 6, 7}, 0});
  auto model = build_model(spec);
  State st(model);
  st.set_depth(canal_depth(4.0f));  // canal surface at +2 m, above the land (+1 m): locked
  const auto rain = UniformRain::block(100.0, 1.0);  // 0.022 m3/s on the land > pump 0.01
  st.set_rain(&rain);
  st.advance_to(3600.0);
  const auto& b = st.budget();
  EXPECT_EQ(b.drainage, 0.0);
  EXPECT_NEAR(b.pumped, 0.01 * 3600.0, 1e-9);  // the sink equals the pumping capacity
  EXPECT_NEAR(b.delivered, b.pumped, 1e-12);
  EXPECT_LT(b.error_rel(), 1e-6);
  EXPECT_GT(st.depth()[0], 0.01);  // the rest ponds on the land
}

TEST(FloodDrainage, OpenGateDeliversDrainedWaterToTheCanal) {
  auto model = build_model(sdt::polder_spec());
  State st(model);
  const auto rain = UniformRain::block(100.0, 1.0);
  st.set_rain(&rain);
  st.advance_to(3600.0);
  const auto& b = st.budget();
  const double rain_on_land = 0.1 * 800.0;
  EXPECT_GT(b.drainage, 0.95 * rain_on_land);
  EXPECT_NEAR(b.delivered, b.drainage, 1e-12);
  // The canal holds its own rain plus everything the land drained.
  EXPECT_NEAR(st.depth()[9] * 100.0, 0.1 * 100.0 + b.drainage, 1e-6);
  EXPECT_LT(b.error_rel(), 1e-6);
}

TEST(FloodDrainage, ClosedOutfallWithoutPumpsDrainsNothingAndFailedPumpLiftsNothing) {
  auto spec = sdt::polder_spec();
  spec.outfalls[0] = Outfall{-1, sd::TimeSeries::constant(10.0)};  // sea at +10 m
  spec.pumps.push_back(PumpStation{0.05, {0, 1, 2, 3, 4, 5, 6, 7}, 0});
  auto model = build_model(spec);
  State st(model);
  st.set_pump_available(0, false);  // power failure inject
  const auto rain = UniformRain::block(100.0, 1.0);
  st.set_rain(&rain);
  st.advance_to(1800.0);
  EXPECT_EQ(st.budget().drainage, 0.0);
  EXPECT_EQ(st.budget().pumped, 0.0);
  st.set_pump_available(0, true);  // restored: lifts (out of the domain) again
  st.advance_to(3600.0);
  EXPECT_EQ(st.budget().drainage, 0.0);
  EXPECT_GT(st.budget().pumped, 0.0);
  EXPECT_EQ(st.budget().delivered, 0.0);
  EXPECT_LT(st.budget().error_rel(), 1e-6);
}

TEST(FloodDrainage, RisingTideClosesTheFlapGate) {
  auto spec = sdt::polder_spec();
  spec.outfalls[0] = Outfall{-1, sd::TimeSeries{{0.0, 1790.0, 1800.0}, {-1.0, -1.0, 3.0}}};
  auto model = build_model(spec);
  State st(model);
  const auto rain = UniformRain::block(50.0, 1.0);
  st.set_rain(&rain);
  st.advance_to(1790.0);
  const double drained_low_tide = st.budget().drainage;
  EXPECT_GT(drained_low_tide, 0.9 * 0.025 * 800.0 * 0.5);
  st.advance_to(1800.0);
  const double at_lock = st.budget().drainage;
  st.advance_to(3600.0);
  EXPECT_EQ(st.budget().drainage, at_lock);  // nothing after the tide rose above the land
  EXPECT_LT(st.budget().error_rel(), 1e-6);
}

TEST(FloodTide, HarmonicConstituentsGiveAsymmetricTide) {
  const std::vector<TideConstituent> m2{{"M2", 2.0, 0.0}};
  const double period = 360.0 / constituent_speed_deg_per_h("M2") * 3600.0;
  EXPECT_NEAR(period / 3600.0, 12.4206, 1e-3);
  EXPECT_NEAR(tide_level(0.5, m2, 0.0), 2.5, 1e-12);
  EXPECT_NEAR(tide_level(0.5, m2, period / 2), -1.5, 1e-9);
  // With M4 at 90 degrees relative phase the flood is shorter than the ebb (Hangzhou Bay).
  const std::vector<TideConstituent> asym{{"M2", 2.0, 0.0}, {"M4", 0.4, 270.0}};
  const auto ts = tide_series(0.0, asym, 0.0, period, 60.0);
  std::size_t imin = 0, imax = 0;
  for (std::size_t k = 0; k < ts.v.size(); ++k) {
    if (ts.v[k] < ts.v[imin]) imin = k;
    if (ts.v[k] > ts.v[imax] && k > 0 && k + 1 < ts.v.size()) imax = k;
  }
  const double rise = ts.t.back() - ts.t[imin];  // low water to the next high water
  const double fall = ts.t[imin] - ts.t.front();
  EXPECT_NE(std::round(rise / 600), std::round(fall / 600));
  EXPECT_THROW(constituent_speed_deg_per_h("X9"), std::invalid_argument);
}

}  // namespace
