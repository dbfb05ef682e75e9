#include "batch/batch_runner.hpp"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "app/run_estimate.hpp"
#include "batch/mpi_comm.hpp"
#include "core/error.hpp"
#include "hazard/hazard_cache.hpp"
#include "hazard/hazard_run.hpp"
#include "response/incident.hpp"
#include "response/simulation.hpp"
#include "scenario/scenario.hpp"

namespace sd {
namespace fs = std::filesystem;

const std::vector<BatchKpi>& batch_kpis() {
  static const std::vector<BatchKpi> k = {
      {"expected_fatalities", true},        {"incidents_total", true},
      {"incidents_served", false},          {"incidents_unreachable", true},
      {"incidents_late_or_unserved", true}, {"response_time_median_s", true},
      {"response_time_p90_s", true},        {"people_rescued", false},
      {"people_evacuated", false},          {"shelter_overflow", true},
      {"supply_shortfall", true},           {"team_utilisation", false},
      {"road_km_closed_peak", true},
  };
  return k;
}

namespace {

// The journal: one line per finished run, so a killed batch resumes. Its first line is a
// signature of the batch (scenario, plans, members, seeds); a journal with another signature
// is ignored.
std::string journal_path(const BatchRequest& rq, int rank) {
  return rq.out_path + ".journal." + std::to_string(rank);
}

std::string signature(const BatchRequest& rq, std::uint64_t seed) {
  std::ostringstream os;
  os << "stormdrill-batch-journal v1 " << fs::absolute(rq.scenario_path).string()
     << " members=" << rq.members << " eseed=" << rq.ensemble_seed << " seed=" << seed;
  for (const auto& p : rq.plan_paths) os << " " << fs::absolute(p).string();
  return os.str();
}

void load_journal(const std::string& path, const std::string& sig,
                  std::map<std::pair<int, int>, BatchRun>& done,
                  std::map<int, BatchMember>& members) {
  std::ifstream in(path);
  std::string line;
  if (!std::getline(in, line) || line != sig) return;
  while (std::getline(in, line)) {
    std::istringstream ss(line);
    std::string kind;
    ss >> kind;
    if (kind == "run") {
      BatchRun r;
      int ok;
      ss >> r.plan >> r.member >> ok >> r.wall_s;
      r.ok = ok;
      for (std::size_t k = 0; k < batch_kpis().size(); ++k) {
        std::string v;
        ss >> v;
        r.kpi.push_back(v == "nan" ? NAN : std::stod(v));
      }
      std::getline(ss >> std::ws, r.error);
      if (r.kpi.size() == batch_kpis().size()) done[{r.plan, r.member}] = r;
    } else if (kind == "member") {
      BatchMember m;
      int ok;
      ss >> m.member >> ok >> m.hazard_wall_s >> m.hazard_key;
      m.ok = ok;
      std::getline(ss >> std::ws, m.error);
      members[m.member] = m;
    }
  }
}

std::string fmt(double v) {
  if (!std::isfinite(v)) return "nan";
  char b[40];
  std::snprintf(b, sizeof b, "%.17g", v);
  return b;
}

}  // namespace

BatchResult run_batch(const BatchRequest& rq, const Comm& comm) {
  const auto wall0 = std::chrono::steady_clock::now();
  if (rq.plan_paths.empty()) throw InputError("batch: give at least one plan (--plans)");
  if (rq.members < 1) throw InputError("batch: --members must be >= 1");
  const Scenario s = load_scenario(rq.scenario_path);
  std::vector<Plan> plans;
  for (const auto& p : rq.plan_paths) plans.push_back(load_plan(p, s));
  auto model = build_response_model(s);
  require_drill_resources(s, *model, plans.size(), static_cast<std::size_t>(rq.members),
                          rq.max_memory_gb,
                          rq.cache_dir.empty() ? default_cache_dir() : rq.cache_dir);
  const std::uint64_t seed = rq.seed.value_or(s.seed);
  BatchResult res;
  res.scenario_name = s.name;
  res.scenario_path = s.path;
  res.rank_by = rq.rank_by;
  res.ranks = comm.size();
  res.plan_paths = rq.plan_paths;
  for (const auto& p : rq.plan_paths) res.plans.push_back(fs::path(p).stem().string());
  bool found = false;
  for (const auto& k : batch_kpis()) found |= rq.rank_by == k.name;
  if (!found) throw InputError("batch: --rank-by: unknown KPI '" + rq.rank_by + "'");

  // Resume: what earlier attempts of this batch finished (any rank's journal).
  const std::string sig = signature(rq, seed);
  std::map<std::pair<int, int>, BatchRun> done;
  std::map<int, BatchMember> done_members;
  if (rq.resume)
    for (int r = 0; r < 64; ++r)
      if (fs::exists(journal_path(rq, r)))
        load_journal(journal_path(rq, r), sig, done, done_members);
  if (fs::path(rq.out_path).has_parent_path())
    fs::create_directories(fs::path(rq.out_path).parent_path());
  std::ofstream journal(journal_path(rq, comm.rank()), std::ios::app);
  if (fs::file_size(journal_path(rq, comm.rank())) == 0)
    journal << sig << "\n" << std::flush;
  else if (!rq.resume) {
    journal.close();
    journal.open(journal_path(rq, comm.rank()), std::ios::trunc);
    journal << sig << "\n" << std::flush;
  }

  const std::size_t N = model->graph->num_nodes();
  std::vector<double> demand(N, 0.0);
  std::vector<BatchRun> my_runs;
  std::vector<BatchMember> my_members;
  const int P = static_cast<int>(plans.size());
  int processed = 0;
  for (int m = 1; m <= rq.members; ++m) {
    if ((m - 1) % comm.size() != comm.rank()) continue;  // round-robin over ranks
    if (rq.stop_after_members >= 0 && processed >= rq.stop_after_members) {
      res.complete = false;
      break;
    }
    ++processed;
    BatchMember mem;
    mem.member = m;
    HazardTimeline hz;
    bool all_done = done_members.count(m) > 0;
    for (int p = 0; p < P && all_done; ++p) all_done = done.count({p, m}) > 0;
    if (all_done) {
      my_members.push_back(done_members[m]);
      for (int p = 0; p < P; ++p) my_runs.push_back(done[{p, m}]);
      // Demand still needs the member's incidents: read its cached timeline when present.
      if (done_members[m].ok) {
        HazardOptions ho;
        ho.member = m;
        ho.ensemble_seed = rq.ensemble_seed;
        ho.cache_dir = rq.cache_dir;
        if (auto t = cached_hazard(s, *model, ho))
          for (const auto& inc : generate_incidents(*model, *t, seed, m))
            if (inc.need == Capability::Rescue || inc.need == Capability::WaterRescue)
              demand[inc.node] += 1.0 / rq.members;
      }
      continue;
    }
    try {
      if (m == rq.fail_member)
        throw std::runtime_error("injected failure of member " + std::to_string(m) +
                                 " (testing aid)");
      HazardOptions ho;
      ho.member = m;
      ho.ensemble_seed = rq.ensemble_seed;
      ho.threads = rq.threads;
      ho.cache_dir = rq.cache_dir;
      ho.use_cache = rq.use_cache;
      ho.cache_max_gb = rq.cache_max_gb;
      const auto h0 = std::chrono::steady_clock::now();
      hz = run_hazard(s, *model, ho);
      mem.hazard_wall_s =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - h0).count();
      mem.hazard_key = hz.key;
      mem.ok = true;
    } catch (const std::exception& e) {
      mem.ok = false;
      mem.error = e.what();
      for (auto& c : mem.error)
        if (c == '\n') c = ' ';
    }
    journal << "member " << m << " " << mem.ok << " " << fmt(mem.hazard_wall_s) << " "
            << (mem.hazard_key.empty() ? "-" : mem.hazard_key) << " " << mem.error << "\n"
            << std::flush;
    my_members.push_back(mem);
    if (mem.ok)
      for (const auto& inc : generate_incidents(*model, hz, seed, m))
        if (inc.need == Capability::Rescue || inc.need == Capability::WaterRescue)
          demand[inc.node] += 1.0 / rq.members;
    std::vector<BatchRun> runs(P);
#pragma omp parallel for schedule(dynamic, 1) \
    num_threads(rq.threads > 0 ? rq.threads : omp_get_max_threads())
    for (int p = 0; p < P; ++p) {
      BatchRun& r = runs[p];
      r.plan = p;
      r.member = m;
      if (done.count({p, m})) {
        r = done.at({p, m});
        continue;
      }
      if (!mem.ok) {
        r.ok = false;
        r.error = "hazard failed: " + mem.error;
        r.kpi.assign(batch_kpis().size(), NAN);
        continue;
      }
      try {
        RunOptions o;
        o.seed = seed;
        o.member = m;
        o.record_detail = false;
        const RunResult rr = simulate_response(*model, hz, plans[p], o);
        for (const auto& k : batch_kpis()) r.kpi.push_back(rr.kpi(k.name));
        r.wall_s = rr.wall_s;
        r.ok = true;
      } catch (const std::exception& e) {
        r.ok = false;
        r.error = e.what();
        r.kpi.assign(batch_kpis().size(), NAN);
      }
    }
    for (const auto& r : runs) {
      journal << "run " << r.plan << " " << r.member << " " << r.ok << " " << fmt(r.wall_s);
      for (double v : r.kpi) journal << " " << fmt(v);
      journal << " " << r.error << "\n";
      my_runs.push_back(r);
    }
    journal.flush();
    if (!rq.quiet)
      std::fprintf(stderr, "batch: member %d/%d %s (hazard %.1f s), %d plans replayed\n", m,
                   rq.members, mem.ok ? "ok" : "FAILED", mem.hazard_wall_s, P);
  }

