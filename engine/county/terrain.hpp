#pragma once
// Terrain and land use of the default county: bay, seawall, coastal plain with polders,
// south-western hills, canals with sluice outfalls, and town footprints.
#include <cstdint>
#include <vector>

#include "core/grid.hpp"
#include "county/county.hpp"

namespace sd::county {

struct Polder {
  Point centre;
  double radius_m = 0;
  std::string name;
};

struct Terrain {
  std::vector<float> dem;      // m
  std::vector<float> landuse;  // LandUse codes
  std::vector<std::uint8_t> sea, wall, canal;
  std::vector<std::uint8_t> underpass;  // cells lowered for road underpasses (no assets there)
  std::vector<Point> coast;             // coastline vertices, south-west to north-east
  std::vector<Point> outfalls;          // centres of the seawall cells where canals meet the wall
  std::vector<Polder> polders;
};

// Deterministic for (grid, towns, seed). Features are defined in world metres, so a coarse
// grid samples the same county as the 50 m one.
Terrain build_terrain(const Grid& g, const std::vector<Town>& towns, std::uint64_t seed);

// Seawall crest height, m (Zhejiang standard seawalls along Hangzhou Bay, ~+8 m).
constexpr double kSeawallCrest_m = 8.0;
// Canal bed level, m.
constexpr double kCanalBed_m = -1.0;

}  // namespace sd::county
