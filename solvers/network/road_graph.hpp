#pragma once
// An immutable directed road graph in compressed-sparse-row form, built once per model and
// shared read-only by every run (model vs state). Construction goes through Boost's
// compressed_sparse_row_graph (and Boost's strong_components for the connectivity report);
// the hot query loops then read the flat arrays below directly.
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace sd::net {

using NodeId = std::uint32_t;  // dense 0..num_nodes()-1
using EdgeId = std::uint32_t;  // dense 0..num_edges()-1, edges grouped by tail node
inline constexpr NodeId kNoNode = std::numeric_limits<NodeId>::max();
inline constexpr EdgeId kNoEdge = std::numeric_limits<EdgeId>::max();

// One directed road segment as loaded (a two-way road is two of these). Parallel edges are
// kept; the query simply relaxes both, so the cheaper one wins for each state.
struct EdgeInput {
  NodeId from = 0;
  NodeId to = 0;
  double length_m = 0.0;
  double speed_kph = 50.0;  // free-flow speed
  int lanes = 1;
  int road_class = 0;  // loader-defined class code (see engine/io/road_io.hpp)
  // Structure tags (OSM bridge=*, tunnel=*, layer=*; edges.csv columns of the same names):
  // the flood coupling reads the deck, not the water under a bridge (network/road_surface.hpp).
  bool bridge = false;
  bool tunnel = false;
  int layer = 0;
};

class RoadGraph {
 public:
  // x, y: node coordinates (may all be 0 for graph-only instances). Throws
  // std::invalid_argument for node ids out of range or negative/NaN lengths and speeds.
  RoadGraph(std::vector<double> x, std::vector<double> y, std::span<const EdgeInput> edges);

  std::size_t num_nodes() const { return x_.size(); }
  std::size_t num_edges() const { return head_.size(); }

  // Forward CSR: out-edges of v are [first_out()[v], first_out()[v+1]).
  std::span<const EdgeId> first_out() const { return first_out_; }
  std::span<const NodeId> head() const { return head_; }
  std::span<const NodeId> tail() const { return tail_; }
  // Reverse CSR: in-edges of v are in_edge()[first_in()[v] .. first_in()[v+1]).
  std::span<const EdgeId> first_in() const { return first_in_; }
  std::span<const EdgeId> in_edge() const { return in_edge_; }

  std::span<const double> length_m() const { return length_m_; }
  std::span<const double> speed_kph() const { return speed_kph_; }
  std::span<const std::uint8_t> lanes() const { return lanes_; }
  std::span<const std::uint8_t> road_class() const { return class_; }
  std::span<const std::uint32_t> input_index() const { return input_index_; }  // edge -> input row
  std::span<const double> x() const { return x_; }
  std::span<const double> y() const { return y_; }

  // Connectivity report: nodes outside the largest strongly connected component are kept
  // (queries from/to them may be unanswerable and say so) and listed here for a warning.
  std::size_t largest_scc_size() const { return largest_scc_size_; }
  std::span<const NodeId> outside_largest_scc() const { return outside_scc_; }

  // All edges from -> to (parallel edges included), via the CSR row of `from`.
  std::vector<EdgeId> edges_between(NodeId from, NodeId to) const;

 private:
  std::vector<double> x_, y_;
  std::vector<EdgeId> first_out_, first_in_, in_edge_;
  std::vector<NodeId> head_, tail_;
  std::vector<double> length_m_, speed_kph_;
  std::vector<std::uint8_t> lanes_, class_;
  std::vector<std::uint32_t> input_index_;
  std::size_t largest_scc_size_ = 0;
  std::vector<NodeId> outside_scc_;
};

}  // namespace sd::net
