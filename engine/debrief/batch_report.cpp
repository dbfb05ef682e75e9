// The batch debrief page (docs/report.md): plans ranked with paired confidence intervals and
// P(best), a confidence-interval chart per KPI, the spread over storm members, which plan wins
// on each member, and the pairwise verdicts of /tradeoff.
#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "core/error.hpp"
#include "debrief/labels.hpp"
#include "debrief/report.hpp"
#include "debrief/svg_chart.hpp"
#include "results/results_file.hpp"

namespace sd::debrief {
namespace {

std::string esc(const std::string& s) {
  return html_escape(s);
}

std::string ci_text(const results::Table& t, const std::string& kpi, std::size_t row) {
  return info_number(t.num(kpi + "_mean", row, NAN)) + " [" +
         info_number(t.num(kpi + "_lo", row, NAN)) + ", " +
         info_number(t.num(kpi + "_hi", row, NAN)) + "]";
}

// KPI names in /plans (columns NAME_mean with NAME_lo and NAME_hi), in the writer's order.
std::vector<std::string> plan_kpis(const results::Table& plans) {
  std::vector<std::string> out;
  for (const auto& c : plans.columns()) {
    const std::string& n = c.name;
    if (n.size() < 5 || n.substr(n.size() - 5) != "_mean" ||
        n.find("_diff_") != std::string::npos || n == "response_wall_s_mean")
      continue;
    const std::string k = n.substr(0, n.size() - 5);
    if (plans.has(k + "_lo") && plans.has(k + "_hi")) out.push_back(k);
  }
  return out;
}

// Direction of each KPI from /tradeoff/kpis + /tradeoff/better ("lower"/"higher").
std::map<std::string, bool> lower_is_better(const results::ResultsFile& f) {
  std::map<std::string, bool> lower;
  const auto kpi = f.read_strings("/tradeoff/kpi");
  const auto better = f.read_strings("/tradeoff/better");
  for (std::size_t k = 0; k < kpi.size() && k < better.size(); ++k)
    lower[kpi[k]] = better[k].find("lower") != std::string::npos;
  return lower;
}

std::string ranked_table(const results::Table& plans, const std::string& rank_by,
                         const std::string& lang) {
  std::vector<std::size_t> order(plans.rows());
  for (std::size_t p = 0; p < order.size(); ++p) order[p] = p;
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
    return plans.num("rank", a, 1e9) < plans.num("rank", b, 1e9);
  });
  std::ostringstream o;
  o << "<h2>" << esc(tr(lang, "Plans ranked")) << "</h2><table id=\"plans\"><tr><th>"
    << esc(tr(lang, "Rank")) << "</th><th class=\"l\">" << esc(tr(lang, "Plan")) << "</th><th>"
    << esc(rank_by) << " [95 % CI]</th><th>Δ vs " << esc(plans.text("plan", 0))
    << " (paired) [95 % CI]</th><th>" << esc(tr(lang, "P(best)")) << "</th></tr>\n";
  for (auto p : order) {
    o << "<tr><td>" << plans.text("rank", p) << "</td><td class=\"l\">"
      << esc(plans.text("plan", p)) << "</td><td>" << ci_text(plans, rank_by, p) << "</td><td>"
      << ci_text(plans, rank_by + "_diff", p) << "</td><td>"
      << plain_number(100 * plans.num("p_best", p, NAN)) << " %</td></tr>\n";
  }
  o << "</table>\n";
  return o.str();
}

std::string kpi_plots(const results::Table& plans, const std::vector<std::string>& kpis,
                      const std::map<std::string, bool>& lower, const std::string& lang) {
  std::ostringstream o;
  o << "<h2>" << esc(tr(lang, "Per-KPI comparison (95 % confidence intervals)"))
    << "</h2><div class=\"charts\">";
  for (const auto& k : kpis) {
    CiChart c;
    c.title = k;
    const bool low = lower.count(k) ? lower.at(k) : true;
    c.x_label = k + (low ? " (lower is better)" : " (higher is better)");
    std::size_t best = 0;
    for (std::size_t p = 0; p < plans.rows(); ++p) {
      const double m = plans.num(k + "_mean", p, NAN), bm = plans.num(k + "_mean", best, NAN);
      if (std::isfinite(m) && (!std::isfinite(bm) || (low ? m < bm : m > bm))) best = p;
    }
    for (std::size_t p = 0; p < plans.rows(); ++p)
      c.rows.push_back({plans.text("plan", p), plans.num(k + "_mean", p, NAN),
                        plans.num(k + "_lo", p, NAN), plans.num(k + "_hi", p, NAN), p == best});
    o << svg_ci_chart(c);
  }
  o << "</div>\n";
  return o.str();
}

