// Picking on the map in world coordinates (metres of the grid's CRS): the road segment nearest
// to a click (the director closes it: edge id = 0-based row of /roads/edges) and the team
// nearest to a click at a replay time.
#pragma once

#include <cstddef>
#include <vector>

#include "core/replay.hpp"

namespace sd::viz {

// Distance from (px, py) to the segment a-b.
double point_segment_distance(double px, double py, double ax, double ay, double bx, double by);

// A uniform bucket grid over the segments' bounding boxes, so hovering over a county of
// 100 000 segments costs a few buckets, not a scan. Built once per opened run.
class RoadIndex {
 public:
  RoadIndex() = default;
  RoadIndex(const Table& nodes, const Table& edges);
  // Row of the nearest segment within max_dist of (x, y), -1 when none; ties go to the lower
  // row (a two-way road is two rows; either closes both directions).
  int nearest(double x, double y, double max_dist) const;
  std::size_t size() const { return ax_.size(); }
  // Segment endpoints of a row (for drawing the picked road).
  void segment(std::size_t row, double& ax, double& ay, double& bx, double& by) const;

 private:
  double x0_ = 0, y0_ = 0, bucket_ = 1;
  int nx_ = 0, ny_ = 0;
  std::vector<double> ax_, ay_, bx_, by_;
  std::vector<std::vector<int>> buckets_;
};

// The reference: every segment checked (the index is tested against it).
int nearest_edge_brute_force(const Table& nodes, const Table& edges, double x, double y,
                             double max_dist);

// Row of the team nearest to (x, y) at time t within max_dist, -1 when none.
int nearest_team(const Replay& r, double t, double x, double y, double max_dist);

}  // namespace sd::viz
