#include "placement/solve.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <mutex>
#include <numeric>
#include <random>

#include <omp.h>

#include "placement/interchange.hpp"
#include "placement/lagrangian_bound.hpp"
#include "placement/transport_assignment.hpp"
#include "placement/weighted_costs.hpp"

namespace sd::place {
namespace {

using Clock = std::chrono::steady_clock;
constexpr double kInf = std::numeric_limits<double>::infinity();

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// log10 of C(n, k), to decide whether exhaustive search is affordable.
double log10_choose(std::size_t n, std::size_t k) {
  return (std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0)) / std::log(10.0);
}

bool all_integer(const WeightedCosts& w) {
  for (double v : w.row)
    if (v != std::floor(v)) return false;
  return true;
}

// Best site set for min sum_i min_j W_ij and a lower bound, by VNS around fast interchange
// on one thread and the Lagrangian bound (then a local search from its site set) on another.
struct Searched {
  std::vector<std::uint32_t> sites;
  double value = kInf;
  double bound = -kInf;
};

Searched weighted_search(const WeightedCosts& w, const Options& opt, Clock::time_point deadline) {
  Interchange start(w);
  start.greedy();
  Searched best;
  best.value = start.local_search(deadline);  // the time limit covers the first descent too
  best.sites = start.sites();
  std::mutex mu;
  std::atomic<double> upper{best.value}, lower{-kInf};
  const bool integral = all_integer(w);
  auto closed = [&] {
    const double ub = upper.load(), lb = lower.load();
    if (integral) return std::ceil(lb - 1e-6 * std::max(1.0, std::abs(lb))) >= ub;
    return ub - lb <= 1e-9 * std::max(1.0, std::abs(ub));
  };
  auto offer = [&](const Interchange& ic, double v) {
    std::lock_guard lock(mu);
    if (v < best.value) best.value = v, best.sites = ic.sites(), upper.store(v);
  };
  const Clock::time_point bound_deadline =
      Clock::now() + (deadline - Clock::now()) / 2;  // the bound gets at most half the time
  std::size_t free_p = static_cast<std::size_t>(w.p);
  for (char f : w.fixed) free_p -= f ? 1 : 0;
  const int kmax = static_cast<int>(
      std::min<std::size_t>({free_p, w.m - w.p, std::max<std::size_t>(20, free_p / 2)}));
  const int nt = std::min(2, opt.threads > 0 ? opt.threads : omp_get_max_threads());

#pragma omp parallel sections num_threads(nt)
  {
#pragma omp section
    {
      auto polish = [&](const std::vector<std::uint32_t>& sites) {
        Interchange ic(w);
        ic.set_sites(sites);
        offer(ic, ic.local_search(deadline));
      };
      const BoundResult lb = lagrangian_bound(w, upper, bound_deadline, polish);
      lower.store(lb.bound);
      if (!lb.sites.empty()) {  // Lagrangian heuristic (Beasley 1993): polish S*
        Interchange ic(w);
        ic.set_sites(lb.sites);
        offer(ic, ic.local_search(deadline));
      }
    }
#pragma omp section
    {
      // Variable neighbourhood search (Hansen & Mladenovic 1997).
      std::mt19937_64 rng(opt.seed);
      Interchange inc = start;
      double inc_value = best.value;
      int k = 1, idle = 0;
      while (kmax > 0 && Clock::now() < deadline && !closed() &&
             (opt.idle_iterations <= 0 || idle < opt.idle_iterations)) {
        {  // adopt a better solution found by the other thread (Lagrangian heuristic)
          std::lock_guard lock(mu);
          if (best.value < inc_value) inc.set_sites(best.sites), inc_value = best.value;
        }
        Interchange trial = inc;
        trial.shake(k, rng);
        const double v = trial.local_search(deadline);
        if (v < inc_value - 1e-12 * std::max(1.0, inc_value)) {
          inc = std::move(trial), inc_value = v, k = 1, idle = 0;
          offer(inc, v);
        } else {
          k = k % kmax + 1;
          ++idle;
        }
      }
    }
  }
  best.bound = lower.load();
  return best;
}

void finish(Solution& s, const Problem& pb, Objective obj, Clock::time_point t0) {
  std::sort(s.sites.begin(), s.sites.end());
  s.objective = evaluate(pb, obj, s.sites);
  const double denom = std::max(std::abs(s.bound), 1e-12);
  s.gap = std::isfinite(s.objective) ? std::abs(s.objective - s.bound) / denom : kInf;
  if (s.objective == s.bound) s.gap = 0.0;
  if (!s.has_bound) s.gap = NAN;
  s.proven_optimal = s.proven_optimal || s.gap <= 1e-12;
  if (pb.capacity.empty() && !s.sites.empty()) {
    s.assign.resize(pb.n_demand);
    for (std::size_t i = 0; i < pb.n_demand; ++i) {
      std::uint32_t b = s.sites[0];
      for (auto j : s.sites)
        if (pb.c(i, j) < pb.c(i, b)) b = j;
      s.assign[i] = b;
    }
  }
  s.wall_s = seconds_since(t0);
}

Solution solve_pmedian(const Problem& pb, const Options& opt, Clock::time_point deadline) {
  const WeightedCosts w = pmedian_costs(pb);
  const Searched r = weighted_search(w, opt, deadline);
  Solution s;
  s.sites = r.sites;
  s.has_bound = std::isfinite(r.bound) && (r.bound > 0 || r.value <= 0);  // 0 alone is trivial
  s.bound = std::max(r.bound, 0.0);
  s.method = "greedy + VNS/fast interchange; Lagrangian bound";
  return s;
}

// Capacitated p-median: start from the uncapacitated optimum-seeking search, repair
// capacity, then swap search with the exact splittable assignment (small instances).
Solution solve_capacitated(const Problem& pb, const Options& opt, Clock::time_point deadline) {
  const Clock::time_point half = Clock::now() + (deadline - Clock::now()) / 3;
  Solution s = solve_pmedian(pb, opt, half);  // its bound is valid: capacities only add
  std::vector<char> open(pb.n_cand, 0), fixed(pb.n_cand, 0);
  for (auto j : s.sites) open[j] = 1;
  for (auto f : pb.fixed) fixed[f] = 1;
  const double demand = std::accumulate(pb.weight.begin(), pb.weight.end(), 0.0);
  auto capacity_of = [&] {
    double c = 0;
    for (auto j : s.sites) c += pb.capacity[j];
    return c;
  };
  while (capacity_of() < demand) {  // swap the smallest open for the largest closed site
    std::uint32_t out = UINT32_MAX, in = UINT32_MAX;
    for (auto j : s.sites)
      if (!fixed[j] && (out == UINT32_MAX || pb.capacity[j] < pb.capacity[out])) out = j;
    for (std::uint32_t j = 0; j < pb.n_cand; ++j)
      if (!open[j] && (in == UINT32_MAX || pb.capacity[j] > pb.capacity[in])) in = j;
    if (out == UINT32_MAX || in == UINT32_MAX || pb.capacity[in] <= pb.capacity[out]) break;
    *std::find(s.sites.begin(), s.sites.end(), out) = in;
    open[out] = 0, open[in] = 1;
  }
  double value = capacitated_assignment_cost(pb, s.sites);
  for (bool improved = true; improved && Clock::now() < deadline;) {
    improved = false;
    for (std::size_t a = 0; a < s.sites.size() && !improved; ++a) {
      if (fixed[s.sites[a]]) continue;
      for (std::uint32_t in = 0; in < pb.n_cand && !improved; ++in) {
        if (open[in] || Clock::now() >= deadline) continue;
        std::vector<std::uint32_t> trial = s.sites;
        trial[a] = in;
        const double v = capacitated_assignment_cost(pb, trial);
        if (v < value - 1e-9 * std::max(1.0, value)) {
          open[s.sites[a]] = 0, open[in] = 1;
          s.sites = std::move(trial), value = v, improved = true;
        }
      }
    }
  }
  s.method = "uncapacitated VNS, capacity repair, swap search with min-cost assignment";
  return s;
}

Solution solve_mclp(const Problem& pb, const Options& opt, Clock::time_point deadline) {
  // Covered = total - uncovered; uncovered demand is a p-median with 0/1 costs.
  const WeightedCosts w = cover_costs(pb, pb.cover_radius, false);
  const Searched r = weighted_search(w, opt, deadline);
  const double total = std::accumulate(pb.weight.begin(), pb.weight.end(), 0.0);
  Solution s;
  s.sites = r.sites;
  s.has_bound = std::isfinite(r.bound) && (r.bound > 0 || r.value <= 0);  // 0 alone is trivial
  s.bound = total - std::max(r.bound, 0.0);
  s.method = "greedy + VNS/fast interchange on uncovered demand; Lagrangian bound";
  return s;
}

// p+1 demand nodes whose covering site sets are pairwise disjoint prove that p sites cannot
// cover everything within the radius (a packing bound).
bool packing_infeasible(const Problem& pb, double r) {
  std::vector<std::pair<int, std::uint32_t>> order;
  for (std::uint32_t i = 0; i < pb.n_demand; ++i) {
    if (pb.weight[i] <= 0.0) continue;
    int k = 0;
    for (std::size_t j = 0; j < pb.n_cand; ++j) k += pb.c(i, j) <= r ? 1 : 0;
    if (k == 0) return true;
    order.emplace_back(k, i);
  }
  std::sort(order.begin(), order.end());
  std::vector<char> used(pb.n_cand, 0);
  std::size_t picked = 0;
  for (auto [k, i] : order) {
    bool free = true;
    for (std::size_t j = 0; j < pb.n_cand && free; ++j) free = !(pb.c(i, j) <= r && used[j]);
    if (!free) continue;
    for (std::size_t j = 0; j < pb.n_cand; ++j)
      if (pb.c(i, j) <= r) used[j] = 1;
    if (++picked > static_cast<std::size_t>(pb.p)) return true;
  }
  return false;
}

Solution solve_pcenter(const Problem& pb, const Options& opt, Clock::time_point deadline) {
  std::vector<double> radii;
  double trivial = 0.0;  // every node needs some site: max_i min_j c_ij
  for (std::size_t i = 0; i < pb.n_demand; ++i) {
    if (pb.weight[i] <= 0.0) continue;
    double best = kInf;
    for (std::size_t j = 0; j < pb.n_cand; ++j) {
      const double c = pb.c(i, j);
      if (std::isfinite(c)) radii.push_back(c);
      best = std::min(best, c);
    }
    trivial = std::max(trivial, best);
  }
  std::sort(radii.begin(), radii.end());
  radii.erase(std::unique(radii.begin(), radii.end()), radii.end());
  Solution s;
  s.method = "bisection on radius, set-cover by VNS/fast interchange; packing + Lagrangian bound";
  if (radii.empty() || !std::isfinite(trivial)) {  // some demand unreachable from every site
    const WeightedCosts w = pmedian_costs(pb);
    Interchange ic(w);
    ic.greedy();
    s.sites = ic.sites();
    s.bound = kInf;
    return s;
  }
  std::size_t lo = std::lower_bound(radii.begin(), radii.end(), trivial) - radii.begin();
  std::size_t hi = radii.size() - 1, proven_lo = lo;
  const double steps = std::log2(static_cast<double>(hi - lo + 1)) + 2.0;
  while (lo <= hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    const double r = radii[mid];
    const auto budget =
        std::chrono::duration_cast<Clock::duration>((deadline - Clock::now()) / steps);
    const WeightedCosts w = cover_costs(pb, r, true);
    Options o = opt;
    const Searched res = weighted_search(w, o, Clock::now() + budget);
    if (res.value < 0.5) {  // everything covered: feasible at r
      s.sites = res.sites;
      if (mid == 0) break;
      hi = mid - 1;
    } else {
      if (res.bound > 1e-9 || packing_infeasible(pb, r)) proven_lo = std::max(proven_lo, mid + 1);
      lo = mid + 1;
    }
    if (Clock::now() >= deadline && !s.sites.empty()) break;
  }
  if (s.sites.empty()) {  // nothing proven feasible in time: best p-median-like cover
    const WeightedCosts w = cover_costs(pb, radii.back(), true);
    Interchange ic(w);
    ic.greedy();
    s.sites = ic.sites();
  }
  s.bound = radii[std::min(proven_lo, radii.size() - 1)];
  return s;
}

}  // namespace

