// Hydraulic structures a drill breaks (issue 14 §1): a dike breach as a broad-crested weir fed
// by an outside water level, and sluice gates stuck open or closed. The weir and orifice laws
// against their hand formulas, a breach's inflow against the formula on a small grid, the land
// filling to the outside level and draining back when it falls, the sea coming in through a
// gate stuck open and nothing draining through one stuck closed, the budget closed throughout.
#include <gtest/gtest.h>

#include <cmath>

#include "flood/flood_model.hpp"
#include "flood/flood_state.hpp"
#include "flood/rain_source.hpp"
#include "flood/structure_flow.hpp"
#include "flood_fixtures.hpp"

namespace {
using namespace sd::flood;
using sd::TimeSeries;

TEST(StructureFlow, WeirAndOrificeLawsAreTheHandFormulas) {
  // Free flow: Q = C w H^1.5 with H = 1 m over a 10 m crest.
  EXPECT_DOUBLE_EQ(weir_discharge(2.0, 0.0, 1.0, 10.0), 1.44 * 10.0);
  EXPECT_DOUBLE_EQ(weir_discharge(0.0, 2.0, 1.0, 10.0), -1.44 * 10.0) << "reverse flow";
  EXPECT_DOUBLE_EQ(weir_discharge(3.0, 1.0, 1.0, 4.0), 1.44 * 4.0 * std::pow(2.0, 1.5));
  // Submerged: Villemonte (1 - (Hd/Hu)^1.5)^0.385 with Hd/Hu = 0.5.
  EXPECT_NEAR(weir_discharge(2.0, 1.5, 1.0, 10.0), 14.4 * std::pow(1.0 - std::pow(0.5, 1.5), 0.385),
              1e-12);
  EXPECT_EQ(weir_discharge(1.7, 1.7, 1.0, 10.0), 0.0) << "equal levels";
  EXPECT_EQ(weir_discharge(0.9, 0.2, 1.0, 10.0), 0.0) << "both below the crest";
  EXPECT_DOUBLE_EQ(orifice_discharge(3.0, 1.0, 2.0), 0.6 * 2.0 * std::sqrt(2 * 9.81 * 2.0));
  EXPECT_DOUBLE_EQ(orifice_discharge(1.0, 3.0, 2.0), -0.6 * 2.0 * std::sqrt(2 * 9.81 * 2.0));
}

WeirBreach breach(int cell, double width, double crest, TimeSeries outside) {
  WeirBreach b;
  b.cell = cell;
  b.width_m = width;
  b.crest = crest;
  b.outside_level = std::move(outside);
  return b;
}

// 10 x 10 cells of 50 m, bed 0; a 10 m breach with its crest at 0.5 m and the sea at 1.5 m:
// while the land stays below the crest the flow is free, Q = 1.44 x 10 x 1^1.5 = 14.4 m3/s.
TEST(FloodBreach, WeirInflowIsTheHandFormulaOnASmallGrid) {
  auto spec = sdt::flat_spec(10, 10, 50.0);
  spec.breaches.push_back(breach(0, 10.0, 0.5, TimeSeries::constant(1.5)));
  State st(build_model(spec));
  st.advance_to(10.0);
  EXPECT_LT(st.depth()[0], 0.5) << "still free flow";
  EXPECT_NEAR(st.budget().inflow, 14.4 * 10.0, 1e-9);
  EXPECT_NEAR(sdt::total_volume(st), 144.0, 1e-9);
  // Opening later and widening over 100 s: nothing before, less than full width after.
  auto late = sdt::flat_spec(10, 10, 50.0);
  late.breaches.push_back(breach(0, 10.0, 0.5, TimeSeries::constant(1.5)));
  late.breaches[0].t_open_s = 20.0;
  late.breaches[0].develop_s = 100.0;
  State sl(build_model(late));
  sl.advance_to(20.0);
  EXPECT_EQ(sl.budget().inflow, 0.0);
  sl.advance_to(30.0);
  EXPECT_GT(sl.budget().inflow, 0.0);
  EXPECT_LT(sl.budget().inflow, 0.2 * 144.0) << "at most a tenth of the width in 10 s";
}

// 4 x 4 cells of 50 m (bed 0), a 5 m breach down to the ground: the land fills towards the
// outside level (1 m) and never above it; when the outside falls to 0.2 m the water drains
// back out through the breach.
TEST(FloodBreach, InflowStopsAtTheOutsideLevelAndDrainsBackWhenItFalls) {
  auto spec = sdt::flat_spec(4, 4, 50.0);
  spec.breaches.push_back(
      breach(5, 5.0, 0.0, TimeSeries{{0.0, 6 * 3600.0, 6.5 * 3600.0}, {1.0, 1.0, 0.2}}));
  State st(build_model(spec));
  const double area = 4 * 4 * 2500.0;
  st.advance_to(5 * 3600.0);
  const double in5 = st.budget().inflow;
  st.advance_to(6 * 3600.0);
  const double in6 = st.budget().inflow;
  double hmax = 0;
  for (double h : st.depth()) hmax = std::max(hmax, h);
  EXPECT_GT(in6 / area, 0.97) << "the land has filled to near the outside level";
  EXPECT_LE(hmax, 1.0 + 1e-9) << "never above the outside level";
  EXPECT_LT(in6 - in5, 0.02 * in6) << "inflow has all but stopped";
  st.advance_to(14 * 3600.0);
  const double mean = sdt::total_volume(st) / area;
  EXPECT_LT(mean, 0.3) << "drained back towards the outside level";
  EXPECT_GT(mean, 0.2 - 1e-9) << "not below it";
  EXPECT_LT(st.budget().inflow, in6) << "the net inflow fell: water left through the breach";
  EXPECT_LT(std::abs(st.budget().error()), 1e-6 * in6);
}

GateFault gate(bool open, double from = 0.0) {
  GateFault g;
  g.outfall = 0;
  g.open = open;
  g.area_m2 = open ? 0.5 : 0.0;
  g.inland_cell = open ? 7 : -1;
  g.t_from_s = from;
  return g;
}

double land_volume(const State& st) {
  double v = 0;
  for (std::size_t c = 0; c < 8; ++c) v += st.depth()[c] * 100.0;
  return v;
}

TEST(FloodSluice, AGateStuckOpenLetsTheHighCanalInAFlapGateDoesNot) {
  std::vector<float> canal_high(10, 0.0f);
  canal_high[9] = 4.0f;  // surface at +2 m, a metre above the land
  auto flap = sdt::polder_spec();
  State sf(build_model(flap));
  sf.set_depth(canal_high);
  sf.advance_to(1800.0);
  EXPECT_EQ(land_volume(sf), 0.0) << "the flap gate keeps the canal out";

  auto stuck = sdt::polder_spec();
  stuck.gate_faults.push_back(gate(true));
  State st(build_model(stuck));
  st.set_depth(canal_high);
  st.advance_to(1800.0);
  EXPECT_GT(land_volume(st), 50.0) << "the canal came in";
  EXPECT_NEAR(land_volume(st), (4.0 - st.depth()[9]) * 100.0, 1e-6) << "what the canal lost";
  EXPECT_LE(st.depth()[7] + 1.0, st.depth()[9] - 2.0 + 1e-9) << "no overshoot past the canal";
  EXPECT_EQ(st.budget().inflow, 0.0) << "water moved inside the domain";
  EXPECT_LT(st.budget().error_rel(), 1e-9);
}

TEST(FloodSluice, AGateStuckOpenOnAnOutsideLevelCountsTheSeaAsInflow) {
  auto spec = sdt::polder_spec();
  spec.outfalls[0] = Outfall{-1, TimeSeries{{0.0, 3600.0}, {3.0, 3.0}}};  // high tide: +3 m
  spec.gate_faults.push_back(gate(true));
  State st(build_model(spec));
  st.advance_to(1800.0);
  EXPECT_GT(st.budget().inflow, 50.0);
  // What came in, less what the sewers drained out again once the land stood at the sea level.
  EXPECT_NEAR(land_volume(st), st.budget().inflow - st.budget().drainage, 1e-6);
  EXPECT_LT(st.budget().drainage, 0.01 * st.budget().inflow);
  EXPECT_LT(st.budget().error_rel(), 1e-9);
}

TEST(FloodSluice, AGateStuckClosedDrainsNothingButPumpsStillLift) {
  const auto rain = UniformRain::block(100.0, 1.0);
  std::vector<float> canal_low(10, 0.0f);
  canal_low[9] = 1.0f;  // surface at -1 m: an open flap gate would drain
  auto run = [&](ModelSpec spec) {
    State st(build_model(spec));
    st.set_depth(canal_low);
    st.set_rain(&rain);
    st.advance_to(1800.0);
    const double half = st.budget().drainage;
    st.advance_to(3600.0);
    return std::pair{half, st.budget()};
  };
  const auto [h0, free] = run(sdt::polder_spec());
  EXPECT_GT(free.drainage, 0.5 * 0.1 * 800.0) << "control: the flap gate opens";
  auto closed = sdt::polder_spec();
  closed.gate_faults.push_back(gate(false));
  const auto [h1, shut] = run(closed);
  EXPECT_EQ(shut.drainage, 0.0);
  EXPECT_LT(shut.error_rel(), 1e-9);
  closed.pumps.push_back(PumpStation{0.005, {0, 1, 2, 3, 4, 5, 6, 7}, 0});
  const auto [h2, pumped] = run(closed);
  EXPECT_EQ(pumped.drainage, 0.0);
  EXPECT_NEAR(pumped.pumped, 0.005 * 3600.0, 1e-9) << "the pumps lift at capacity";
  auto later = sdt::polder_spec();
  later.gate_faults.push_back(gate(false, 1800.0));
  const auto [h3, part] = run(later);
  EXPECT_GT(h3, 0.0) << "drained before the gate stuck";
  EXPECT_EQ(part.drainage, h3) << "and nothing after";
}

}  // namespace

namespace {
// A breach whose crest stands above the outside water changes nothing, bit for bit.
TEST(FloodBreach, ABreachThatCannotFlowChangesNothing) {
  auto run = [](bool with) {
    auto spec = sdt::flat_spec(10, 10, 50.0);
    if (with) spec.breaches.push_back(breach(5, 20.0, 50.0, TimeSeries::constant(10.0)));
    State st(build_model(spec));
    const auto rain = UniformRain::block(60.0, 1.0);
    st.set_rain(&rain);
    st.advance_to(3600.0);
    return st.depth();
  };
  EXPECT_TRUE(run(false) == run(true));
}
}  // namespace
