#pragma once
// A fine DEM of the default county for sub-grid runs (issue 12 §2; docs/county.md,
// "Fine terrain"): the coarse terrain refined bilinearly between cell centres with small seeded
// noise, keeping the sea, canals and seawall cell-exact (nearest cell, so no water leaks over a
// smoothed wall); in the towns (urban and industrial cells) raised blocks between streets,
// drainage ditches between the street lines, the streets (every road edge, one pixel wide) at
// the refined ground, and sunken underpasses under the street at the underpass points.
#include <cstdint>

#include "county/county.hpp"

namespace sd::county {

// Deterministic for (county, fine_m, seed); fine_m must divide the county's cell.
io::Raster fine_terrain(const County& c, double fine_m, std::uint64_t seed);

// Fine terrain parameters (m).
constexpr double kBlockRise_m = 0.6;         // block platforms above the street
constexpr double kDitchDepth_m = 1.2;        // drainage ditch below the refined ground
constexpr double kDitchSpacing_m = 150.0;    // ditch lines every 150 m in the towns
constexpr double kUnderpassRadius_m = 25.0;  // street pixels within this of the point are dug
constexpr double kNoise_m = 0.05;            // +- rural micro-relief

}  // namespace sd::county
