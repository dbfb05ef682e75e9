#pragma once
// Road passability from flood depth: the depth under each road segment (max over the cells
// it crosses) turned into a state and a speed factor for the routing graph.
//   state: 0 open (d < ponding, 0.15 m: GB 51222 road-lane ponding depth),
//          1 slowed (ponding <= d < closed_m), 2 closed by water (d >= closed_m, 0.3 m).
//   speed factor: Pregnolato, Ford, Wilkinson & Dawson (2017, Transp. Res. D 55, 67-81)
//          v(d) = 0.0009 d^2 - 0.5529 d + 86.9448 km/h (d in mm), relative to v(0); 0 when
//          closed.
#include <cstdint>
#include <vector>

#include "core/grid.hpp"

namespace sd::flood {

// Segment s covers cells[offsets[s] .. offsets[s+1]) (flat indices); offsets.size() = n + 1.
struct RoadCells {
  std::vector<std::size_t> offsets{0};
  std::vector<int> cells;
  // Appends a straight segment (world coordinates), sampling every half cell; cells outside
  // the grid are skipped, repeats removed.
  void add_segment(const Grid& g, double x0, double y0, double x1, double y1);
  std::size_t segments() const { return offsets.size() - 1; }
};

struct RoadState {
  std::vector<float> depth_m;       // max depth under the segment (0 if all cells NaN/dry)
  std::vector<float> speed_factor;  // 0..1
  std::vector<std::uint8_t> state;  // 0 open, 1 slowed, 2 closed by water
};

float pregnolato_speed_factor(float depth_m);
void road_passability(const RoadCells& roads, const float* depth, RoadState& out,
                      float ponding_m = 0.15f, float closed_m = 0.30f);

}  // namespace sd::flood
