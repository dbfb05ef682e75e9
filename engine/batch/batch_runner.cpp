#include "batch/batch_runner.hpp"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>

#include "app/run_estimate.hpp"
#include "batch/batch_journal.hpp"
#include "batch/mpi_comm.hpp"
#include "core/error.hpp"
#include "hazard/hazard_cache.hpp"
#include "hazard/hazard_run.hpp"
#include "io/output_guard.hpp"
#include "response/incident.hpp"
#include "response/simulation.hpp"
#include "scenario/scenario.hpp"

namespace sd {
namespace fs = std::filesystem;

const std::vector<BatchKpi>& batch_kpis() {
  return compared_kpis();
}

namespace {

// The journal (batch/batch_journal.hpp): one file per rank beside the output.
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

}  // namespace

BatchResult run_batch(const BatchRequest& rq, const Comm& comm) {
  const auto wall0 = std::chrono::steady_clock::now();
  if (rq.plan_paths.empty()) throw InputError("batch: give at least one plan (--plans)");
  if (rq.members < 1)
    throw InputError("batch: --members must be at least 1 (got " + std::to_string(rq.members) +
                     ")");
  LoadOptions lo;
  lo.check_grid = [gb = rq.max_memory_gb](const std::string& dem, long long nx, long long ny) {
    require_grid_memory(dem, nx, ny, gb);
  };
  lo.allow_empty_storm = rq.allow_empty_storm;
  const Scenario s = load_scenario(rq.scenario_path, lo);
  // The ensemble perturbs typhoon tracks; a design storm has none, so every member floods the
  // same way and the intervals say nothing about the storm (a zero-width interval on road km
  // closed looked like certainty on imported counties).
  if (s.storm.track_path.empty() && rq.members > 1 && !rq.quiet && comm.rank() == 0)
    std::fprintf(stderr,
                 "stormdrill: warning: %s: the storm is a design storm, which the ensemble does "
                 "not perturb: all %d members share one flood, and the intervals reflect only "
                 "the incident draws, not storm uncertainty\n",
                 rq.scenario_path.c_str(), rq.members);
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
  res.compare = s.compare;
  res.ranks = comm.size();
  res.plan_paths = rq.plan_paths;
  for (const auto& p : rq.plan_paths) res.plans.push_back(fs::path(p).stem().string());
  bool found = false;
  for (const auto& k : batch_kpis()) found |= rq.rank_by == k.name;
  if (!found) throw InputError("batch: --rank-by: unknown KPI '" + rq.rank_by + "'");

  io::check_output_file(rq.out_path, io::FileKind::Hdf5);
  const std::string cache = rq.cache_dir.empty() ? default_cache_dir() : rq.cache_dir;
  io::check_not_in_cache(rq.out_path, cache);
  for (const std::string* t :
       {&rq.csv_path, &rq.runs_csv_path, &rq.tradeoff_csv_path, &rq.plan_kpis_csv_path})
    if (!t->empty()) {
      io::check_output_file(*t, io::FileKind::Text);
      io::check_not_in_cache(*t, cache);
    }

  // Resume: what earlier attempts of this batch finished (any rank's journal).
  const std::string sig = signature(rq, seed);
  JournalContents journaled;
  std::uintmax_t keep_bytes = 0;  // of this rank's journal
  if (rq.resume)
    for (int r = 0; r < 64; ++r)
      if (fs::exists(journal_path(rq, r))) {
        std::string warning;
        const auto good = load_journal(journal_path(rq, r), sig, journaled, &warning);
        if (r == comm.rank()) keep_bytes = good;
        if (!warning.empty()) std::fprintf(stderr, "stormdrill: warning: %s\n", warning.c_str());
      }
  auto& done = journaled.runs;
  auto& done_members = journaled.members;
  if (fs::path(rq.out_path).has_parent_path()) {
    std::error_code ec;
    const fs::path dir = fs::path(rq.out_path).parent_path();
    fs::create_directories(dir, ec);
    if (ec)
      throw IoError("batch: cannot create output folder " + dir.string() + ": " + ec.message());
  }
  JournalWriter journal(journal_path(rq, comm.rank()), sig, keep_bytes);

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
    } catch (const IoError&) {
      throw;  // a full disk is not a failed member: stop, so a rerun resumes and redoes it
    } catch (const std::exception& e) {
      mem.ok = false;
      mem.error = e.what();
      for (auto& c : mem.error)
        if (c == '\n') c = ' ';
    }
    journal.append(journal_member_record(mem));
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
      journal.append(journal_run_record(r));
      my_runs.push_back(r);
    }
    journal.sync();
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
    for (std::size_t k = 0; k < K; ++k) st.kpi.push_back(nonnegative_mean_ci(v[k][p]));
    st.diff_vs_baseline = paired_diff(v[rk][p], v[rk][0]);
    st.response_wall_mean_s = wall_n[p] > 0 ? wall_sum[p] / wall_n[p] : NAN;
    means[p] = st.kpi[rk].mean;
  }
  const auto ranks = competition_ranks(means, kpis[rk].lower_is_better);
  const auto pb = probability_best(v[rk], kpis[rk].lower_is_better, 2000, seed);
  for (std::size_t p = 0; p < P; ++p) r.stats[p].rank = ranks[p], r.stats[p].p_best = pb[p];
  std::vector<char> lower;
  for (const auto& k : kpis) lower.push_back(k.lower_is_better);
  r.tradeoff = compute_tradeoff(v, lower, kpi_deltas(r), pareto_kpi_indices(r.compare),
                                r.compare.adjust != "none", seed);
}

int kpi_index(const std::string& name) {
  const auto& kpis = batch_kpis();
  for (std::size_t k = 0; k < kpis.size(); ++k)
    if (name == kpis[k].name) return static_cast<int>(k);
  return -1;
}

// Smallest differences that matter: the scenario's [compare.delta], else the defaults; a
// relative delta is a share of the baseline plan's mean of its reference KPI.
std::vector<double> kpi_deltas(const BatchResult& r) {
  const auto& kpis = batch_kpis();
  std::vector<double> delta;
  auto baseline_mean = [&](int k) {
    return r.stats.empty() || k < 0 ? NAN : std::abs(r.stats[0].kpi[k].mean);
  };
  for (std::size_t k = 0; k < kpis.size(); ++k) {
    const int ref = kpis[k].relative_to ? kpi_index(kpis[k].relative_to) : static_cast<int>(k);
    double d = kpis[k].relative_to ? kpis[k].delta * baseline_mean(ref) : kpis[k].delta;
    for (const auto& o : r.compare.delta)
      if (o.kpi == kpis[k].name) d = o.percent ? o.value / 100.0 * baseline_mean(ref) : o.value;
    delta.push_back(d);
  }
  return delta;
}

std::vector<int> pareto_kpi_indices(const CompareSettings& c) {
  std::vector<int> idx;
  for (const auto& n : c.pareto_kpis) idx.push_back(kpi_index(n));
  if (idx.empty())
    for (std::size_t k = 0; k < batch_kpis().size(); ++k)
      if (batch_kpis()[k].in_pareto) idx.push_back(static_cast<int>(k));
  return idx;
}

}  // namespace sd
