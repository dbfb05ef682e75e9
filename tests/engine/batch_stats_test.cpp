// Batch statistics against hand-computed values.
#include <gtest/gtest.h>

#include <cmath>

#include "batch/batch_stats.hpp"

namespace {

TEST(BatchStats, MeanAndStudentTIntervalMatchHandComputation) {
  // x = 1, 2, 3, 4: mean 2.5, s = sqrt(5/3) = 1.290994, se = 0.645497, t(0.975, 3) = 3.182
  const sd::MeanCi r = sd::mean_ci({1, 2, 3, 4});
  EXPECT_EQ(r.n, 4);
  EXPECT_DOUBLE_EQ(r.mean, 2.5);
  EXPECT_NEAR(r.lo, 2.5 - 3.182 * 0.6454972, 1e-6);
  EXPECT_NEAR(r.hi, 2.5 + 3.182 * 0.6454972, 1e-6);
}

TEST(BatchStats, NaNsAreLeftOutAndOneValueGivesAPointInterval) {
  const sd::MeanCi r = sd::mean_ci({NAN, 7.0, NAN});
  EXPECT_EQ(r.n, 1);
  EXPECT_DOUBLE_EQ(r.lo, 7.0);
  EXPECT_DOUBLE_EQ(r.hi, 7.0);
  EXPECT_TRUE(std::isnan(sd::mean_ci({NAN}).mean));
}

TEST(BatchStats, AnIntervalOfAQuantityThatCannotBeNegativeStopsAtZero) {
  // Three storms with 0, 0 and 0.34 expected fatalities: mean 0.1133, Student-t interval
  // [-0.375, 0.602]; a mean of non-negative values is never below 0.
  const sd::MeanCi r = sd::nonnegative_mean_ci({0.0, 0.0, 0.34});
  const sd::MeanCi t = sd::mean_ci({0.0, 0.0, 0.34});
  EXPECT_LT(t.lo, 0.0);
  EXPECT_EQ(r.lo, 0.0);
  EXPECT_EQ(r.hi, t.hi);
  EXPECT_EQ(r.mean, t.mean);
  // A quantity with a negative value is not cut.
  EXPECT_EQ(sd::nonnegative_mean_ci({-1.0, 0.0, 0.34}).lo, sd::mean_ci({-1.0, 0.0, 0.34}).lo);
}

TEST(BatchStats, PairedDifferenceUsesPerMemberDifferences) {
  // Differences 1, 1, 2 -> mean 4/3, s = 0.57735, se = 0.333333, t(0.975, 2) = 4.303
  const sd::MeanCi d = sd::paired_diff({3, 5, 9}, {2, 4, 7});
  EXPECT_NEAR(d.mean, 4.0 / 3.0, 1e-12);
  EXPECT_NEAR(d.hi - d.mean, 4.303 * 0.5773503 / std::sqrt(3.0), 1e-6);
  // Identical plans: zero difference, zero width.
  const sd::MeanCi z = sd::paired_diff({3, 5, 9}, {3, 5, 9});
  EXPECT_EQ(z.mean, 0.0);
  EXPECT_EQ(z.lo, 0.0);
  EXPECT_EQ(z.hi, 0.0);
}

TEST(BatchStats, StudentQuantileTableAndExpansion) {
  EXPECT_DOUBLE_EQ(sd::t975(1), 12.706);
  EXPECT_DOUBLE_EQ(sd::t975(30), 2.042);
  EXPECT_NEAR(sd::t975(60), 2.000, 2e-3);   // tables: 2.000
  EXPECT_NEAR(sd::t975(120), 1.980, 2e-3);  // tables: 1.980
}

TEST(BatchStats, TiesShareRanksAndBestProbability) {
  EXPECT_EQ(sd::competition_ranks({0.3, 0.1, 0.3, 0.5}, true), (std::vector<int>{2, 1, 2, 4}));
  EXPECT_EQ(sd::competition_ranks({0.3, 0.1, 0.3}, false), (std::vector<int>{1, 3, 1}));
  // Two identical plans split P(best) evenly; a dominated plan never wins.
  const std::vector<std::vector<double>> v = {{1, 2, 3, 4}, {1, 2, 3, 4}, {5, 6, 7, 8}};
  const auto pb = sd::probability_best(v, true, 500, 7);
  EXPECT_DOUBLE_EQ(pb[0], 0.5);
  EXPECT_DOUBLE_EQ(pb[1], 0.5);
  EXPECT_DOUBLE_EQ(pb[2], 0.0);
}

TEST(BatchStats, BestProbabilityReflectsUncertainty) {
  // Plan 0 better on 3 storms by a little, worse on 1 by a lot: not certain either way.
  const std::vector<std::vector<double>> v = {{1, 1, 1, 9}, {2, 2, 2, 2}};
  const auto pb = sd::probability_best(v, true, 4000, 3);
  EXPECT_NEAR(pb[0] + pb[1], 1.0, 1e-12);
  // Plan 0's resampled mean beats 2 only when storm 4 (the 9) is never drawn in 4 draws:
  // P = (3/4)^4 = 0.3164.
  EXPECT_NEAR(pb[0], 0.3164, 0.03);
}

}  // namespace
