// Active-tile skipping (issue 12 §3) gives bit for bit the dense sweep: depths, face
// discharges, budget and every summary raster, for one and two threads, with a front that
// crosses tile borders, grid rain on part of the domain, a point inflow and a level edge.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <sstream>

#include "flood/flood_model.hpp"
#include "flood/flood_state.hpp"
#include "flood/rain_source.hpp"
#include "flood_fixtures.hpp"

namespace {
using namespace sd::flood;

// 100 x 70 cells (tiles 32 x 32, partial tiles on both edges): a dry valley sloping south-east,
// a lake in the north-west corner, an inflow in the middle and a tide on the east edge.
ModelSpec valley(bool skip, int threads) {
  auto s = sdt::spec_from(100, 70, 10.0, [](double x, double y) {
    return 2.0 + 0.004 * (1000 - x) + 0.003 * y + 0.3 * std::sin(0.02 * x) * std::cos(0.03 * y);
  });
  s.manning_uniform = 0.035f;
  sd::TimeSeries in;
  in.t = {0, 1800, 3600};
  in.v = {0.0, 4.0, 0.0};
  s.inflows.push_back({static_cast<int>(s.grid.index(50, 35)), in});
  sd::TimeSeries tide;
  tide.t = {0, 3600};
  tide.v = {1.8, 2.4};
  s.edges[static_cast<int>(Side::East)] = Edge{Edge::Kind::Level, tide};
  s.options.skip_dry_tiles = skip;
  s.options.threads = threads;
  s.options.min_cells_per_thread = 1;
  return s;
}

// Grid rain on the southern half only, for the first 20 min.
struct SouthRain : RainSource {
  explicit SouthRain(const sd::Grid& g) : g_(g) {}
  bool uniform() const override { return false; }
  double uniform_mmph(double, double) const override { return 0.0; }
  void fill_mmph(double t0, double, float* out) const override {
    for (int j = 0; j < g_.ny; ++j)
      for (int i = 0; i < g_.nx; ++i)
        out[g_.index(i, j)] = (t0 < 600.0 && j > 50 && i > 40) ? 60.0f : 0.0f;
  }
  double next_break(double t) const override { return t < 600.0 ? 600.0 : 1e30; }

 private:
  sd::Grid g_;
};

struct Outcome {
  std::vector<double> h;
  std::vector<float> qx, qy;
  Summary sum;
  Budget b;
  std::uint64_t steps = 0;
};

Outcome run(bool skip, int threads) {
  const auto spec = valley(skip, threads);
  auto model = build_model(spec);
  State st(model);
  std::vector<float> d(spec.grid.size(), 0.0f);
  for (int j = 0; j < 10; ++j)
    for (int i = 0; i < 10; ++i) d[spec.grid.index(i, j)] = 1.0f;
  st.set_depth(d);
  SouthRain rain(spec.grid);
  st.set_rain(&rain);
  for (double t = 300; t <= 1800; t += 300) st.advance_to(t);
  return {st.depth(), st.qx(), st.qy(), st.summary(), st.budget(), st.steps()};
}

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

void expect_identical(const Outcome& a, const Outcome& b) {
  EXPECT_EQ(a.steps, b.steps);
  EXPECT_TRUE(same_bits(a.h, b.h));
  EXPECT_TRUE(same_bits(a.qx, b.qx));
  EXPECT_TRUE(same_bits(a.qy, b.qy));
  EXPECT_TRUE(std::memcmp(&a.b, &b.b, sizeof(Budget)) == 0);
  for (auto m : {&Summary::max_depth, &Summary::time_of_max_depth, &Summary::first_above_ponding,
                 &Summary::duration_above, &Summary::max_velocity, &Summary::hazard_rating,
                 &Summary::total_rain_mm})
    EXPECT_TRUE(same_bits(a.sum.*m, b.sum.*m));
}

TEST(FloodActiveTiles, SkippingDryTilesIsBitIdenticalToTheDenseSweep) {
  const Outcome dense = run(false, 1);
  const Outcome sparse = run(true, 1);
  expect_identical(dense, sparse);
  // The scene is not trivially wet or dry: water reached cells far from the lake, some stayed dry.
  std::size_t wet = 0, dry = 0;
  for (float m : dense.sum.max_depth) (m > 0.01f ? wet : dry) += 1;
  EXPECT_GT(wet, 1000u);
  EXPECT_GT(dry, 1000u);
  expect_identical(dense, run(true, 2));
}

TEST(FloodActiveTiles, CheckpointRestartWithSkippingIsBitIdentical) {
  const auto spec = valley(true, 1);
  auto model = build_model(spec);
  State a(model), b(model);
  std::vector<float> d(spec.grid.size(), 0.0f);
  for (int j = 0; j < 20; ++j)
    for (int i = 0; i < 25; ++i) d[spec.grid.index(i, j)] = 1.5f;
  a.set_depth(d);
  a.advance_to(900);
  std::stringstream ck;
  a.save(ck);
  b.restore(ck);
  a.advance_to(2400);
  b.advance_to(2400);
  EXPECT_TRUE(same_bits(a.depth(), b.depth()));
  EXPECT_TRUE(same_bits(a.qx(), b.qx()));
  EXPECT_TRUE(same_bits(a.summary().max_depth, b.summary().max_depth));
}

}  // namespace