// Per member: each plan's value of the ranking KPI, min/median/max per plan, and the winner.
std::string members_section(const results::Table& runs, const results::Table& plans,
                            const std::string& rank_by, bool low, const std::string& lang) {
  std::map<int, std::map<std::string, double>> by_member;
  for (std::size_t r = 0; r < runs.rows(); ++r)
    if (runs.num("ok", r, 0) != 0)
      by_member[static_cast<int>(runs.num("member", r, -1))][runs.text("plan", r)] =
          runs.num(rank_by, r, NAN);
  std::ostringstream o;
  o << "<h2>" << esc(tr(lang, "Per-member spread")) << ": " << esc(rank_by)
    << "</h2><table id=\"spread\"><tr><th class=\"l\">" << esc(tr(lang, "Plan"))
    << "</th><th>min</th><th>median</th><th>max</th><th>n</th></tr>\n";
  for (std::size_t p = 0; p < plans.rows(); ++p) {
    std::vector<double> v;
    for (const auto& [m, vals] : by_member)
      if (auto it = vals.find(plans.text("plan", p)); it != vals.end() && std::isfinite(it->second))
        v.push_back(it->second);
    std::sort(v.begin(), v.end());
    const double med = v.empty() ? NAN
                                 : (v.size() % 2 ? v[v.size() / 2]
                                                 : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]));
    o << "<tr><td class=\"l\">" << esc(plans.text("plan", p)) << "</td><td>"
      << info_number(v.empty() ? NAN : v.front()) << "</td><td>" << info_number(med) << "</td><td>"
      << info_number(v.empty() ? NAN : v.back()) << "</td><td>" << v.size() << "</td></tr>\n";
  }
  o << "</table>\n<h2>" << esc(tr(lang, "Which plan wins where")) << "</h2>"
    << "<p class=\"note\">By storm member (batch files keep county-level KPIs per run; the "
       "by-town view is in each run's report).</p><table id=\"wins\"><tr><th>"
    << esc(tr(lang, "Members")) << "</th>";
  for (std::size_t p = 0; p < plans.rows(); ++p)
    o << "<th>" << esc(plans.text("plan", p)) << "</th>";
  o << "<th class=\"l\">best</th></tr>\n";
  std::map<std::string, int> wins;
  for (const auto& [m, vals] : by_member) {
    o << "<tr><td>" << m << "</td>";
    std::string best;
    double bv = NAN;
    for (std::size_t p = 0; p < plans.rows(); ++p) {
      const std::string name = plans.text("plan", p);
      const auto it = vals.find(name);
      const double x = it == vals.end() ? NAN : it->second;
      o << "<td>" << info_number(x) << "</td>";
      if (std::isfinite(x) && (!std::isfinite(bv) || (low ? x < bv : x > bv))) bv = x, best = name;
    }
    // Ties: every plan equal to the best shares the member.
    int tied = 0;
    for (const auto& [n, x] : vals) tied += x == bv;
    if (tied > 1) best = "tie";
    ++wins[best];
    o << "<td class=\"l\">" << esc(best) << "</td></tr>\n";
  }
  o << "</table><p>";
  for (const auto& [name, n] : wins) o << esc(name) << ": " << n << " ";
  o << "</p>\n";
  return o.str();
}

std::string verdicts(const results::ResultsFile& f, const std::string& lang) {
  const auto a = f.read_strings("/tradeoff/plan_a"), b = f.read_strings("/tradeoff/plan_b");
  const auto kpi = f.read_strings("/tradeoff/kpi"), verdict = f.read_strings("/tradeoff/verdict");
  const auto mean = f.read_vector("/tradeoff/diff_mean"), lo = f.read_vector("/tradeoff/diff_lo"),
             hi = f.read_vector("/tradeoff/diff_hi");
  std::ostringstream o;
  o << "<h2>" << esc(tr(lang, "Pairwise verdicts")) << "</h2><table id=\"verdicts\"><tr>"
    << "<th class=\"l\">A</th><th class=\"l\">B</th><th class=\"l\">KPI</th><th>B − A [95 % CI]"
    << "</th><th class=\"l\">verdict</th></tr>\n";
  for (std::size_t k = 0; k < a.size() && k < b.size() && k < kpi.size() && k < verdict.size(); ++k)
    o << "<tr><td class=\"l\">" << esc(a[k]) << "</td><td class=\"l\">" << esc(b[k])
      << "</td><td class=\"l\">" << esc(kpi[k]) << "</td><td>"
      << info_number(k < mean.size() ? mean[k] : NAN) << " ["
      << info_number(k < lo.size() ? lo[k] : NAN) << ", "
      << info_number(k < hi.size() ? hi[k] : NAN) << "]</td><td class=\"l\">" << esc(verdict[k])
      << "</td></tr>\n";
  o << "</table>\n";
  return o.str();
}

}  // namespace

std::string batch_report_html(const std::string& path, const std::string& lang) {
  std::unique_ptr<results::ResultsFile> f;
  try {
    f = results::ResultsFile::open(path);
  } catch (const results::ResultsError& e) {
    throw InputError(e.what());
  }
  const auto plans = f->read_table("/plans");
  const auto runs = f->read_table("/runs");
  if (plans.empty()) throw InputError(path + ": batch file without /plans");
  const std::string rank_by = f->meta().rank_by.empty() ? "expected_fatalities" : f->meta().rank_by;
  const auto lower = lower_is_better(*f);
  const bool low = lower.count(rank_by) ? lower.at(rank_by) : true;
  std::ostringstream body;
  body << "<h1>" << esc(tr(lang, "Batch debrief: plan comparison")) << " — "
       << esc(f->meta().scenario_name) << "</h1><table class=\"meta\"><tr><td>"
       << esc(tr(lang, "Members")) << "</td><td>" << f->read_table("/members").rows()
       << "</td></tr><tr><td>rank_by</td><td>" << esc(rank_by) << "</td></tr><tr><td>"
       << esc(tr(lang, "Results file")) << "</td><td>" << esc(path) << "</td></tr></table>\n";
  body << ranked_table(plans, rank_by, lang);
  body << kpi_plots(plans, plan_kpis(plans), lower, lang);
  body << members_section(runs, plans, rank_by, low, lang);
  body << verdicts(*f, lang);
  body << "<p class=\"note\">" << esc(tr(lang, "Generated by")) << " stormdrill "
       << esc(f->meta().engine_version) << " from " << esc(path) << ".</p>\n";
  return html_page(lang, esc(tr(lang, "Batch debrief: plan comparison")), body.str());
}

}  // namespace sd::debrief
