#include "core/colormap.hpp"

#include <algorithm>
#include <cmath>

namespace sd::viz {

namespace {

std::uint8_t lerp8(std::uint8_t a, std::uint8_t b, float t) {
  return static_cast<std::uint8_t>(std::lround(a + (b - a) * std::clamp(t, 0.0f, 1.0f)));
}

Rgba lerp(Rgba a, Rgba b, float t) {
  return {lerp8(a.r, b.r, t), lerp8(a.g, b.g, t), lerp8(a.b, b.b, t), lerp8(a.a, b.a, t)};
}

}  // namespace

Rgba depth_color(float d) {
  if (!(d >= kDepthEdges[0])) return {};
  std::size_t band = 0;
  while (band + 1 < kDepthEdges.size() && d >= kDepthEdges[band + 1]) ++band;
  return kDepthColors[band];
}

Rgba rain_color(float r) {
  if (!(r >= 0.5f)) return {};
  // Log ramp: 0.5 mm/h (drizzle) .. 50 mm/h (torrential, CMA rainstorm class) green -> magenta.
  const float t = std::log10(r / 0.5f) / 2.0f;
  return lerp({120, 200, 120, 90}, {200, 40, 200, 200}, t);
}

Rgba wind_color(float w) {
  if (!(w >= 10.0f)) return {};
  // 10 m/s (fresh breeze) .. 51 m/s (super typhoon class, CMA GB/T 19201-2006) yellow -> red.
  const float t = (w - 10.0f) / 41.0f;
  return lerp({250, 230, 80, 80}, {200, 20, 20, 190}, t);
}

Rgba diff_color(float dd) {
  if (!(std::fabs(dd) >= 0.02f)) return {};
  const float t = std::min(std::fabs(dd) / 0.5f, 1.0f);
  if (dd > 0) return lerp({250, 200, 190, 160}, {180, 20, 30, 250}, t);
  return lerp({190, 210, 250, 160}, {20, 50, 180, 250}, t);
}

Rgba terrain_color(float z, std::uint8_t shade) {
  if (std::isnan(z)) return {40, 40, 46, 255};  // outside the domain
  // Hypsometric tint (low plain green -> hills tan) modulated by the hillshade.
  const Rgba low{150, 180, 130, 255}, high{190, 170, 140, 255};
  const Rgba base = lerp(low, high, z / 150.0f);
  const float s = 0.35f + 0.65f * (shade / 255.0f);
  return {static_cast<std::uint8_t>(base.r * s), static_cast<std::uint8_t>(base.g * s),
          static_cast<std::uint8_t>(base.b * s), 255};
}

Rgba blend(Rgba u, Rgba o) {
  const float a = o.a / 255.0f;
  const float ua = u.a / 255.0f;
  const float out_a = a + ua * (1 - a);
  if (out_a <= 0) return {};
  auto ch = [&](std::uint8_t cu, std::uint8_t co) {
    return static_cast<std::uint8_t>(std::lround((co * a + cu * ua * (1 - a)) / out_a));
  };
  return {ch(u.r, o.r), ch(u.g, o.g), ch(u.b, o.b),
          static_cast<std::uint8_t>(std::lround(out_a * 255))};
}

}  // namespace sd::viz
