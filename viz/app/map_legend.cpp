#include "app/map_legend.hpp"

#include <algorithm>
#include <set>

#include "app/symbol_draw.hpp"
#include "core/legend_layout.hpp"

namespace sd::viz {

namespace {

std::vector<std::string> used_labels(const Table& t, const std::string& col) {
  if (t.empty() || !t.has(col)) return {};
  std::set<int> codes;
  for (std::size_t r = 0; r < t.rows(); ++r) codes.insert(static_cast<int>(t.num(col, r, -1)));
  std::vector<std::string> out;
  const auto& labels = t.labels(col);
  for (int c : codes)
    if (c >= 0 && static_cast<std::size_t>(c) < labels.size())
      out.push_back(labels[static_cast<std::size_t>(c)]);
  return out;
}

constexpr float kPad = 6;

}  // namespace

LegendInputs legend_inputs(const Document& doc, const Layers& layers, bool difference) {
  const Replay& r = doc.replay;
  LegendInputs in;
  in.depth = layers.depth && doc.file->has_series(Series::depth);
  in.difference = difference;
  in.roads = layers.roads && !r.edges.empty();
  if (layers.teams) {
    in.team_kinds = used_labels(r.teams, "kind");
    in.team_statuses = used_labels(r.track, "status");
  }
  if (layers.incidents && !r.incidents.empty()) {
    in.incident_types = used_labels(r.incidents, "type");
    in.incident_states = r.incidents.labels("state");
  }
  in.assets = layers.assets && (!r.depots.empty() || !r.shelters.empty() || !r.sites.empty());
  in.towns = !r.towns.empty();
  in.storm_track = !r.storm_track.empty();
  return in;
}

Box draw_map_legend(ImDrawList* dl, ImVec2 corner, float map_w, float map_h,
                    const std::vector<LegendEntry>& entries) {
  if (entries.empty()) return {};
  const LegendLayout L = lay_out_legend(
      entries, map_w, map_h, [](const std::string& t) { return ImGui::CalcTextSize(t.c_str()).x; });
  const float pad = kPad * L.scale, font = ImGui::GetFontSize() * L.scale;
  const Box box{corner.x - pad, corner.y - L.height - pad, corner.x + L.width + pad, corner.y};
  dl->AddRectFilled({box.x0, box.y0}, {box.x1, box.y1}, IM_COL32(255, 255, 255, 225), 4.0f);
  const ImVec2 o{corner.x, corner.y - L.height};
  for (const LegendSlot& p : L.slots) {
    const ImVec2 at{o.x + p.x, o.y + p.y};
    if (p.header) {
      dl->AddText(nullptr, font, at, IM_COL32(0, 0, 0, 255), p.entry->section.c_str());
      dl->AddText(nullptr, font, {at.x + 0.6f, at.y}, IM_COL32(0, 0, 0, 255),
                  p.entry->section.c_str());
      continue;
    }
    draw_symbol(dl, {at.x + L.symbol / 2 - 2, at.y + L.row / 2}, p.entry->symbol,
                (p.entry->symbol.glyph == Glyph::ring ? 7.0f : 6.0f) * L.scale);
    dl->AddText(nullptr, font, {at.x + L.symbol, at.y}, IM_COL32(20, 20, 20, 255),
                p.entry->label.c_str());
  }
  if (L.dropped_sections > 0) {
    const std::string more =
        "+" + std::to_string(L.dropped_sections) + " more legend section(s): enlarge the window";
    dl->AddText(nullptr, font, {o.x, o.y + L.height - L.row}, IM_COL32(60, 60, 60, 255),
                more.c_str());
  }
  return box;
}

}  // namespace sd::viz
