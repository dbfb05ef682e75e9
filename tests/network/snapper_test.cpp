#include "network/snapper.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "random_graph.hpp"

using namespace sd::net;

TEST(Snapper, NearestNodeAndEdgeMatchBruteForce) {
  const auto rg = sd::test::random_graph(400, 1, 21);
  const RoadGraph g(rg.x, rg.y, rg.edges);
  const Snapper snap(g);
  std::mt19937 rng(2);
  std::uniform_real_distribution<double> u(-300.0, 1300.0);  // some queries outside the bbox
  for (int q = 0; q < 300; ++q) {
    const double x = u(rng), y = u(rng);
    double best = std::numeric_limits<double>::infinity();
    for (NodeId v = 0; v < g.num_nodes(); ++v)
      best = std::min(best, std::hypot(g.x()[v] - x, g.y()[v] - y));
    double d = 0;
    const NodeId v = snap.nearest_node(x, y, &d);
    ASSERT_NE(v, kNoNode);
    EXPECT_NEAR(d, best, 1e-9);
    EXPECT_NEAR(std::hypot(g.x()[v] - x, g.y()[v] - y), best, 1e-9);

    double best_e = std::numeric_limits<double>::infinity();
    for (EdgeId e = 0; e < g.num_edges(); ++e) {
      const double ax = g.x()[g.tail()[e]], ay = g.y()[g.tail()[e]];
      const double bx = g.x()[g.head()[e]], by = g.y()[g.head()[e]];
      const double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
      const double t = l2 > 0 ? std::clamp(((x - ax) * dx + (y - ay) * dy) / l2, 0.0, 1.0) : 0.0;
      best_e = std::min(best_e, std::hypot(ax + t * dx - x, ay + t * dy - y));
    }
    const EdgeSnap es = snap.nearest_edge(x, y);
    ASSERT_NE(es.edge, kNoEdge);
    EXPECT_NEAR(es.distance, best_e, 1e-9);
    EXPECT_GE(es.fraction, 0.0);
    EXPECT_LE(es.fraction, 1.0);
  }
}

TEST(Snapper, RestrictedToGivenNodesAndAllEqualCoordinates) {
  const std::vector<EdgeInput> e = {{0, 1, 1, 50}};
  const RoadGraph g({0, 10, 20}, {0, 0, 0}, e);
  const Snapper only(g, {0, 2});
  EXPECT_EQ(only.nearest_node(9.0, 0.0), 0u);     // node 1 is excluded
  const RoadGraph same({5, 5, 5}, {5, 5, 5}, e);  // graph-only instance: all coordinates equal
  const Snapper s(same);
  EXPECT_EQ(s.nearest_node(1e9, -1e9), 0u);
}
