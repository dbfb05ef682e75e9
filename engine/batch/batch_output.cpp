// Batch outputs: the HDF5 file the viewer's batch view opens (docs/results-format.md), the
// per-plan CSV (contract: `plan`, then <kpi>_mean/_lo/_hi, rank, p_best; timing columns carry
// `wall`), the per-run CSV, and the plain-language table for the terminal.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "batch/batch_failures.hpp"
#include "batch/batch_runner.hpp"
#include "batch/csv_cells.hpp"
#include "io/atomic_file.hpp"
#include "io/h5.hpp"
#include "version.hpp"

namespace sd {
namespace {

using csv::escape;
using csv::num;

}  // namespace

void write_batch_h5(const std::string& path, const BatchResult& r) {
  auto f = h5::File::create(path);
  {
    h5::Handle meta = h5::create_group(f, "meta");
    h5::set_attr(meta, "format", "stormdrill-results");
    h5::set_attr(meta, "format_version", 1);
    h5::set_attr(meta, "kind", "batch");
    h5::set_attr(meta, "engine_version", kVersion);
    h5::set_attr(meta, "git_commit", kGitCommit);
    h5::set_attr(meta, "scenario_name", r.scenario_name);
    h5::set_attr(meta, "scenario_path", r.scenario_path);
    h5::set_attr(meta, "rank_by", r.rank_by);
    h5::set_attr(meta, "members", static_cast<std::int64_t>(r.members.size()));
    h5::set_attr(meta, "ranks", r.ranks);
    h5::set_attr(meta, "wall_s", r.wall_s);
  }
  const auto& kpis = batch_kpis();
  {
    h5::Handle g = h5::create_group(f, "plans");
    std::vector<std::string> names, paths;
    std::vector<std::int32_t> rank;
    std::vector<double> pbest, wall, dmean, dlo, dhi;
    for (std::size_t p = 0; p < r.stats.size(); ++p) {
      names.push_back(r.stats[p].plan);
      paths.push_back(r.plan_paths[p]);
      rank.push_back(r.stats[p].rank);
      pbest.push_back(r.stats[p].p_best);
      wall.push_back(r.stats[p].response_wall_mean_s);
      dmean.push_back(r.stats[p].diff_vs_baseline.mean);
      dlo.push_back(r.stats[p].diff_vs_baseline.lo);
      dhi.push_back(r.stats[p].diff_vs_baseline.hi);
    }
    h5::write_strings(g, "plan", names);
    h5::write_strings(g, "path", paths);
    for (std::size_t k = 0; k < kpis.size(); ++k) {
      std::vector<double> m, lo, hi;
      for (const auto& st : r.stats)
        m.push_back(st.kpi[k].mean), lo.push_back(st.kpi[k].lo), hi.push_back(st.kpi[k].hi);
      h5::write_vector(g, std::string(kpis[k].name) + "_mean", m);
      h5::write_vector(g, std::string(kpis[k].name) + "_lo", lo);
      h5::write_vector(g, std::string(kpis[k].name) + "_hi", hi);
    }
    h5::write_vector(g, r.rank_by + "_diff_mean", dmean);
    h5::write_vector(g, r.rank_by + "_diff_lo", dlo);
    h5::write_vector(g, r.rank_by + "_diff_hi", dhi);
    h5::write_vector(g, "rank", rank);
    h5::write_vector(g, "p_best", pbest);
    h5::write_vector(g, "response_wall_s_mean", wall);
  }
  {
    h5::Handle g = h5::create_group(f, "runs");
    std::vector<std::string> plan, err, results;
    std::vector<std::int32_t> member, ok;
    std::vector<double> wall;
    for (const auto& run : r.runs) {
      plan.push_back(r.plans[run.plan]);
      member.push_back(run.member);
      ok.push_back(run.ok);
      err.push_back(run.error);
      wall.push_back(run.wall_s);
      results.push_back("");
    }
    h5::write_strings(g, "plan", plan);
    h5::write_vector(g, "member", member);
    h5::write_vector(g, "ok", ok);
    h5::write_strings(g, "error", err);
    h5::write_strings(g, "results_path", results);
    h5::write_vector(g, "response_wall_s", wall);
    for (std::size_t k = 0; k < kpis.size(); ++k) {
      std::vector<double> col;
      for (const auto& run : r.runs) col.push_back(run.kpi[k]);
      h5::write_vector(g, kpis[k].name, col);
    }
  }
  {
    h5::Handle g = h5::create_group(f, "members");
    std::vector<std::int32_t> id, ok;
    std::vector<double> wall;
    std::vector<std::string> key, err;
    for (const auto& m : r.members)
      id.push_back(m.member), ok.push_back(m.ok), wall.push_back(m.hazard_wall_s),
          key.push_back(m.hazard_key), err.push_back(m.error);
    h5::write_vector(g, "member", id);
    h5::write_vector(g, "ok", ok);
    h5::write_vector(g, "hazard_wall_s", wall);
    h5::write_strings(g, "hazard_key", key);
    h5::write_strings(g, "error", err);
  }
  {
    h5::Handle g = h5::create_group(f, "demand");
    h5::write_vector(g, "node_id", r.demand_node_id);
    h5::write_vector(g, "x", r.demand_x);
    h5::write_vector(g, "y", r.demand_y);
    h5::write_vector(g, "expected_incidents", r.demand);
  }
  write_tradeoff_h5(f, r);
  f.commit();
}

void write_batch_csv(const std::string& path, const BatchResult& r) {
  std::ostringstream os;
  os << "plan";
  for (const auto& k : batch_kpis())
    os << "," << k.name << "_mean," << k.name << "_lo," << k.name << "_hi";
  os << "," << r.rank_by << "_diff_mean," << r.rank_by << "_diff_lo," << r.rank_by << "_diff_hi";
  os << ",rank,p_best,response_wall_s_mean\n";
  for (const auto& st : r.stats) {
    os << escape(st.plan);
    for (const auto& m : st.kpi) os << "," << num(m.mean) << "," << num(m.lo) << "," << num(m.hi);
    os << "," << num(st.diff_vs_baseline.mean) << "," << num(st.diff_vs_baseline.lo) << ","
       << num(st.diff_vs_baseline.hi);
    os << "," << st.rank << "," << num(st.p_best) << "," << num(st.response_wall_mean_s) << "\n";
  }
  io::write_text_atomic(path, os.str());
}

void write_runs_csv(const std::string& path, const BatchResult& r) {
  std::ostringstream os;
  os << "plan,member,ok";
  for (const auto& k : batch_kpis()) os << "," << k.name;
  os << ",response_wall_s,error\n";
  for (const auto& run : r.runs) {
    os << escape(r.plans[run.plan]) << "," << run.member << "," << (run.ok ? 1 : 0);
    for (double v : run.kpi) os << "," << num(v);
    os << "," << num(run.wall_s) << "," << escape(run.error) << "\n";
  }
  io::write_text_atomic(path, os.str());
}

std::string batch_table(const BatchResult& r) {
  std::ostringstream os;
  std::size_t rk = 0, p90 = 0, served = 0;
  const auto& kpis = batch_kpis();
  for (std::size_t k = 0; k < kpis.size(); ++k) {
    if (r.rank_by == kpis[k].name) rk = k;
    if (std::string(kpis[k].name) == "response_time_p90_s") p90 = k;
    if (std::string(kpis[k].name) == "incidents_served") served = k;
  }
  int ok_members = 0;
  for (const auto& m : r.members) ok_members += m.ok;
  char line[512];
  os << "\n  Plan comparison — " << r.scenario_name << " — " << ok_members << " of "
     << r.members.size() << " storm members (95 % confidence intervals; ranked by " << r.rank_by
     << ")\n";
  std::snprintf(line, sizeof line, "  %-4s %-28s %-26s %-24s %-12s %s\n", "rank", "plan",
                r.rank_by.c_str(), "p90 response (min)", "served", "P(best)");
  os << line;
  std::vector<std::size_t> order(r.stats.size());
  for (std::size_t p = 0; p < order.size(); ++p) order[p] = p;
  std::stable_sort(order.begin(), order.end(),
                   [&](auto a, auto b) { return r.stats[a].rank < r.stats[b].rank; });
  for (auto p : order) {
    const auto& st = r.stats[p];
    char a[64], b[64];
    std::snprintf(a, sizeof a, "%.3g [%.3g, %.3g]", st.kpi[rk].mean, st.kpi[rk].lo, st.kpi[rk].hi);
    std::snprintf(b, sizeof b, "%.1f [%.1f, %.1f]", st.kpi[p90].mean / 60, st.kpi[p90].lo / 60,
                  st.kpi[p90].hi / 60);
    std::snprintf(line, sizeof line, "  %-4d %-28s %-26s %-24s %-12.0f %.0f %%\n", st.rank,
                  st.plan.c_str(), a, b, st.kpi[served].mean, 100 * st.p_best);
    os << line;
  }
  os << tradeoff_table(r);
  if (failed_runs(r) > 0) os << "  " << failed_runs_message(r) << "\n";
  return os.str();
}

}  // namespace sd
