// Colour maps for the map layers. Pixels are packed RGBA8 in memory order (r first), which is
// what glTexImage2D(GL_RGBA, GL_UNSIGNED_BYTE) and stb_image_write expect.
#pragma once

#include <array>
#include <cstdint>

namespace sd::viz {

struct Rgba {
  std::uint8_t r = 0, g = 0, b = 0, a = 0;
  bool operator==(const Rgba&) const = default;
};

// Depth bands, edges in metres. The 0.15 / 0.3 / 0.5 m edges are the planning thresholds
// (0.15 m: kerb height / pedestrians; 0.3 m: cars lose traction; 0.5 m: most vehicles float,
// cf. DEFRA/EA FD2320 and the FEMA vehicle stability guidance), so each threshold is a colour
// step the planner can see.
inline constexpr std::array<float, 6> kDepthEdges = {0.01f, 0.15f, 0.3f, 0.5f, 1.0f, 2.0f};
inline constexpr std::array<Rgba, 6> kDepthColors = {{{198, 219, 239, 230},
                                                      {107, 174, 214, 235},
                                                      {33, 113, 181, 240},
                                                      {8, 69, 148, 245},
                                                      {8, 29, 88, 250},
                                                      {60, 0, 90, 250}}};

Rgba depth_color(float depth_m);  // transparent when dry (< 1 cm) or NaN
Rgba rain_color(float mm_per_h);  // transparent below 0.5 mm/h
Rgba wind_color(float m_per_s);   // transparent below 10 m/s
Rgba diff_color(float delta_m);   // B - A: red where B is deeper, blue where shallower
Rgba terrain_color(float elevation_m, std::uint8_t shade);

Rgba blend(Rgba under, Rgba over);  // "over" compositing, result opaque when under is

}  // namespace sd::viz
