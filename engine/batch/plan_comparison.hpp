#pragma once
// How two plans' paired results are judged (docs/batch.md, "How comparisons are judged"):
//  - practical significance: the interval of the paired difference against the smallest
//    difference that matters, delta, read as in equivalence testing (Schuirmann 1987;
//    Lakens 2017): beyond +-delta matters, inside (-delta, +delta) is no practical
//    difference, excluding 0 but reaching delta is "possibly by less than delta";
//  - multiplicity: Holm's (1979) step-down over every KPI x plan pair, each interval drawn at
//    the level Holm tests that comparison at;
//  - members needed to resolve delta: n = ((z_{0.975} + z_{0.80}) s / delta)^2, z sum 2.8
//    (normal approximation for a paired two-sided 5 % test with 80 % power);
//  - the Pareto set of plans over chosen KPIs (means over members).
#include <cmath>
#include <string>
#include <vector>

#include "batch/batch_stats.hpp"

namespace sd {

enum class Verdict {
  BetterMatters,       // whole interval beyond +delta (on the better side)
  BetterPossiblyLess,  // excludes 0 on the better side, still reaches delta
  NoPracticalDifference,
  WorsePossiblyLess,
  WorseMatters,
  NotEnoughMembers,  // includes 0 and reaches beyond +-delta (or fewer than 2 members)
};

// The planner's words for a verdict ("better by a margin that matters", ...).
const char* verdict_text(Verdict v);

// Verdict from the interval [lo, hi] of the gain (positive = better) over n paired members.
Verdict practical_verdict(double lo, double hi, double delta, int n);

// Members needed to resolve delta with paired standard deviation sd: ceil((2.8 sd / delta)^2),
// at least 2; -1 when delta <= 0 or sd is not finite.
int members_needed(double sd, double delta);

// Paired difference a - b over members where both are finite: mean, sd, n, two-sided
// p-value of "no difference" (paired t test; sd = 0 gives p = 1 for a zero mean, else 0).
struct PairedSample {
  double mean = NAN, sd = NAN, p_value = NAN;
  int n = 0;
};
PairedSample paired_sample(const std::vector<double>& a, const std::vector<double>& b);

// Holm's step-down: the significance level each hypothesis is tested at. Sorted by p-value,
// the i-th smallest (0-based) gets alpha / (m - i) until the first one not rejected; that one
// and all after it keep its level. NaN p-values are not in the family (level NaN).
std::vector<double> holm_levels(const std::vector<double>& p, double alpha);

// Two-sided (1 - level) interval of a paired sample's mean: mean -+ t_{1-level/2, n-1} sd/sqrt(n).
MeanCi interval_at(const PairedSample& d, double level);

// Plans on the Pareto front: no other plan is at least as good on every KPI and strictly
// better on one. means[p][k]; lower_is_better[k]; NaN means are ignored for that KPI.
std::vector<char> pareto_front(const std::vector<std::vector<double>>& means,
                               const std::vector<char>& lower_is_better);

}  // namespace sd
