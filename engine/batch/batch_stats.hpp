#pragma once
// Statistics of a batch (docs/batch.md explains them in a planner's words):
//  - per plan and KPI: mean over storm members with a 95 % Student-t confidence interval;
//  - paired differences against the baseline plan (same members, common random numbers),
//    mean and 95 % CI of the per-member difference;
//  - rank by the mean of the ranking KPI (ties share a rank: 1, 2, 2, 4);
//  - probability of being best: the share of bootstrap resamples of the members (the same
//    resample for every plan, so pairing is kept) in which the plan has the best mean, ties
//    split evenly (Efron & Tibshirani 1993).
#include <cstdint>
#include <vector>

namespace sd {

struct MeanCi {
  double mean = 0, lo = 0, hi = 0;
  int n = 0;  // finite values used
};

// Two-sided 95 % Student-t quantile t_{0.975, df}.
double t975(int df);

// Mean and 95 % CI of the finite values (NaN where none; the interval collapses for n = 1).
MeanCi mean_ci(const std::vector<double>& x);

// mean_ci of a quantity that cannot be negative (every KPI: counts, times, km, people, shares):
// the lower bound is cut at 0, which keeps the interval's 95 % coverage (the true mean is
// never below 0) and never shows an impossible "[-0.13, 0.28]" fatalities. Values below 0
// mean it is not such a quantity: then the interval is mean_ci's.
MeanCi nonnegative_mean_ci(const std::vector<double>& x);

// Paired difference a - b over members where both are finite.
MeanCi paired_diff(const std::vector<double>& a, const std::vector<double>& b);

// values[p][m]: KPI of plan p on member m. lower_is_better chooses the direction.
std::vector<int> competition_ranks(const std::vector<double>& means, bool lower_is_better);
std::vector<double> probability_best(const std::vector<std::vector<double>>& values,
                                     bool lower_is_better, int resamples, std::uint64_t seed);

}  // namespace sd
