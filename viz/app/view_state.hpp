// Everything the user changes while replaying: time, playback, layers, selection, filters.
#pragma once

#include <string>

namespace sd::viz {

struct Layers {
  bool terrain = true, depth = true, rain = false, wind = false;
  bool roads = true, teams = true, incidents = true, assets = true;
  bool difference = false;  // compare mode: one map of depth(B) - depth(A)
  // Fine-resolution max depth (/hazard/fine/max_depth) over the coarse map when zoomed in.
  bool fine = true;
  bool legend = true;  // the symbol legend on the map
};

// Parses "depth,roads,teams" (terrain always stays on as the base map; the legend stays on
// unless "nolegend" is listed); throws std::invalid_argument naming an unknown layer.
Layers parse_layers(const std::string& csv);

enum class Panel { events, teams, incidents, kpi, inspector, director };

struct ViewState {
  double t = 0;  // seconds since scenario start
  bool playing = false;
  float speed = 60.0f;  // scenario seconds per wall second, 1 .. 3600
  Layers layers;
  bool side_by_side = true;  // compare mode layout (else difference map)
  // Map camera: world point at the centre of the view and metres per screen pixel (0 = fit).
  double cx = 0, cy = 0, m_per_px = 0;
  // One-shot request for the next fit (`--center X,Y --zoom Z`): zoom relative to the fitted
  // map and, when has_center, the world point to centre on. Cleared once applied.
  double request_zoom = 1;
  bool request_center = false;
  double request_cx = 0, request_cy = 0;
  int selected_team = -1, selected_incident = -1;
  Panel panel = Panel::events;
  bool panel_forced = false;  // headless: select `panel` once
  // Event-log filters (-1 = all).
  int filter_type = -1, filter_team = -1;
  char filter_text[64] = {};
  // The event log follows the clock: the replay time it last scrolled to (NaN = never).
  double log_scrolled_t = -1;
  // Hover readout for the inspector.
  bool pan_locked = false;  // the drill director's map tools take the left drag
  bool hover_valid = false;
  double hover_x = 0, hover_y = 0;
};

}  // namespace sd::viz
