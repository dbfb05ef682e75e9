#pragma once
// Beasley's OR-Library p-median instances (../shared/data/orlib): "n m p" then m lines
// "i j cost" of undirected edges (1-based; a repeated edge's last value counts). Costs are
// shortest-path distances over that graph, computed with the road router.
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "network/router.hpp"
#include "placement/problem.hpp"

namespace sd::test {

struct OrlibInstance {
  sd::place::Problem problem;
  bool ok = false;
};

inline OrlibInstance read_orlib(const std::string& path) {
  OrlibInstance out;
  std::ifstream in(path);
  std::size_t n = 0, m = 0;
  int p = 0;
  if (!(in >> n >> m >> p)) return out;
  std::map<std::pair<int, int>, double> last;  // the last value of a repeated edge counts
  for (std::size_t k = 0; k < m; ++k) {
    int i, j;
    double c;
    if (!(in >> i >> j >> c)) return out;
    last[{std::min(i, j) - 1, std::max(i, j) - 1}] = c;
  }
  std::vector<net::EdgeInput> edges;
  for (const auto& [ij, c] : last) {
    edges.push_back({net::NodeId(ij.first), net::NodeId(ij.second), c, 50, 1, 0});
    edges.push_back({net::NodeId(ij.second), net::NodeId(ij.first), c, 50, 1, 0});
  }
  const net::RoadGraph g(std::vector<double>(n, 0.0), std::vector<double>(n, 0.0), edges);
  const net::NetworkState s(g);
  std::vector<net::NodeId> all(n);
  for (std::size_t v = 0; v < n; ++v) all[v] = net::NodeId(v);
  const net::CostMatrix cm = net::travel_matrix(s, net::Metric::Length, all, all);
  auto& pb = out.problem;
  pb.n_demand = pb.n_cand = n;
  pb.p = p;
  pb.weight.assign(n, 1.0);
  pb.cost.resize(n * n);
  for (std::size_t j = 0; j < n; ++j)  // row = demand i, column = site j: cost j -> i
    for (std::size_t i = 0; i < n; ++i) pb.cost[i * n + j] = cm.at(j, i);
  out.ok = true;
  return out;
}

// "pmedK value" lines (header lines skipped).
inline std::map<std::string, double> read_optima(const std::string& path) {
  std::map<std::string, double> opt;
  std::ifstream in(path);
  std::string name;
  double v;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ss(line);
    if (ss >> name >> v && name.rfind("pmed", 0) == 0) opt[name] = v;
  }
  return opt;
}

}  // namespace sd::test
