// `stormdrill route`: shortest travel time or distance between two road nodes, with optional
// closures, printed as text or as one JSON object (issue 5).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>

#include "cli/commands.hpp"
#include "cli/network_args.hpp"
#include "core/error.hpp"
#include "io/csv_table.hpp"
#include "io/json_writer.hpp"
#include "network/router.hpp"

namespace sd::cli {
namespace {

struct RouteArgs {
  NetworkArgs net;
  std::int64_t from = 0, to = 0;
  std::string metric = "time", closures;
  double at_s = 0.0;
  bool json = false;
};

// closures CSV: from,to[,t_start_s,t_end_s]; rows without times close the edge always.
std::vector<net::TimedClosure> read_closures(const std::string& path, const LoadedNetwork& ln) {
  const io::CsvTable t(path);
  const std::size_t cf = t.required("from"), ct = t.required("to");
  const auto cs = t.column("t_start_s"), ce = t.column("t_end_s");
  std::vector<net::TimedClosure> out;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    net::TimedClosure c;
    auto node = [&](std::size_t col, const char* field) {
      const auto v = ln.data.find(t.integer(r, col));
      if (!v)
        throw InputError(t.at(r) + ": field '" + field + "': node id " + t.text(r, col) +
                         " is not in the road network");
      return *v;
    };
    c.from = node(cf, "from");
    c.to = node(ct, "to");
    if (cs && t.has_value(r, *cs)) c.t_start_s = t.number(r, *cs);
    if (ce && t.has_value(r, *ce)) c.t_end_s = t.number(r, *ce);
    if (ln.graph->edges_between(c.from, c.to).empty())
      std::fprintf(stderr, "stormdrill: warning: %s: no edge %s -> %s to close\n", t.at(r).c_str(),
                   t.text(r, cf).c_str(), t.text(r, ct).c_str());
    out.push_back(c);
  }
  return out;
}

io::Json xy(const LoadedNetwork& ln, net::NodeId v) {
  io::Json p = io::Json::array();
  p.push(ln.data.x[v]);
  p.push(ln.data.y[v]);
  return p;
}

// Coordinates (and names where the nodes table has them) beside the node ids, so a planner
// can find the route on a map: from_xy, to_xy, path_xy [, from_name, to_name, path_names].
void add_places(io::Json& j, const LoadedNetwork& ln, net::NodeId from, net::NodeId to,
                const std::vector<net::NodeId>& path) {
  j.set("from_xy", xy(ln, from));
  j.set("to_xy", xy(ln, to));
  io::Json pxy = io::Json::array(), names = io::Json::array();
  bool named = !ln.name_of(from).empty() || !ln.name_of(to).empty();
  for (net::NodeId v : path) {
    pxy.push(xy(ln, v));
    names.push(ln.name_of(v));
    named = named || !ln.name_of(v).empty();
  }
  j.set("path_xy", pxy);
  if (!named) return;
  j.set("from_name", ln.name_of(from));
  j.set("to_name", ln.name_of(to));
  j.set("path_names", names);
}

void run_route(const RouteArgs& a) {
  const LoadedNetwork ln = load_network(a.net);
  const net::NodeId from = ln.node(a.from, "--from"), to = ln.node(a.to, "--to");
  const net::Metric metric = a.metric == "length" ? net::Metric::Length : net::Metric::Time;
  net::NetworkState state(*ln.graph);
  if (!a.closures.empty()) {
    const auto closures = read_closures(a.closures, ln);
    net::ClosureSchedule(*ln.graph, closures).apply(state, a.at_s);
  }
  net::Router router(*ln.graph);
  const net::Path p = router.shortest_path(state, metric, from, to);

  std::string reason;
  if (!p.reachable) {
    const auto outside = ln.graph->outside_largest_scc();
    auto out_of_scc = [&](net::NodeId v) {
      return std::binary_search(outside.begin(), outside.end(), v);
    };
    reason = out_of_scc(from) || out_of_scc(to)
                 ? "no path: an end node lies outside the largest strongly connected component"
                 : "no path: every route is closed";
  }
  if (a.json) {
    io::Json j = io::Json::object();
    j.set("from", static_cast<long long>(a.from));
    j.set("to", static_cast<long long>(a.to));
    j.set("metric", a.metric);
    j.set("cost", p.reachable ? io::Json(p.cost) : io::Json::null());
    io::Json path = io::Json::array();
    for (net::NodeId v : p.nodes) path.push(static_cast<long long>(ln.data.node_id[v]));
    j.set("path", path);
    add_places(j, ln, from, to, p.nodes);
    if (!p.reachable) j.set("reason", reason);
    std::printf("%s\n", j.dump().c_str());
    return;
  }
  if (!p.reachable) {
    std::printf("%lld -> %lld: unreachable (%s)\nfrom: %s\nto:   %s\n",
                static_cast<long long>(a.from), static_cast<long long>(a.to), reason.c_str(),
                ln.describe(from).c_str(), ln.describe(to).c_str());
    return;
  }
  std::printf("%lld -> %lld: %s %.3f %s over %zu edges\npath:", static_cast<long long>(a.from),
              static_cast<long long>(a.to), a.metric.c_str(), p.cost,
              metric == net::Metric::Time ? "s" : "m", p.edges.size());
  for (net::NodeId v : p.nodes) std::printf(" %lld", static_cast<long long>(ln.data.node_id[v]));
  std::printf("\nnodes (id (x, y) name):\n");
  for (net::NodeId v : p.nodes) std::printf("  %s\n", ln.describe(v).c_str());
}

}  // namespace

void add_route(CLI::App& app) {
  auto a = std::make_shared<RouteArgs>();
  auto* cmd =
      app.add_subcommand("route", "Shortest travel time or distance between two road nodes");
  a->net.add_to(*cmd);
  cmd->add_option("--from", a->from, "origin node id")->required();
  cmd->add_option("--to", a->to, "destination node id")->required();
  cmd->add_option("--metric", a->metric, "time (seconds) or length (metres)")
      ->check(CLI::IsMember({"time", "length"}));
  cmd->add_option("--closures", a->closures,
                  "CSV from,to[,t_start_s,t_end_s]: every edge from->to is closed (in its window)");
  cmd->add_option("--at-s", a->at_s, "time at which timed closures are evaluated (default 0)");
  cmd->add_flag("--json", a->json, "print one JSON object on standard output");
  cmd->callback([a] { run_route(*a); });
}

}  // namespace sd::cli
