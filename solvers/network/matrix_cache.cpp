#include "network/matrix_cache.hpp"

#include <algorithm>
#include <stdexcept>

#include <omp.h>

namespace sd::net {

TravelMatrixCache::TravelMatrixCache(const RoadGraph& graph, Metric metric,
                                     std::vector<NodeId> sources, std::vector<NodeId> targets)
    : graph_(&graph), metric_(metric), sources_(std::move(sources)), targets_(std::move(targets)) {
  for (const auto* ids : {&sources_, &targets_})
    for (NodeId v : *ids)
      if (v >= graph.num_nodes()) throw std::out_of_range("TravelMatrixCache: bad node id");
  matrix_.rows = sources_.size(), matrix_.cols = targets_.size();
  matrix_.values.assign(matrix_.rows * matrix_.cols, NetworkState::kInf);
  used_.assign(sources_.size(), std::vector<std::uint64_t>((graph.num_edges() + 63) / 64, 0));
}

// One search, then the union of the row's paths is marked edge by edge from each target up
// the parent tree (stopping at edges already marked, so the work is the union's size).
void TravelMatrixCache::recompute_row(Router& router, const NetworkState& state, std::size_t r) {
  router.run(state, metric_, sources_[r], targets_);
  auto& bits = used_[r];
  std::fill(bits.begin(), bits.end(), 0);
  for (std::size_t c = 0; c < targets_.size(); ++c) {
    matrix_.values[r * matrix_.cols + c] = router.cost(targets_[c]);
    const Path p = router.path(targets_[c]);
    for (auto it = p.edges.rbegin(); it != p.edges.rend(); ++it) {
      std::uint64_t& word = bits[*it >> 6];
      const std::uint64_t bit = std::uint64_t{1} << (*it & 63);
      if (word & bit) break;  // the rest of this path towards the source is marked already
      word |= bit;
    }
  }
}

const CostMatrix& TravelMatrixCache::refresh(const NetworkState& state, int threads) {
  if (&state.graph() != graph_) throw std::invalid_argument("TravelMatrixCache: other graph");
  const auto cost = state.cost(metric_);
  std::vector<EdgeId> changed;
  bool cheaper = fresh_;
  if (fresh_) {
    last_cost_.assign(cost.begin(), cost.end());
  } else {
    for (EdgeId e = 0; e < cost.size(); ++e) {
      if (cost[e] == last_cost_[e]) continue;
      cheaper = cheaper || cost[e] < last_cost_[e];
      changed.push_back(e);
      last_cost_[e] = cost[e];
    }
  }
  fresh_ = false;
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < sources_.size(); ++r) {
    bool hit = cheaper;
    for (std::size_t k = 0; k < changed.size() && !hit; ++k)
      hit = (used_[r][changed[k] >> 6] >> (changed[k] & 63)) & 1;
    if (hit) rows.push_back(r);
  }
  rows_recomputed_ = rows.size();
  if (rows.empty()) return matrix_;
  const int nt = threads > 0 ? threads : omp_get_max_threads();
#pragma omp parallel num_threads(nt)
  {
    Router router(*graph_);
#pragma omp for schedule(dynamic, 1)
    for (std::size_t k = 0; k < rows.size(); ++k) recompute_row(router, state, rows[k]);
  }
  return matrix_;
}

}  // namespace sd::net
