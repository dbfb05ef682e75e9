// Where the map legend's sections and entries go (no drawing, no ImGui: testable). Sections
// flow into columns; on a map too small for the full-size legend it shrinks (down to
// kMinLegendScale) and then drops its last sections, saying how many, so it always fits inside
// the map instead of covering the title, the clock and beyond (an 800 x 600 window).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/symbology.hpp"

namespace sd::viz {

inline constexpr float kMinLegendScale = 0.7f;

struct LegendSlot {
  float x = 0, y = 0;  // from the legend's top-left, pixels at this scale
  const LegendEntry* entry = nullptr;
  bool header = false;  // the section title of `entry`
};

struct LegendLayout {
  std::vector<LegendSlot> slots;
  float width = 0, height = 0, scale = 1;
  float row = 0, symbol = 0;  // row height and symbol column width at this scale
  int dropped_sections = 0;   // sections left out (the last ones): a "+N more" line
};

// `text_width(label)` is the label's width at scale 1. The legend may use up to 60 % x 55 % of
// the map at full size, else the whole map less a margin (20 px across, 50 px down: the title
// line), shrunk and then cut to fit.
LegendLayout lay_out_legend(const std::vector<LegendEntry>& entries, float map_w, float map_h,
                            const std::function<float(const std::string&)>& text_width);

}  // namespace sd::viz
