// Published instances from ../shared: OR-Library p-median (Beasley 1985) against the known
// optima, OR-Library p-center against Pullan's (2008) optima, and Swain's 55-node set
// (Church & ReVelle 1974) for maximal covering against exhaustive search. Skipped with a
// message when ../shared is absent.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "orlib.hpp"
#include "placement/solve.hpp"

namespace fs = std::filesystem;
using namespace sd::place;

namespace {
const fs::path kData = fs::path(STORMDRILL_SHARED_DIR) / "data";
}

TEST(Validation, OrlibPMedianWithinPointOnePercentOfOptimum) {
  if (!fs::exists(kData / "orlib" / "pmedopt.txt"))
    GTEST_SKIP() << "../shared/data/orlib absent: OR-Library check skipped";
  const auto optima = sd::test::read_optima((kData / "orlib" / "pmedopt.txt").string());
  // The small instances (100-200 nodes, p 5-67) keep this test within CI time; the whole set
  // is in bench_placement and docs/benchmarks.md.
  for (int k : {1, 2, 3, 4, 5, 7, 8}) {
    const std::string name = "pmed" + std::to_string(k);
    const auto inst = sd::test::read_orlib((kData / "orlib" / (name + ".txt")).string());
    ASSERT_TRUE(inst.ok) << name;
    Options o;
    o.time_limit_s = 4.0;
    const Solution s = solve(inst.problem, o);
    const double opt = optima.at(name);
    EXPECT_LE(s.objective, opt * 1.001) << name;
    EXPECT_GE(s.objective, opt - 1e-9) << name << ": better than the published optimum?";
    EXPECT_LE(s.bound, opt + 1e-6) << name << ": the lower bound exceeds the optimum";
  }
}

TEST(Validation, OrlibPCenterBracketsThePublishedOptimum) {
  if (!fs::exists(kData / "orlib" / "pcenter_opt.txt"))
    GTEST_SKIP() << "../shared/data/orlib absent: p-center check skipped";
  const auto optima = sd::test::read_optima((kData / "orlib" / "pcenter_opt.txt").string());
  for (int k : {1, 6}) {
    const std::string name = "pmed" + std::to_string(k);
    const auto inst = sd::test::read_orlib((kData / "orlib" / (name + ".txt")).string());
    Options o;
    o.objective = Objective::PCenter;
    o.time_limit_s = 4.0;
    const Solution s = solve(inst.problem, o);
    const double opt = optima.at(name);
    EXPECT_GE(s.objective, opt) << name;
    EXPECT_LE(s.bound, opt) << name;
    EXPECT_LE(s.objective, opt * 1.10) << name;  // heuristic: within 10 % on these
  }
}

TEST(Validation, SwainMaxCoverEqualsExhaustiveSearch) {
  const fs::path f = kData / "swain" / "swain.txt";
  if (!fs::exists(f)) GTEST_SKIP() << "../shared/data/swain absent: Swain check skipped";
  std::ifstream in(f);
  std::size_t n = 0;
  in >> n;
  std::vector<double> x(n), y(n), w(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::string id;
    in >> id >> x[i] >> y[i] >> w[i];
  }
  ASSERT_EQ(n, 55u);
  Problem pb;
  pb.n_demand = pb.n_cand = n;
  pb.weight = w;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) pb.cost.push_back(std::hypot(x[i] - x[j], y[i] - y[j]));
  for (double radius : {8.0, 12.0}) {
    pb.cover_radius = radius;
    for (int p : {2, 3}) {
      pb.p = p;
      const Solution exact = solve_exhaustive(pb, Objective::MaxCover);
      Options o;
      o.objective = Objective::MaxCover;
      o.exhaustive_limit = 0;
      o.time_limit_s = 2.0;
      const Solution h = solve(pb, o);
      EXPECT_DOUBLE_EQ(h.objective, exact.objective) << "S=" << radius << " p=" << p;
      EXPECT_GE(h.bound, exact.objective - 1e-9);
    }
  }
}
