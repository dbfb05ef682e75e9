// Router results against Bellman-Ford on random graphs, before and after closures.
#include "network/router.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "random_graph.hpp"

using namespace sd::net;

namespace {

// Both methods sum costs along a path from the source, so the same path gives the same bits;
// two different shortest paths of equal length may differ in the last bits, hence 1e-9.
void expect_same(double a, double b) {
  if (std::isinf(b)) {
    EXPECT_TRUE(std::isinf(a));
  } else {
    EXPECT_NEAR(a, b, 1e-9 * std::max(1.0, b));
  }
}

void check_path(const NetworkState& s, Metric m, const Path& p, NodeId from, NodeId to) {
  ASSERT_TRUE(p.reachable);
  ASSERT_EQ(p.nodes.front(), from);
  ASSERT_EQ(p.nodes.back(), to);
  ASSERT_EQ(p.edges.size() + 1, p.nodes.size());
  double sum = 0.0;
  for (std::size_t k = 0; k < p.edges.size(); ++k) {
    EXPECT_EQ(s.graph().tail()[p.edges[k]], p.nodes[k]);
    EXPECT_EQ(s.graph().head()[p.edges[k]], p.nodes[k + 1]);
    EXPECT_EQ(p.edge_cost[k], s.cost(m)[p.edges[k]]);
    sum += p.edge_cost[k];
  }
  expect_same(sum, p.cost);
}

}  // namespace

TEST(Router, OneToAllMatchesBellmanFordOnRandomGraphs) {
  for (unsigned seed = 1; seed <= 8; ++seed) {
    const auto rg = sd::test::random_graph(150, 2, seed);
    const RoadGraph g(rg.x, rg.y, rg.edges);
    NetworkState s(g);
    Router r(g);
    for (Metric m : {Metric::Time, Metric::Length}) {
      for (NodeId src : {0u, 17u, 149u}) {
        const auto ref = sd::test::bellman_ford(s, m, src);
        r.run(s, m, src);
        for (NodeId v = 0; v < g.num_nodes(); ++v) expect_same(r.cost(v), ref[v]);
        for (NodeId v = 0; v < g.num_nodes(); v += 13)
          if (std::isfinite(ref[v])) check_path(s, m, r.path(v), src, v);
      }
    }
  }
}

TEST(Router, BackwardSearchGivesCostsToTheSource) {
  const auto rg = sd::test::random_graph(120, 2, 42);
  const RoadGraph g(rg.x, rg.y, rg.edges);
  NetworkState s(g);
  Router r(g);
  const auto ref = sd::test::bellman_ford(s, Metric::Time, 5, /*backward=*/true);
  r.run(s, Metric::Time, 5, {}, Direction::Backward);
  for (NodeId v = 0; v < g.num_nodes(); ++v) expect_same(r.cost(v), ref[v]);
  for (NodeId v = 0; v < g.num_nodes(); v += 11)
    if (std::isfinite(ref[v])) check_path(s, Metric::Time, r.path(v), v, 5);
}

TEST(Router, ClosuresAndFloodMatchBellmanFord) {
  const auto rg = sd::test::random_graph(200, 2, 7);
  const RoadGraph g(rg.x, rg.y, rg.edges);
  NetworkState s(g);
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> depth(0.0f, 0.4f);
  std::vector<float> d(g.num_edges());
  for (auto& v : d) v = depth(rng);  // about a quarter of the edges close (>= 0.3 m)
  s.apply_depths(d);
  for (EdgeId e = 0; e < g.num_edges(); e += 7) s.set_injected_closed(e, true);
  Router r(g);
  for (NodeId src : {1u, 50u, 199u}) {
    const auto ref = sd::test::bellman_ford(s, Metric::Time, src);
    r.run(s, Metric::Time, src);
    for (NodeId v = 0; v < g.num_nodes(); ++v) expect_same(r.cost(v), ref[v]);
  }
}

TEST(Router, EarlyStopGivesExactCostsForTargets) {
  const auto rg = sd::test::random_graph(300, 2, 11);
  const RoadGraph g(rg.x, rg.y, rg.edges);
  NetworkState s(g);
  Router full(g), early(g);
  full.run(s, Metric::Time, 0);
  const std::vector<NodeId> targets = {3, 30, 77, 150, 151, 299, 3};
  early.run(s, Metric::Time, 0, targets);
  EXPECT_LE(early.settled_count(), full.settled_count());
  for (NodeId t : targets) EXPECT_EQ(early.cost(t), full.cost(t));
}

