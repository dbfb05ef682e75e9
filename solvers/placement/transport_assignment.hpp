#pragma once
// Capacitated assignment for a fixed set of open sites: splittable demand sent to sites at
// minimum total weighted cost within capacities, a transportation problem solved by
// successive shortest paths with potentials (Ahuja, Magnanti & Orlin 1993, ch. 9).
#include <cstdint>
#include <vector>

#include "placement/problem.hpp"

namespace sd::place {

// Sum of weight x cost of the optimal splittable assignment; +inf when the open capacity
// cannot take all demand or some demand cannot reach any open site.
double capacitated_assignment_cost(const Problem& problem, const std::vector<std::uint32_t>& sites);

}  // namespace sd::place
