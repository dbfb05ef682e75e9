#include "network/router.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>

#include <omp.h>

namespace sd::net {
namespace {

// Non-negative doubles order exactly like their bit patterns read as unsigned integers.
std::uint64_t key_of(double d) {
  return std::bit_cast<std::uint64_t>(d);
}
constexpr double kMaxRing = 1 << 20;  // most buckets the queue may use
constexpr double kInfRing = 2.0 * kMaxRing;

}  // namespace

Router::Router(const RoadGraph& graph)
    : graph_(&graph),
      dist_(graph.num_nodes()),
      parent_(graph.num_nodes(), kNoEdge),
      stamp_(graph.num_nodes(), 0),
      done_(graph.num_nodes(), 0),
      target_mark_(graph.num_nodes(), 0) {}

void Router::run(const NetworkState& state, Metric metric, NodeId source,
                 std::span<const NodeId> targets, Direction dir) {
  const std::size_t n = graph_->num_nodes();
  if (&state.graph() != graph_) throw std::invalid_argument("Router: state of another graph");
  if (source >= n) throw std::out_of_range("Router: source node out of range");
  if (++epoch_ == 0) {  // wrapped: invalidate every stamp once every 2^32 runs
    std::fill(stamp_.begin(), stamp_.end(), 0);
    std::fill(done_.begin(), done_.end(), 0);
    epoch_ = 1;
  }
  state_ = &state, metric_ = metric, dir_ = dir, source_ = source, settled_ = 0;

  std::size_t remaining = 0;  // distinct unsettled targets; 0 with no targets = run to the end
  for (NodeId t : targets) {
    if (t >= n) throw std::out_of_range("Router: target node out of range");
    if (!target_mark_[t]) target_mark_[t] = 1, ++remaining;
  }
  const bool all = targets.empty();

  const double* cost = state.cost(metric).data();
  const bool fwd = dir == Direction::Forward;
  const EdgeId* first = fwd ? graph_->first_out().data() : graph_->first_in().data();
  const EdgeId* in_edge = graph_->in_edge().data();
  const NodeId* other = fwd ? graph_->head().data() : graph_->tail().data();
  double* dist = dist_.data();
  EdgeId* parent = parent_.data();
  std::uint32_t* stamp = stamp_.data();
  const std::uint32_t epoch = epoch_;

  // Relaxes the edges of settled node u; push(v, d) enqueues an improved label.
  auto relax = [=](NodeId u, auto&& push) {
    const double du = dist[u];
    for (EdgeId k = first[u]; k < first[u + 1]; ++k) {
      const EdgeId e = fwd ? k : in_edge[k];
      const double w = cost[e];
      if (w == NetworkState::kInf) continue;  // closed
      const double nd = du + w;
      const NodeId v = other[e];
      if (stamp[v] != epoch || nd < dist[v]) {
        stamp[v] = epoch, dist[v] = nd, parent[v] = e;
        push(v, nd);
      }
    }
  };
  dist_[source] = 0.0, parent_[source] = kNoEdge, stamp_[source] = epoch_;

  // Bucket width just under the smallest open cost, so a relaxed label always lands in a
  // later bucket even after rounding; the ring spans the largest cost.
  const double lo = state.min_cost(metric), hi = state.max_cost(metric);
  const double delta = 0.999 * lo;
  const double ring = delta > 0.0 ? hi / delta + 2.0 : kInfRing;
  const bool buckets = queue_ == Queue::Bucket || (queue_ == Queue::Auto && ring <= kMaxRing);
  if (buckets && delta > 0.0 && ring <= kMaxRing)
    settle_buckets(source, delta, static_cast<std::size_t>(ring), relax, remaining, all);
  else
    settle_radix(source, relax, remaining, all);
  for (NodeId t : targets) target_mark_[t] = 0;  // unreachable targets stay marked otherwise
}

// Marks u settled; true when the search may stop (every target settled).
#define SD_SETTLE(u)                             \
  do {                                           \
    ++settled_;                                  \
    done_[u] = epoch_;                           \
    if (target_mark_[u]) {                       \
      target_mark_[u] = 0;                       \
      if (--remaining == 0 && !all) stop = true; \
    }                                            \
  } while (0)

template <class Relax>
void Router::settle_radix(NodeId source, Relax&& relax, std::size_t remaining, bool all) {
  heap_.clear();
  heap_.push(key_of(0.0), source);
  auto push = [this](NodeId v, double d) { heap_.push(key_of(d), v); };
  bool stop = false;
  while (!heap_.empty()) {
    const auto [key, u] = heap_.pop();
    if (key != key_of(dist_[u])) continue;  // stale duplicate (lazy decrease-key)
    SD_SETTLE(u);
    if (stop) return;
    relax(u, push);
  }
}

template <class Relax>
void Router::settle_buckets(NodeId source, double delta, std::size_t ring, Relax&& relax,
                            std::size_t remaining, bool all) {
  if (ring_.size() < ring) ring_.resize(ring);
  for (auto& b : ring_) b.clear();
  std::size_t pending = 1;
  ring_[0].push_back(source);
  auto push = [&](NodeId v, double d) {
    ring_[static_cast<std::size_t>(d / delta) % ring].push_back(v);
    ++pending;
  };
  bool stop = false;
  std::vector<NodeId> current;
  for (std::size_t k = 0; pending > 0; ++k) {
    std::vector<NodeId>& slot = ring_[k % ring];
    if (slot.empty()) continue;
    current.swap(slot);  // relaxations never land in bucket k (every cost > delta)
    pending -= current.size();
    for (NodeId u : current) {
      // Stale entries: settled already, or improved into an earlier bucket.
      if (done_[u] == epoch_ || static_cast<std::size_t>(dist_[u] / delta) != k) continue;
      SD_SETTLE(u);
      if (stop) break;
      relax(u, push);
    }
    current.clear();
    if (stop) return;
  }
}
#undef SD_SETTLE

Path Router::path(NodeId v) const {
  Path p;
  if (state_ == nullptr || v >= graph_->num_nodes() || done_[v] != epoch_) return p;
  const auto cost = state_->cost(metric_);
  const auto tail = graph_->tail(), head = graph_->head();
  p.reachable = true;
  p.cost = dist_[v];
  p.nodes.push_back(v);
  for (NodeId u = v; parent_[u] != kNoEdge;) {
    const EdgeId e = parent_[u];
    u = dir_ == Direction::Forward ? tail[e] : head[e];
    p.nodes.push_back(u);
    p.edges.push_back(e);
    p.edge_cost.push_back(cost[e]);
  }
  if (dir_ == Direction::Forward) {  // walked target -> source; paths read origin first
    std::reverse(p.nodes.begin(), p.nodes.end());
    std::reverse(p.edges.begin(), p.edges.end());
    std::reverse(p.edge_cost.begin(), p.edge_cost.end());
  }
  return p;
}

Path Router::shortest_path(const NetworkState& state, Metric metric, NodeId from, NodeId to) {
  if (to >= graph_->num_nodes()) throw std::out_of_range("Router: target node out of range");
  const NodeId target[1] = {to};
  run(state, metric, from, target);
  return path(to);
}

CostMatrix travel_matrix(const NetworkState& state, Metric metric, std::span<const NodeId> sources,
                         std::span<const NodeId> targets, int threads) {
  CostMatrix m;
  m.rows = sources.size(), m.cols = targets.size();
  m.values.assign(m.rows * m.cols, NetworkState::kInf);
  if (m.rows == 0 || m.cols == 0) return m;
  // Checked here: an exception must not escape the parallel region.
  for (std::span<const NodeId> ids : {sources, targets})
    for (NodeId v : ids)
      if (v >= state.graph().num_nodes()) throw std::out_of_range("travel_matrix: bad node id");
  const int nt = threads > 0 ? threads : omp_get_max_threads();
#pragma omp parallel num_threads(nt)
  {
    Router router(state.graph());
#pragma omp for schedule(dynamic, 1)
    for (std::size_t r = 0; r < m.rows; ++r) {
      router.run(state, metric, sources[r], targets);
      for (std::size_t c = 0; c < m.cols; ++c) m.values[r * m.cols + c] = router.cost(targets[c]);
    }
  }
  return m;
}

EdgeId first_closed_edge(const NetworkState& state, const Path& path, std::size_t from_index) {
  for (std::size_t k = from_index; k < path.edges.size(); ++k)
    if (state.closed(path.edges[k])) return path.edges[k];
  return kNoEdge;
}

}  // namespace sd::net
