#include "network/network_state.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace sd::net;

namespace {
const std::vector<EdgeInput> kEdges = {{0, 1, 1000, 60}, {1, 0, 1000, 60}, {1, 2, 360, 36}};
}

TEST(NetworkState, CostsFollowDepthAndRecordChangedEdgesOnce) {
  const RoadGraph g({0, 1, 2}, {0, 0, 0}, kEdges);
  NetworkState s(g);
  const EdgeId e12 = g.edges_between(1, 2)[0];
  EXPECT_DOUBLE_EQ(s.cost(Metric::Time)[e12], 36.0);  // 360 m at 10 m/s
  EXPECT_TRUE(s.changed_edges().empty());
  std::vector<float> d(3, 0.0f);
  d[e12] = 0.2f;  // curve at 200 mm: 12.3648 km/h
  s.apply_depths(d);
  // Depths are stored as float, so 0.2f is 0.2 only to ~1e-8 m.
  EXPECT_NEAR(s.cost(Metric::Time)[e12], 360.0 / (12.3648 / 3.6), 1e-4);
  EXPECT_DOUBLE_EQ(s.cost(Metric::Length)[e12], 360.0);
  d[e12] = 0.35f;
  s.apply_depths(d);
  EXPECT_TRUE(s.closed(e12));
  EXPECT_TRUE(std::isinf(s.cost(Metric::Length)[e12]));
  ASSERT_EQ(s.changed_edges().size(), 1u);
  s.clear_changes();
  s.apply_depths(d);  // same frame again: nothing changes
  EXPECT_TRUE(s.changed_edges().empty());
  s.reset();
  EXPECT_DOUBLE_EQ(s.cost(Metric::Time)[e12], 36.0);
}

TEST(NetworkState, InjectedClosureIsIndependentOfFlood) {
  const RoadGraph g({0, 1, 2}, {0, 0, 0}, kEdges);
  NetworkState s(g);
  const EdgeId e01 = g.edges_between(0, 1)[0];
  s.set_injected_closed(e01, true);
  std::vector<float> d(3, 0.0f);
  s.apply_depths(d);
  EXPECT_TRUE(s.closed(e01));
  s.set_injected_closed(e01, false);
  EXPECT_FALSE(s.closed(e01));
  EXPECT_DOUBLE_EQ(s.cost(Metric::Time)[e01], 60.0);
}

TEST(NetworkState, BoatUsesOnlyFloodedRoads) {
  const RoadGraph g({0, 1, 2}, {0, 0, 0}, kEdges);
  NetworkState s(g, VehicleProfile::boat(0.3, 18.0));
  EXPECT_TRUE(s.closed(0) && s.closed(1) && s.closed(2));
  std::vector<float> d = {1.0f, 0.1f, 0.5f};
  s.apply_depths(d);
  EXPECT_FALSE(s.closed(0));
  EXPECT_TRUE(s.closed(1));
  EXPECT_DOUBLE_EQ(s.speed_kph(0), 18.0);
}

TEST(ClosureSchedule, ClosesEveryParallelEdgeDuringItsWindow) {
  std::vector<EdgeInput> e = kEdges;
  e.push_back({0, 1, 900, 30});
  const RoadGraph g({0, 1, 2}, {0, 0, 0}, e);
  NetworkState s(g);
  const std::vector<TimedClosure> c = {{0, 1, 100.0, 200.0}, {0, 1, 150.0, 400.0}};
  const ClosureSchedule sched(g, c);
  EXPECT_EQ(sched.num_edges(), 4u);
  auto closed01 = [&] {
    bool all = true;
    for (EdgeId k : g.edges_between(0, 1)) all = all && s.closed(k);
    return all;
  };
  sched.apply(s, 50.0);
  EXPECT_FALSE(closed01());
  sched.apply(s, 100.0);
  EXPECT_TRUE(closed01());
  sched.apply(s, 250.0);  // first window over, second still on
  EXPECT_TRUE(closed01());
  sched.apply(s, 400.0);  // re-opened
  EXPECT_FALSE(closed01());
  EXPECT_FALSE(s.closed(g.edges_between(1, 0)[0]));
}
