#pragma once
// Road-network flags shared by `route` and `place`: --nodes/--edges (CSV pair) or --network
// (directory with the CSV pair, or any OGR source), plus --crs and --layer.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "io/road_io.hpp"
#include "network/road_graph.hpp"

namespace sd::cli {

struct NetworkArgs {
  std::string nodes, edges, network, crs, layer;
  void add_to(CLI::App& cmd);
};

struct LoadedNetwork {
  io::RoadNetworkData data;
  std::unique_ptr<net::RoadGraph> graph;
  // Node names from an optional `name` column of nodes.csv (empty when there is none).
  std::vector<std::string> name;
  // Dense node of an external id; InputError naming `flag` when unknown.
  net::NodeId node(std::int64_t id, const std::string& flag) const;
  // "ID (x, y) NAME": what a planner needs to find node v on a map; coordinates are in the
  // network's CRS (degrees with 6 decimals when it is geographic, else metres with 1).
  std::string describe(net::NodeId v) const;
  // The name of node v, or "" when unknown.
  std::string name_of(net::NodeId v) const;
};

// Loads, builds the graph and warns on stderr about nodes outside the largest SCC.
LoadedNetwork load_network(const NetworkArgs& args);

}  // namespace sd::cli
