// The map: raster layers as a texture, roads/teams/incidents/assets drawn with ImDrawList on
// top, pan (drag), zoom (wheel, at the cursor), hover readout and click selection.
#pragma once

#include <imgui.h>

#include "app/document.hpp"
#include "app/map_texture.hpp"
#include "app/view_state.hpp"

namespace sd::viz {

// Draws at the current cursor position, `size` pixels. `title` is drawn in the top-left corner.
void draw_map(const char* id, const char* title, Document& doc, Document* other, MapTexture& tex,
              ViewState& vs, ImVec2 size, bool blocking);

// The map's title line: file, scenario and the clock (window and screenshots alike).
std::string map_title(const Document& doc, double t);

// Status/state colours shared with the tables.
ImU32 team_status_color(const std::string& status);
ImU32 incident_state_color(const std::string& state);

}  // namespace sd::viz
