#include "placement/transport_assignment.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sd::place {

double capacitated_assignment_cost(const Problem& pb, const std::vector<std::uint32_t>& sites) {
  const double inf = std::numeric_limits<double>::infinity();
  const std::size_t n = pb.n_demand, p = sites.size();
  double total_w = 0, total_cap = 0;
  for (double w : pb.weight) total_w += w;
  for (auto s : sites) total_cap += pb.capacity[s];
  if (total_cap + 1e-9 * total_w < total_w) return inf;

  // Residual network: demand i -> site k (uncapacitated arcs, cost c_ik); site k -> sink
  // (capacity cap_k). Each demand node pushes its weight along shortest augmenting paths
  // (Dijkstra with reduced costs over sites; demands are sources, flows may be re-routed
  // through reverse demand->site arcs, which appear as site k -> demand i -> site k').
  std::vector<double> remaining_cap(p), flow(n * p, 0.0), pot_site(p, 0.0);
  for (std::size_t k = 0; k < p; ++k) remaining_cap[k] = pb.capacity[sites[k]];
  double cost = 0.0;
  std::vector<double> dist(p);
  std::vector<std::int64_t> prev_demand(p);  // demand node through which site k was reached
  std::vector<std::int64_t> prev_site(p);    // site before that demand node (-1: the source)
  std::vector<char> done(p);
  for (std::size_t src = 0; src < n; ++src) {
    double left = pb.weight[src];
    while (left > 1e-12 * std::max(1.0, pb.weight[src])) {
      // Bellman-Ford-like label correcting over sites (p is small): d(k) = cheapest way to
      // move one unit from src into site k, possibly displacing flow from other sites.
      std::fill(dist.begin(), dist.end(), inf);
      std::fill(prev_demand.begin(), prev_demand.end(), -1);
      std::fill(prev_site.begin(), prev_site.end(), -1);
      for (std::size_t k = 0; k < p; ++k) {
        const double c = pb.c(src, sites[k]);
        if (std::isfinite(c)) dist[k] = c, prev_demand[k] = static_cast<std::int64_t>(src);
      }
      for (std::size_t iter = 0; iter < p; ++iter) {
        bool changed = false;
        for (std::size_t i = 0; i < n; ++i) {
          for (std::size_t a = 0; a < p; ++a) {
            if (flow[i * p + a] <= 0 || !std::isfinite(dist[a])) continue;
            const double base = dist[a] - pb.c(i, sites[a]);
            for (std::size_t b = 0; b < p; ++b) {
              const double c = pb.c(i, sites[b]);
              if (b == a || !std::isfinite(c)) continue;
              if (base + c < dist[b] - 1e-12) {
                dist[b] = base + c, prev_demand[b] = static_cast<std::int64_t>(i);
                prev_site[b] = static_cast<std::int64_t>(a), changed = true;
              }
            }
          }
        }
        if (!changed) break;
      }
      std::int64_t best = -1;
      for (std::size_t k = 0; k < p; ++k)
        if (remaining_cap[k] > 0 && std::isfinite(dist[k]) && (best < 0 || dist[k] < dist[best]))
          best = static_cast<std::int64_t>(k);
      if (best < 0) return inf;
      // Bottleneck along the path: remaining demand, sink capacity, displaced flows.
      double amount = std::min(left, remaining_cap[best]);
      for (std::int64_t k = best; prev_site[k] >= 0; k = prev_site[k])
        amount = std::min(amount, flow[prev_demand[k] * p + prev_site[k]]);
      for (std::int64_t k = best; k >= 0;) {
        const auto i = static_cast<std::size_t>(prev_demand[k]);
        flow[i * p + k] += amount;
        if (prev_site[k] >= 0) flow[i * p + prev_site[k]] -= amount;
        k = prev_site[k];
      }
      remaining_cap[best] -= amount;
      left -= amount;
      cost += amount * dist[best];
    }
  }
  return cost;
}

}  // namespace sd::place
