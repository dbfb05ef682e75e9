#pragma once
// Active-tile skipping (internal to sd_flood). The grid is cut into 32 x 32 tiles; a step
// computes only the tiles that hold water (a cell deeper than h_wet), touch such a tile
// across an edge, receive rain, or may receive water from an edge, an inflow, an outfall, a
// breach or a gate stuck open.
// Every other tile is provably unchanged by the step: both cells of each of its faces are
// at most h_wet < h_dry deep, so the dense sweep would give those faces exactly zero flux
// and its cells exactly zero net inflow. Skipping is therefore bit-identical to the dense
// sweep (test FloodActiveTiles.*), and the plan is built serially from per-row flags, so it
// does not depend on the thread count.
#include <cstdint>
#include <vector>

#include "flood/flood_model.hpp"

namespace sd::flood::detail {

struct Span {
  int i0 = 0, i1 = 0;  // [i0, i1): cells, or faces by their index within the row
};

class ActiveTiles {
 public:
  static constexpr int kTile = 32;

  // enabled = false: every tile every step (the dense sweep, for tests and benchmarks).
  void init(const Model& m, bool enabled);
  // Wet flags from scratch (start of each advance_to: set_depth or restore may have changed
  // the depths), and conservatively "dirty" face buffers and "touched" summaries after a
  // restore or before the first step.
  void rescan(const std::vector<double>& h, bool reset_history);

  // Plans one step. rain_everywhere: uniform rain falls this step; rain_tile: per tile, 1
  // where grid rain falls (or null).
  void plan(bool rain_everywhere, const std::vector<std::uint8_t>* rain_tile, bool stats_now);

  // The plan, per tile row tr = j / kTile.
  const std::vector<Span>& x_faces(int j) const { return xf_[tr(j)]; }
  const std::vector<Span>& x_zero(int j) const { return xz_[tr(j)]; }
  const std::vector<Span>& y_faces(int j) const { return yf_[tr(j)]; }
  const std::vector<Span>& y_zero(int j) const { return yz_[tr(j)]; }
  const std::vector<Span>& cells(int j) const { return cells_[tr(j)]; }
  const std::vector<Span>& stats(int j) const { return stats_[tr(j)]; }

  // After continuity of row j: which of its computed tile segments hold a wet cell.
  void record_row(int j, const double* h);

  // Per tile (ny_tiles x nx_tiles, row-major): 1 where grid rain falls in [t, t1).
  void rain_tiles(const float* rain_ms, std::vector<std::uint8_t>& out) const;

  std::size_t active_count() const { return active_count_; }
  std::size_t tile_count() const { return active_.size(); }

 private:
  int tr(int j) const { return j / kTile; }
  void build_spans();

  bool enabled_ = true;
  int nx_ = 0, ny_ = 0, ntx_ = 0, nty_ = 0;
  double h_wet_ = 0.0;
  std::vector<std::uint8_t> always_;   // per tile: edge inflow, point inflow, outfall
  std::vector<std::uint8_t> wet_row_;  // per (row, tile column): a cell deeper than h_wet
  std::vector<std::uint8_t> wet_, active_, fx_, fy_, xdirty_, ydirty_, touched_, stat_;
  std::vector<std::uint8_t> xzero_, yzero_;
  std::vector<std::vector<Span>> xf_, xz_, yf_, yz_, cells_, stats_;
  std::size_t active_count_ = 0;
};

}  // namespace sd::flood::detail
