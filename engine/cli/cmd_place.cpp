// `stormdrill place`: where to station teams or stock supplies (issue 5). Builds a cost
// matrix (candidate site -> demand node travel costs over the road graph) and runs the
// placement optimizers; prints the sites, objective, bound and gap.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <numeric>
#include <optional>
#include <random>

#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/network_args.hpp"
#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "io/h5.hpp"
#include "io/json_writer.hpp"
#include "io/output_guard.hpp"
#include "network/router.hpp"
#include "placement/solve.hpp"
#include "response/assignment.hpp"
#include "scenario/scenario.hpp"

namespace sd::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct PlaceArgs {
  NetworkArgs net;
  int p = 0;
  std::string objective = "pmedian", metric, demand, candidates, fixed, summary_json;
  double cover_m = NAN, cover_s = NAN, time_limit_s = 60.0;
  std::uint64_t seed = 1;
  int threads = 0;
  std::string from_batch, out_plan;
};

// `--from-batch`: the batch's expected rescue calls per road node (over its storm members)
// become the demand; the batch's scenario supplies the road network and the teams.
struct BatchDemand {
  std::string scenario_path;
  std::vector<std::int64_t> node_id;
  std::vector<double> weight;
};

BatchDemand read_batch_demand(const std::string& path) {
  auto f = h5::File::open_read(path);
  io::note_input(path);
  if (!h5::exists(f, "meta") || !h5::exists(f, "demand/node_id"))
    throw InputError(path + ": not a stormdrill batch file (no /demand)");
  h5::Handle meta = h5::open_group(f, "meta");
  BatchDemand d;
  d.scenario_path = h5::attr_string(meta, "scenario_path");
  d.node_id = h5::read_vector<std::int64_t>(f, "demand/node_id");
  d.weight = h5::read_vector<double>(f, "demand/expected_incidents");
  if (d.node_id.empty())
    throw InputError(path + ": the batch recorded no rescue calls (no demand to place for)");
  return d;
}

// Writes a plan that stations the scenario's rescue-capable teams at the chosen sites:
// teams are matched to sites by a minimum-total-distance assignment (Hungarian method).
void write_plan(const std::string& out, const Scenario& s, const std::vector<double>& site_x,
                const std::vector<double>& site_y, const std::string& source) {
  std::vector<int> teams;
  for (std::size_t t = 0; t < s.teams.size(); ++t)
    if (s.teams[t].capabilities & (bit(Capability::Rescue) | bit(Capability::WaterRescue)))
      teams.push_back(static_cast<int>(t));
  const int R = static_cast<int>(site_x.size()), C = static_cast<int>(teams.size());
  std::vector<double> cost(static_cast<std::size_t>(R) * C);
  for (int r = 0; r < R; ++r)
    for (int c = 0; c < C; ++c)
      cost[static_cast<std::size_t>(r) * C + c] =
          std::hypot(site_x[r] - s.teams[teams[c]].x, site_y[r] - s.teams[teams[c]].y);
  const std::vector<int> match = min_cost_assignment(cost, R, C);
  std::string text =
      "# Plan written by `stormdrill place --from-batch " + source +
      "`: rescue teams stationed at the p-median sites for the batch's expected rescue calls.\n"
      "[plan]\nname = \"optimised\"\ndispatch = \"nearest\"\n"
      "# Teams leave for their stations with the warning and take calls once there; \"start\"\n"
      "# moves them before the drill (docs/response-model.md, Pre-positioning).\n"
      "preposition_at = \"warning\"\n";
  for (int r = 0; r < R; ++r) {
    if (match[r] < 0) continue;
    char buf[512];
    std::snprintf(buf, sizeof buf, "\n[[plan.station]]\nteam = \"%s\"\nx = %.1f\ny = %.1f\n",
                  s.teams[teams[match[r]]].name.c_str(), site_x[r], site_y[r]);
    text += buf;
  }
  io::write_text_atomic(out, text);
}

// Every node of the largest strongly connected component: on a real network the nodes
// outside it (one-way dead ends, car parks) cannot all be reached or left, so "every node"
// means every node that a plan can serve; the loader's warning lists the rest.
std::vector<net::NodeId> main_component(const net::RoadGraph& g) {
  std::vector<char> out(g.num_nodes(), 0);
  for (net::NodeId v : g.outside_largest_scc()) out[v] = 1;
  std::vector<net::NodeId> nodes;
  for (net::NodeId v = 0; v < g.num_nodes(); ++v)
    if (!out[v]) nodes.push_back(v);
  return nodes;
}

