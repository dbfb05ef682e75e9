#pragma once
// The default county's road graph: town street grids, arterials between towns, and two
// expressways (the G92 Hangzhou Bay ring, east-west; the G15 approach to the Hangzhou Bay
// Bridge, north-south) with interchanges. All roads are two-way.
#include <cstdint>
#include <vector>

#include "core/grid.hpp"
#include "county/county.hpp"
#include "county/terrain.hpp"

namespace sd::county {

struct RoadNetwork {
  std::vector<RoadNode> nodes;
  std::vector<RoadEdge> edges;
  std::vector<int> town_centre_node;        // per town
  std::vector<std::vector<int>> town_grid;  // per town: (2n+1)^2 node ids, -1 where dropped
  std::vector<int> town_grid_n;             // per town: n (grid half-width in blocks)
};

// Street spacing in towns, m.
constexpr double kBlock_m = 300.0;

// Builds the network on land (no node on a sea cell) and keeps only the part connected to
// the county seat, so the directed graph is strongly connected.
RoadNetwork build_roads(const Grid& g, const Terrain& t, const std::vector<Town>& towns,
                        std::uint64_t seed);

}  // namespace sd::county
