#pragma once
// Shortest travel times and paths on one NetworkState. A Router owns the per-query work
// arrays (distances, parents, a radix heap), so one Router per thread; any number of
// Routers may read the same state and graph concurrently.
//
// Dijkstra (1959) with a radix heap (Ahuja, Mehlhorn, Orlin & Tarjan 1990, "Faster algorithms
// for the shortest path problem", J. ACM 37(2)) keyed on the IEEE-754 bit pattern of the
// non-negative double distance, which orders exactly like the value; so the results are
// bit-identical to a textbook binary-heap Dijkstra on the same edge costs. The search stops
// as soon as every requested target is settled.
#include <cstdint>
#include <span>
#include <vector>

#include "network/network_state.hpp"
#include "network/radix_heap.hpp"
#include "network/road_graph.hpp"

namespace sd::net {

enum class Direction { Forward, Backward };  // Backward: costs *to* the source (many-to-one)

// Priority queue of the search. Bucket: Dial's (1969) buckets of width just under the
// smallest open edge cost, so no node can improve another in its own bucket and every
// node of the current bucket is final (the argument of Delta-stepping with Delta <= min
// edge weight; Meyer & Sanders 2003): exact, with O(1) queue work per node. Used when the
// cost spread max/min needs at most 2^20 buckets; otherwise (e.g. zero-cost edges) the
// radix heap. Auto picks; the others force one (tests).
enum class Queue { Auto, Radix, Bucket };

// A route for moving a team: nodes[0] = origin ... nodes.back() = destination;
// edges[k] joins nodes[k] -> nodes[k+1] and takes edge_cost[k] (seconds or metres).
struct Path {
  bool reachable = false;
  double cost = NetworkState::kInf;
  std::vector<NodeId> nodes;
  std::vector<EdgeId> edges;
  std::vector<double> edge_cost;
};

class Router {
 public:
  explicit Router(const RoadGraph& graph);

  // Settles from `source` until every node in `targets` is settled (empty: all nodes).
  void run(const NetworkState& state, Metric metric, NodeId source,
           std::span<const NodeId> targets = {}, Direction dir = Direction::Forward);
  // Distance from the last run's source (or to it, Backward); +inf when unreachable or not
  // settled because it was not a target.
  double cost(NodeId v) const { return done_[v] == epoch_ ? dist_[v] : NetworkState::kInf; }
  // Path of the last run from the source to v (Forward) or from v to the source (Backward).
  Path path(NodeId v) const;

  // Point to point with early stop.
  Path shortest_path(const NetworkState& state, Metric metric, NodeId from, NodeId to);
  std::size_t settled_count() const { return settled_; }  // nodes settled by the last run
  void set_queue(Queue q) { queue_ = q; }

 private:
  const RoadGraph* graph_;
  const NetworkState* state_ = nullptr;
  Metric metric_ = Metric::Time;
  Direction dir_ = Direction::Forward;
  NodeId source_ = kNoNode;
  std::vector<double> dist_;
  std::vector<EdgeId> parent_;
  std::vector<std::uint32_t> stamp_;  // stamp_[v] == epoch_: dist_[v] labelled this run
  std::vector<std::uint32_t> done_;   // done_[v] == epoch_: dist_[v] final (settled)
  std::vector<std::uint8_t> target_mark_;
  std::uint32_t epoch_ = 0;
  std::size_t settled_ = 0;
  RadixHeap heap_;
  std::vector<std::vector<NodeId>> ring_;  // bucket queue, reused between runs
  Queue queue_ = Queue::Auto;

  template <class Relax>
  void settle_radix(NodeId source, Relax&& relax, std::size_t remaining, bool all);
  template <class Relax>
  void settle_buckets(NodeId source, double delta, std::size_t ring, Relax&& relax,
                      std::size_t remaining, bool all);
};

// Rows = sources, columns = targets; +inf where unreachable.
struct CostMatrix {
  std::size_t rows = 0, cols = 0;
  std::vector<double> values;
  double at(std::size_t r, std::size_t c) const { return values[r * cols + c]; }
};

// Teams x incidents (or candidate sites x demand nodes): one early-stopping search per row,
// rows spread over `threads` OpenMP threads (0 = default).
CostMatrix travel_matrix(const NetworkState& state, Metric metric, std::span<const NodeId> sources,
                         std::span<const NodeId> targets, int threads = 0);

// Moving teams: the first closed edge on a path under the current state (kNoEdge if open).
// Re-route by calling shortest_path from the team's next node.
EdgeId first_closed_edge(const NetworkState& state, const Path& path, std::size_t from_index = 0);

}  // namespace sd::net
