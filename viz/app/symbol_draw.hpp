// Draws the symbols of core/symbology.hpp with ImDrawList: the map and the legend both call
// this, so the legend shows exactly the marks the map makes.
#pragma once

#include <imgui.h>

#include "core/symbology.hpp"

namespace sd::viz {

inline ImU32 im(Rgba c) {
  return IM_COL32(c.r, c.g, c.b, c.a);
}

// `p` is the symbol's centre; `r` its half size in pixels; `emphasis` thickens the outline
// (selected team or incident).
void draw_symbol(ImDrawList* dl, ImVec2 p, const Symbol& s, float r = 7.0f, bool emphasis = false);
// A road segment a-b in its state's style (closed states dashed over a white casing).
void draw_road(ImDrawList* dl, ImVec2 a, ImVec2 b, const Symbol& s);
// Text with a light halo, readable over any map colour.
void draw_halo_text(ImDrawList* dl, ImVec2 p, ImU32 color, const char* text);

}  // namespace sd::viz
