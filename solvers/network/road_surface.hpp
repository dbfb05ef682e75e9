#pragma once
// Flood coupling, level half: how high each road runs above the ground the flood grid sees.
// Streets cross canals and rivers on bridges and culverts, so the water in the channel is
// under the road, not on it; and a road already under water before the storm is not a road
// the storm closed (issue 13 §2; rules in docs/network.md "Bridges, culverts and tunnels").
//
// For every (edge, cell) entry of EdgeCells the *lift* is the height of the road surface
// above that cell's ground; the water on the road there is max(0, depth - lift).
//  - Bridge (OSM bridge=* or layer > 0; edges.csv bridge = 1 or layer > 0): the deck runs at
//    the higher bank's ground + bridge_deck_m over every cell of the edge.
//  - Untagged edge over water cells (the culvert/bridge rule): over those water cells the road
//    runs at the higher bank's ground + culvert_deck_m; on land it runs on the ground.
//  - Tunnel or underpass (tunnel=*, layer < 0): on the ground, no lift, and its depth is the
//    maximum over its cells (the low point floods first), not the percentile.
// A bank is the ground of the first land cell met walking the edge's cells from that end (the
// end node's own cell when it is land). An untagged edge with no land cell at all stays on
// the ground: a road under permanent water. A bridge with no land cell is never wetted.
#include <cstdint>
#include <span>
#include <vector>

#include "network/edge_cells.hpp"

namespace sd::net {

enum class RoadStructure : std::uint8_t { Ground = 0, Bridge = 1, Tunnel = 2 };

// OSM-style tags -> structure: a bridge or a positive layer is a bridge; a tunnel or a
// negative layer is a tunnel; a tag saying both is a bridge (the deck is what vehicles use).
RoadStructure road_structure(bool bridge, bool tunnel, int layer);

struct RoadLevelRules {
  float bridge_deck_m = 1.0f;   // tagged bridge: deck above the higher bank
  float culvert_deck_m = 0.0f;  // untagged water crossing: road above the higher bank
};

struct RoadSurface {
  std::vector<float> lift_m;             // per entry of EdgeCells::cells, >= 0 (inf: never wet)
  std::vector<RoadStructure> structure;  // per edge
};

// ground: DEM (m, NaN = no data); water: per cell, 1 for permanent water (canal, river, sea).
RoadSurface road_surface(const EdgeCells& cells, std::vector<RoadStructure> structure,
                         std::span<const float> ground, std::span<const std::uint8_t> water,
                         const RoadLevelRules& rules);

// Water on each road above its pre-storm state: per cell r = max(0, depth - lift) and
// r0 = the same for `baseline` (an empty baseline is dry); the cell counts max(0, r - r0);
// the edge takes the `percentile` of its cells (tunnels: the maximum). NaN depth = dry.
// Called with an empty baseline it gives the baseline road depth itself.
void road_depths(const EdgeCells& cells, const RoadSurface& surface, std::span<const float> depth,
                 std::span<const float> baseline, double percentile, std::span<float> out);

}  // namespace sd::net
