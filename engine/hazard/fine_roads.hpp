#pragma once
// Road water from the fine pixels a road crosses (issue 12 §2, sub-grid runs): each edge's
// straight segment is rasterised once on the FINE grid (network/edge_cells.hpp, exact
// traversal), its pixels renumbered 0..n-1 so the network's depth rules (road_surface.hpp:
// bridges, culverts, tunnels; the 90th percentile of the crossed cells, tunnels their maximum)
// run unchanged on a compact vector of pixel depths. Per frame only those pixels are
// downscaled: depth = downscaled level - fine elevation (0 where the pixel's cell is dry).
#include <cstdint>
#include <vector>

#include "flood/subgrid_inertial.hpp"
#include "io/raster_io.hpp"
#include "network/road_surface.hpp"

namespace sd {

struct FineRoads {
  net::EdgeCells cells;              // entries index `pixel`
  net::RoadSurface surface;          // lifts per entry, structure per edge
  std::vector<std::uint32_t> pixel;  // fine flat index of each compact pixel
};

// fine_water: 1 per fine pixel of permanent water (canal, river, sea); structure per edge.
FineRoads fine_roads(const net::RoadGraph& graph, const io::Raster& fine,
                     const std::vector<std::uint8_t>& fine_water,
                     std::vector<net::RoadStructure> structure, const net::RoadLevelRules& rules);

// Water depth (m) at each compact pixel from the coarse heads (State::head()).
void fine_road_pixel_depths(const FineRoads& r, const flood::subgrid::SolverTables& t,
                            const io::Raster& fine, const std::vector<double>& head,
                            std::vector<float>& out);

}  // namespace sd
