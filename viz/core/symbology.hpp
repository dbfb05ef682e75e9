// The map's symbols, defined once: the map draws with these and the legend lists them, so a
// symbol the map shows cannot be missing from the legend (tests/viz/symbology_test.cpp).
//
// Design (issue 14 §4): teams are solid shapes (shape = kind, fill = status) with a black
// outline; incidents are white rings (ring colour = state) with a short type code inside, so a
// green "T" ring never reads as a team; closed roads are dashed (blue/white by water,
// red/white by inject), which a canal or river (solid water colour in the raster) never is.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/colormap.hpp"

namespace sd::viz {

enum class Glyph {
  square,             // county rescue, volunteers
  triangle,           // fire brigade
  inverted_triangle,  // water-resources (dike) teams
  hexagon,            // utilities: power, gas
  pentagon,           // transport
  cross,              // medical
  ring,               // incident: white disc, coloured ring, type code
  road,               // a road segment
  area,               // a raster colour (depth band)
  water,              // sea, rivers, canals: hatched water colour
  house,              // shelter
  depot,              // supply depot (brown square)
  site,               // critical site (pink diamond)
  town,               // town centre (dot with a ring)
  track,              // storm track (line with time ticks)
};

struct Symbol {
  Symbol() = default;
  Symbol(Glyph g, Rgba f, Rgba o = {0, 0, 0, 255}, bool d = false, std::string t = {})
      : glyph(g), fill(f), outline(o), dashed(d), text(std::move(t)) {}
  Glyph glyph = Glyph::area;
  Rgba fill;  // shape fill / area colour / road colour
  Rgba outline{0, 0, 0, 255};
  bool dashed = false;  // roads: closed
  std::string text;     // incident type code
};

// Team shape by its kind label (labels of /teams/kind).
Glyph team_glyph(const std::string& kind);
Rgba team_status_rgba(const std::string& status);    // labels of /teams/track/status
Rgba incident_state_rgba(const std::string& state);  // labels of /incidents/state

// Road state codes of /roads/state: 0 open, 1 slowed, 2 closed by water, 3 closed by inject,
// 4 under water before the storm.
inline constexpr int kRoadStates = 5;
Symbol road_symbol(int state);
const char* road_state_name(int state);

// Short, unique code per incident type label ("trapped_home" -> "T", "tree_down" -> "TD"):
// the first letter when free, else the initials of the words, else initials plus a digit.
std::vector<std::string> incident_codes(const std::vector<std::string>& type_labels);

// Sea, rivers, canals and lakes: cells wet before the storm (the first hazard frame), drawn in
// this colour, never as flood depth.
inline constexpr Rgba kPermanentWater{150, 190, 220, 255};
inline constexpr Rgba kPermanentWaterHatch{110, 150, 190, 255};  // every 5th diagonal
inline constexpr float kPermanentWaterMinDepth = 0.01f;          // m, as the lightest depth band

struct LegendEntry {
  std::string section;  // "Water depth", "Roads", "Teams (shape = kind)", ...
  Symbol symbol;
  std::string label;
};

// What a file contains, from its label attributes (empty lists: that group is absent).
struct LegendInputs {
  std::vector<std::string> team_kinds, team_statuses, incident_types, incident_states;
  bool depth = false, roads = false, assets = false, towns = false, storm_track = false;
  bool difference = false;
};
std::vector<LegendEntry> legend_entries(const LegendInputs& in);

// Plain words for a snake_case label: "en_route" -> "en route".
std::string plain(const std::string& label);

}  // namespace sd::viz
