#pragma once
// Lower bound on min sum_i min_{j in S} W_ij, |S| = p, fixed sites in S, by Lagrangian
// relaxation of the assignment constraints sum_j x_ij = 1 (Cornuejols, Fisher & Nemhauser
// 1977; Beasley 1993, "Lagrangean heuristics for location problems", EJOR 65:383-399):
//   L(lambda) = sum_i lambda_i + sum_{j in S*} sum_i min(0, W_ij - lambda_i),
// S* = fixed sites plus the most negative columns. Subgradient optimisation (Held, Wolfe &
// Crowder 1974) with step t (UB - L) / |g|^2, t halved when the bound stalls, stop at t < 0.005
// (Beasley 1993).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <vector>

#include "placement/weighted_costs.hpp"

namespace sd::place {

struct BoundResult {
  double bound = 0.0;
  std::vector<std::uint32_t> sites;  // S* of the best iteration (a Lagrangian heuristic seed)
  int iterations = 0;
};

// Runs until the step is tiny, the bound meets `upper` (which other threads may lower),
// or the deadline passes. `on_sites`, if given, receives the relaxed site set S* each time
// the bound improves (at most every 25 iterations): a seed for the Lagrangian heuristic.
BoundResult lagrangian_bound(
    const WeightedCosts& w, const std::atomic<double>& upper,
    std::chrono::steady_clock::time_point deadline,
    const std::function<void(const std::vector<std::uint32_t>&)>& on_sites = {});

}  // namespace sd::place
