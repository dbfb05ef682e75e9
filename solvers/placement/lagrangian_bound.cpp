#include "placement/lagrangian_bound.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sd::place {

BoundResult lagrangian_bound(
    const WeightedCosts& w, const std::atomic<double>& upper,
    std::chrono::steady_clock::time_point deadline,
    const std::function<void(const std::vector<std::uint32_t>&)>& on_sites) {
  int last_offer = -1000;
  const std::size_t n = w.n, m = w.m;
  BoundResult out;
  out.bound = -std::numeric_limits<double>::infinity();
  // Start from each node's second-cheapest column: a common warm start (Beasley 1993).
  std::vector<double> lambda(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double* r = &w.row[i * m];
    double a = std::numeric_limits<double>::infinity(), b = a;
    for (std::size_t j = 0; j < m; ++j) {
      if (r[j] < a)
        b = a, a = r[j];
      else if (r[j] < b)
        b = r[j];
    }
    lambda[i] = std::isfinite(b) ? b : a;
  }
  std::vector<double> rho(m), g(n);
  std::vector<std::uint32_t> order(m), chosen;
  std::size_t n_fixed = 0;
  for (char f : w.fixed) n_fixed += f ? 1 : 0;
  const std::size_t free_slots = static_cast<std::size_t>(w.p) - n_fixed;
  double t = 2.0;
  int stall = 0;
  for (int it = 0; it < 100000; ++it) {
    if ((it & 7) == 0 && std::chrono::steady_clock::now() > deadline) break;
    std::fill(rho.begin(), rho.end(), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      const double* r = &w.row[i * m];
      const double li = lambda[i];
      for (std::size_t j = 0; j < m; ++j) rho[j] += std::min(0.0, r[j] - li);
    }
    chosen.clear();
    order.clear();
    for (std::uint32_t j = 0; j < m; ++j) (w.fixed[j] ? chosen : order).push_back(j);
    std::nth_element(order.begin(), order.begin() + free_slots, order.end(),
                     [&](auto a, auto b) { return rho[a] < rho[b]; });
    chosen.insert(chosen.end(), order.begin(), order.begin() + free_slots);
    double L = std::accumulate(lambda.begin(), lambda.end(), 0.0);
    for (auto j : chosen) L += rho[j];
    ++out.iterations;
    if (out.iterations == 1 || L > out.bound + 1e-12 * std::abs(out.bound)) {
      out.bound = L, out.sites = chosen, stall = 0;
      if (on_sites && it - last_offer >= 25) on_sites(chosen), last_offer = it;
    } else if (++stall >= 40) {
      t *= 0.5, stall = 0;
    }
    const double ub = upper.load();
    if (t < 5e-3 || out.bound >= ub - 1e-9 * std::max(1.0, std::abs(ub))) break;
    // Subgradient of the relaxed constraints: 1 - (number of chosen columns serving i).
    double norm = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      int served = 0;
      for (auto j : chosen) served += w.row[i * m + j] < lambda[i] ? 1 : 0;
      g[i] = 1.0 - served;
      norm += g[i] * g[i];
    }
    if (norm == 0.0) break;  // the relaxed solution is feasible, hence optimal
    const double gap = std::isfinite(ub) ? std::max(ub - L, 1e-9 * std::abs(ub)) : std::abs(L);
    const double step = t * gap / norm;
    for (std::size_t i = 0; i < n; ++i) lambda[i] += step * g[i];
  }
  return out;
}

}  // namespace sd::place
