// Plan comparison rules against hand-computed values: practical-significance verdicts,
// Holm's step-down levels, members needed, the Pareto set, Student t.
#include <gtest/gtest.h>

#include <cmath>

#include "batch/batch_runner.hpp"
#include "batch/plan_comparison.hpp"
#include "batch/student_t.hpp"

namespace {

using sd::Verdict;

TEST(PlanComparison, VerdictReadsTheIntervalAgainstDelta) {
  const double d = 0.5;
  EXPECT_EQ(sd::practical_verdict(0.6, 0.9, d, 20), Verdict::BetterMatters);
  EXPECT_EQ(sd::practical_verdict(0.5, 0.9, d, 20), Verdict::BetterMatters);
  EXPECT_EQ(sd::practical_verdict(-0.9, -0.6, d, 20), Verdict::WorseMatters);
  EXPECT_EQ(sd::practical_verdict(0.1, 0.7, d, 20), Verdict::BetterPossiblyLess);
  EXPECT_EQ(sd::practical_verdict(-0.7, -0.1, d, 20), Verdict::WorsePossiblyLess);
  EXPECT_EQ(sd::practical_verdict(-0.2, 0.3, d, 20), Verdict::NoPracticalDifference);
  // Excludes 0 but lies inside (-delta, delta): clear, yet too small to matter. The issue's
  // case: expected fatalities -0.2 [-0.35, -0.07] (lower is better: gain [0.07, 0.35]).
  EXPECT_EQ(sd::practical_verdict(0.07, 0.35, d, 20), Verdict::NoPracticalDifference);
  EXPECT_EQ(sd::practical_verdict(-0.2, 0.8, d, 20), Verdict::NotEnoughMembers);
  EXPECT_EQ(sd::practical_verdict(-0.8, 0.8, d, 20), Verdict::NotEnoughMembers);
  EXPECT_EQ(sd::practical_verdict(0.6, 0.9, d, 1), Verdict::NotEnoughMembers);
  EXPECT_EQ(sd::practical_verdict(NAN, 0.9, d, 5), Verdict::NotEnoughMembers);
  // delta = 0: any clear difference matters; identical plans are no difference.
  EXPECT_EQ(sd::practical_verdict(0.01, 0.02, 0.0, 5), Verdict::BetterMatters);
  EXPECT_EQ(sd::practical_verdict(0.0, 0.0, 0.0, 5), Verdict::NoPracticalDifference);
  EXPECT_STREQ(sd::verdict_text(Verdict::BetterMatters), "better by a margin that matters");
  EXPECT_STREQ(sd::verdict_text(Verdict::NotEnoughMembers), "not enough members to tell");
}

TEST(PlanComparison, MembersNeededIsTwoPointEightSdOverDeltaSquared) {
  EXPECT_EQ(sd::members_needed(1.0, 0.5), 32);  // (2.8 * 1 / 0.5)^2 = 31.36
  EXPECT_EQ(sd::members_needed(0.5, 0.5), 8);   // 2.8^2 = 7.84
  EXPECT_EQ(sd::members_needed(0.0, 0.5), 2);   // no spread: two members show it
  EXPECT_EQ(sd::members_needed(1.0, 0.0), -1);  // delta 0 can never be resolved
  EXPECT_EQ(sd::members_needed(NAN, 0.5), -1);
}

TEST(PlanComparison, HolmStepDownLevels) {
  // m = 4, alpha 0.05. Sorted p: 0.005 <= 0.05/4 (reject), 0.01 <= 0.05/3 (reject),
  // 0.03 > 0.05/2 (stop): it and 0.04 keep 0.025.
  const auto lv = sd::holm_levels({0.01, 0.04, 0.03, 0.005}, 0.05);
  EXPECT_NEAR(lv[3], 0.0125, 1e-15);
  EXPECT_NEAR(lv[0], 0.05 / 3, 1e-15);
  EXPECT_NEAR(lv[2], 0.025, 1e-15);
  EXPECT_NEAR(lv[1], 0.025, 1e-15);
  // NaN p-values (too few members) are outside the family: m = 1 for the rest.
  const auto lv2 = sd::holm_levels({NAN, 0.2}, 0.05);
  EXPECT_TRUE(std::isnan(lv2[0]));
  EXPECT_DOUBLE_EQ(lv2[1], 0.05);
}

TEST(PlanComparison, PairedSampleAndAdjustedInterval) {
  // Differences 1, 1, 2: mean 4/3, sd 0.57735, t = 4 on 2 df: p = 1 - 4/sqrt(18) = 0.057191.
  const sd::PairedSample d = sd::paired_sample({3, 5, 9}, {2, 4, 7});
  EXPECT_EQ(d.n, 3);
  EXPECT_NEAR(d.mean, 4.0 / 3.0, 1e-12);
  EXPECT_NEAR(d.sd, std::sqrt(1.0 / 3.0), 1e-12);
  EXPECT_NEAR(d.p_value, 1 - 4 / std::sqrt(18.0), 1e-9);
  // 95 %: t(0.975, 2) = 4.302653; half width 4.302653 * 0.57735 / sqrt(3) = 1.434218.
  const sd::MeanCi c = sd::interval_at(d, 0.05);
  EXPECT_NEAR(c.hi - c.mean, 1.434218, 1e-5);
  // Holm level 0.0125 widens it: t(1 - 0.00625, 2) = 8.860 (tables), half 2.9533.
  EXPECT_NEAR(sd::interval_at(d, 0.0125).hi - d.mean, 8.860 * std::sqrt(1.0 / 3.0) / std::sqrt(3.0),
              2e-3);
  const sd::PairedSample same = sd::paired_sample({3, 5, 9}, {3, 5, 9});
  EXPECT_EQ(same.p_value, 1.0);
  EXPECT_EQ(sd::interval_at(same, 0.01).lo, 0.0);
}

TEST(PlanComparison, StudentTAgainstTables) {
  EXPECT_NEAR(sd::t_cdf(1.0, 1), 0.75, 1e-12);  // Cauchy
  EXPECT_NEAR(sd::t_cdf(0.0, 7), 0.5, 1e-15);
  EXPECT_NEAR(sd::t_quantile(0.975, 3), 3.182446, 1e-6);
  EXPECT_NEAR(sd::t_quantile(0.975, 10), 2.228139, 1e-6);
  EXPECT_NEAR(sd::t_quantile(0.025, 10), -2.228139, 1e-6);
  EXPECT_NEAR(sd::t_quantile(0.995, 30), 2.749996, 1e-6);
  EXPECT_NEAR(sd::t_two_sided_p(2.228139, 10), 0.05, 1e-6);
}

TEST(PlanComparison, ParetoSetOverMeans) {
  // KPI 0 lower is better, KPI 1 higher is better.
  // A (1, 5) dominates C (2, 4); B (2, 6) trades off with A; D equals A (neither dominates).
  const auto f = sd::pareto_front({{1, 5}, {2, 6}, {2, 4}, {1, 5}}, {1, 0});
  EXPECT_EQ(f, (std::vector<char>{1, 1, 0, 1}));
  // A NaN KPI is left out of the comparison for that pair.
  EXPECT_EQ(sd::pareto_front({{1, NAN}, {2, 9}}, {1, 0}), (std::vector<char>{1, 0}));
}

}  // namespace

