#include "placement/weighted_costs.hpp"

#include <algorithm>
#include <cmath>

namespace sd::place {
namespace {

WeightedCosts shell(const Problem& pb) {
  WeightedCosts w;
  w.n = pb.n_demand, w.m = pb.n_cand, w.p = pb.p;
  w.row.resize(w.n * w.m);
  w.col.resize(w.n * w.m);
  w.fixed.assign(w.m, 0);
  for (auto f : pb.fixed) w.fixed[f] = 1;
  return w;
}

void fill_col(WeightedCosts& w) {
  for (std::size_t i = 0; i < w.n; ++i)
    for (std::size_t j = 0; j < w.m; ++j) w.col[j * w.n + i] = w.row[i * w.m + j];
}

}  // namespace

WeightedCosts pmedian_costs(const Problem& pb) {
  WeightedCosts w = shell(pb);
  double max_c = 0.0, sum_w = 0.0;
  for (double c : pb.cost)
    if (std::isfinite(c)) max_c = std::max(max_c, c);
  for (double x : pb.weight) sum_w += x;
  const double penalty = (max_c + 1.0) * (sum_w + 1.0);
  for (std::size_t i = 0; i < w.n; ++i)
    for (std::size_t j = 0; j < w.m; ++j) {
      const double c = pb.c(i, j);
      w.row[i * w.m + j] = pb.weight[i] * (std::isfinite(c) ? c : penalty);
    }
  fill_col(w);
  return w;
}

WeightedCosts cover_costs(const Problem& pb, double radius, bool unit_weights) {
  WeightedCosts w = shell(pb);
  for (std::size_t i = 0; i < w.n; ++i) {
    const double wi = unit_weights ? (pb.weight[i] > 0.0 ? 1.0 : 0.0) : pb.weight[i];
    for (std::size_t j = 0; j < w.m; ++j) w.row[i * w.m + j] = pb.c(i, j) <= radius ? 0.0 : wi;
  }
  fill_col(w);
  return w;
}

}  // namespace sd::place
