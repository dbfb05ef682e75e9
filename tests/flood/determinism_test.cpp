// Bit-identical results for 1 and 2 threads and across a checkpoint/restore.
#include <gtest/gtest.h>

#include <cstring>
#include <sstream>

#include "flood/flood_model.hpp"
#include "flood/flood_state.hpp"
#include "flood/rain_source.hpp"
#include "flood_fixtures.hpp"

namespace {
using namespace sd::flood;

// Everything at once: rough bed, per-cell Manning, theta form, level + open edges,
// drainage to an outfall cell, a pump, infiltration, a point inflow and grid rain.
ModelSpec busy_spec(int threads) {
  auto s = sdt::spec_from(37, 29, 5.0, [](double x, double y) {
    return 3.0 + 0.01 * x - 0.004 * y + 0.2 * std::sin(0.3 * x) * std::cos(0.2 * y);
  });
  s.manning.resize(s.grid.size());
  for (std::size_t k = 0; k < s.manning.size(); ++k)
    s.manning[k] = 0.02f + 0.01f * static_cast<float>(k % 3);
  s.options.theta = 0.8;
  s.options.threads = threads;
  s.options.min_cells_per_thread = 1;  // really use two threads on this small grid
  s.edges[static_cast<int>(Side::West)] =
      Edge{Edge::Kind::Level, sd::TimeSeries{{0, 600}, {3.0, 3.6}}};
  s.edges[static_cast<int>(Side::East)].kind = Edge::Kind::Open;
  s.outfalls.push_back(Outfall{static_cast<int>(s.grid.index(5, 5)), {}});
  s.drainage_mmph.assign(s.grid.size(), 0.0f);
  s.drainage_outfall.assign(s.grid.size(), 0);
  for (int i = 20; i < 30; ++i) s.drainage_mmph[s.grid.index(i, 10)] = 30.0f;
  s.pumps.push_back(PumpStation{0.001, {static_cast<int>(s.grid.index(25, 10))}, 0});
  s.infiltration_uniform_mmph = 2.0f;
  s.inflows.push_back(
      PointInflow{static_cast<int>(s.grid.index(18, 14)), sd::TimeSeries{{0, 300}, {0.5, 0.1}}});
  return s;
}

CallbackRain grid_rain(const sd::Grid& g) {
  return CallbackRain(g.size(),
                      [g](double t, float* r) {
                        for (std::size_t k = 0; k < g.size(); ++k)
                          r[k] = static_cast<float>(40.0 + 20.0 * std::sin(1e-3 * t + 0.01 * k));
                      },
                      {150.0, 450.0});
}

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

TEST(FloodDeterminism, OneAndTwoThreadsAreBitIdentical) {
  auto m1 = build_model(busy_spec(1));
  auto m2 = build_model(busy_spec(2));
  State s1(m1), s2(m2);
  const auto rain = grid_rain(m1->grid());
  s1.set_rain(&rain);
  s2.set_rain(&rain);
  for (double t = 50; t <= 300; t += 50) {
    s1.advance_to(t);
    s2.advance_to(t);
  }
  EXPECT_EQ(s1.threads(), 1);
  EXPECT_EQ(s2.threads(), 2);
  EXPECT_GT(s1.steps(), 50u);
  EXPECT_EQ(s1.steps(), s2.steps());
  EXPECT_TRUE(same_bits(s1.depth(), s2.depth()));
  EXPECT_TRUE(same_bits(s1.qx(), s2.qx()));
  EXPECT_TRUE(same_bits(s1.qy(), s2.qy()));
  EXPECT_EQ(std::memcmp(&s1.budget(), &s2.budget(), sizeof(Budget)), 0);
  EXPECT_TRUE(same_bits(s1.summary().hazard_rating, s2.summary().hazard_rating));
  EXPECT_GT(s1.budget().boundary_in, 0.0);
  EXPECT_GT(s1.budget().drainage, 0.0);
  EXPECT_LT(s1.budget().error_rel(), 1e-6);
}

TEST(FloodDeterminism, RestartFromCheckpointIsBitIdentical) {
  auto model = build_model(busy_spec(1));
  const auto rain = grid_rain(model->grid());
  State a(model);
  a.set_rain(&rain);
  a.advance_to(150.0);
  std::stringstream ck(std::ios::in | std::ios::out | std::ios::binary);
  a.save(ck);
  a.advance_to(300.0);

  State b(model);
  b.set_rain(&rain);
  b.restore(ck);
  EXPECT_EQ(b.time(), 150.0);
  b.advance_to(300.0);
  EXPECT_EQ(a.steps(), b.steps());
  EXPECT_TRUE(same_bits(a.depth(), b.depth()));
  EXPECT_TRUE(same_bits(a.qx(), b.qx()));
  EXPECT_EQ(std::memcmp(&a.budget(), &b.budget(), sizeof(Budget)), 0);
  EXPECT_TRUE(same_bits(a.summary().max_depth, b.summary().max_depth));
  EXPECT_TRUE(same_bits(a.summary().duration_above, b.summary().duration_above));

  // A checkpoint from another grid is refused with a clear message.
  auto other = build_model(sdt::flat_spec(4, 4, 5.0));
  State c(other);
  std::stringstream ck2(std::ios::in | std::ios::out | std::ios::binary);
  a.save(ck2);
  try {
    c.restore(ck2);
    FAIL() << "expected a grid mismatch";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("does not match"), std::string::npos);
  }
}

}  // namespace
