#pragma once
// Small random road graphs for cross-checks: points in a square, edges to near neighbours,
// random one-way and parallel edges; plus a Bellman-Ford reference independent of the router.
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "network/network_state.hpp"
#include "network/road_graph.hpp"

namespace sd::test {

struct RandomGraph {
  std::vector<double> x, y;
  std::vector<net::EdgeInput> edges;
};

inline RandomGraph random_graph(int n, int degree, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1000.0), speed(10.0, 100.0), coin(0.0, 1.0);
  RandomGraph g;
  for (int k = 0; k < n; ++k) g.x.push_back(u(rng)), g.y.push_back(u(rng));
  std::uniform_int_distribution<int> pick(0, n - 1);
  for (int a = 0; a < n; ++a) {
    for (int d = 0; d < degree; ++d) {
      const int b = pick(rng);
      const double len = std::hypot(g.x[a] - g.x[b], g.y[a] - g.y[b]) * (1.0 + coin(rng));
      const double v = speed(rng);
      g.edges.push_back({net::NodeId(a), net::NodeId(b), len, v, 1, 0});
      if (coin(rng) < 0.7) g.edges.push_back({net::NodeId(b), net::NodeId(a), len, v, 1, 0});
      if (coin(rng) < 0.1)
        g.edges.push_back({net::NodeId(a), net::NodeId(b), len * 0.9, v * 0.5, 1, 0});
    }
  }
  return g;
}

// Bellman-Ford over the state's edge costs: dist[v] from source (forward) or to it (backward).
inline std::vector<double> bellman_ford(const net::NetworkState& s, net::Metric metric,
                                        net::NodeId source, bool backward = false) {
  const auto& g = s.graph();
  const auto cost = s.cost(metric);
  std::vector<double> d(g.num_nodes(), std::numeric_limits<double>::infinity());
  d[source] = 0.0;
  for (std::size_t round = 0; round < g.num_nodes(); ++round) {
    bool changed = false;
    for (net::EdgeId e = 0; e < g.num_edges(); ++e) {
      const net::NodeId a = backward ? g.head()[e] : g.tail()[e];
      const net::NodeId b = backward ? g.tail()[e] : g.head()[e];
      if (d[a] + cost[e] < d[b]) d[b] = d[a] + cost[e], changed = true;
    }
    if (!changed) break;
  }
  return d;
}

}  // namespace sd::test
