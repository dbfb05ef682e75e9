#pragma once
// Flood coupling, geometry half: which grid cells each road edge crosses. Edges are the
// straight segment between their end nodes (shape points are folded into length by the
// loaders). Cells are found by exact grid traversal (Amanatides & Woo 1987, "A fast voxel
// traversal algorithm for ray tracing", Eurographics), so no crossed cell is skipped.
#include <cstdint>
#include <span>
#include <vector>

#include "core/grid.hpp"
#include "network/road_graph.hpp"

namespace sd::net {

// CSR list: cells of edge e are cells[offsets[e] .. offsets[e+1]) (flat j*nx+i indices).
// Parts of an edge outside the grid contribute no cells.
struct EdgeCells {
  std::vector<std::uint32_t> offsets;
  std::vector<std::uint32_t> cells;
};

EdgeCells rasterize_edges(const RoadGraph& graph, const Grid& grid);

// Per-edge water depth from a depth grid (metres, NaN = no data = dry): the `percentile`
// (0..100; 100 = max) of the depths over the cells the edge crosses; 0 for edges with no
// cells. out.size() must equal the number of edges.
void edge_depths(const EdgeCells& cells, std::span<const float> depth, double percentile,
                 std::span<float> out);
void edge_depths(const EdgeCells& cells, std::span<const double> depth, double percentile,
                 std::span<float> out);

// Nearest-rank percentile (0..100) of `values` (reordered in place): the smallest value with
// at least that share of the values at or below it; 0 when empty.
float nearest_rank_percentile(std::span<float> values, double percentile);

}  // namespace sd::net