  // Gather at rank 0: runs as doubles (plan, member, ok, wall, kpis...) + error strings.
  const std::size_t K = batch_kpis().size();
  std::vector<double> flat, all;
  std::vector<std::string> errs, all_errs;
  for (const auto& r : my_runs) {
    flat.insert(flat.end(), {static_cast<double>(r.plan), static_cast<double>(r.member),
                             r.ok ? 1.0 : 0.0, r.wall_s});
    flat.insert(flat.end(), r.kpi.begin(), r.kpi.end());
    errs.push_back(r.error);
  }
  comm.gather(flat, all);
  comm.gather(errs, all_errs);
  std::vector<double> mflat, mall;
  std::vector<std::string> mstr, mall_str;
  for (const auto& mb : my_members) {
    mflat.insert(mflat.end(),
                 {static_cast<double>(mb.member), mb.ok ? 1.0 : 0.0, mb.hazard_wall_s});
    mstr.push_back(mb.hazard_key);
    mstr.push_back(mb.error);
  }
  comm.gather(mflat, mall);
  comm.gather(mstr, mall_str);
  comm.sum(demand);
  double stopped = res.complete ? 0.0 : 1.0;
  std::vector<double> st = {stopped};
  comm.sum(st);
  res.complete = st[0] == 0.0;
  if (comm.rank() != 0) return res;