Solution solve(const Problem& pb, const Options& opt) {
  validate(pb);
  const Clock::time_point t0 = Clock::now();
  const auto limit = std::chrono::duration<double>(std::max(opt.time_limit_s, 0.0));
  const Clock::time_point deadline = t0 + std::chrono::duration_cast<Clock::duration>(limit);
  const std::size_t free_c = pb.n_cand - pb.fixed.size();
  const std::size_t free_p = static_cast<std::size_t>(pb.p) - pb.fixed.size();
  const bool capacitated = opt.objective == Objective::PMedian && !pb.capacity.empty();
  const double limit_combos =
      capacitated ? std::min(opt.exhaustive_limit, 2e3) : opt.exhaustive_limit;
  Solution s;
  if (log10_choose(free_c, free_p) <= std::log10(std::max(limit_combos, 1.0))) {
    s = solve_exhaustive(pb, opt.objective);
  } else if (opt.objective == Objective::PMedian) {
    s = capacitated ? solve_capacitated(pb, opt, deadline) : solve_pmedian(pb, opt, deadline);
  } else if (opt.objective == Objective::MaxCover) {
    s = solve_mclp(pb, opt, deadline);
  } else {
    s = solve_pcenter(pb, opt, deadline);
  }
  finish(s, pb, opt.objective, t0);
  return s;
}

}  // namespace sd::place
