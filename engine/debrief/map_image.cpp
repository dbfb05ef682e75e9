#include "debrief/map_image.hpp"

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <span>
#include <sstream>

#include "core/error.hpp"
#include "debrief/svg_chart.hpp"

namespace sd::debrief {
namespace {

constexpr Rgba kOutside{255, 255, 255, 0};
constexpr Rgba kWater{122, 160, 196, 255};

// Land as a light grey relief (higher = lighter), so coloured layers read on top of it.
Rgba land(float elevation) {
  const float e = std::isnan(elevation) ? 0.f : std::clamp(elevation, -2.f, 30.f);
  const auto v = static_cast<unsigned char>(205 + (e + 2.f) / 32.f * 40.f);
  return {v, v, static_cast<unsigned char>(v - 6), 255};
}

bool is_water(const Basemap& b, std::size_t c) {
  return !b.landuse.empty() && b.landuse[c] == 3.0f;
}

Rgba base(const Basemap& b, std::size_t c) {
  if (c < b.elevation.size() && std::isnan(b.elevation[c])) return kOutside;
  if (is_water(b, c)) return kWater;
  return land(c < b.elevation.size() ? b.elevation[c] : 0.f);
}

std::string rgb(const Rgba& c) {
  char s[16];
  std::snprintf(s, sizeof s, "#%02x%02x%02x", c.r, c.g, c.b);
  return s;
}

}  // namespace

std::string encode_png(const std::vector<Rgba>& px, int nx, int ny) {
  GDALAllRegister();
  GDALDriverH mem = GDALGetDriverByName("MEM"), png = GDALGetDriverByName("PNG");
  if (!mem || !png) throw IoError("report: GDAL has no MEM or PNG driver");
  GDALDatasetH ds = GDALCreate(mem, "", nx, ny, 4, GDT_Byte, nullptr);
  std::vector<unsigned char> band(px.size());
  for (int b = 0; b < 4; ++b) {
    for (std::size_t k = 0; k < px.size(); ++k)
      band[k] = b == 0 ? px[k].r : b == 1 ? px[k].g : b == 2 ? px[k].b : px[k].a;
    if (GDALRasterIO(GDALGetRasterBand(ds, b + 1), GF_Write, 0, 0, nx, ny, band.data(), nx, ny,
                     GDT_Byte, 0, 0) != CE_None) {
      GDALClose(ds);
      throw IoError("report: cannot fill the map image");
    }
  }
  // A per-process name: /vsimem is shared by the threads of this process only.
  const std::string name = "/vsimem/stormdrill_report_" + std::to_string(::getpid()) + ".png";
  GDALDatasetH out = GDALCreateCopy(png, name.c_str(), ds, FALSE, nullptr, nullptr, nullptr);
  GDALClose(ds);
  if (!out) throw IoError("report: PNG encoding failed");
  GDALClose(out);
  vsi_l_offset n = 0;
  GByte* buf = VSIGetMemFileBuffer(name.c_str(), &n, TRUE);
  std::string bytes(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
  CPLFree(buf);
  VSIUnlink((name + ".aux.xml").c_str());
  return bytes;
}

std::string base64(const std::string& in) {
  static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t k = 0;
  for (; k + 2 < in.size(); k += 3) {
    const unsigned v = (static_cast<unsigned char>(in[k]) << 16) |
                       (static_cast<unsigned char>(in[k + 1]) << 8) |
                       static_cast<unsigned char>(in[k + 2]);
    out += t[v >> 18], out += t[(v >> 12) & 63], out += t[(v >> 6) & 63], out += t[v & 63];
  }
  if (k + 1 == in.size()) {
    const unsigned v = static_cast<unsigned char>(in[k]) << 16;
    out += t[v >> 18], out += t[(v >> 12) & 63], out += "==";
  } else if (k + 2 == in.size()) {
    const unsigned v =
        (static_cast<unsigned char>(in[k]) << 16) | (static_cast<unsigned char>(in[k + 1]) << 8);
    out += t[v >> 18], out += t[(v >> 12) & 63], out += t[(v >> 6) & 63], out += '=';
  }
  return out;
}

namespace {

// cols[k] where edges[k] <= v (the highest such band); below the first edge, NaN, water and
// outside keep the basemap. The legend lists the bands, then water.
std::vector<Rgba> band_pixels(const std::vector<float>& v, const Basemap& b,
                              std::span<const float> edges, std::span<const Rgba> cols,
                              std::span<const char* const> labels, const std::string& water,
                              std::vector<LegendEntry>& legend) {
  legend.clear();
  for (std::size_t k = 0; k < cols.size(); ++k) legend.push_back({cols[k], labels[k]});
  legend.push_back({kWater, water});
  std::vector<Rgba> px(v.size());
  for (std::size_t c = 0; c < v.size(); ++c) {
    px[c] = base(b, c);
    if (is_water(b, c) || std::isnan(v[c]) || px[c].a == 0) continue;
    for (std::size_t k = edges.size(); k-- > 0;)
      if (v[c] >= edges[k]) {
        px[c] = cols[k];
        break;
      }
  }
  return px;
}

}  // namespace

std::vector<Rgba> depth_pixels(const std::vector<float>& d, const Basemap& b,
                               std::vector<LegendEntry>& legend, const std::string& water) {
  // Bands break at the planning thresholds 0.15 / 0.3 / 0.5 m (GB 51222 ponding, road closure,
  // wading limit), as in the viewer.
  static const float edges[] = {0.05f, 0.15f, 0.3f, 0.5f, 1.0f, 2.0f};
  static const Rgba cols[] = {{198, 219, 239, 255}, {158, 202, 225, 255}, {107, 174, 214, 255},
                              {49, 130, 189, 255},  {8, 81, 156, 255},    {8, 48, 107, 255}};
  static const char* const labels[] = {"0.05–0.15 m", "0.15–0.3 m", "0.3–0.5 m",
                                       "0.5–1 m",     "1–2 m",      "≥ 2 m"};
  return band_pixels(d, b, edges, cols, labels, water, legend);
}

std::vector<Rgba> hazard_pixels(const std::vector<float>& hr, const Basemap& b,
                                std::vector<LegendEntry>& legend, const std::string& water) {
  // A rating of 0 (never rated) keeps the basemap: the first band starts above it.
  static const float edges[] = {std::numeric_limits<float>::min(), 0.75f, 1.25f, 2.0f};
  static const Rgba cols[] = {
      {255, 255, 178, 255}, {254, 178, 76, 255}, {240, 59, 32, 255}, {128, 0, 38, 255}};
  static const char* const labels[] = {"HR < 0.75", "0.75–1.25", "1.25–2", "≥ 2"};
  return band_pixels(hr, b, edges, cols, labels, water, legend);
}

std::vector<Rgba> arrival_pixels(const std::vector<float>& t, double end_s, const Basemap& b,
                                 std::vector<LegendEntry>& legend, const std::string& hours,
                                 const std::string& never, const std::string& water) {
  // Early arrival is the urgent one: red, then orange, yellow, pale green for late water.
  static const Rgba cols[] = {{189, 0, 38, 255},
                              {240, 59, 32, 255},
                              {253, 141, 60, 255},
                              {254, 204, 92, 255},
                              {199, 233, 180, 255}};
  const double span = end_s > 0 ? end_s : 86400.0;
  legend.clear();
  for (int k = 0; k < 5; ++k) {
    char s[64];
    std::snprintf(s, sizeof s, "%.0f–%.0f %s", span * k / 5 / 3600, span * (k + 1) / 5 / 3600,
                  hours.c_str());
    legend.push_back({cols[k], s});
  }
  legend.push_back({land(5), never});
  legend.push_back({kWater, water});
  std::vector<Rgba> px(t.size());
  for (std::size_t c = 0; c < t.size(); ++c) {
    px[c] = base(b, c);
    if (is_water(b, c) || std::isnan(t[c]) || px[c].a == 0) continue;
    const int k = std::clamp(static_cast<int>(t[c] / span * 5), 0, 4);
    px[c] = cols[k];
  }
  return px;
}

std::vector<Rgba> rain_pixels(const std::vector<float>& mm, const Basemap& b,
                              std::vector<LegendEntry>& legend) {
  static const float edges[] = {50, 100, 200, 300, 400};
  static const Rgba cols[] = {{237, 248, 233, 255},
                              {186, 228, 179, 255},
                              {116, 196, 118, 255},
                              {49, 163, 84, 255},
                              {0, 109, 44, 255}};
  static const char* labels[] = {"50–100 mm", "100–200 mm", "200–300 mm", "300–400 mm", "≥ 400 mm"};
  legend.clear();
  for (int k = 0; k < 5; ++k) legend.push_back({cols[k], labels[k]});
  std::vector<Rgba> px(mm.size());
  for (std::size_t c = 0; c < mm.size(); ++c) {
    px[c] = base(b, c);
    if (std::isnan(mm[c]) || px[c].a == 0) continue;
    for (int k = 4; k >= 0; --k)
      if (mm[c] >= edges[k]) {
        px[c] = cols[k];
        break;
      }
  }
  return px;
}

std::string svg_map(const MapSpec& m) {
  const auto& g = *m.grid;
  const double scale = static_cast<double>(m.width) / g.nx;
  const double W = m.width, H = g.ny * scale;
  const double legend_w = 150, total_w = W + legend_w;
  const double total_h = std::max(H + 24, 24.0 + 18.0 * static_cast<double>(m.legend.size()));
  std::ostringstream o;
  o << "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << total_w
    << "\" height=\"" << total_h << "\" viewBox=\"0 0 " << total_w << " " << total_h
    << "\" role=\"img\"><title>" << html_escape(m.title) << "</title>";
  o << "<image x=\"0\" y=\"0\" width=\"" << W << "\" height=\"" << H
    << "\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" "
       "href=\"data:image/png;base64,"
    << base64(encode_png(m.pixels, g.nx, g.ny)) << "\"/>";
  o << "<rect x=\"0\" y=\"0\" width=\"" << W << "\" height=\"" << H << "\" class=\"frame\"/>";
  if (m.track.size() > 1) {
    // A nested <svg> clips the line to the map (the track runs far beyond the county).
    auto X = [&](double x) { return (x - g.x0) / g.cell * scale; };
    auto Y = [&](double y) { return (g.y0 - y) / g.cell * scale; };
    o << "<svg x=\"0\" y=\"0\" width=\"" << W << "\" height=\"" << H
      << "\" overflow=\"hidden\"><polyline fill=\"none\" stroke=\"#c81e78\" stroke-width=\"2.5\" "
         "points=\"";
    for (const auto& v : m.track) o << X(v.x) << "," << Y(v.y) << " ";
    o << "\"/>";
    for (const auto& v : m.track)
      if (!v.tick.empty())
        o << "<circle cx=\"" << X(v.x) << "\" cy=\"" << Y(v.y) << "\" r=\"3.5\" fill=\"#c81e78\"/>"
          << "<text x=\"" << X(v.x) + 5 << "\" y=\"" << Y(v.y) - 4
          << "\" class=\"lbl\" fill=\"#c81e78\">" << html_escape(v.tick) << "</text>";
    o << "</svg>";
  }
  // Labels by priority; one that would overlap a placed label is left out (declutter).
  std::vector<const MapPoint*> order;
  for (const auto& p : m.points) order.push_back(&p);
  std::stable_sort(order.begin(), order.end(),
                   [](auto* a, auto* b) { return a->priority > b->priority; });
  struct Box {
    double x0, y0, x1, y1;
  };
  std::vector<Box> placed;
  for (const MapPoint* p : order) {
    const double px = (p->x - g.x0) / g.cell * scale, py = (g.y0 - p->y) / g.cell * scale;
    if (px < 0 || py < 0 || px > W || py > H) continue;
    o << "<circle cx=\"" << px << "\" cy=\"" << py << "\" r=\"3\" class=\"pt\"/>";
    const double w = 7.0 * static_cast<double>(p->label.size()) * 0.8 + 4, h = 13;
    // Right of the point, or left of it where the label would leave the map.
    const bool left = px + 4 + w > W;
    const Box b{left ? px - 4 - w : px + 4, py - h, left ? px - 4 : px + 4 + w, py};
    bool clash = false;
    for (const auto& q : placed)
      clash |= !(b.x1 < q.x0 || q.x1 < b.x0 || b.y1 < q.y0 || q.y1 < b.y0);
    if (clash) continue;
    placed.push_back(b);
    o << "<text x=\"" << (left ? px - 5 : px + 5) << "\" y=\"" << py - 3 << "\" class=\"lbl\""
      << (left ? " text-anchor=\"end\"" : "") << ">" << html_escape(p->label) << "</text>";
  }
  // Scale bar: a round number of km near a fifth of the width.
  const double km_per_px = g.cell / scale / 1000.0;
  const auto ticks = nice_ticks(0, W / 5 * km_per_px, 2);
  const double km = ticks.size() > 1 ? ticks[1] : 1;
  o << "<rect x=\"10\" y=\"" << H - 16 << "\" width=\"" << km / km_per_px
    << "\" height=\"5\" class=\"sb\"/><text x=\"10\" y=\"" << H - 20 << "\" class=\"lbl\">"
    << plain_number(km) << " km</text>";
  double y = 18;
  for (const auto& e : m.legend) {
    o << "<rect x=\"" << W + 10 << "\" y=\"" << y - 10 << "\" width=\"14\" height=\"12\" fill=\""
      << rgb(e.colour) << "\" class=\"sw\"/><text x=\"" << W + 30 << "\" y=\"" << y << "\">"
      << html_escape(e.label) << "</text>";
    y += 18;
  }
  o << "</svg>";
  return o.str();
}

std::string svg_track_map(const std::string& title, const results::GridInfo& g,
                          const std::vector<TrackVertex>& track, const std::vector<MapPoint>& towns,
                          int width) {
  double x0 = g.x0, x1 = g.x0 + g.nx * g.cell, y0 = g.y0 - g.ny * g.cell, y1 = g.y0;
  for (const auto& v : track) {
    x0 = std::min(x0, v.x), x1 = std::max(x1, v.x);
    y0 = std::min(y0, v.y), y1 = std::max(y1, v.y);
  }
  const double pad = 0.06 * std::max(x1 - x0, y1 - y0);
  x0 -= pad, x1 += pad, y0 -= pad, y1 += pad;
  const double s = width / (x1 - x0), H = (y1 - y0) * s;
  auto X = [&](double x) { return (x - x0) * s; };
  auto Y = [&](double y) { return (y1 - y) * s; };
  std::ostringstream o;
  o << "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\""
    << H << "\" viewBox=\"0 0 " << width << " " << H << "\" role=\"img\"><title>"
    << html_escape(title) << "</title>";
  o << "<rect x=\"0\" y=\"0\" width=\"" << width << "\" height=\"" << H
    << "\" fill=\"#eef3f7\" class=\"frame\"/>";
  o << "<rect x=\"" << X(g.x0) << "\" y=\"" << Y(g.y0) << "\" width=\"" << g.nx * g.cell * s
    << "\" height=\"" << g.ny * g.cell * s << "\" fill=\"#d9d6c8\" stroke=\"#555\"/>";
  for (const auto& t : towns)
    o << "<circle cx=\"" << X(t.x) << "\" cy=\"" << Y(t.y) << "\" r=\"2\" class=\"pt\"/>";
  if (track.size() > 1) {
    o << "<polyline fill=\"none\" stroke=\"#c81e78\" stroke-width=\"2.5\" points=\"";
    for (const auto& v : track) o << X(v.x) << "," << Y(v.y) << " ";
    o << "\"/>";
    for (const auto& v : track)
      if (!v.tick.empty())
        o << "<circle cx=\"" << X(v.x) << "\" cy=\"" << Y(v.y) << "\" r=\"3.5\" fill=\"#c81e78\"/>"
          << "<text x=\"" << X(v.x) + 6 << "\" y=\"" << Y(v.y) + 4 << "\" class=\"lbl\">"
          << html_escape(v.tick) << "</text>";
  }
  const auto ticks = nice_ticks(0, width / 5.0 / s / 1000.0, 2);
  const double km = ticks.size() > 1 ? ticks[1] : 1;
  o << "<rect x=\"10\" y=\"" << H - 16 << "\" width=\"" << km * 1000 * s
    << "\" height=\"5\" class=\"sb\"/><text x=\"10\" y=\"" << H - 20 << "\" class=\"lbl\">"
    << plain_number(km) << " km</text></svg>";
  return o.str();
}

}  // namespace sd::debrief
