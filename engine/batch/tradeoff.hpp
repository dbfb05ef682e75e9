#pragma once
// The trade-off table of a batch: for every pair of plans and every KPI the paired difference,
// its (adjusted) interval, the relative difference, the practical-significance verdict and the
// members needed to resolve delta; P(best) per plan and KPI; the Pareto set of plans.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "batch/batch_stats.hpp"
#include "batch/plan_comparison.hpp"

namespace sd {

struct PairKpiComparison {
  int plan_a = 0, plan_b = 0;  // plan b judged against plan a: difference = b - a
  int kpi = 0;
  PairedSample sample;  // per-member differences
  double alpha = NAN;   // significance level of the interval (1 - confidence)
  MeanCi diff;          // interval of the mean difference at that level
  double delta = NAN;   // smallest difference that matters
  double rel_mean = NAN, rel_lo = NAN, rel_hi = NAN;  // % of plan a's mean
  Verdict verdict = Verdict::NotEnoughMembers;
  int members_needed = -1;  // to resolve delta (80 % power, two-sided 5 %); -1 unknown
};

struct Tradeoff {
  std::string adjust = "holm";              // holm | none
  int family = 0;                           // comparisons the adjustment spans
  std::vector<double> delta;                // per KPI
  std::vector<PairKpiComparison> pairs;     // a < b, KPI order within a pair
  std::vector<std::vector<double>> p_best;  // [plan][kpi]
  std::vector<int> pareto_kpis;             // KPI indices the Pareto set is over
  std::vector<char> pareto;                 // per plan: on the Pareto front
};

// values[k][p][m]: KPI k of plan p on member m (NaN where the run failed). lower[k] says which
// direction is better; delta[k] the smallest difference that matters.
Tradeoff compute_tradeoff(const std::vector<std::vector<std::vector<double>>>& values,
                          const std::vector<char>& lower, const std::vector<double>& delta,
                          const std::vector<int>& pareto_kpis, bool holm, std::uint64_t seed);

}  // namespace sd
