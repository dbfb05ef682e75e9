#pragma once
// The common core of p-median, maximal covering and the p-center feasibility test: choose p
// columns of an n x m matrix W to minimise sum_i min_{j in S} W_ij. p-median uses
// W_ij = w_i c_ij; MCLP uses W_ij = w_i [c_ij > R] (uncovered demand, Church & ReVelle 1974);
// p-center at radius r uses W_ij = [c_ij > r]. Stored both row- and column-major because
// the interchange scans columns and the Lagrangian bound scans rows.
#include <cstdint>
#include <vector>

#include "placement/problem.hpp"

namespace sd::place {

struct WeightedCosts {
  std::size_t n = 0, m = 0;
  std::vector<double> row;  // row[i * m + j]
  std::vector<double> col;  // col[j * n + i]
  std::vector<char> fixed;  // per candidate
  int p = 1;

  double at(std::size_t i, std::size_t j) const { return row[i * m + j]; }
};

// Unreachable pairs get a penalty larger than any sum of finite terms, so solutions reaching
// more demand always win; objective values are recomputed from the true costs afterwards.
WeightedCosts pmedian_costs(const Problem& problem);
WeightedCosts cover_costs(const Problem& problem, double radius, bool unit_weights);

}  // namespace sd::place
