// Heuristic solvers against exhaustive search on small random instances, for all three
// objectives, with fixed sites and capacities; bounds must bracket the optimum.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "placement/solve.hpp"

using namespace sd::place;

namespace {

// Random points in a square; cost = Euclidean distance rounded to integers (ties likely,
// as on real graphs); a few unreachable pairs when `holes`.
Problem random_problem(std::size_t n, std::size_t m, int p, unsigned seed, bool holes = false) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 100), w(0.5, 5);
  std::vector<double> dx(n), dy(n), cx(m), cy(m);
  for (auto* v : {&dx, &dy})
    for (auto& a : *v) a = u(rng);
  for (auto* v : {&cx, &cy})
    for (auto& a : *v) a = u(rng);
  Problem pb;
  pb.n_demand = n, pb.n_cand = m, pb.p = p;
  pb.cost.resize(n * m);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < m; ++j)
      pb.cost[i * m + j] = std::round(std::hypot(dx[i] - cx[j], dy[i] - cy[j]));
  if (holes)
    for (std::size_t i = 0; i < n; i += 7) pb.cost[i * m + (i % m)] = INFINITY;
  for (std::size_t i = 0; i < n; ++i) pb.weight.push_back(std::round(w(rng)));
  pb.cover_radius = 25;
  return pb;
}

Options heuristic(Objective o) {
  Options opt;
  opt.objective = o;
  opt.exhaustive_limit = 0;  // force the heuristic path
  opt.time_limit_s = 1.0;
  opt.threads = 2;
  return opt;
}

void check_against_exhaustive(const Problem& pb, Objective o) {
  const Solution exact = solve_exhaustive(pb, o);
  const Solution h = solve(pb, heuristic(o));
  ASSERT_EQ(h.sites.size(), static_cast<std::size_t>(pb.p));
  for (auto f : pb.fixed)
    EXPECT_TRUE(std::count(h.sites.begin(), h.sites.end(), f)) << "fixed site dropped";
  EXPECT_DOUBLE_EQ(h.objective, evaluate(pb, o, h.sites));
  EXPECT_NEAR(h.objective, exact.objective, 1e-9 * std::max(1.0, exact.objective));
  // The bound brackets the optimum from the right side.
  if (o == Objective::MaxCover)
    EXPECT_GE(h.bound, exact.objective - 1e-6);
  else
    EXPECT_LE(h.bound, exact.objective + 1e-6);
}

}  // namespace

TEST(Placement, PMedianEqualsExhaustiveSearch) {
  for (unsigned seed = 1; seed <= 6; ++seed)
    check_against_exhaustive(random_problem(40, 15, 3 + seed % 3, seed), Objective::PMedian);
}

TEST(Placement, MaxCoverEqualsExhaustiveSearch) {
  for (unsigned seed = 1; seed <= 6; ++seed)
    check_against_exhaustive(random_problem(40, 15, 2 + seed % 3, seed), Objective::MaxCover);
}

TEST(Placement, PCenterEqualsExhaustiveSearch) {
  for (unsigned seed = 1; seed <= 6; ++seed)
    check_against_exhaustive(random_problem(30, 12, 2 + seed % 3, seed), Objective::PCenter);
}

TEST(Placement, FixedSitesStayAndResultStillOptimal) {
  for (Objective o : {Objective::PMedian, Objective::MaxCover, Objective::PCenter}) {
    Problem pb = random_problem(35, 14, 4, 99);
    pb.fixed = {0, 13};
    check_against_exhaustive(pb, o);
  }
}

TEST(Placement, UnreachablePairsAreAvoided) {
  Problem pb = random_problem(30, 10, 3, 5, /*holes=*/true);
  check_against_exhaustive(pb, Objective::PMedian);
}

TEST(Placement, CapacitatedPMedianEqualsExhaustiveSearch) {
  for (unsigned seed = 1; seed <= 3; ++seed) {
    Problem pb = random_problem(20, 8, 3, seed);
    double total = 0;
    for (double w : pb.weight) total += w;
    pb.capacity.assign(pb.n_cand, total / 2.5);  // three sites hold it, two do not always
    pb.capacity[seed] = total;                   // one big depot
    const Solution exact = solve_exhaustive(pb, Objective::PMedian);
    const Solution h = solve(pb, heuristic(Objective::PMedian));
    EXPECT_NEAR(h.objective, exact.objective, 1e-6 * exact.objective);
    EXPECT_LE(h.bound, exact.objective + 1e-6);
    // Capacities can only make the assignment dearer than the uncapacitated optimum.
    Problem un = pb;
    un.capacity.clear();
    EXPECT_GE(exact.objective + 1e-9, solve_exhaustive(un, Objective::PMedian).objective);
  }
}

TEST(Placement, CapacitatedAssignmentSplitsDemandExactly) {
  // Two sites at distance 1 and 2 from one demand of 10; the near site holds only 4.
  Problem pb;
  pb.n_demand = 1, pb.n_cand = 2, pb.p = 2;
  pb.cost = {1, 2};
  pb.weight = {10};
  pb.capacity = {4, 100};
  EXPECT_DOUBLE_EQ(evaluate(pb, Objective::PMedian, {0, 1}), 4 * 1 + 6 * 2);
  EXPECT_TRUE(std::isinf(evaluate(pb, Objective::PMedian, {0})));
}

TEST(Placement, SmallInstancesAreSolvedExactly) {
  const Problem pb = random_problem(25, 10, 3, 4);
  Options opt;
  opt.objective = Objective::PMedian;
  const Solution s = solve(pb, opt);
  EXPECT_TRUE(s.proven_optimal);
  EXPECT_EQ(s.gap, 0.0);
  EXPECT_EQ(s.method, "exhaustive");
}

TEST(Placement, RejectsInconsistentProblems) {
  Problem pb = random_problem(10, 5, 2, 1);
  pb.p = 6;
  EXPECT_THROW(solve(pb, Options{}), std::invalid_argument);
  pb.p = 2;
  pb.fixed = {7};
  EXPECT_THROW(solve(pb, Options{}), std::invalid_argument);
  pb.fixed = {};
  pb.weight.pop_back();
  EXPECT_THROW(solve(pb, Options{}), std::invalid_argument);
}

// Issue 13: with no time for the Lagrangian bound the solver still returns p valid sites, and
// says it has no bound instead of dividing by a bound of 0 (a gap of 1e20 %).
TEST(Placement, NoTimeGivesValidSitesAndNoBound) {
  const Problem pb = random_problem(80, 60, 6, 17);  // C(60, 6) = 5e7: no exhaustive search
  for (Objective o : {Objective::PMedian, Objective::MaxCover}) {
    Problem q = pb;
    q.cover_radius = 30;
    Options opt;
    opt.objective = o;
    opt.time_limit_s = 0;
    const Solution s = solve(q, opt);
    EXPECT_EQ(s.sites.size(), 6u);
    EXPECT_FALSE(s.has_bound);
    EXPECT_TRUE(std::isnan(s.gap));
    EXPECT_FALSE(s.proven_optimal);
    EXPECT_DOUBLE_EQ(s.objective, evaluate(q, o, s.sites));
  }
  Options opt;
  opt.time_limit_s = 30;
  const Solution s = solve(pb, opt);
  EXPECT_TRUE(s.has_bound);
  EXPECT_TRUE(std::isfinite(s.gap));
  EXPECT_LE(s.bound, s.objective + 1e-9);
}
