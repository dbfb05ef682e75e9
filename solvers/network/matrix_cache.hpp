#pragma once
// A teams x incidents travel-cost matrix kept up to date across hazard frames. After a frame,
// only rows whose shortest paths (to any target) use an edge whose cost changed are searched
// again; when some edge got cheaper (a road re-opened, water receding), every row is, since
// any row may then improve. Rows are independent searches spread over OpenMP threads.
// Results are identical to travel_matrix() on the same state.
#include <cstdint>
#include <vector>

#include "network/router.hpp"

namespace sd::net {

class TravelMatrixCache {
 public:
  TravelMatrixCache(const RoadGraph& graph, Metric metric, std::vector<NodeId> sources,
                    std::vector<NodeId> targets);

  // Brings the matrix up to date with `state` (compares every edge cost with the last call,
  // so it does not depend on the state's change list).
  const CostMatrix& refresh(const NetworkState& state, int threads = 0);
  const CostMatrix& matrix() const { return matrix_; }
  std::size_t rows_recomputed() const { return rows_recomputed_; }  // by the last refresh

 private:
  void recompute_row(Router& router, const NetworkState& state, std::size_t r);
  const RoadGraph* graph_;
  Metric metric_;
  std::vector<NodeId> sources_, targets_;
  CostMatrix matrix_;
  std::vector<double> last_cost_;                 // edge costs at the last refresh
  std::vector<std::vector<std::uint64_t>> used_;  // per row: bitset of edges on its paths
  std::size_t rows_recomputed_ = 0;
  bool fresh_ = true;
};

}  // namespace sd::net
