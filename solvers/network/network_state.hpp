#pragma once
// The mutable half of the road network for one run: per-edge speed under the current flood
// frame, closures (flood and injected), and the resulting edge costs. Many states share one
// immutable RoadGraph; a state is not shared between threads while it is being updated.
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "network/depth_speed.hpp"
#include "network/road_graph.hpp"

namespace sd::net {

enum class Metric { Time, Length };  // seconds or metres

class NetworkState {
 public:
  explicit NetworkState(const RoadGraph& graph, VehicleProfile vehicle = {});

  const RoadGraph& graph() const { return *graph_; }
  const VehicleProfile& vehicle() const { return vehicle_; }
  void set_vehicle(const VehicleProfile& vehicle);  // re-derives costs from current depths

  // New hazard frame: per-edge depth in metres (from edge_depths). Only edges whose cost
  // changed are touched and recorded in changed_edges().
  void apply_depths(std::span<const float> edge_depth_m);
  // Injected closure (collapsed bridge, fallen tree) or re-opening; independent of flood.
  void set_injected_closed(EdgeId e, bool closed);
  // Back to dry, free-flow, nothing injected.
  void reset();

  bool closed(EdgeId e) const { return time_s_[e] == kInf; }
  double speed_kph(EdgeId e) const { return speed_kph_[e]; }
  // Edge costs for a metric; +infinity for a closed edge.
  std::span<const double> cost(Metric m) const { return m == Metric::Time ? time_s_ : length_; }

  // Bounds on the costs of open edges (min may be stale-low and max stale-high, never the
  // reverse): the router's bucket queue needs only min <= every open cost <= max.
  double min_cost(Metric m) const { return min_[m == Metric::Time ? 0 : 1]; }
  double max_cost(Metric m) const { return max_[m == Metric::Time ? 0 : 1]; }

  // Edges whose cost changed since the last clear_changes() (each listed once).
  std::span<const EdgeId> changed_edges() const { return changed_; }
  void clear_changes();
  std::uint64_t version() const { return version_; }  // bumps on every change

  static constexpr double kInf = std::numeric_limits<double>::infinity();

 private:
  void refresh_edge(EdgeId e);
  void recompute_bounds();
  const RoadGraph* graph_;
  VehicleProfile vehicle_;
  std::vector<float> depth_m_;
  std::vector<std::uint8_t> injected_;
  std::vector<double> speed_kph_, time_s_, length_;
  std::vector<std::uint8_t> changed_flag_;
  std::vector<EdgeId> changed_;
  std::uint64_t version_ = 0;
  double min_[2] = {0, 0}, max_[2] = {0, 0};
};

// Closures and re-openings at given times: every edge from -> to is closed during
// [t_start_s, t_end_s). apply() sets the injected flags for time t (idempotent).
struct TimedClosure {
  NodeId from = 0;
  NodeId to = 0;
  double t_start_s = -std::numeric_limits<double>::infinity();
  double t_end_s = std::numeric_limits<double>::infinity();
};

class ClosureSchedule {
 public:
  ClosureSchedule(const RoadGraph& graph, std::span<const TimedClosure> closures);
  void apply(NetworkState& state, double t_s) const;
  std::size_t num_edges() const { return edge_.size(); }

 private:
  std::vector<EdgeId> edge_;  // one entry per affected edge
  std::vector<double> start_, end_;
};

}  // namespace sd::net
