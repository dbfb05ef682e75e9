#include "app/map_legend.hpp"

#include <algorithm>
#include <set>

#include "app/symbol_draw.hpp"

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

constexpr float kRow = 18, kSym = 32, kPad = 6;

struct Item {
  const LegendEntry* e;
  float w;
};

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

namespace {

struct Placed {
  ImVec2 at;
  const LegendEntry* e;
  bool header;
};

struct Layout {
  std::vector<Placed> placed;
  float height = 0;
  int columns = 1;
};

// Sections in order; the items of a section flow left to right within a column; a section
// that would make the column taller than max_h starts a new column while one fits in max_w.
Layout lay_out(const std::vector<LegendEntry>& entries, float colw, float max_w, float max_h) {
  Layout L;
  float x = 0, y = 0;
  std::size_t k = 0;
  while (k < entries.size()) {
    const std::string& sec = entries[k].section;
    std::vector<Item> items;
    for (; k < entries.size() && entries[k].section == sec; ++k)
      items.push_back({&entries[k], kSym + ImGui::CalcTextSize(entries[k].label.c_str()).x + 10});
    // Rows this section needs in one column.
    int rows = 1;
    float rx = 0;
    for (const Item& it : items) {
      if (rx > 0 && rx + it.w > colw) {
        ++rows;
        rx = 0;
      }
      rx += it.w;
    }
    const float need = kRow * (rows + 1);
    if (y > 0 && y + need > max_h && (L.columns + 1) * (colw + kPad) <= max_w) {
      x += colw + kPad;
      y = 0;
      ++L.columns;
    }
    L.placed.push_back({{x, y}, items.front().e, true});
    y += kRow;
    rx = 0;
    for (const Item& it : items) {
      if (rx > 0 && rx + it.w > colw) {
        y += kRow;
        rx = 0;
      }
      L.placed.push_back({{x + rx, y}, it.e, false});
      rx += it.w;
    }
    y += kRow + 2;
    L.height = std::max(L.height, y);
  }
  return L;
}

}  // namespace

Box draw_map_legend(ImDrawList* dl, ImVec2 corner, float map_w, float map_h,
                    const std::vector<LegendEntry>& entries) {
  if (entries.empty()) return {};
  // Prefer a legend in the lower-left 60 % x 55 % of the map; when that cannot hold it, use
  // up to the whole map so the legend is complete even in a small screenshot.
  const float colw = 250;
  Layout L = lay_out(entries, colw, map_w * 0.6f, map_h * 0.55f);
  if (L.height > map_h * 0.55f) L = lay_out(entries, colw, map_w - 20, map_h - 50);
  const std::vector<Placed>& placed = L.placed;
  const float height = L.height;
  const int columns = L.columns;
  const float w = columns * (colw + kPad) - kPad;
  const Box box{corner.x - kPad, corner.y - height - kPad, corner.x + w + kPad, corner.y};
  dl->AddRectFilled({box.x0, box.y0}, {box.x1, box.y1}, IM_COL32(255, 255, 255, 225), 4.0f);
  const ImVec2 o{corner.x, corner.y - height};
  for (const Placed& p : placed) {
    const ImVec2 at{o.x + p.at.x, o.y + p.at.y};
    if (p.header) {
      dl->AddText(at, IM_COL32(0, 0, 0, 255), p.e->section.c_str());
      dl->AddText({at.x + 0.6f, at.y}, IM_COL32(0, 0, 0, 255), p.e->section.c_str());
      continue;
    }
    draw_symbol(dl, {at.x + kSym / 2 - 2, at.y + kRow / 2}, p.e->symbol,
                p.e->symbol.glyph == Glyph::ring ? 7.0f : 6.0f);
    dl->AddText({at.x + kSym, at.y}, IM_COL32(20, 20, 20, 255), p.e->label.c_str());
  }
  return box;
}

}  // namespace sd::viz
