#include "core/symbology.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace sd::viz {

Glyph team_glyph(const std::string& kind) {
  if (kind == "fire") return Glyph::triangle;
  if (kind == "water") return Glyph::inverted_triangle;
  if (kind == "power" || kind == "gas") return Glyph::hexagon;
  if (kind == "transport") return Glyph::pentagon;
  if (kind.find("med") != std::string::npos) return Glyph::cross;
  return Glyph::square;  // county_rescue, volunteer and kinds a later engine adds
}

Rgba team_status_rgba(const std::string& s) {
  if (s == "idle") return {250, 250, 250, 255};
  if (s == "mobilising") return {255, 230, 120, 255};
  if (s == "en_route") return {255, 200, 0, 255};
  if (s == "working") return {40, 200, 60, 255};
  if (s == "returning") return {80, 170, 255, 255};
  if (s == "blocked") return {230, 30, 30, 255};
  if (s == "resting") return {180, 180, 180, 255};
  return {90, 90, 90, 255};  // out_of_action
}

Rgba incident_state_rgba(const std::string& s) {
  if (s == "waiting") return {220, 30, 30, 255};
  if (s == "assigned") return {240, 140, 0, 255};
  if (s == "served") return {30, 160, 60, 255};
  if (s == "failed") return {20, 20, 20, 255};
  if (s == "averted") return {120, 120, 120, 255};
  return {140, 60, 200, 255};  // unreachable
}

Symbol road_symbol(int state) {
  Symbol s;
  s.glyph = Glyph::road;
  switch (state) {
    case 0:
      s.fill = {235, 235, 235, 230};
      break;
    case 1:
      s.fill = {245, 160, 30, 255};
      break;
    case 2:
      s.fill = {20, 80, 230, 255};
      s.dashed = true;
      break;
    case 3:
      s.fill = {210, 30, 30, 255};
      s.dashed = true;
      break;
    case 4:
      s.fill = {90, 90, 110, 255};
      s.dashed = true;
      break;
    default:
      s.fill = {128, 128, 128, 255};
      break;
  }
  return s;
}

const char* road_state_name(int state) {
  switch (state) {
    case 0:
      return "open";
    case 1:
      return "slowed by water or wind";
    case 2:
      return "closed: flooded";
    case 3:
      return "closed: by order (inject)";
    case 4:
      return "under water before the storm";
    default:
      return "unknown";
  }
}

std::vector<std::string> incident_codes(const std::vector<std::string>& labels) {
  std::vector<std::string> out;
  auto taken = [&](const std::string& c) {
    return std::find(out.begin(), out.end(), c) != out.end();
  };
  for (const auto& l : labels) {
    std::string first(1, l.empty() ? '?' : static_cast<char>(std::toupper(l[0])));
    std::string initials;
    bool start = true;
    for (char ch : l) {
      if (ch == '_' || ch == ' ' || ch == '-') {
        start = true;
      } else if (start) {
        initials += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        start = false;
      }
    }
    if (initials.empty()) initials = first;
    std::string code = !taken(first) ? first : initials;
    for (int n = 2; taken(code); ++n) code = initials + std::to_string(n);
    out.push_back(code);
  }
  return out;
}

std::string plain(const std::string& label) {
  std::string s = label;
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

namespace {

void depth_entries(std::vector<LegendEntry>& out, bool difference) {
  const std::string sec = difference ? "Depth difference B - A (m)" : "Water depth (m)";
  if (difference) {
    for (float d : {-0.5f, -0.15f, 0.15f, 0.5f}) {
      char buf[48];
      std::snprintf(buf, sizeof buf, "%+.2f m (%s)", d, d > 0 ? "B deeper" : "B shallower");
      out.push_back({sec, {Glyph::area, diff_color(d)}, buf});
    }
  } else {
    for (std::size_t k = 0; k < kDepthColors.size(); ++k) {
      char buf[64];
      const float lo = kDepthEdges[k];
      const bool threshold = lo == 0.15f || lo == 0.3f || lo == 0.5f;
      if (k + 1 < kDepthColors.size())
        std::snprintf(buf, sizeof buf, "%.2f - %.2f%s", lo, kDepthEdges[k + 1],
                      threshold ? " *" : "");
      else
        std::snprintf(buf, sizeof buf, ">= %.2f", lo);
      out.push_back({sec, {Glyph::area, kDepthColors[k]}, buf});
    }
  }
  out.push_back({sec, {Glyph::water, kPermanentWater}, "sea, rivers, canals (before the storm)"});
}

}  // namespace

std::vector<LegendEntry> legend_entries(const LegendInputs& in) {
  std::vector<LegendEntry> out;
  if (in.depth) depth_entries(out, in.difference);
  if (in.roads)
    for (int s = 0; s < kRoadStates; ++s)
      out.push_back({"Roads", road_symbol(s), road_state_name(s)});
  if (!in.team_kinds.empty()) {
    // One entry per glyph actually used, listing the kinds that share it.
    std::vector<std::pair<Glyph, std::string>> shapes;
    for (const auto& k : in.team_kinds) {
      const Glyph g = team_glyph(k);
      auto it = std::find_if(shapes.begin(), shapes.end(), [&](auto& p) { return p.first == g; });
      if (it == shapes.end())
        shapes.emplace_back(g, plain(k));
      else
        it->second += ", " + plain(k);
    }
    for (const auto& [g, names] : shapes)
      out.push_back({"Teams: shape = kind", {g, {250, 250, 250, 255}}, names + " team"});
  }
  for (const auto& s : in.team_statuses)
    out.push_back({"Team fill = status", {Glyph::square, team_status_rgba(s)}, plain(s)});
  if (!in.incident_types.empty()) {
    const auto codes = incident_codes(in.incident_types);
    for (std::size_t k = 0; k < codes.size(); ++k) {
      Symbol s{Glyph::ring, {255, 255, 255, 255}, {60, 60, 60, 255}, false, codes[k]};
      out.push_back({"Incidents: code = type", s, plain(in.incident_types[k])});
    }
  }
  for (const auto& s : in.incident_states)
    out.push_back({"Incident ring = state",
                   {Glyph::ring, {255, 255, 255, 255}, incident_state_rgba(s)},
                   plain(s)});
  if (in.assets) {
    out.push_back({"Places", {Glyph::depot, {140, 90, 40, 255}}, "supply depot"});
    out.push_back({"Places", {Glyph::house, {250, 250, 250, 255}}, "shelter (bar: % full)"});
    out.push_back({"Places", {Glyph::site, {230, 60, 160, 255}}, "critical site"});
  }
  if (in.towns) out.push_back({"Places", {Glyph::town, {255, 255, 255, 255}}, "town"});
  if (in.storm_track)
    out.push_back({"Places", {Glyph::track, {200, 30, 120, 255}}, "storm track (tick: 6 h)"});
  return out;
}

}  // namespace sd::viz
