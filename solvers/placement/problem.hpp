#pragma once
// A facility-location instance as a cost matrix, independent of where the costs came from
// (road graph travel times, OR-Library shortest paths, a hazard ensemble's expected demand).
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace sd::place {

enum class Objective { PMedian, MaxCover, PCenter };

struct Problem {
  std::size_t n_demand = 0;
  std::size_t n_cand = 0;
  // cost[i * n_cand + j]: travel cost from candidate site j to demand node i; +inf = unreachable.
  std::vector<double> cost;
  std::vector<double> weight;        // per demand node (expected incidents, population, 1)
  std::vector<double> capacity;      // per candidate; empty = uncapacitated (p-median only)
  std::vector<std::uint32_t> fixed;  // candidate indices that must stay open (counted in p)
  int p = 1;
  double cover_radius = 0.0;  // MaxCover: demand i is covered when cost <= cover_radius

  double c(std::size_t i, std::size_t j) const { return cost[i * n_cand + j]; }
};

struct Options {
  Objective objective = Objective::PMedian;
  double time_limit_s = 10.0;
  std::uint64_t seed = 1;
  int threads = 0;  // 0 = OpenMP default
  // Solve by exhaustive enumeration when C(n_cand - |fixed|, p - |fixed|) is at most this.
  double exhaustive_limit = 2e5;
  // Local search stops after this many consecutive non-improving VNS shakes (0: run until
  // the time limit or a proven optimum).
  int idle_iterations = 400;
};

struct Solution {
  std::vector<std::uint32_t> sites;   // candidate indices, sorted
  std::vector<std::uint32_t> assign;  // per demand node: serving candidate (uncapacitated)
  double objective = std::numeric_limits<double>::infinity();
  // Bound on the optimum: a lower bound when minimising (p-median, p-center), an upper
  // bound when maximising (MaxCover). gap = |objective - bound| / max(|bound|, tiny).
  double bound = 0.0;
  double gap = 0.0;
  // False when the time limit ended before any bound was computed: bound is then only the
  // trivial one (0, or the total demand for MaxCover) and gap is NaN, not a made-up number.
  bool has_bound = true;
  bool proven_optimal = false;
  std::string method;
  double wall_s = 0.0;
};

// Throws std::invalid_argument on inconsistent sizes, p out of range, bad fixed ids.
void validate(const Problem& problem);

}  // namespace sd::place
