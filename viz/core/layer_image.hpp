// CPU composition of the raster layers (terrain, depth, rain, wind, difference) into one RGBA
// image at grid resolution; the GL front end uploads it as a texture.
#pragma once

#include <cstdint>
#include <vector>

#include "core/colormap.hpp"
#include "core/results_file.hpp"

namespace sd::viz {

// Hillshade 0..255 (Horn 1981 gradient; illumination after Burrough & McDonnell 1998,
// sun azimuth 315 deg, altitude 45 deg, as in ESRI's Hillshade tool). NaN cells give 0.
// `z_factor` exaggerates relief: a coastal plain with 1:1000 slopes is invisible at 1.
std::vector<std::uint8_t> hillshade(const std::vector<float>& elevation, const GridInfo& g,
                                    double z_factor = 1.0);

// The opaque base map: hypsometric tint modulated by the hillshade (computed once per file).
std::vector<Rgba> terrain_image(const std::vector<float>& elevation,
                                const std::vector<std::uint8_t>& shade);

struct RasterLayers {
  const std::vector<Rgba>* terrain = nullptr;  // opaque base map; plain paper colour when null
  const float* depth = nullptr;                // each nullptr = layer off
  const float* rain = nullptr;
  const float* wind = nullptr;
  const float* depth_other = nullptr;  // with depth: difference map other - depth
  // With depth (not the difference map): cells wet before the storm (sea, rivers, canals),
  // drawn as water in kPermanentWater instead of as flood depth. Null = none known.
  const std::uint8_t* permanent_water = nullptr;
};

// Sea, rivers, canals and lakes: cells of the land-use water class (code 3 in the shipped and
// imported counties, docs/county.md; the report draws the same cells as water), and cells
// below mean sea level that are wet (>= kPermanentWaterMinDepth) in the first hazard frame,
// i.e. the sea at the starting tide. Any input may be empty.
std::vector<std::uint8_t> permanent_water_mask(const std::vector<int>& landuse,
                                               const std::vector<float>& elevation,
                                               const std::vector<float>& first_depth);
inline constexpr int kWaterLanduseCode = 3;

// Fills `out` (row 0 = north) from the layers, bottom to top: terrain, rain, wind, depth (or
// the difference map). With stride s > 1 it samples every s-th cell of every s-th row, giving
// ceil(nx/s) x ceil(ny/s) pixels: when a 2048^2 grid is shown in 1000 screen pixels, the cells
// that would be averaged away anyway are neither composed nor uploaded.
void compose(const GridInfo& g, const RasterLayers& layers, std::vector<Rgba>& out, int stride = 1);
inline int strided(int n, int stride) {
  return (n + stride - 1) / stride;
}

}  // namespace sd::viz
