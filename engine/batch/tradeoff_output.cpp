// Trade-off outputs of a batch (docs/batch.md): the /tradeoff group of the batch file,
// --tradeoff-csv (one row per plan pair x KPI), --plan-kpis-csv (one row per plan x KPI) and
// the terminal section that shows, plan by plan, the KPIs on which it differs from the baseline.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "batch/batch_runner.hpp"
#include "batch/csv_cells.hpp"
#include "io/atomic_file.hpp"
#include "io/h5.hpp"

namespace sd {
namespace {

using csv::escape;
using csv::num;

const char* direction(std::size_t k) {
  return batch_kpis()[k].lower_is_better ? "lower" : "higher";
}

// Terminal values: times in minutes, the rest as they are.
bool is_time(std::size_t k) {
  const std::string n = batch_kpis()[k].name;
  return n.size() > 2 && n.compare(n.size() - 2, 2, "_s") == 0;
}
double shown(std::size_t k, double v) {
  return is_time(k) ? v / 60.0 : v;
}
std::string label(std::size_t k) {
  std::string n = batch_kpis()[k].name;
  if (is_time(k)) n = n.substr(0, n.size() - 2) + " (min)";
  std::replace(n.begin(), n.end(), '_', ' ');
  return n;
}

}  // namespace

void write_tradeoff_h5(h5::File& f, const BatchResult& r) {
  const Tradeoff& t = r.tradeoff;
  const auto& kpis = batch_kpis();
  h5::Handle g = h5::create_group(f, "tradeoff");
  h5::set_attr(g, "adjust", t.adjust);
  h5::set_attr(g, "family", t.family);
  std::vector<std::string> a, b, kpi, verdict, better;
  std::vector<std::int32_t> n, needed;
  std::vector<double> delta, mean, lo, hi, conf, rel, rel_lo, rel_hi, p, sd;
  for (const auto& c : t.pairs) {
    a.push_back(r.plans[c.plan_a]), b.push_back(r.plans[c.plan_b]);
    kpi.push_back(kpis[c.kpi].name), better.push_back(direction(c.kpi));
    verdict.push_back(verdict_text(c.verdict));
    n.push_back(c.sample.n), needed.push_back(c.members_needed);
    delta.push_back(c.delta), mean.push_back(c.diff.mean), lo.push_back(c.diff.lo);
    hi.push_back(c.diff.hi), conf.push_back(1.0 - c.alpha), rel.push_back(c.rel_mean);
    rel_lo.push_back(c.rel_lo), rel_hi.push_back(c.rel_hi), p.push_back(c.sample.p_value);
    sd.push_back(c.sample.sd);
  }
  h5::write_strings(g, "plan_a", a);
  h5::write_strings(g, "plan_b", b);
  h5::write_strings(g, "kpi", kpi);
  h5::write_strings(g, "better", better);
  h5::write_vector(g, "delta", delta);
  h5::write_vector(g, "n", n);
  h5::write_vector(g, "diff_mean", mean);
  h5::write_vector(g, "diff_lo", lo);
  h5::write_vector(g, "diff_hi", hi);
  h5::write_vector(g, "confidence", conf);
  h5::write_vector(g, "rel_diff_pct", rel);
  h5::write_vector(g, "rel_lo_pct", rel_lo);
  h5::write_vector(g, "rel_hi_pct", rel_hi);
  h5::write_vector(g, "p_value", p);
  h5::write_vector(g, "sd_diff", sd);
  h5::write_strings(g, "verdict", verdict);
  h5::write_vector(g, "members_needed", needed);
  // Per plan: P(best) for each KPI, and the Pareto set.
  std::vector<std::string> names;
  for (const auto& k : kpis) names.push_back(k.name);
  h5::write_strings(g, "kpis", names);
  h5::write_vector(g, "kpi_delta", t.delta);
  std::vector<std::string> pk;
  for (int k : t.pareto_kpis) pk.push_back(kpis[k].name);
  h5::write_strings(g, "pareto_kpis", pk);
  std::vector<std::int32_t> pareto(t.pareto.begin(), t.pareto.end());
  h5::write_vector(g, "pareto", pareto);
  for (std::size_t k = 0; k < kpis.size(); ++k) {
    std::vector<double> pb;
    for (const auto& row : t.p_best) pb.push_back(row[k]);
    h5::write_vector(g, std::string("p_best_") + kpis[k].name, pb);
  }
}

void write_tradeoff_csv(const std::string& path, const BatchResult& r) {
  std::ostringstream os;
  os << "plan_a,plan_b,kpi,better,delta,n,diff_mean,diff_lo,diff_hi,confidence,rel_diff_pct,"
        "rel_lo_pct,rel_hi_pct,p_value,sd_diff,verdict,members_needed,adjust\n";
  for (const auto& c : r.tradeoff.pairs)
    os << escape(r.plans[c.plan_a]) << "," << escape(r.plans[c.plan_b]) << ","
       << batch_kpis()[c.kpi].name << "," << direction(c.kpi) << "," << num(c.delta) << ","
       << c.sample.n << "," << num(c.diff.mean) << "," << num(c.diff.lo) << "," << num(c.diff.hi)
       << "," << num(1.0 - c.alpha) << "," << num(c.rel_mean) << "," << num(c.rel_lo) << ","
       << num(c.rel_hi) << "," << num(c.sample.p_value) << "," << num(c.sample.sd) << ","
       << escape(verdict_text(c.verdict)) << ","
       << (c.members_needed > 0 ? std::to_string(c.members_needed) : "") << "," << r.tradeoff.adjust
       << "\n";
  io::write_text_atomic(path, os.str());
}

void write_plan_kpis_csv(const std::string& path, const BatchResult& r) {
  const Tradeoff& t = r.tradeoff;
  std::ostringstream os;
  os << "plan,kpi,better,mean,lo,hi,p_best,pareto_kpi,pareto\n";
  for (std::size_t p = 0; p < r.stats.size(); ++p)
    for (std::size_t k = 0; k < batch_kpis().size(); ++k) {
      const bool chosen = std::find(t.pareto_kpis.begin(), t.pareto_kpis.end(),
                                    static_cast<int>(k)) != t.pareto_kpis.end();
      const MeanCi& m = r.stats[p].kpi[k];
      os << escape(r.plans[p]) << "," << batch_kpis()[k].name << "," << direction(k) << ","
         << num(m.mean) << "," << num(m.lo) << "," << num(m.hi) << "," << num(t.p_best[p][k]) << ","
         << (chosen ? 1 : 0) << "," << (t.pareto[p] ? 1 : 0) << "\n";
    }
  io::write_text_atomic(path, os.str());
}

std::string tradeoff_table(const BatchResult& r) {
  const Tradeoff& t = r.tradeoff;
  const auto& kpis = batch_kpis();
  const std::size_t P = r.plans.size();
  std::ostringstream os;
  char line[512];
  const int rk = kpi_index(r.rank_by);
  if (P > 1) {
    os << "\n  Trade-offs against the baseline '" << r.plans[0]
       << "' (paired over the same storms; delta = smallest difference that matters;\n  ";
    if (t.adjust == "holm")
      os << "intervals Holm-adjusted over " << t.family << " comparisons = " << kpis.size()
         << " KPIs x " << P * (P - 1) / 2 << " plan pairs):\n";
    else
      os << "95 % intervals, not adjusted for the " << t.family << " comparisons):\n";
  }
  const std::size_t shown_plans = std::min<std::size_t>(P, 11);
  for (const auto& c : t.pairs) {
    if (c.plan_a != 0 || static_cast<std::size_t>(c.plan_b) >= shown_plans) continue;
    if (c.kpi == 0) os << "    " << r.plans[c.plan_b] << ":\n";
    const bool differ = c.verdict != Verdict::NoPracticalDifference;
    if (!differ && c.kpi != rk) continue;
    char rel[48] = "";
    if (std::isfinite(c.rel_mean)) std::snprintf(rel, sizeof rel, "(%+.1f %%)", c.rel_mean);
    char need[48] = "";
    if ((c.verdict == Verdict::NotEnoughMembers || c.verdict == Verdict::BetterPossiblyLess ||
         c.verdict == Verdict::WorsePossiblyLess) &&
        c.members_needed > c.sample.n)
      std::snprintf(need, sizeof need, "; ~%d members to resolve delta", c.members_needed);
    const std::size_t k = static_cast<std::size_t>(c.kpi);
    std::snprintf(line, sizeof line, "      %-30s %+9.3g [%+.3g, %+.3g] %-10s delta %-7.3g %s%s\n",
                  label(k).c_str(), shown(k, c.diff.mean), shown(k, c.diff.lo), shown(k, c.diff.hi),
                  rel, shown(k, c.delta), verdict_text(c.verdict), need);
    os << line;
  }
  // KPIs with no practical difference, per shown plan, in one line.
  for (std::size_t b = 1; b < shown_plans; ++b) {
    std::string same;
    for (const auto& c : t.pairs)
      if (c.plan_a == 0 && static_cast<std::size_t>(c.plan_b) == b &&
          c.verdict == Verdict::NoPracticalDifference && c.kpi != rk)
        same += (same.empty() ? "" : ", ") + label(static_cast<std::size_t>(c.kpi));
    if (!same.empty())
      os << "    " << r.plans[b] << ": no practical difference in " << same << "\n";
  }
  if (P > shown_plans)
    os << "    (" << P - shown_plans << " more plans: see --tradeoff-csv or /tradeoff)\n";
  if (P > 2) os << "    every pair of plans: --tradeoff-csv or /tradeoff in the batch file\n";
  // Pareto set and P(best) per KPI.
  std::string over, front;
  for (int k : t.pareto_kpis) over += (over.empty() ? "" : ", ") + std::string(kpis[k].name);
  for (std::size_t p = 0; p < P; ++p)
    if (t.pareto[p]) front += (front.empty() ? "" : ", ") + r.plans[p];
  os << "  Pareto set (no other plan at least as good on every KPI and better on one; means over\n"
     << "  " << over << "): " << front << "\n";
  os << "  P(best) per KPI (share of bootstrap re-draws of the storms in which the plan has the "
        "best mean):\n";
  std::snprintf(line, sizeof line, "    %-30s", "");
  os << line;
  const std::size_t cols = std::min<std::size_t>(P, 6);
  for (std::size_t p = 0; p < cols; ++p) {
    std::snprintf(line, sizeof line, " %14.14s", r.plans[p].c_str());
    os << line;
  }
  os << (P > cols ? "  ...\n" : "\n");
  for (std::size_t k = 0; k < kpis.size(); ++k) {
    std::snprintf(line, sizeof line, "    %-30s", label(k).c_str());
    os << line;
    for (std::size_t p = 0; p < cols; ++p) {
      std::snprintf(line, sizeof line, " %12.0f %%", 100 * t.p_best[p][k]);
      os << line;
    }
    os << "\n";
  }
  return os.str();
}

}  // namespace sd