TEST(Router, ParallelEdgesCheaperOneWins) {
  const std::vector<EdgeInput> e = {
      {0, 1, 1000, 10, 1, 0}, {0, 1, 1000, 100, 1, 0}, {1, 2, 500, 50, 1, 0}};
  const RoadGraph g({0, 1, 2}, {0, 0, 0}, e);
  NetworkState s(g);
  Router r(g);
  const Path p = r.shortest_path(s, Metric::Time, 0, 2);
  ASSERT_TRUE(p.reachable);
  EXPECT_DOUBLE_EQ(p.cost, 1000 / (100 / 3.6) + 500 / (50 / 3.6));
  // Close the fast one: the slow parallel edge takes over.
  for (EdgeId k : g.edges_between(0, 1))
    if (g.speed_kph()[k] == 100) s.set_injected_closed(k, true);
  EXPECT_DOUBLE_EQ(r.shortest_path(s, Metric::Time, 0, 2).cost,
                   1000 / (10 / 3.6) + 500 / (50 / 3.6));
}

TEST(Router, UnreachableTargetReportsInfinityAndNoPath) {
  const std::vector<EdgeInput> e = {{0, 1, 10, 50, 1, 0}, {2, 1, 10, 50, 1, 0}};
  const RoadGraph g({0, 1, 2}, {0, 0, 0}, e);
  NetworkState s(g);
  Router r(g);
  const Path p = r.shortest_path(s, Metric::Length, 0, 2);
  EXPECT_FALSE(p.reachable);
  EXPECT_TRUE(std::isinf(p.cost));
  EXPECT_TRUE(p.nodes.empty());
  EXPECT_THROW(r.run(s, Metric::Time, 7), std::out_of_range);
}

TEST(Router, TravelMatrixEqualsSingleRuns) {
  const auto rg = sd::test::random_graph(250, 2, 5);
  const RoadGraph g(rg.x, rg.y, rg.edges);
  NetworkState s(g);
  const std::vector<NodeId> teams = {0, 9, 99, 200};
  const std::vector<NodeId> incidents = {1, 2, 50, 100, 249, 9};
  const CostMatrix m = travel_matrix(s, Metric::Time, teams, incidents, 2);
  ASSERT_EQ(m.rows, 4u);
  ASSERT_EQ(m.cols, 6u);
  for (std::size_t a = 0; a < teams.size(); ++a) {
    const auto ref = sd::test::bellman_ford(s, Metric::Time, teams[a]);
    for (std::size_t b = 0; b < incidents.size(); ++b) expect_same(m.at(a, b), ref[incidents[b]]);
  }
}

TEST(Router, RerouteWhenAnEdgeOnThePathCloses) {
  const auto rg = sd::test::random_graph(200, 3, 9);
  const RoadGraph g(rg.x, rg.y, rg.edges);
  NetworkState s(g);
  Router r(g);
  NodeId to = 150;
  Path p = r.shortest_path(s, Metric::Time, 0, to);
  ASSERT_TRUE(p.reachable);
  ASSERT_GE(p.edges.size(), 2u);
  EXPECT_EQ(first_closed_edge(s, p), kNoEdge);
  // The team has moved one edge; then the next edge on its path closes.
  const EdgeId blocked = p.edges[1];
  for (EdgeId e : g.edges_between(g.tail()[blocked], g.head()[blocked]))
    s.set_injected_closed(e, true);
  EXPECT_EQ(first_closed_edge(s, p, 1), blocked);
  const Path q = r.shortest_path(s, Metric::Time, p.nodes[1], to);
  const auto ref = sd::test::bellman_ford(s, Metric::Time, p.nodes[1]);
  expect_same(q.cost, ref[to]);
  if (q.reachable) {
    EXPECT_EQ(first_closed_edge(s, q), kNoEdge);
  }
}

TEST(Router, BucketAndRadixQueuesGiveTheSameCosts) {
  for (unsigned seed = 20; seed < 24; ++seed) {
    auto rg = sd::test::random_graph(200, 2, seed);
    if (seed == 23) rg.edges.push_back({3, 4, 0.0, 50, 1, 0});  // a zero-cost edge: Auto -> radix
    const RoadGraph g(rg.x, rg.y, rg.edges);
    NetworkState s(g);
    std::vector<float> d(g.num_edges());
    for (EdgeId e = 0; e < g.num_edges(); ++e) d[e] = (e % 5 == 0) ? 0.25f : 0.0f;  // slow 20 %
    s.apply_depths(d);
    s.set_injected_closed(0, true);
    s.set_injected_closed(0, false);  // re-opening keeps the cost bounds valid
    Router bucket(g), radix(g), autoq(g);
    bucket.set_queue(Queue::Bucket);
    radix.set_queue(Queue::Radix);
    for (Metric m : {Metric::Time, Metric::Length}) {
      const auto ref = sd::test::bellman_ford(s, m, 3);
      const std::vector<NodeId> targets = {10, 20, 199};
      bucket.run(s, m, 3), radix.run(s, m, 3), autoq.run(s, m, 3, targets);
      for (NodeId v = 0; v < g.num_nodes(); ++v) {
        expect_same(radix.cost(v), ref[v]);
        if (seed != 23) expect_same(bucket.cost(v), ref[v]);  // zero cost: bucket falls back
      }
      for (NodeId t : targets) expect_same(autoq.cost(t), ref[t]);
    }
  }
}
