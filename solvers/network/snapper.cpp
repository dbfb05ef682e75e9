#include "network/snapper.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace sd::net {
namespace {

// Squared distance from p to segment a-b and the parameter of the closest point.
double seg_dist2(double px, double py, double ax, double ay, double bx, double by, double& t) {
  const double dx = bx - ax, dy = by - ay;
  const double len2 = dx * dx + dy * dy;
  t = len2 > 0.0 ? std::clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0.0, 1.0) : 0.0;
  const double qx = ax + t * dx - px, qy = ay + t * dy - py;
  return qx * qx + qy * qy;
}

}  // namespace

Snapper::Snapper(const RoadGraph& graph, std::vector<NodeId> only_nodes) : graph_(&graph) {
  if (only_nodes.empty()) {
    only_nodes.resize(graph.num_nodes());
    std::iota(only_nodes.begin(), only_nodes.end(), 0u);
  }
  const auto x = graph.x(), y = graph.y();
  if (only_nodes.empty()) return;
  double x1 = x[only_nodes[0]], y1 = y[only_nodes[0]];
  x0_ = x1, y0_ = y1;
  for (NodeId v = 0; v < graph.num_nodes(); ++v) {  // bbox over all nodes: edges use it too
    x0_ = std::min(x0_, x[v]), y0_ = std::min(y0_, y[v]);
    x1 = std::max(x1, x[v]), y1 = std::max(y1, y[v]);
  }
  // About two nodes per bucket on average.
  const double area = std::max((x1 - x0_) * (y1 - y0_), 1e-300);
  cell_ = std::sqrt(2.0 * area / static_cast<double>(only_nodes.size()));
  if (!(cell_ > 0.0) || !std::isfinite(cell_)) cell_ = std::max({x1 - x0_, y1 - y0_, 1.0});
  nx_ = std::clamp(static_cast<int>((x1 - x0_) / cell_) + 1, 1, 1 << 14);
  ny_ = std::clamp(static_cast<int>((y1 - y0_) / cell_) + 1, 1, 1 << 14);
  cell_ = std::max((x1 - x0_) / nx_, (y1 - y0_) / ny_) * (1.0 + 1e-12);
  if (!(cell_ > 0.0)) cell_ = 1.0;

  auto bucket = [&](double px, double py) {
    const int i = std::clamp(static_cast<int>((px - x0_) / cell_), 0, nx_ - 1);
    const int j = std::clamp(static_cast<int>((py - y0_) / cell_), 0, ny_ - 1);
    return static_cast<std::size_t>(j) * nx_ + i;
  };
  const std::size_t nb = static_cast<std::size_t>(nx_) * ny_;
  // Bucket CSRs by counting sort: nodes by their cell, edges by every cell of their bbox.
  node_start_.assign(nb + 1, 0);
  for (NodeId v : only_nodes) ++node_start_[bucket(x[v], y[v]) + 1];
  std::partial_sum(node_start_.begin(), node_start_.end(), node_start_.begin());
  node_items_.resize(only_nodes.size());
  std::vector<std::uint32_t> fill(node_start_.begin(), node_start_.end() - 1);
  for (NodeId v : only_nodes) node_items_[fill[bucket(x[v], y[v])]++] = v;

  const auto tail = graph.tail(), head = graph.head();
  auto for_cells = [&](EdgeId e, auto&& f) {
    const std::size_t a = bucket(x[tail[e]], y[tail[e]]), b = bucket(x[head[e]], y[head[e]]);
    const std::size_t i0 = std::min(a % nx_, b % nx_), i1 = std::max(a % nx_, b % nx_);
    const std::size_t j0 = std::min(a / nx_, b / nx_), j1 = std::max(a / nx_, b / nx_);
    for (std::size_t j = j0; j <= j1; ++j)
      for (std::size_t i = i0; i <= i1; ++i) f(j * nx_ + i);
  };
  edge_start_.assign(nb + 1, 0);
  for (EdgeId e = 0; e < graph.num_edges(); ++e)
    for_cells(e, [&](std::size_t c) { ++edge_start_[c + 1]; });
  std::partial_sum(edge_start_.begin(), edge_start_.end(), edge_start_.begin());
  edge_items_.resize(edge_start_.back());
  fill.assign(edge_start_.begin(), edge_start_.end() - 1);
  for (EdgeId e = 0; e < graph.num_edges(); ++e)
    for_cells(e, [&](std::size_t c) { edge_items_[fill[c]++] = e; });
}

