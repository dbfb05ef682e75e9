#include "batch/batch_stats.hpp"

#include <algorithm>
#include <cmath>

#include "core/rng.hpp"

namespace sd {

double t975(int df) {
  static const double table[] = {0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365,
                                 2.306, 2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
                                 2.120, 2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069,
                                 2.064, 2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (df <= 0) return NAN;
  if (df <= 30) return table[df];
  // Cornish–Fisher expansion of t around the normal quantile (Abramowitz & Stegun 26.7.5).
  const double z = 1.959963984540054, v = df;
  return z + (z * z * z + z) / (4 * v) +
         (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * v * v);
}

MeanCi mean_ci(const std::vector<double>& x) {
  MeanCi r;
  double s = 0;
  for (double v : x)
    if (std::isfinite(v)) s += v, ++r.n;
  if (r.n == 0) return {NAN, NAN, NAN, 0};
  r.mean = s / r.n;
  if (r.n == 1) {
    r.lo = r.hi = r.mean;
    return r;
  }
  double ss = 0;
  for (double v : x)
    if (std::isfinite(v)) ss += (v - r.mean) * (v - r.mean);
  const double half = t975(r.n - 1) * std::sqrt(ss / (r.n - 1) / r.n);
  r.lo = r.mean - half;
  r.hi = r.mean + half;
  return r;
}

MeanCi nonnegative_mean_ci(const std::vector<double>& x) {
  MeanCi r = mean_ci(x);
  for (double v : x)
    if (v < 0) return r;
  if (r.lo < 0) r.lo = 0;
  return r;
}

MeanCi paired_diff(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> d;
  for (std::size_t m = 0; m < a.size() && m < b.size(); ++m)
    if (std::isfinite(a[m]) && std::isfinite(b[m])) d.push_back(a[m] - b[m]);
  return mean_ci(d);
}

std::vector<int> competition_ranks(const std::vector<double>& means, bool lower) {
  std::vector<int> rank(means.size(), 1);
  auto better = [&](double a, double b) {
    if (!std::isfinite(a)) return false;
    if (!std::isfinite(b)) return true;
    return lower ? a < b : a > b;
  };
  for (std::size_t p = 0; p < means.size(); ++p)
    for (std::size_t q = 0; q < means.size(); ++q)
      if (q != p && better(means[q], means[p])) ++rank[p];
  return rank;
}

std::vector<double> probability_best(const std::vector<std::vector<double>>& values, bool lower,
                                     int resamples, std::uint64_t seed) {
  const std::size_t P = values.size();
  std::vector<double> wins(P, 0.0);
  if (P == 0) return wins;
  const std::size_t M = values[0].size();
  if (M == 0) return std::vector<double>(P, 1.0 / static_cast<double>(P));
  Rng rng(seed, {0xB007u});
  std::vector<std::size_t> idx(M);
  std::vector<double> mean(P);
  for (int b = 0; b < resamples; ++b) {
    for (auto& i : idx) i = static_cast<std::size_t>(rng.uniform() * static_cast<double>(M)) % M;
    for (std::size_t p = 0; p < P; ++p) {
      double s = 0;
      int n = 0;
      for (auto i : idx)
        if (std::isfinite(values[p][i])) s += values[p][i], ++n;
      mean[p] = n ? s / n : NAN;
    }
    double best = NAN;
    for (double v : mean)
      if (std::isfinite(v) && (!std::isfinite(best) || (lower ? v < best : v > best))) best = v;
    if (!std::isfinite(best)) continue;
    int ties = 0;
    for (double v : mean) ties += v == best;
    for (std::size_t p = 0; p < P; ++p)
      if (mean[p] == best) wins[p] += 1.0 / ties;
  }
  for (auto& w : wins) w /= resamples;
  return wins;
}

}  // namespace sd