// Demand nodes and weights; without a file every node (of the main component) has weight 1.
// (Hook: `--from-batch` will supply expected incidents per node here instead of a file.)
void read_demand(const PlaceArgs& a, const LoadedNetwork& ln, std::vector<net::NodeId>& nodes,
                 std::vector<double>& weight) {
  if (a.demand.empty()) {
    nodes = main_component(*ln.graph);
    weight.assign(nodes.size(), 1.0);
    return;
  }
  const io::NodeValues nv = io::load_node_values(a.demand);
  for (std::size_t k = 0; k < nv.node.size(); ++k) {
    nodes.push_back(
        ln.node(nv.node[k], a.demand + ": row " + std::to_string(k + 1) + ": field 'node'"));
    const double w = std::isnan(nv.value[k]) ? 1.0 : nv.value[k];
    if (w < 0)
      throw InputError(a.demand + ": row " + std::to_string(k + 1) +
                       ": field 'weight': must be >= 0");
    weight.push_back(w);
  }
}

struct Sites {
  std::vector<net::NodeId> node;
  std::vector<double> capacity;  // empty when no capacity column
  std::vector<std::uint32_t> fixed;
};

Sites read_sites(const PlaceArgs& a, const LoadedNetwork& ln) {
  Sites s;
  if (a.candidates.empty()) {
    s.node = main_component(*ln.graph);
  } else {
    const io::NodeValues nv = io::load_node_values(a.candidates);
    const bool has_cap =
        std::any_of(nv.value.begin(), nv.value.end(), [](double v) { return !std::isnan(v); });
    for (std::size_t k = 0; k < nv.node.size(); ++k) {
      const std::string at = a.candidates + ": row " + std::to_string(k + 1);
      s.node.push_back(ln.node(nv.node[k], at + ": field 'node'"));
      if (has_cap) {
        if (std::isnan(nv.value[k]) || nv.value[k] < 0)
          throw InputError(at + ": field 'capacity': missing or negative");
        s.capacity.push_back(nv.value[k]);
      }
    }
  }
  if (!a.fixed.empty()) {
    const io::NodeValues nv = io::load_node_values(a.fixed);
    for (std::size_t k = 0; k < nv.node.size(); ++k) {
      const net::NodeId v =
          ln.node(nv.node[k], a.fixed + ": row " + std::to_string(k + 1) + ": field 'node'");
      const auto it = std::find(s.node.begin(), s.node.end(), v);
      if (it == s.node.end())
        throw InputError(a.fixed + ": row " + std::to_string(k + 1) + ": node " +
                         std::to_string(nv.node[k]) + " is not a candidate site");
      s.fixed.push_back(static_cast<std::uint32_t>(it - s.node.begin()));
    }
  }
  return s;
}

// The candidate x demand travel-time matrix, built in blocks of rows so that the time limit
// can stop it: fixed sites first, then the other candidates in a seeded random order (an
// early stop leaves a spread-out sample rather than one corner of the network). At least p
// rows are always computed, so a solution exists whatever the limit.
struct CandidateRows {
  Sites sites;  // the candidates whose rows were computed, fixed ones first
  net::CostMatrix matrix;
};

CandidateRows candidate_rows(const net::NetworkState& state, net::Metric metric, const Sites& all,
                             const std::vector<net::NodeId>& demand, const PlaceArgs& a,
                             Clock::time_point deadline) {
  std::vector<std::uint32_t> order(all.fixed.begin(), all.fixed.end());
  std::vector<std::uint32_t> rest;
  std::vector<char> is_fixed(all.node.size(), 0);
  for (auto f : all.fixed) is_fixed[f] = 1;
  for (std::uint32_t j = 0; j < all.node.size(); ++j)
    if (!is_fixed[j]) rest.push_back(j);
  std::mt19937_64 rng(a.seed);
  std::shuffle(rest.begin(), rest.end(), rng);
  order.insert(order.end(), rest.begin(), rest.end());
  const std::size_t block = static_cast<std::size_t>(std::max(16, 4 * std::max(1, a.threads)));
  CandidateRows out;
  out.matrix.cols = demand.size();
  std::vector<double> unsorted;  // rows in computation order
  std::size_t done = 0;
  while (done < order.size()) {
    if (done >= static_cast<std::size_t>(a.p) && Clock::now() >= deadline) break;
    const std::size_t n = std::min(block, order.size() - done);
    std::vector<net::NodeId> src;
    for (std::size_t k = done; k < done + n; ++k) src.push_back(all.node[order[k]]);
    const net::CostMatrix part = net::travel_matrix(state, metric, src, demand, a.threads);
    unsorted.insert(unsorted.end(), part.values.begin(), part.values.end());
    done += n;
  }
  // Back to the candidates' own order (the same problem as without a limit when complete).
  std::vector<std::size_t> by_index(done);
  std::iota(by_index.begin(), by_index.end(), std::size_t{0});
  std::sort(by_index.begin(), by_index.end(),
            [&](std::size_t x, std::size_t y) { return order[x] < order[y]; });
  out.matrix.rows = done;
  std::vector<double> values(done * demand.size());
  for (std::size_t k = 0; k < done; ++k) {
    const std::size_t r = by_index[k];
    std::copy_n(unsorted.begin() + static_cast<long>(r * demand.size()), demand.size(),
                values.begin() + static_cast<long>(k * demand.size()));
    out.sites.node.push_back(all.node[order[r]]);
    if (!all.capacity.empty()) out.sites.capacity.push_back(all.capacity[order[r]]);
    if (is_fixed[order[r]]) out.sites.fixed.push_back(static_cast<std::uint32_t>(k));
  }
  out.matrix.values = std::move(values);
  return out;
}

