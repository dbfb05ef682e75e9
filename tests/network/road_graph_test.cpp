#include "network/road_graph.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace sd::net;

TEST(RoadGraph, CsrRowsHoldEveryEdgeWithItsAttributes) {
  const std::vector<EdgeInput> in = {
      {2, 0, 30, 30, 1, 3}, {0, 1, 10, 50, 2, 1}, {0, 1, 12, 40, 1, 2}, {1, 2, 20, 60, 3, 4}};
  const RoadGraph g({0, 1, 2}, {0, 0, 0}, in);
  ASSERT_EQ(g.num_nodes(), 3u);
  ASSERT_EQ(g.num_edges(), 4u);
  for (EdgeId e = 0; e < g.num_edges(); ++e) {
    const EdgeInput& src = in[g.input_index()[e]];
    EXPECT_EQ(g.tail()[e], src.from);
    EXPECT_EQ(g.head()[e], src.to);
    EXPECT_EQ(g.length_m()[e], src.length_m);
    EXPECT_EQ(g.speed_kph()[e], src.speed_kph);
    EXPECT_EQ(g.lanes()[e], src.lanes);
    EXPECT_EQ(g.road_class()[e], src.road_class);
    EXPECT_GE(e, g.first_out()[src.from]);
    EXPECT_LT(e, g.first_out()[src.from + 1]);
  }
  EXPECT_EQ(g.edges_between(0, 1).size(), 2u);  // parallel edges kept
  EXPECT_TRUE(g.edges_between(1, 0).empty());
  // Reverse CSR lists each edge once, under its head.
  std::vector<int> seen(g.num_edges(), 0);
  for (NodeId v = 0; v < 3; ++v)
    for (EdgeId k = g.first_in()[v]; k < g.first_in()[v + 1]; ++k) {
      EXPECT_EQ(g.head()[g.in_edge()[k]], v);
      ++seen[g.in_edge()[k]];
    }
  EXPECT_TRUE(std::all_of(seen.begin(), seen.end(), [](int c) { return c == 1; }));
}

TEST(RoadGraph, ReportsNodesOutsideTheLargestStronglyConnectedComponent) {
  // 0<->1<->2 is strongly connected; 3 only has an edge in, 4 is isolated.
  const std::vector<EdgeInput> in = {
      {0, 1, 1, 50}, {1, 0, 1, 50}, {1, 2, 1, 50}, {2, 1, 1, 50}, {2, 3, 1, 50}};
  const RoadGraph g({0, 1, 2, 3, 4}, {0, 0, 0, 0, 0}, in);
  EXPECT_EQ(g.largest_scc_size(), 3u);
  const auto out = g.outside_largest_scc();
  EXPECT_EQ(std::vector<NodeId>(out.begin(), out.end()), (std::vector<NodeId>{3, 4}));
}

TEST(RoadGraph, RejectsBadEdges) {
  EXPECT_THROW(RoadGraph({0, 1}, {0, 0}, std::vector<EdgeInput>{{0, 2, 1, 50}}),
               std::invalid_argument);
  EXPECT_THROW(RoadGraph({0, 1}, {0, 0}, std::vector<EdgeInput>{{0, 1, -1, 50}}),
               std::invalid_argument);
  EXPECT_THROW(RoadGraph({0, 1}, {0, 0}, std::vector<EdgeInput>{{0, 1, 1, 0}}),
               std::invalid_argument);
}
