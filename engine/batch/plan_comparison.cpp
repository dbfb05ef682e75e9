#include "batch/plan_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "batch/student_t.hpp"

namespace sd {

const char* verdict_text(Verdict v) {
  switch (v) {
    case Verdict::BetterMatters:
      return "better by a margin that matters";
    case Verdict::BetterPossiblyLess:
      return "better, possibly by less than δ";
    case Verdict::NoPracticalDifference:
      return "no practical difference";
    case Verdict::WorsePossiblyLess:
      return "worse, possibly by less than δ";
    case Verdict::WorseMatters:
      return "worse by a margin that matters";
    case Verdict::NotEnoughMembers:
      break;
  }
  return "not enough members to tell";
}

Verdict practical_verdict(double lo, double hi, double delta, int n) {
  if (n < 2 || !std::isfinite(lo) || !std::isfinite(hi) || !(delta >= 0))
    return Verdict::NotEnoughMembers;
  if (lo > 0 && lo >= delta) return Verdict::BetterMatters;
  if (hi < 0 && hi <= -delta) return Verdict::WorseMatters;
  // Inside (-delta, +delta); a zero-width interval at 0 (identical plans) is inside too.
  if ((lo > -delta && hi < delta) || (lo == 0 && hi == 0)) return Verdict::NoPracticalDifference;
  if (lo > 0) return Verdict::BetterPossiblyLess;
  if (hi < 0) return Verdict::WorsePossiblyLess;
  return Verdict::NotEnoughMembers;
}

int members_needed(double sd, double delta) {
  if (!(delta > 0) || !std::isfinite(sd) || sd < 0) return -1;
  const double n = std::pow(2.8 * sd / delta, 2);
  if (n > 1e9) return -1;
  return std::max(2, static_cast<int>(std::ceil(n - 1e-9)));
}

PairedSample paired_sample(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> d;
  for (std::size_t m = 0; m < a.size() && m < b.size(); ++m)
    if (std::isfinite(a[m]) && std::isfinite(b[m])) d.push_back(a[m] - b[m]);
  PairedSample r;
  r.n = static_cast<int>(d.size());
  if (r.n == 0) return r;
  r.mean = std::accumulate(d.begin(), d.end(), 0.0) / r.n;
  if (r.n < 2) return r;
  double ss = 0;
  for (double v : d) ss += (v - r.mean) * (v - r.mean);
  r.sd = std::sqrt(ss / (r.n - 1));
  const double se = r.sd / std::sqrt(static_cast<double>(r.n));
  // Differences that are all equal: no spread, so the mean is the difference exactly.
  if (se <= 1e-12 * std::max(1.0, std::abs(r.mean)))
    r.p_value = std::abs(r.mean) <= 1e-12 ? 1.0 : 0.0;
  else
    r.p_value = t_two_sided_p(r.mean / se, r.n - 1);
  return r;
}

std::vector<double> holm_levels(const std::vector<double>& p, double alpha) {
  std::vector<std::size_t> order;
  for (std::size_t k = 0; k < p.size(); ++k)
    if (std::isfinite(p[k])) order.push_back(k);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return p[a] < p[b]; });
  std::vector<double> level(p.size(), NAN);
  const double m = static_cast<double>(order.size());
  bool stopped = false;
  double kept = alpha;
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (!stopped) {
      kept = alpha / (m - static_cast<double>(i));
      stopped = p[order[i]] > kept;
    }
    level[order[i]] = kept;
  }
  return level;
}

MeanCi interval_at(const PairedSample& d, double level) {
  MeanCi r{d.mean, d.mean, d.mean, d.n};
  if (d.n < 2 || !std::isfinite(d.sd) || !(level > 0 && level < 1)) {
    if (d.n < 1) r.lo = r.hi = r.mean = NAN;
    return r;
  }
  const double half = t_quantile(1.0 - level / 2, d.n - 1) * d.sd / std::sqrt(double(d.n));
  r.lo = d.mean - half;
  r.hi = d.mean + half;
  return r;
}

std::vector<char> pareto_front(const std::vector<std::vector<double>>& means,
                               const std::vector<char>& lower) {
  const std::size_t P = means.size();
  std::vector<char> front(P, 1);
  auto dominates = [&](std::size_t a, std::size_t b) {
    bool strictly = false;
    for (std::size_t k = 0; k < lower.size(); ++k) {
      const double x = means[a][k], y = means[b][k];
      if (!std::isfinite(x) || !std::isfinite(y)) continue;
      const double gain = lower[k] ? y - x : x - y;  // a's advantage over b
      if (gain < 0) return false;
      strictly |= gain > 0;
    }
    return strictly;
  };
  for (std::size_t b = 0; b < P; ++b)
    for (std::size_t a = 0; a < P && front[b]; ++a)
      if (a != b && dominates(a, b)) front[b] = 0;
  return front;
}

}  // namespace sd