void write_summary(const PlaceArgs& a, const place::Solution& s, bool has_bound,
                   const LoadedNetwork& ln, const Sites& sites, double wall_s,
                   std::size_t n_demand) {
  io::Json j = io::Json::object();
  const bool maximise = a.objective == "mclp";
  j.set("objective_kind", a.objective);
  j.set("metric", a.metric);
  j.set("p", a.p);
  j.set("objective", s.objective);
  // For MCLP the found coverage is the lower bound on the optimum; the relaxation gives the
  // upper bound. For p-median and p-center the relaxation gives the lower bound.
  // Without a bound (time limit) the bound and the gap are null, never a made-up number.
  const io::Json bound = has_bound ? io::Json(s.bound) : io::Json::null();
  j.set("lower_bound", maximise ? io::Json(s.objective) : bound);
  if (maximise) j.set("upper_bound", bound);
  j.set("gap", has_bound ? io::Json(s.gap) : io::Json::null());
  j.set("proven_optimal", s.proven_optimal);
  io::Json ids = io::Json::array();
  for (auto c : s.sites) ids.push(static_cast<long long>(ln.data.node_id[sites.node[c]]));
  j.set("sites", ids);
  // Where the sites are (network CRS) and their names when the nodes table has them.
  io::Json sxy = io::Json::array(), names = io::Json::array();
  bool named = false;
  for (auto c : s.sites) {
    const net::NodeId v = sites.node[c];
    io::Json p = io::Json::array();
    p.push(ln.data.x[v]);
    p.push(ln.data.y[v]);
    sxy.push(p);
    names.push(ln.name_of(v));
    named = named || !ln.name_of(v).empty();
  }
  j.set("site_xy", sxy);
  if (named) j.set("site_names", names);
  j.set("method", s.method);
  j.set("n_demand", static_cast<long long>(n_demand));
  j.set("n_candidates", static_cast<long long>(sites.node.size()));
  j.set("wall_s", wall_s);
  io::write_text_atomic(a.summary_json, j.dump() + "\n");
}

