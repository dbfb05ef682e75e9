#include "core/batch_model.hpp"

#include <algorithm>
#include <cmath>

#include "core/kpi_units.hpp"

namespace sd::viz {

bool KpiInterval::has_interval() const {
  return std::isfinite(mean) && std::isfinite(lo) && std::isfinite(hi);
}

std::string interval_text(const std::string& kpi, double mean, double lo, double hi, int members) {
  if (!std::isfinite(mean)) return "n/a (no run of this plan succeeded)";
  const std::string m = format_kpi(kpi, mean);
  if (std::isfinite(lo) && std::isfinite(hi)) {
    // The bounds in the mean's unit, without repeating it.
    const KpiDisplay d = kpi_display(kpi, mean);
    auto bare = [&](double v) {
      std::string s = format_kpi(kpi, v);
      if (!d.unit.empty() && s.size() > d.unit.size() + 1) s.resize(s.size() - d.unit.size() - 1);
      return s;
    };
    return m + " [" + bare(lo) + ", " + bare(hi) + "]";
  }
  return m + (members < 2 ? " (interval n/a: one storm member, no spread to estimate)"
                          : " (interval n/a: fewer than 2 runs succeeded)");
}

namespace {

std::vector<std::string> kpi_names(const Table& plans, const std::string& rank_by) {
  std::vector<std::string> out;
  for (const auto& c : plans.columns()) {
    if (!c.name.ends_with("_mean") || c.name.ends_with("_diff_mean")) continue;
    const std::string k = c.name.substr(0, c.name.size() - 5);
    if (k == "response_wall_s") continue;  // engine speed, not an outcome
    out.push_back(k);
  }
  auto it = std::find(out.begin(), out.end(), rank_by);
  if (it != out.end()) std::rotate(out.begin(), it, it + 1);
  return out;
}

std::string verdict_for(const TradeoffRows& t, const std::string& base, const std::string& plan,
                        const std::string& kpi) {
  const std::size_t n =
      std::min({t.plan_a.size(), t.plan_b.size(), t.kpi.size(), t.verdict.size()});
  for (std::size_t k = 0; k < n; ++k)
    if (t.plan_a[k] == base && t.plan_b[k] == plan && t.kpi[k] == kpi) return t.verdict[k];
  return "";
}

std::vector<std::string> run_columns(const Table& runs, const std::string& rank_by,
                                     bool with_files) {
  std::vector<std::string> out;
  auto add = [&](const std::string& c) {
    if (runs.has(c) && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  };
  for (const char* c : {"plan", "member", "ok"}) add(c);
  add(rank_by);
  for (const auto& c : runs.columns())
    if (c.name != "error" && c.name != "results_path" && c.name != "response_wall_s") add(c.name);
  add("response_wall_s");
  add("error");
  if (with_files) add("results_path");
  return out;
}

}  // namespace

BatchModel make_batch_model(const Table& plans, const Table& runs, const TradeoffRows& tradeoff,
                            const std::string& rank_by, int members) {
  BatchModel m;
  m.rank_by = rank_by;
  m.kpis = kpi_names(plans, rank_by);
  if (plans.rows() > 0) m.baseline = plans.text("plan", 0);
  for (std::size_t r = 0; r < plans.rows(); ++r) {
    PlanRow row;
    row.plan = plans.text("plan", r);
    row.rank = static_cast<int>(plans.num("rank", r, 0));
    row.p_best = plans.num("p_best", r, NAN);
    for (const auto& k : m.kpis) {
      KpiInterval v{plans.num(k + "_mean", r, NAN), plans.num(k + "_lo", r, NAN),
                    plans.num(k + "_hi", r, NAN), ""};
      v.text = interval_text(k, v.mean, v.lo, v.hi, members);
      row.kpis.push_back(v);
    }
    if (r > 0) {
      const std::string v = verdict_for(tradeoff, m.baseline, row.plan, rank_by);
      if (!v.empty()) row.verdict = "vs " + m.baseline + ": " + v;
    }
    m.plans.push_back(std::move(row));
  }
  std::stable_sort(m.plans.begin(), m.plans.end(), [](const PlanRow& a, const PlanRow& b) {
    const int ra = a.rank > 0 ? a.rank : 1 << 30, rb = b.rank > 0 ? b.rank : 1 << 30;
    return ra != rb ? ra < rb : a.plan < b.plan;
  });
  if (const Column* p = runs.find("results_path"))
    m.runs_have_files =
        std::any_of(p->str.begin(), p->str.end(), [](const std::string& s) { return !s.empty(); });
  m.run_columns = run_columns(runs, rank_by, m.runs_have_files);
  return m;
}

}  // namespace sd::viz
