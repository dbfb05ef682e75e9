// Road-network query benchmarks (issue 5). Graphs are synthetic "road-like" grids: nodes on
// a jittered square lattice numbered row by row, two-way 4-neighbour streets of 80-120 m,
// an arterial (70 km/h) every 10th row/column over 30-50 km/h local streets, and 10 % of
// the street segments missing, so routes detour as in a real town.
#include <benchmark/benchmark.h>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths_no_color_map.hpp>
#include <memory>
#include <random>

#include "network/matrix_cache.hpp"
#include "network/router.hpp"

namespace {

using namespace sd::net;

std::unique_ptr<RoadGraph> road_like(int side, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> jitter(-20.0, 20.0), len(80.0, 120.0), coin(0.0, 1.0);
  const int n = side * side;
  std::vector<double> x(n), y(n);
  for (int j = 0; j < side; ++j)
    for (int i = 0; i < side; ++i)
      x[j * side + i] = i * 100.0 + jitter(rng), y[j * side + i] = j * 100.0 + jitter(rng);
  std::vector<EdgeInput> e;
  e.reserve(4 * static_cast<std::size_t>(n));
  auto street = [&](int a, int b, bool arterial) {
    if (!arterial && coin(rng) < 0.10) return;  // missing segment
    const double l = len(rng), v = arterial ? 70.0 : (coin(rng) < 0.5 ? 30.0 : 50.0);
    e.push_back({NodeId(a), NodeId(b), l, v, arterial ? 2 : 1, 0});
    e.push_back({NodeId(b), NodeId(a), l, v, arterial ? 2 : 1, 0});
  };
  for (int j = 0; j < side; ++j)
    for (int i = 0; i < side; ++i) {
      if (i + 1 < side) street(j * side + i, j * side + i + 1, j % 10 == 0);
      if (j + 1 < side) street(j * side + i, (j + 1) * side + i, i % 10 == 0);
    }
  return std::make_unique<RoadGraph>(std::move(x), std::move(y), e);
}

const RoadGraph& graph_1m() {
  static const auto g = road_like(1000, 1);
  return *g;
}
const RoadGraph& graph_250k() {
  static const auto g = road_like(500, 2);
  return *g;
}

void BM_OneToAll_Router_1M(benchmark::State& state) {
  const RoadGraph& g = graph_1m();
  const NetworkState s(g);
  Router r(g);
  std::mt19937 rng(7);
  std::uniform_int_distribution<NodeId> pick(0, NodeId(g.num_nodes() - 1));
  for (auto _ : state) {
    r.run(s, Metric::Time, pick(rng));
    benchmark::DoNotOptimize(r.settled_count());
  }
  state.counters["nodes"] = static_cast<double>(g.num_nodes());
  state.counters["edges"] = static_cast<double>(g.num_edges());
}
BENCHMARK(BM_OneToAll_Router_1M)->Unit(benchmark::kMillisecond)->MinTime(3.0);

// Reference: Boost's CSR graph with dijkstra_shortest_paths_no_color_map on the same edges.
void BM_OneToAll_BoostCsr_1M(benchmark::State& state) {
  const RoadGraph& g = graph_1m();
  const NetworkState s(g);
  using Csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, double>;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  std::vector<double> w;
  for (EdgeId e = 0; e < g.num_edges(); ++e)
    pairs.emplace_back(g.tail()[e], g.head()[e]), w.push_back(s.cost(Metric::Time)[e]);
  const Csr b(boost::edges_are_sorted, pairs.begin(), pairs.end(), w.begin(), g.num_nodes());
  std::vector<double> dist(g.num_nodes());
  std::vector<std::size_t> pred(g.num_nodes());
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::size_t> pick(0, g.num_nodes() - 1);
  for (auto _ : state) {
    boost::dijkstra_shortest_paths_no_color_map(b, pick(rng),
                                                boost::weight_map(boost::get(boost::edge_bundle, b))
                                                    .distance_map(dist.data())
                                                    .predecessor_map(pred.data()));
    benchmark::DoNotOptimize(dist[0]);
  }
}
BENCHMARK(BM_OneToAll_BoostCsr_1M)->Unit(benchmark::kMillisecond)->MinTime(3.0);

// A flood frame: 5 % of the edges get 0.1-0.5 m of water (slowed, or closed at >= 0.3 m).
std::vector<float> flood_frame(const RoadGraph& g, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  std::uniform_real_distribution<float> depth(0.1f, 0.5f);
  std::vector<float> d(g.num_edges(), 0.0f);
  for (auto& v : d)
    if (coin(rng) < 0.05) v = depth(rng);
  return d;
}

// Teams x incidents matrix refresh after each flood frame (frames alternate, so every
// iteration changes about 10 % of the edge costs: 5 % restored, 5 % newly flooded).
void BM_MatrixRefresh_250k_50x500(benchmark::State& state) {
  const RoadGraph& g = graph_250k();
  NetworkState s(g);
  std::mt19937 rng(3);
  std::uniform_int_distribution<NodeId> pick(0, NodeId(g.num_nodes() - 1));
  std::vector<NodeId> teams(50), incidents(500);
  for (auto& v : teams) v = pick(rng);
  for (auto& v : incidents) v = pick(rng);
  const std::vector<float> frames[2] = {flood_frame(g, 11), flood_frame(g, 12)};
  int k = 0;
  for (auto _ : state) {
    s.apply_depths(frames[k ^= 1]);
    s.clear_changes();
    const CostMatrix m =
        travel_matrix(s, Metric::Time, teams, incidents, static_cast<int>(state.range(0)));
    benchmark::DoNotOptimize(m.values.data());
  }
}
BENCHMARK(BM_MatrixRefresh_250k_50x500)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0)
    ->UseRealTime();

// Rising water in one district per frame: a disc holding ~5 % of the edges gets 5 cm more
// (costs only grow, as while a flood builds); the cache re-searches only the rows whose
// paths cross a changed edge.
void BM_MatrixCache_250k_50x500_LocalFlood(benchmark::State& state) {
  const RoadGraph& g = graph_250k();
  NetworkState s(g);
  std::mt19937 rng(3);
  std::uniform_int_distribution<NodeId> pick(0, NodeId(g.num_nodes() - 1));
  std::vector<NodeId> teams(50), incidents(500);
  for (auto& v : teams) v = pick(rng);
  for (auto& v : incidents) v = pick(rng);
  TravelMatrixCache cache(g, Metric::Time, teams, incidents);
  cache.refresh(s, 2);
  std::vector<float> depth(g.num_edges(), 0.0f);
  const double r2 = 0.05 * 500.0 * 500.0 * 100.0 * 100.0 / 3.14159265;  // 5 % of the area
  double rows = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const NodeId c = pick(rng);
    for (EdgeId e = 0; e < g.num_edges(); ++e) {
      const double dx = g.x()[g.tail()[e]] - g.x()[c], dy = g.y()[g.tail()[e]] - g.y()[c];
      if (dx * dx + dy * dy < r2) depth[e] += 0.05f;
    }
    state.ResumeTiming();
    s.apply_depths(depth);
    cache.refresh(s, static_cast<int>(state.range(0)));
    rows += static_cast<double>(cache.rows_recomputed());
  }
  state.counters["rows_recomputed"] = benchmark::Counter(rows, benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_MatrixCache_250k_50x500_LocalFlood)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(20)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