void run_place(PlaceArgs a) {
  const Clock::time_point t0 = Clock::now();
  if (!std::isnan(a.cover_m) && !std::isnan(a.cover_s))
    throw InputError("--cover-m and --cover-s exclude each other");
  if (a.objective == "mclp" && std::isnan(a.cover_m) && std::isnan(a.cover_s))
    throw InputError("--objective mclp needs a coverage standard: --cover-m X or --cover-s T");
  const std::string implied = !std::isnan(a.cover_m)   ? "length"
                              : !std::isnan(a.cover_s) ? "time"
                                                       : "";
  if (a.metric.empty()) a.metric = implied.empty() ? "time" : implied;
  if (!implied.empty() && a.metric != implied)
    throw InputError("--metric " + a.metric + " does not match the coverage standard (" + implied +
                     ")");
  std::optional<BatchDemand> bd;
  std::optional<Scenario> scenario;
  if (!a.from_batch.empty()) {
    bd = read_batch_demand(a.from_batch);
    scenario = load_scenario(bd->scenario_path);
    if (a.net.nodes.empty() && a.net.network.empty()) {
      a.net.nodes = scenario->roads_nodes_path;
      a.net.edges = scenario->roads_edges_path;
      a.net.network = scenario->roads_network_path;
    }
    if (a.p < 1)
      for (const auto& t : scenario->teams)
        a.p += (t.capabilities & (bit(Capability::Rescue) | bit(Capability::WaterRescue))) ? 1 : 0;
  } else if (!a.out_plan.empty()) {
    throw InputError(
        "--out-plan needs --from-batch (the plan's teams come from the batch's scenario)");
  }
  if (!a.out_plan.empty()) io::check_output_file(a.out_plan, io::FileKind::Text);
  if (!a.summary_json.empty()) io::check_output_file(a.summary_json, io::FileKind::Text);
  if (a.p < 1) throw InputError("--p must be at least 1");

  const LoadedNetwork ln = load_network(a.net);
  std::vector<net::NodeId> demand;
  std::vector<double> weight;
  if (bd) {
    for (std::size_t k = 0; k < bd->node_id.size(); ++k) {
      demand.push_back(ln.node(bd->node_id[k], a.from_batch + ": /demand/node_id"));
      weight.push_back(bd->weight[k]);
    }
  } else {
    read_demand(a, ln, demand, weight);
  }
  const Sites sites = read_sites(a, ln);
  if (static_cast<std::size_t>(a.p) > sites.node.size())
    throw InputError("--p " + std::to_string(a.p) + " exceeds the " +
                     std::to_string(sites.node.size()) + " candidate sites");
  if (sites.fixed.size() > static_cast<std::size_t>(a.p))
    throw InputError("more fixed sites than --p");
  const double cells = static_cast<double>(demand.size()) * static_cast<double>(sites.node.size());
  if (cells > 4e7)
    throw InputError("the demand x candidate matrix would hold " +
                     std::to_string(static_cast<long long>(cells)) +
                     " entries (limit 4e7): give --candidates and/or --demand");

  const net::Metric metric = a.metric == "length" ? net::Metric::Length : net::Metric::Time;
  const net::NetworkState state(*ln.graph);
  // --time-limit-s covers the matrix too: 70 % of what is left after loading at most, the
  // rest for the search. Rows stop early with a sample of the candidates (at least p).
  const double loaded = std::chrono::duration<double>(Clock::now() - t0).count();
  const Clock::time_point matrix_deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                         std::max(0.0, 0.7 * (a.time_limit_s - loaded))));
  const CandidateRows rows = candidate_rows(state, metric, sites, demand, a, matrix_deadline);
  const bool partial = rows.sites.node.size() < sites.node.size();
  if (partial) {
    std::printf(
        "time limit: travel times from %zu of %zu candidate sites were computed in time; the "
        "sites are the best among those (no bound for the full problem)\n",
        rows.sites.node.size(), sites.node.size());
    std::fprintf(stderr,
                 "stormdrill: warning: --time-limit-s %.3g s ended the travel-time matrix after "
                 "%zu of %zu candidate sites\n",
                 a.time_limit_s, rows.sites.node.size(), sites.node.size());
  }
  const net::CostMatrix& cm = rows.matrix;
  const Sites& used_sites = rows.sites;

  // Demand no candidate can reach is left out (no plan can serve it) and reported.
  std::vector<std::size_t> keep;
  for (std::size_t i = 0; i < demand.size(); ++i) {
    bool reached = false;
    for (std::size_t j = 0; j < used_sites.node.size() && !reached; ++j)
      reached = std::isfinite(cm.at(j, i));
    if (reached) keep.push_back(i);
  }
  if (keep.empty()) throw InputError("no demand node can be reached from any candidate site");
  if (keep.size() < demand.size())
    std::fprintf(
        stderr,
        "stormdrill: warning: %zu demand nodes cannot be reached from any candidate; left out\n",
        demand.size() - keep.size());
  place::Problem pb;
  pb.n_demand = keep.size(), pb.n_cand = used_sites.node.size(), pb.p = a.p;
  pb.cost.resize(pb.n_demand * pb.n_cand);
  for (std::size_t k = 0; k < keep.size(); ++k) {
    for (std::size_t j = 0; j < pb.n_cand; ++j) pb.cost[k * pb.n_cand + j] = cm.at(j, keep[k]);
    pb.weight.push_back(weight[keep[k]]);
  }
  pb.fixed = used_sites.fixed;
  pb.cover_radius = !std::isnan(a.cover_m) ? a.cover_m : !std::isnan(a.cover_s) ? a.cover_s : 0.0;
  place::Options opt;
  opt.objective = a.objective == "pmedian" ? place::Objective::PMedian
                  : a.objective == "mclp"  ? place::Objective::MaxCover
                                           : place::Objective::PCenter;
  if (!used_sites.capacity.empty()) {
    if (opt.objective != place::Objective::PMedian)
      std::fprintf(stderr, "stormdrill: warning: capacities are used by pmedian only; ignored\n");
    else
      pb.capacity = used_sites.capacity;
  }
  opt.seed = a.seed;
  opt.threads = a.threads;
  // --time-limit-s bounds the whole command: the solver gets what loading left, minus a margin.
  const double used = std::chrono::duration<double>(Clock::now() - t0).count();
  opt.time_limit_s = std::max(0.0, 0.95 * a.time_limit_s - used);
  const place::Solution s = place::solve(pb, opt);
  // A bound over a sample of the candidates bounds nothing about the full problem.
  const bool has_bound = s.has_bound && !partial;
  const double wall = std::chrono::duration<double>(Clock::now() - t0).count();

  std::printf("objective (%s, %s): %.10g\n", a.objective.c_str(), a.metric.c_str(), s.objective);
  const char* side = opt.objective == place::Objective::MaxCover ? "upper" : "lower";
  if (has_bound)
    std::printf("%s bound: %.10g  gap: %.4f%%%s\n", side, s.bound, 100.0 * s.gap,
                s.proven_optimal ? "  (optimal)" : "");
  else
    std::printf("%s bound: no bound (%s)  gap: unknown\n", side,
                partial ? "only part of the candidates were evaluated in the time limit"
                        : "the time limit ended before a bound was computed");
  std::printf("sites:");
  for (auto c : s.sites)
    std::printf(" %lld", static_cast<long long>(ln.data.node_id[used_sites.node[c]]));
  std::printf("\n");
  for (auto c : s.sites) std::printf("  site %s\n", ln.describe(used_sites.node[c]).c_str());
  std::printf("method: %s; %.2f s\n", s.method.c_str(), wall);
  if (!std::isfinite(s.objective))
    std::fprintf(stderr,
                 "stormdrill: warning: some demand cannot be reached from the chosen sites\n");
  if (!a.summary_json.empty()) write_summary(a, s, has_bound, ln, used_sites, wall, pb.n_demand);
  if (!a.out_plan.empty() && scenario) {
    std::vector<double> sx, sy;
    for (auto c : s.sites)
      sx.push_back(ln.graph->x()[used_sites.node[c]]),
          sy.push_back(ln.graph->y()[used_sites.node[c]]);
    write_plan(a.out_plan, *scenario, sx, sy, a.from_batch);
    std::printf("plan written: %s\n", a.out_plan.c_str());
  }
}

}  // namespace

