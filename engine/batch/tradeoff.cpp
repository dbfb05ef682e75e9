#include "batch/tradeoff.hpp"

#include <cmath>

namespace sd {
namespace {
constexpr double kAlpha = 0.05;
constexpr int kResamples = 2000;

double percent_of(double v, double ref) {
  return std::isfinite(v) && std::isfinite(ref) && ref != 0 ? 100.0 * v / std::abs(ref) : NAN;
}
}  // namespace

Tradeoff compute_tradeoff(const std::vector<std::vector<std::vector<double>>>& v,
                          const std::vector<char>& lower, const std::vector<double>& delta,
                          const std::vector<int>& pareto_kpis, bool holm, std::uint64_t seed) {
  Tradeoff t;
  t.adjust = holm ? "holm" : "none";
  t.delta = delta;
  t.pareto_kpis = pareto_kpis;
  const std::size_t K = v.size(), P = K ? v[0].size() : 0;
  std::vector<std::vector<double>> mean(P, std::vector<double>(K, NAN));
  for (std::size_t k = 0; k < K; ++k)
    for (std::size_t p = 0; p < P; ++p) mean[p][k] = mean_ci(v[k][p]).mean;
  for (std::size_t a = 0; a < P; ++a)
    for (std::size_t b = a + 1; b < P; ++b)
      for (std::size_t k = 0; k < K; ++k) {
        PairKpiComparison c;
        c.plan_a = static_cast<int>(a), c.plan_b = static_cast<int>(b), c.kpi = static_cast<int>(k);
        c.sample = paired_sample(v[k][b], v[k][a]);
        c.delta = delta[k];
        c.members_needed = members_needed(c.sample.sd, c.delta);
        t.pairs.push_back(c);
      }
  std::vector<double> p;
  for (const auto& c : t.pairs) p.push_back(c.sample.p_value);
  const std::vector<double> level = holm ? holm_levels(p, kAlpha) : std::vector<double>{};
  for (double x : p) t.family += std::isfinite(x) ? 1 : 0;
  for (std::size_t q = 0; q < t.pairs.size(); ++q) {
    PairKpiComparison& c = t.pairs[q];
    c.alpha = holm ? level[q] : kAlpha;
    c.diff = interval_at(c.sample, std::isfinite(c.alpha) ? c.alpha : kAlpha);
    const double ref = mean[c.plan_a][c.kpi];
    c.rel_mean = percent_of(c.diff.mean, ref);
    c.rel_lo = percent_of(c.diff.lo, ref);
    c.rel_hi = percent_of(c.diff.hi, ref);
    // The verdict reads the gain (positive = plan b better).
    const bool low = lower[c.kpi];
    c.verdict = practical_verdict(low ? -c.diff.hi : c.diff.lo, low ? -c.diff.lo : c.diff.hi,
                                  c.delta, c.sample.n);
  }
  t.p_best.assign(P, std::vector<double>(K, NAN));
  for (std::size_t k = 0; k < K; ++k) {
    const auto pb = probability_best(v[k], lower[k], kResamples, seed);
    for (std::size_t q = 0; q < P; ++q) t.p_best[q][k] = pb[q];
  }
  std::vector<std::vector<double>> sub(P);
  std::vector<char> sub_lower;
  for (int k : pareto_kpis) sub_lower.push_back(lower[k]);
  for (std::size_t q = 0; q < P; ++q)
    for (int k : pareto_kpis) sub[q].push_back(mean[q][k]);
  t.pareto = pareto_front(sub, sub_lower);
  return t;
}

}  // namespace sd
