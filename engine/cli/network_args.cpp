#include "cli/network_args.hpp"

#include <cstdio>
#include <filesystem>

#include "core/error.hpp"
#include "io/csv_table.hpp"

namespace sd::cli {

void NetworkArgs::add_to(CLI::App& cmd) {
  auto* n = cmd.add_option("--nodes", nodes, "nodes.csv (id,x,y)");
  auto* e =
      cmd.add_option("--edges", edges, "edges.csv (from,to,length_m,speed_kph[,lanes,class])");
  auto* w = cmd.add_option("--network", network,
                           "road network: a directory holding nodes.csv + edges.csv, or any OGR "
                           "line source (GeoPackage, Shapefile, GeoJSON, OSM PBF)");
  n->needs(e);
  e->needs(n);
  w->excludes(n)->excludes(e);
  cmd.add_option("--crs", crs, "CRS of the road coordinates (overrides a sidecar)");
  cmd.add_option("--layer", layer, "OGR layer to read (default: 'lines' or the first)");
}

net::NodeId LoadedNetwork::node(std::int64_t id, const std::string& flag) const {
  const auto v = data.find(id);
  if (!v)
    throw InputError(flag + ": node id " + std::to_string(id) + " is not in the road network");
  return *v;
}

std::string LoadedNetwork::name_of(net::NodeId v) const {
  return v < name.size() ? name[v] : std::string();
}

std::string LoadedNetwork::describe(net::NodeId v) const {
  char buf[96];
  const int decimals = data.geographic ? 6 : 1;
  std::snprintf(buf, sizeof buf, "%lld (%.*f, %.*f)", static_cast<long long>(data.node_id[v]),
                decimals, data.x[v], decimals, data.y[v]);
  const std::string n = name_of(v);
  return n.empty() ? std::string(buf) : std::string(buf) + " " + n;
}

namespace {

// Names from the `name` column of the nodes CSV, when the network is a CSV pair that has one.
std::vector<std::string> node_names(const NetworkArgs& a, const io::RoadNetworkData& d) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path csv = !a.nodes.empty()                  ? fs::path(a.nodes)
                       : fs::is_directory(a.network, ec) ? fs::path(a.network) / "nodes.csv"
                                                         : fs::path();
  if (csv.empty() || !fs::exists(csv, ec)) return {};
  const io::CsvTable t(csv.string());
  const auto name = t.column("name");
  const auto id = t.column("id");
  if (!name || !id) return {};
  std::vector<std::string> out(d.node_id.size());
  for (std::size_t r = 0; r < t.rows(); ++r)
    if (t.has_value(r, *id) && t.has_value(r, *name))
      if (const auto v = d.find(t.integer(r, *id))) out[*v] = t.text(r, *name);
  return out;
}

}  // namespace

LoadedNetwork load_network(const NetworkArgs& a) {
  if (a.network.empty() && a.nodes.empty())
    throw InputError("a road network is required: --nodes N.csv --edges E.csv or --network FILE");
  io::RoadLoadOptions opt;
  opt.crs = a.crs;
  opt.layer = a.layer;
  LoadedNetwork out;
  out.data = a.network.empty() ? io::load_road_csv(a.nodes, a.edges, opt)
                               : io::load_road_network(a.network, opt);
  if (out.data.x.empty()) throw InputError("the road network has no nodes");
  out.graph = std::make_unique<net::RoadGraph>(out.data.x, out.data.y, out.data.edges);
  out.name = node_names(a, out.data);
  const auto outside = out.graph->outside_largest_scc();
  if (!outside.empty()) {
    std::fprintf(stderr,
                 "stormdrill: warning: %zu of %zu nodes are outside the largest strongly "
                 "connected component (%zu nodes); some queries may have no answer. First:",
                 outside.size(), out.graph->num_nodes(), out.graph->largest_scc_size());
    for (std::size_t k = 0; k < outside.size() && k < 10; ++k)
      std::fprintf(stderr, " %lld", static_cast<long long>(out.data.node_id[outside[k]]));
    std::fprintf(stderr, "%s\n", outside.size() > 10 ? " ..." : "");
  }
  return out;
}

}  // namespace sd::cli
