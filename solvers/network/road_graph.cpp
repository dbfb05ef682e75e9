#include "network/road_graph.hpp"

#include <algorithm>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/strong_components.hpp>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

namespace sd::net {
namespace {

// Edge bundle = input row, so the CSR edge order can be mapped back to the attributes.
using BoostCsr =
    boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, std::uint32_t,
                                       boost::no_property, std::uint32_t, std::uint32_t>;

void check_edge(const EdgeInput& e, std::size_t row, std::size_t n) {
  const std::string at = "road edge " + std::to_string(row) + ": ";
  if (e.from >= n || e.to >= n) throw std::invalid_argument(at + "node index out of range");
  if (!(e.length_m >= 0.0) || !std::isfinite(e.length_m))
    throw std::invalid_argument(at + "length must be finite and >= 0");
  if (!(e.speed_kph > 0.0) || !std::isfinite(e.speed_kph))
    throw std::invalid_argument(at + "speed must be finite and > 0");
}

std::uint8_t clamp_u8(int v) {
  return static_cast<std::uint8_t>(std::clamp(v, 0, 255));
}

}  // namespace

RoadGraph::RoadGraph(std::vector<double> x, std::vector<double> y, std::span<const EdgeInput> edges)
    : x_(std::move(x)), y_(std::move(y)) {
  if (x_.size() != y_.size()) throw std::invalid_argument("road graph: x and y sizes differ");
  const std::size_t n = x_.size();
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs(edges.size());
  std::vector<std::uint32_t> rows(edges.size());
  for (std::size_t k = 0; k < edges.size(); ++k) {
    check_edge(edges[k], k, n);
    pairs[k] = {edges[k].from, edges[k].to};
    rows[k] = static_cast<std::uint32_t>(k);
  }
  const BoostCsr g(boost::edges_are_unsorted_multi_pass, pairs.begin(), pairs.end(), rows.begin(),
                   n);

  const std::size_t m = edges.size();
  first_out_.assign(n + 1, 0);
  head_.resize(m);
  tail_.resize(m);
  length_m_.resize(m);
  speed_kph_.resize(m);
  lanes_.resize(m);
  class_.resize(m);
  input_index_.resize(m);
  EdgeId e = 0;
  for (std::uint32_t v = 0; v < n; ++v) {
    first_out_[v] = e;
    for (auto [it, end] = boost::out_edges(v, g); it != end; ++it, ++e) {
      const EdgeInput& in = edges[g[*it]];
      head_[e] = static_cast<NodeId>(boost::target(*it, g));
      tail_[e] = v;
      length_m_[e] = in.length_m;
      speed_kph_[e] = in.speed_kph;
      lanes_[e] = clamp_u8(in.lanes);
      class_[e] = clamp_u8(in.road_class);
      input_index_[e] = g[*it];
    }
  }
  first_out_[n] = e;

  // Reverse CSR by counting sort on the head node.
  first_in_.assign(n + 1, 0);
  for (EdgeId k = 0; k < m; ++k) ++first_in_[head_[k] + 1];
  for (std::size_t v = 0; v < n; ++v) first_in_[v + 1] += first_in_[v];
  in_edge_.resize(m);
  std::vector<EdgeId> fill(first_in_.begin(), first_in_.end() - 1);
  for (EdgeId k = 0; k < m; ++k) in_edge_[fill[head_[k]]++] = k;

  // Strongly connected components (Tarjan 1972, via Boost).
  if (n == 0) return;
  std::vector<std::uint32_t> comp(n);
  const auto nc = boost::strong_components(
      g, boost::make_iterator_property_map(comp.begin(), boost::get(boost::vertex_index, g)));
  std::vector<std::size_t> size(static_cast<std::size_t>(nc), 0);
  for (auto c : comp) ++size[c];
  const auto big =
      static_cast<std::uint32_t>(std::max_element(size.begin(), size.end()) - size.begin());
  largest_scc_size_ = size[big];
  for (NodeId v = 0; v < n; ++v)
    if (comp[v] != big) outside_scc_.push_back(v);
}

std::vector<EdgeId> RoadGraph::edges_between(NodeId from, NodeId to) const {
  std::vector<EdgeId> out;
  if (from >= num_nodes()) return out;
  for (EdgeId e = first_out_[from]; e < first_out_[from + 1]; ++e)
    if (head_[e] == to) out.push_back(e);
  return out;
}

}  // namespace sd::net
