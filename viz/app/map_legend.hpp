// The symbol legend drawn on the map (window and headless screenshots alike).
#pragma once

#include <imgui.h>

#include <vector>

#include "app/document.hpp"
#include "app/view_state.hpp"
#include "core/label_placement.hpp"
#include "core/symbology.hpp"

namespace sd::viz {

// What the map shows of `doc` with these layers: the legend's inputs.
LegendInputs legend_inputs(const Document& doc, const Layers& layers, bool difference);

// Draws `entries` in a box whose bottom-left corner is `corner` on a map of map_w x map_h
// pixels, sections flowing into columns; returns the box (an obstacle for map labels).
Box draw_map_legend(ImDrawList* dl, ImVec2 corner, float map_w, float map_h,
                    const std::vector<LegendEntry>& entries);

}  // namespace sd::viz
