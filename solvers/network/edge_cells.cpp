#include "network/edge_cells.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sd::net {
namespace {

// Clips segment p0->p1 (grid-local coordinates in cell units, u east, v south) to the box
// [0,nx]x[0,ny] (Liang & Barsky 1984). Returns false when it misses the box.
bool clip(double& u0, double& v0, double& u1, double& v1, double nx, double ny) {
  double t0 = 0.0, t1 = 1.0;
  const double du = u1 - u0, dv = v1 - v0;
  const double p[4] = {-du, du, -dv, dv};
  const double q[4] = {u0, nx - u0, v0, ny - v0};
  for (int k = 0; k < 4; ++k) {
    if (p[k] == 0.0) {
      if (q[k] < 0.0) return false;
      continue;
    }
    const double r = q[k] / p[k];
    if (p[k] < 0.0)
      t0 = std::max(t0, r);
    else
      t1 = std::min(t1, r);
    if (t0 > t1) return false;
  }
  const double a = u0, b = v0;
  u0 = a + t0 * du, v0 = b + t0 * dv;
  u1 = a + t1 * du, v1 = b + t1 * dv;
  return true;
}

// Amanatides & Woo (1987) traversal of the cells the clipped segment passes through.
void traverse(double u0, double v0, double u1, double v1, const Grid& g,
              std::vector<std::uint32_t>& out) {
  auto cell_of = [](double c, int n) {
    return std::clamp(static_cast<int>(std::floor(c)), 0, n - 1);
  };
  int i = cell_of(u0, g.nx), j = cell_of(v0, g.ny);
  const int i_end = cell_of(u1, g.nx), j_end = cell_of(v1, g.ny);
  const double du = u1 - u0, dv = v1 - v0;
  const int si = du > 0 ? 1 : (du < 0 ? -1 : 0), sj = dv > 0 ? 1 : (dv < 0 ? -1 : 0);
  const double inf = std::numeric_limits<double>::infinity();
  double t_max_u = si != 0 ? ((si > 0 ? i + 1 : i) - u0) / du : inf;
  double t_max_v = sj != 0 ? ((sj > 0 ? j + 1 : j) - v0) / dv : inf;
  const double t_du = si != 0 ? std::abs(1.0 / du) : inf, t_dv = sj != 0 ? std::abs(1.0 / dv) : inf;
  const int max_steps = std::abs(i_end - i) + std::abs(j_end - j) + 1;
  for (int step = 0; step < max_steps; ++step) {
    out.push_back(static_cast<std::uint32_t>(g.index(i, j)));
    if (i == i_end && j == j_end) break;
    if (t_max_u < t_max_v)
      i += si, t_max_u += t_du;
    else
      j += sj, t_max_v += t_dv;
    if (i < 0 || j < 0 || i >= g.nx || j >= g.ny) break;
  }
}

template <class T>
void depths_impl(const EdgeCells& ec, std::span<const T> depth, double percentile,
                 std::span<float> out) {
  std::vector<float> buf;
  for (std::size_t e = 0; e + 1 < ec.offsets.size(); ++e) {
    buf.clear();
    for (std::uint32_t k = ec.offsets[e]; k < ec.offsets[e + 1]; ++k) {
      const T d = depth[ec.cells[k]];
      buf.push_back(std::isnan(d) ? 0.0f : static_cast<float>(d));
    }
    out[e] = nearest_rank_percentile(buf, percentile);
  }
}

}  // namespace

float nearest_rank_percentile(std::span<float> values, double percentile) {
  if (values.empty()) return 0.0f;
  const double q = std::clamp(percentile, 0.0, 100.0) / 100.0;
  const std::size_t rank = static_cast<std::size_t>(std::ceil(q * values.size()));
  const std::size_t idx = rank == 0 ? 0 : rank - 1;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(idx), values.end());
  return values[idx];
}

EdgeCells rasterize_edges(const RoadGraph& graph, const Grid& grid) {
  EdgeCells ec;
  ec.offsets.reserve(graph.num_edges() + 1);
  ec.offsets.push_back(0);
  const auto x = graph.x(), y = graph.y();
  const auto tail = graph.tail(), head = graph.head();
  for (EdgeId e = 0; e < graph.num_edges(); ++e) {
    double u0 = (x[tail[e]] - grid.x0) / grid.cell, v0 = (grid.y0 - y[tail[e]]) / grid.cell;
    double u1 = (x[head[e]] - grid.x0) / grid.cell, v1 = (grid.y0 - y[head[e]]) / grid.cell;
    if (grid.nx > 0 && grid.ny > 0 && clip(u0, v0, u1, v1, grid.nx, grid.ny))
      traverse(u0, v0, u1, v1, grid, ec.cells);
    ec.offsets.push_back(static_cast<std::uint32_t>(ec.cells.size()));
  }
  return ec;
}

void edge_depths(const EdgeCells& cells, std::span<const float> depth, double percentile,
                 std::span<float> out) {
  depths_impl(cells, depth, percentile, out);
}
void edge_depths(const EdgeCells& cells, std::span<const double> depth, double percentile,
                 std::span<float> out) {
  depths_impl(cells, depth, percentile, out);
}

}  // namespace sd::net
