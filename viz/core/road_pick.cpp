#include "core/road_pick.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sd::viz {

double point_segment_distance(double px, double py, double ax, double ay, double bx, double by) {
  const double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
  double u = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0.0;
  u = std::clamp(u, 0.0, 1.0);
  return std::hypot(px - (ax + u * dx), py - (ay + u * dy));
}

namespace {

// Endpoints of edge row e; false when a node index is out of range.
bool endpoints(const Table& nodes, const Table& edges, std::size_t e, double& ax, double& ay,
               double& bx, double& by) {
  const double a = edges.num("from", e, -1), b = edges.num("to", e, -1);
  if (!(a >= 0 && b >= 0) || a >= static_cast<double>(nodes.rows()) ||
      b >= static_cast<double>(nodes.rows()))
    return false;
  const auto ia = static_cast<std::size_t>(a), ib = static_cast<std::size_t>(b);
  ax = nodes.num("x", ia, 0), ay = nodes.num("y", ia, 0);
  bx = nodes.num("x", ib, 0), by = nodes.num("y", ib, 0);
  return true;
}

}  // namespace

RoadIndex::RoadIndex(const Table& nodes, const Table& edges) {
  const std::size_t n = edges.rows();
  ax_.assign(n, std::numeric_limits<double>::quiet_NaN());
  ay_ = bx_ = by_ = ax_;
  double lox = std::numeric_limits<double>::max(), loy = lox, hix = -lox, hiy = -lox, sum = 0;
  std::size_t valid = 0;
  for (std::size_t e = 0; e < n; ++e) {
    if (!endpoints(nodes, edges, e, ax_[e], ay_[e], bx_[e], by_[e])) continue;
    lox = std::min({lox, ax_[e], bx_[e]}), hix = std::max({hix, ax_[e], bx_[e]});
    loy = std::min({loy, ay_[e], by_[e]}), hiy = std::max({hiy, ay_[e], by_[e]});
    sum += std::hypot(bx_[e] - ax_[e], by_[e] - ay_[e]);
    ++valid;
  }
  if (valid == 0) return;
  // Buckets about twice the mean segment length: a segment touches a handful of them.
  bucket_ = std::max(1.0, 2.0 * sum / static_cast<double>(valid));
  x0_ = lox, y0_ = loy;
  nx_ = static_cast<int>(std::min(4096.0, std::floor((hix - lox) / bucket_) + 1));
  ny_ = static_cast<int>(std::min(4096.0, std::floor((hiy - loy) / bucket_) + 1));
  bucket_ = std::max({bucket_, (hix - lox) / nx_ * 1.0001, (hiy - loy) / ny_ * 1.0001});
  buckets_.resize(static_cast<std::size_t>(nx_) * static_cast<std::size_t>(ny_));
  auto cell = [&](double v, double v0, int nmax) {
    return std::clamp(static_cast<int>(std::floor((v - v0) / bucket_)), 0, nmax - 1);
  };
  for (std::size_t e = 0; e < n; ++e) {
    if (std::isnan(ax_[e])) continue;
    const int i0 = cell(std::min(ax_[e], bx_[e]), x0_, nx_),
              i1 = cell(std::max(ax_[e], bx_[e]), x0_, nx_);
    const int j0 = cell(std::min(ay_[e], by_[e]), y0_, ny_),
              j1 = cell(std::max(ay_[e], by_[e]), y0_, ny_);
    for (int j = j0; j <= j1; ++j)
      for (int i = i0; i <= i1; ++i)
        buckets_[static_cast<std::size_t>(j) * static_cast<std::size_t>(nx_) +
                 static_cast<std::size_t>(i)]
            .push_back(static_cast<int>(e));
  }
}

int RoadIndex::nearest(double x, double y, double max_dist) const {
  if (buckets_.empty() || !(max_dist >= 0)) return -1;
  // Every segment within max_dist of the point has its box within max_dist of it.
  const int i0 = static_cast<int>(std::floor((x - max_dist - x0_) / bucket_));
  const int i1 = static_cast<int>(std::floor((x + max_dist - x0_) / bucket_));
  const int j0 = static_cast<int>(std::floor((y - max_dist - y0_) / bucket_));
  const int j1 = static_cast<int>(std::floor((y + max_dist - y0_) / bucket_));
  int best = -1;
  double best_d = max_dist;
  for (int j = std::max(j0, 0); j <= std::min(j1, ny_ - 1); ++j)
    for (int i = std::max(i0, 0); i <= std::min(i1, nx_ - 1); ++i)
      for (int e : buckets_[static_cast<std::size_t>(j) * static_cast<std::size_t>(nx_) +
                            static_cast<std::size_t>(i)]) {
        const auto k = static_cast<std::size_t>(e);
        const double d = point_segment_distance(x, y, ax_[k], ay_[k], bx_[k], by_[k]);
        if (d < best_d || (d == best_d && (best < 0 || e < best))) {
          best_d = d;
          best = e;
        }
      }
  return best;
}

void RoadIndex::segment(std::size_t row, double& ax, double& ay, double& bx, double& by) const {
  ax = ax_.at(row), ay = ay_.at(row), bx = bx_.at(row), by = by_.at(row);
}

int nearest_edge_brute_force(const Table& nodes, const Table& edges, double x, double y,
                             double max_dist) {
  int best = -1;
  double best_d = max_dist;
  for (std::size_t e = 0; e < edges.rows(); ++e) {
    double ax = 0, ay = 0, bx = 0, by = 0;
    if (!endpoints(nodes, edges, e, ax, ay, bx, by)) continue;
    const double d = point_segment_distance(x, y, ax, ay, bx, by);
    if (d < best_d || (d == best_d && best < 0)) {
      best_d = d;
      best = static_cast<int>(e);
    }
  }
  return best;
}

int nearest_team(const Replay& r, double t, double x, double y, double max_dist) {
  int best = -1;
  double best_d = max_dist;
  for (std::size_t tm = 0; tm < r.teams.rows(); ++tm) {
    const TeamState s = team_at(r, tm, t);
    if (!s.valid) continue;
    const double d = std::hypot(s.x - x, s.y - y);
    if (d < best_d) {
      best_d = d;
      best = static_cast<int>(tm);
    }
  }
  return best;
}

}  // namespace sd::viz
