#pragma once
// Placement optimizers. Each returns the best solution found within the time limit and a
// bound on the optimum, so the optimality gap is always reported.
//  - p-median: greedy start, Whitaker (1983) fast interchange in the Teitz & Bart (1968)
//    vertex-substitution neighbourhood, inside variable neighbourhood search (Hansen &
//    Mladenovic 1997); lower bound by Lagrangian relaxation of the assignment constraints
//    with subgradient optimisation (Cornuejols, Fisher & Nemhauser 1977; Beasley 1985).
//    Capacitated variant: splittable demand assigned by min-cost flow for each site set.
//  - MaxCover (Church & ReVelle 1974): greedy + swap interchange in the same search;
//    upper bound by Lagrangian relaxation of the coverage constraints.
//  - p-center: bisection over the sorted distinct costs, each radius tested as a set-cover
//    (MaxCover with unit weights); lower bound from p+1 demand nodes no site can pair up.
//  - Exhaustive enumeration (proves optimality) when the instance is small.
#include "placement/problem.hpp"

namespace sd::place {

Solution solve(const Problem& problem, const Options& options);

// Objective of a given site set (for checks, exhaustive search and fixed plans).
double evaluate(const Problem& problem, Objective objective,
                const std::vector<std::uint32_t>& sites);

// Exhaustive search over all site sets (small instances and tests only).
Solution solve_exhaustive(const Problem& problem, Objective objective);

}  // namespace sd::place
