#include "network/network_state.hpp"

#include <algorithm>
#include <stdexcept>

namespace sd::net {

NetworkState::NetworkState(const RoadGraph& graph, VehicleProfile vehicle)
    : graph_(&graph), vehicle_(vehicle) {
  const std::size_t m = graph.num_edges();
  depth_m_.assign(m, 0.0f);
  injected_.assign(m, 0);
  speed_kph_.resize(m);
  time_s_.resize(m);
  length_.resize(m);
  changed_flag_.assign(m, 0);
  for (EdgeId e = 0; e < m; ++e) refresh_edge(e);
  clear_changes();
  recompute_bounds();
}

void NetworkState::recompute_bounds() {
  const std::vector<double>* costs[2] = {&time_s_, &length_};
  for (int k = 0; k < 2; ++k) {
    double lo = kInf, hi = 0.0;
    for (double c : *costs[k])
      if (c != kInf) lo = std::min(lo, c), hi = std::max(hi, c);
    min_[k] = lo == kInf ? 0.0 : lo;
    max_[k] = hi;
  }
}

// Recomputes the costs of one edge from depth, vehicle and injected closure; records it in
// the change list when its cost moved.
void NetworkState::refresh_edge(EdgeId e) {
  const double v =
      injected_[e] ? 0.0 : flooded_speed_kph(graph_->speed_kph()[e], depth_m_[e], vehicle_);
  const double len = graph_->length_m()[e];
  const double t = v > 0.0 ? len / (v / 3.6) : kInf;
  const double l = v > 0.0 ? len : kInf;
  if (t == time_s_[e] && l == length_[e] && v == speed_kph_[e]) return;
  speed_kph_[e] = v;
  time_s_[e] = t;
  length_[e] = l;
  ++version_;
  if (!changed_flag_[e]) {
    changed_flag_[e] = 1;
    changed_.push_back(e);
  }
}

void NetworkState::set_vehicle(const VehicleProfile& vehicle) {
  vehicle_ = vehicle;
  for (EdgeId e = 0; e < graph_->num_edges(); ++e) refresh_edge(e);
  recompute_bounds();
}

void NetworkState::apply_depths(std::span<const float> edge_depth_m) {
  if (edge_depth_m.size() != depth_m_.size())
    throw std::invalid_argument("apply_depths: one depth per edge expected");
  for (EdgeId e = 0; e < depth_m_.size(); ++e) {
    if (edge_depth_m[e] == depth_m_[e]) continue;
    depth_m_[e] = edge_depth_m[e];
    refresh_edge(e);
  }
  recompute_bounds();
}

void NetworkState::set_injected_closed(EdgeId e, bool closed) {
  if (e >= injected_.size()) throw std::out_of_range("set_injected_closed: bad edge id");
  if (static_cast<bool>(injected_[e]) == closed) return;
  injected_[e] = closed ? 1 : 0;
  refresh_edge(e);
  if (!closed && time_s_[e] != kInf) {  // a re-opened edge may widen the bounds
    min_[0] = std::min(min_[0], time_s_[e]), max_[0] = std::max(max_[0], time_s_[e]);
    min_[1] = std::min(min_[1], length_[e]), max_[1] = std::max(max_[1], length_[e]);
  }
}

void NetworkState::reset() {
  std::fill(depth_m_.begin(), depth_m_.end(), 0.0f);
  std::fill(injected_.begin(), injected_.end(), 0);
  for (EdgeId e = 0; e < depth_m_.size(); ++e) refresh_edge(e);
  recompute_bounds();
}

void NetworkState::clear_changes() {
  for (EdgeId e : changed_) changed_flag_[e] = 0;
  changed_.clear();
}

ClosureSchedule::ClosureSchedule(const RoadGraph& graph, std::span<const TimedClosure> closures) {
  for (const TimedClosure& c : closures) {
    for (EdgeId e : graph.edges_between(c.from, c.to)) {
      edge_.push_back(e);
      start_.push_back(c.t_start_s);
      end_.push_back(c.t_end_s);
    }
  }
}

void ClosureSchedule::apply(NetworkState& state, double t_s) const {
  // An edge listed by several closures is closed when any of them is active.
  std::vector<std::pair<EdgeId, bool>> want;
  want.reserve(edge_.size());
  for (std::size_t k = 0; k < edge_.size(); ++k)
    want.emplace_back(edge_[k], t_s >= start_[k] && t_s < end_[k]);
  std::sort(want.begin(), want.end());
  for (std::size_t k = 0; k < want.size(); ++k) {
    const bool last_of_edge = k + 1 == want.size() || want[k + 1].first != want[k].first;
    if (last_of_edge) state.set_injected_closed(want[k].first, want[k].second);
  }
}

}  // namespace sd::net
