#include "core/legend_layout.hpp"

#include <algorithm>

namespace sd::viz {

namespace {

constexpr float kRow = 18, kSym = 32, kPad = 6, kColumn = 250;

// Sections in order; the items of a section flow left to right within a column; a section
// that would make the column taller than max_h starts a new column while one fits in max_w.
// Only the first `sections` sections.
LegendLayout flow(const std::vector<LegendEntry>& entries, std::size_t sections, float scale,
                  float max_w, float max_h,
                  const std::function<float(const std::string&)>& text_width) {
  LegendLayout L;
  L.scale = scale;
  L.row = kRow * scale;
  L.symbol = kSym * scale;
  const float colw = kColumn * scale, pad = kPad * scale;
  float x = 0, y = 0;
  int columns = 1;
  std::size_t k = 0;
  for (std::size_t s = 0; s < sections && k < entries.size(); ++s) {
    const std::string& sec = entries[k].section;
    std::size_t end = k;
    std::vector<float> w;
    for (; end < entries.size() && entries[end].section == sec; ++end)
      w.push_back(L.symbol + (text_width(entries[end].label) + 10) * scale);
    int rows = 1;
    float rx = 0;
    for (float wi : w) {
      if (rx > 0 && rx + wi > colw) ++rows, rx = 0;
      rx += wi;
    }
    const float need = L.row * static_cast<float>(rows + 1);
    if (y > 0 && y + need > max_h && static_cast<float>(columns + 1) * (colw + pad) <= max_w) {
      x += colw + pad;
      y = 0;
      ++columns;
    }
    L.slots.push_back({x, y, &entries[k], true});
    y += L.row;
    rx = 0;
    for (std::size_t q = k; q < end; ++q) {
      const float wi = w[q - k];
      if (rx > 0 && rx + wi > colw) y += L.row, rx = 0;
      L.slots.push_back({x + rx, y, &entries[q], false});
      rx += wi;
    }
    y += L.row + 2 * scale;
    L.height = std::max(L.height, y);
    k = end;
  }
  L.width = static_cast<float>(columns) * (colw + pad) - pad;
  return L;
}

std::size_t section_count(const std::vector<LegendEntry>& entries) {
  std::size_t n = 0;
  for (std::size_t k = 0; k < entries.size(); ++k)
    if (k == 0 || entries[k].section != entries[k - 1].section) ++n;
  return n;
}

}  // namespace

LegendLayout lay_out_legend(const std::vector<LegendEntry>& entries, float map_w, float map_h,
                            const std::function<float(const std::string&)>& text_width) {
  const std::size_t all = section_count(entries);
  LegendLayout L = flow(entries, all, 1, map_w * 0.6f, map_h * 0.55f, text_width);
  if (L.height <= map_h * 0.55f) return L;
  const float max_w = map_w - 20, max_h = map_h - 50;
  auto fits = [&](const LegendLayout& l) { return l.height <= max_h && l.width <= max_w; };
  // The whole map, at full size, then smaller.
  for (float scale = 1; scale >= kMinLegendScale - 1e-6f; scale -= 0.1f) {
    L = flow(entries, all, scale, max_w, max_h, text_width);
    if (fits(L)) return L;
  }
  // Still too big: the last sections go (a line says so), at the smallest size.
  for (std::size_t n = all; n-- > 1;) {
    L = flow(entries, n, kMinLegendScale, max_w, max_h - kRow * kMinLegendScale, text_width);
    L.dropped_sections = static_cast<int>(all - n);
    L.height += L.row;  // the "+N more" line
    if (fits(L)) return L;
  }
  return L;  // one section that does not fit even alone: drawn clipped by the map
}

}  // namespace sd::viz
