// The side panels and the timeline. Each draws into the current ImGui window.
#pragma once

#include "app/document.hpp"
#include "app/map_texture.hpp"
#include "app/view_state.hpp"

namespace sd::viz {

// Play/pause/step/speed, the scrub bar with inject and KPI-event ticks, and the clock.
void draw_timeline(Document& doc, ViewState& vs);
void draw_event_log(Document& doc, ViewState& vs);
void draw_team_table(Document& doc, ViewState& vs);
void draw_incident_table(Document& doc, ViewState& vs);
void draw_kpi_charts(Document& doc, ViewState& vs);
void draw_inspector(Document& doc, const MapTexture& tex, ViewState& vs);
void draw_layer_toggles(ViewState& vs, bool compare);

// Moves the clock to t and centres the map on (x, y) (event-log and table clicks).
void jump_to(ViewState& vs, double t, double x, double y);

}  // namespace sd::viz
