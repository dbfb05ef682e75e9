#include "network/matrix_cache.hpp"

#include <gtest/gtest.h>

#include <random>

#include "random_graph.hpp"

using namespace sd::net;

TEST(TravelMatrixCache, EqualsFreshMatrixOverFloodFramesAndSkipsUntouchedRows) {
  const auto rg = sd::test::random_graph(300, 2, 31);
  const RoadGraph g(rg.x, rg.y, rg.edges);
  NetworkState s(g);
  const std::vector<NodeId> teams = {0, 40, 80, 120, 160, 200};
  const std::vector<NodeId> incidents = {5, 55, 105, 155, 205, 255, 299};
  TravelMatrixCache cache(g, Metric::Time, teams, incidents);
  std::mt19937 rng(4);
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  std::vector<float> depth(g.num_edges(), 0.0f);
  bool some_row_skipped = false;
  for (int frame = 0; frame < 12; ++frame) {
    // Rising water for 8 frames (costs only grow), then it recedes (costs fall).
    bool receded = false;
    for (auto& d : depth) {
      if (frame < 8 && coin(rng) < 0.01) d += 0.1f;
      if (frame >= 8 && d > 0.0f && coin(rng) < 0.5) d = 0.0f, receded = true;
    }
    s.apply_depths(depth);
    const CostMatrix& m = cache.refresh(s, 2);
    const CostMatrix ref = travel_matrix(s, Metric::Time, teams, incidents, 1);
    ASSERT_EQ(m.values.size(), ref.values.size());
    for (std::size_t k = 0; k < ref.values.size(); ++k)
      EXPECT_EQ(m.values[k], ref.values[k]) << "frame " << frame;
    if (frame > 0 && frame < 8 && cache.rows_recomputed() < teams.size()) some_row_skipped = true;
    if (receded) {
      EXPECT_EQ(cache.rows_recomputed(), teams.size());  // cheaper edges: every row
    }
  }
  EXPECT_TRUE(some_row_skipped);
}
