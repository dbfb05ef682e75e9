#include <algorithm>
#include <cmath>
#include <limits>

#include "placement/solve.hpp"
#include "placement/transport_assignment.hpp"

namespace sd::place {

double evaluate(const Problem& pb, Objective objective, const std::vector<std::uint32_t>& sites) {
  const double inf = std::numeric_limits<double>::infinity();
  if (objective == Objective::PMedian && !pb.capacity.empty())
    return capacitated_assignment_cost(pb, sites);
  double total = 0.0;
  for (std::size_t i = 0; i < pb.n_demand; ++i) {
    double best = inf;
    for (auto j : sites) best = std::min(best, pb.c(i, j));
    switch (objective) {
      case Objective::PMedian:
        if (pb.weight[i] > 0.0) total += pb.weight[i] * best;
        break;
      case Objective::MaxCover:
        if (best <= pb.cover_radius) total += pb.weight[i];
        break;
      case Objective::PCenter:
        if (pb.weight[i] > 0.0) total = std::max(total, best);
        break;
    }
  }
  return total;
}

}  // namespace sd::place