namespace {

// Two plans, four storms: plan 1 has 2, 2, 1, 2 fewer expected fatalities (mean -1.75,
// sd 0.5); every other KPI is the same for both plans.
sd::BatchResult two_plan_batch() {
  sd::BatchResult r;
  r.plans = {"current", "moved"};
  r.rank_by = "expected_fatalities";
  const double fat[2][4] = {{10, 12, 11, 13}, {8, 10, 10, 11}};
  for (int m = 1; m <= 4; ++m)
    for (int p = 0; p < 2; ++p) {
      sd::BatchRun run;
      run.plan = p, run.member = m, run.ok = true;
      for (const auto& k : sd::batch_kpis()) {
        const std::string n = k.name;
        run.kpi.push_back(n == "expected_fatalities" ? fat[p][m - 1]
                          : n == "incidents_total"   ? 100.0
                                                     : 7.0 + m);
      }
      r.runs.push_back(run);
    }
  return r;
}

const sd::PairKpiComparison& pair_of(const sd::BatchResult& r, const std::string& kpi) {
  for (const auto& c : r.tradeoff.pairs)
    if (sd::batch_kpis()[c.kpi].name == kpi) return c;
  throw std::runtime_error("no comparison for " + kpi);
}

}  // namespace

TEST(PlanComparison, BatchTradeoffHolmAgainstUnadjusted) {
  // Unadjusted: t(0.975, 3) = 3.182446, half width 3.182446 * 0.5 / 2 = 0.795611: the gain
  // [0.954, 2.546] lies beyond delta = 0.5 -> better by a margin that matters.
  sd::BatchResult none = two_plan_batch();
  none.compare.adjust = "none";
  sd::compute_stats(none, 1);
  const auto& a = pair_of(none, "expected_fatalities");
  EXPECT_EQ(a.sample.n, 4);
  EXPECT_NEAR(a.diff.mean, -1.75, 1e-12);
  EXPECT_NEAR(a.diff.hi, -1.75 + 0.795611, 1e-5);
  EXPECT_NEAR(a.rel_mean, -1.75 / 11.5 * 100, 1e-9);  // % of the baseline's mean 11.5
  EXPECT_EQ(a.verdict, sd::Verdict::BetterMatters);
  EXPECT_EQ(a.members_needed, 8);  // (2.8 * 0.5 / 0.5)^2 = 7.84
  EXPECT_EQ(pair_of(none, "people_rescued").verdict, sd::Verdict::NoPracticalDifference);
  // Holm over 13 KPIs x 1 pair: t = 7 on 3 df, p = 1 - (2/pi)(atan(x) + x/(1 + x^2)),
  // x = 7/sqrt(3) (A&S 26.7.3): 0.0059863 > 0.05/13, so Holm stops at the first step and every
  // interval is drawn at 1 - 0.05/13: the gain interval now reaches below 0.
  sd::BatchResult holm = two_plan_batch();
  sd::compute_stats(holm, 1);
  const auto& h = pair_of(holm, "expected_fatalities");
  EXPECT_NEAR(h.sample.p_value, 0.0059862557, 1e-9);
  EXPECT_EQ(holm.tradeoff.family, 13);
  EXPECT_NEAR(h.alpha, 0.05 / 13, 1e-15);
  EXPECT_NEAR(h.diff.hi - h.diff.mean, sd::t_quantile(1 - 0.05 / 26, 3) * 0.25, 1e-12);
  EXPECT_GT(h.diff.hi, 0.0);
  EXPECT_EQ(h.verdict, sd::Verdict::NotEnoughMembers);
  // Relative delta: 5 % of the baseline's 100 incidents; Pareto: "moved" dominates.
  EXPECT_DOUBLE_EQ(pair_of(holm, "incidents_unreachable").delta, 5.0);
  EXPECT_EQ(holm.tradeoff.pareto, (std::vector<char>{0, 1}));
  EXPECT_DOUBLE_EQ(holm.tradeoff.p_best[1][sd::kpi_index("expected_fatalities")], 1.0);
  EXPECT_DOUBLE_EQ(holm.tradeoff.p_best[0][sd::kpi_index("people_rescued")], 0.5);
}

TEST(PlanComparison, ScenarioDeltaOverridesDefaults) {
  sd::BatchResult r = two_plan_batch();
  r.compare.delta = {{"expected_fatalities", 2.0, false}, {"incidents_unreachable", 10, true}};
  sd::compute_stats(r, 1);
  EXPECT_DOUBLE_EQ(pair_of(r, "expected_fatalities").delta, 2.0);
  EXPECT_DOUBLE_EQ(pair_of(r, "incidents_unreachable").delta, 10.0);  // 10 % of 100 incidents
  EXPECT_DOUBLE_EQ(pair_of(r, "response_time_median_s").delta, 120.0);
}