  const std::size_t stride = 4 + K;
  for (std::size_t q = 0; q * stride < all.size(); ++q) {
    BatchRun r;
    r.plan = static_cast<int>(all[q * stride]);
    r.member = static_cast<int>(all[q * stride + 1]);
    r.ok = all[q * stride + 2] != 0;
    r.wall_s = all[q * stride + 3];
    r.kpi.assign(all.begin() + static_cast<long>(q * stride + 4),
                 all.begin() + static_cast<long>((q + 1) * stride));
    r.error = q < all_errs.size() ? all_errs[q] : "";
    res.runs.push_back(r);
  }
  for (std::size_t q = 0; q * 3 < mall.size(); ++q) {
    BatchMember mb;
    mb.member = static_cast<int>(mall[q * 3]);
    mb.ok = mall[q * 3 + 1] != 0;
    mb.hazard_wall_s = mall[q * 3 + 2];
    mb.hazard_key = mall_str[2 * q] == "-" ? "" : mall_str[2 * q];
    mb.error = mall_str[2 * q + 1];
    res.members.push_back(mb);
  }
  std::sort(res.runs.begin(), res.runs.end(), [](const BatchRun& a, const BatchRun& b) {
    return a.member != b.member ? a.member < b.member : a.plan < b.plan;
  });
  std::sort(res.members.begin(), res.members.end(),
            [](auto& a, auto& b) { return a.member < b.member; });
  for (std::size_t v = 0; v < N; ++v) {
    if (demand[v] <= 0) continue;
    res.demand_node_id.push_back(model->node_id[v]);
    res.demand_x.push_back(model->graph->x()[v]);
    res.demand_y.push_back(model->graph->y()[v]);
    res.demand.push_back(demand[v]);
  }
  compute_stats(res, seed);
  res.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  return res;
}

void compute_stats(BatchResult& r, std::uint64_t seed) {
  const auto& kpis = batch_kpis();
  const std::size_t P = r.plans.size(), K = kpis.size();
  int M = 0;
  for (const auto& run : r.runs) M = std::max(M, run.member);
  // values[k][p][m-1]
  std::vector<std::vector<std::vector<double>>> v(
      K, std::vector<std::vector<double>>(P, std::vector<double>(M, NAN)));
  std::vector<double> wall_sum(P, 0.0), wall_n(P, 0.0);
  for (const auto& run : r.runs) {
    if (!run.ok) continue;
    for (std::size_t k = 0; k < K; ++k) v[k][run.plan][run.member - 1] = run.kpi[k];
    wall_sum[run.plan] += run.wall_s;
    wall_n[run.plan] += 1;
  }
  std::size_t rk = 0;
  for (std::size_t k = 0; k < K; ++k)
    if (r.rank_by == kpis[k].name) rk = k;
  r.stats.assign(P, {});
  std::vector<double> means(P);
  for (std::size_t p = 0; p < P; ++p) {
    PlanStats& st = r.stats[p];
    st.plan = r.plans[p];
    for (std::size_t k = 0; k < K; ++k) st.kpi.push_back(mean_ci(v[k][p]));
    st.diff_vs_baseline = paired_diff(v[rk][p], v[rk][0]);
    st.response_wall_mean_s = wall_n[p] > 0 ? wall_sum[p] / wall_n[p] : NAN;
    means[p] = st.kpi[rk].mean;
  }
  const auto ranks = competition_ranks(means, kpis[rk].lower_is_better);
  const auto pb = probability_best(v[rk], kpis[rk].lower_is_better, 2000, seed);
  for (std::size_t p = 0; p < P; ++p) r.stats[p].rank = ranks[p], r.stats[p].p_best = pb[p];
}

}  // namespace sd
