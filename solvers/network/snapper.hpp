#pragma once
// Snapping points (teams, incidents, shelters) onto the road graph with a uniform-grid
// spatial index (bucket size chosen from the node density). Nearest node, or nearest point
// on an edge segment with the fraction along it. Read-only after construction.
#include <cstdint>
#include <vector>

#include "network/road_graph.hpp"

namespace sd::net {

struct EdgeSnap {
  EdgeId edge = kNoEdge;
  double fraction = 0.0;  // 0 at tail, 1 at head
  double distance = 0.0;  // from the query point to the snapped point
};

class Snapper {
 public:
  // only_nodes: restrict node snapping to these (e.g. the largest SCC); empty = all nodes.
  explicit Snapper(const RoadGraph& graph, std::vector<NodeId> only_nodes = {});
  // Nearest node (Euclidean in the graph's x/y); kNoNode for an empty graph.
  NodeId nearest_node(double x, double y, double* distance = nullptr) const;
  EdgeSnap nearest_edge(double x, double y) const;

 private:
  const RoadGraph* graph_;
  double x0_ = 0, y0_ = 0, cell_ = 1;
  int nx_ = 1, ny_ = 1;
  std::vector<std::uint32_t> node_start_, node_items_;  // bucket CSR of nodes
  std::vector<std::uint32_t> edge_start_, edge_items_;  // bucket CSR of edges (bbox cells)
  template <class F>
  void ring_search(double x, double y, const std::vector<std::uint32_t>& start,
                   const std::vector<std::uint32_t>& items, F&& distance_of, std::uint32_t& best,
                   double& best_d) const;
};

}  // namespace sd::net