// Visits rings of buckets around the query until the ring's nearest possible point is
// farther than the best found (squared distances).
template <class F>
void Snapper::ring_search(double x, double y, const std::vector<std::uint32_t>& start,
                          const std::vector<std::uint32_t>& items, F&& distance_of,
                          std::uint32_t& best, double& best_d) const {
  best = std::numeric_limits<std::uint32_t>::max();
  best_d = std::numeric_limits<double>::infinity();
  if (start.size() < 2 || start.back() == 0) return;
  auto cell_index = [&](double v) {
    return static_cast<int>(std::clamp(std::floor(v / cell_), -1e8, 1e8));
  };
  const int ci = cell_index(x - x0_), cj = cell_index(y - y0_);
  // Rings before the grid box hold nothing: start at the first ring touching it.
  const int r0 = std::max({0, -ci, -cj, ci - (nx_ - 1), cj - (ny_ - 1)});
  const int max_r = r0 + std::max(nx_, ny_);
  auto scan = [&](int i, int j) {
    const std::size_t b = static_cast<std::size_t>(j) * nx_ + i;
    for (std::uint32_t k = start[b]; k < start[b + 1]; ++k) {
      const double d = distance_of(items[k]);
      if (d < best_d || (d == best_d && items[k] < best)) best_d = d, best = items[k];
    }
  };
  for (int r = r0; r <= max_r; ++r) {
    const double ring_min = std::max(0.0, (r - 1) * cell_);
    if (ring_min * ring_min > best_d) break;
    const int j_lo = std::max(cj - r, 0), j_hi = std::min(cj + r, ny_ - 1);
    const int i_lo = std::max(ci - r, 0), i_hi = std::min(ci + r, nx_ - 1);
    for (int j = j_lo; j <= j_hi; ++j) {
      if (j == cj - r || j == cj + r) {  // top and bottom rows of the ring: every column
        for (int i = i_lo; i <= i_hi; ++i) scan(i, j);
      } else {  // side columns only
        if (ci - r >= 0 && ci - r < nx_) scan(ci - r, j);
        if (r > 0 && ci + r >= 0 && ci + r < nx_) scan(ci + r, j);
      }
    }
  }
}

NodeId Snapper::nearest_node(double x, double y, double* distance) const {
  const auto gx = graph_->x(), gy = graph_->y();
  std::uint32_t best;
  double best_d;
  ring_search(
      x, y, node_start_, node_items_,
      [&](std::uint32_t v) { return (gx[v] - x) * (gx[v] - x) + (gy[v] - y) * (gy[v] - y); }, best,
      best_d);
  if (distance) *distance = std::sqrt(best_d);
  return best == std::numeric_limits<std::uint32_t>::max() ? kNoNode : best;
}

EdgeSnap Snapper::nearest_edge(double x, double y) const {
  const auto gx = graph_->x(), gy = graph_->y();
  const auto tail = graph_->tail(), head = graph_->head();
  std::uint32_t best;
  double best_d;
  ring_search(
      x, y, edge_start_, edge_items_,
      [&](std::uint32_t e) {
        double t;
        return seg_dist2(x, y, gx[tail[e]], gy[tail[e]], gx[head[e]], gy[head[e]], t);
      },
      best, best_d);
  EdgeSnap s;
  if (best == std::numeric_limits<std::uint32_t>::max()) return s;
  s.edge = best;
  s.distance = std::sqrt(
      seg_dist2(x, y, gx[tail[best]], gy[tail[best]], gx[head[best]], gy[head[best]], s.fraction));
  return s;
}

}  // namespace sd::net