void add_place(CLI::App& app) {
  auto a = std::make_shared<PlaceArgs>();
  auto* cmd =
      app.add_subcommand("place", "Choose team stations or supply depots on the road graph");
  a->net.add_to(*cmd);
  cmd->add_option("--p", a->p,
                  "number of sites to open (fixed sites included; with --from-batch default: the "
                  "rescue teams)");
  cmd->add_option("--from-batch", a->from_batch,
                  "demand = expected rescue calls per node from a batch file (its scenario gives "
                  "roads and teams)");
  cmd->add_option("--out-plan", a->out_plan,
                  "with --from-batch: write a plan file stationing the rescue teams at the sites");
  cmd->add_option("--objective", a->objective, "pmedian | mclp | pcenter (default pmedian)")
      ->check(CLI::IsMember({"pmedian", "mclp", "pcenter"}));
  cmd->add_option("--cover-m", a->cover_m, "MCLP coverage standard in metres (metric length)");
  cmd->add_option("--cover-s", a->cover_s, "MCLP coverage standard in seconds (metric time)");
  cmd->add_option("--metric", a->metric, "length | time (default time)")
      ->check(CLI::IsMember({"length", "time"}));
  cmd->add_option("--demand", a->demand, "CSV node,weight (default: every node, weight 1)");
  cmd->add_option("--candidates", a->candidates, "CSV node[,capacity] (default: every node)");
  cmd->add_option("--fixed", a->fixed, "CSV node: existing sites that must stay open");
  cmd->add_option("--time-limit-s", a->time_limit_s, "bound on the whole command (default 60)");
  cmd->add_option("--summary-json", a->summary_json, "write a JSON summary here (atomically)");
  cmd->add_option("--seed", a->seed, "random seed of the search (default 1)")->check(seed_check());
  cmd->add_option("--threads", a->threads, "threads (default: all)");
  cmd->callback([a] { run_place(*a); });
}

}  // namespace sd::cli
