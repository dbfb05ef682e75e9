#include "app/map_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/map_camera.hpp"
#include "app/map_legend.hpp"
#include "app/symbol_draw.hpp"
#include "core/chart_axis.hpp"
#include "core/colormap.hpp"
#include "core/label_placement.hpp"
#include "core/symbology.hpp"
#include "core/view_options.hpp"

namespace sd::viz {

namespace {

ImU32 col(Rgba c) {
  return IM_COL32(c.r, c.g, c.b, c.a);
}

void fit(const GridInfo& g, ImVec2 size, ViewState& vs) {
  const double w = g.nx * g.cell, h = g.ny * g.cell;
  vs.m_per_px = fitted_m_per_px(g, size.x, size.y) / vs.request_zoom;
  vs.cx = vs.request_center ? vs.request_cx : g.x0 + w / 2;
  vs.cy = vs.request_center ? vs.request_cy : g.y0 - h / 2;
  vs.request_zoom = 1;
  vs.request_center = false;
}

void handle_input(const Camera& cam, const GridInfo& g, ViewState& vs, bool hovered) {
  ImGuiIO& io = ImGui::GetIO();
  if (!hovered) return;
  double wx = 0, wy = 0;
  cam.to_world(io.MousePos, wx, wy);
  vs.hover_valid = true;
  vs.hover_x = wx;
  vs.hover_y = wy;
  if (io.MouseWheel != 0) {
    // Zoom about the cursor: keep the world point under it fixed.
    const double f = std::pow(0.85, io.MouseWheel);
    const double max_m = std::max(g.nx, g.ny) * g.cell / 50.0;
    const double new_m = std::clamp(vs.m_per_px * f, g.cell / 32.0, max_m);
    vs.cx = wx - (wx - vs.cx) * new_m / vs.m_per_px;
    vs.cy = wy - (wy - vs.cy) * new_m / vs.m_per_px;
    vs.m_per_px = new_m;
  }
  if (!vs.pan_locked && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
    vs.cx -= io.MouseDelta.x * vs.m_per_px;
    vs.cy += io.MouseDelta.y * vs.m_per_px;
  }
}

// A label the map wants to place (text, anchor, class); placed together after all symbols.
struct MapLabel {
  std::string text;
  ImVec2 anchor;
  float gap;
  int label_class;
  ImU32 color;
  bool force = false;  // the selected team or incident: always labelled
};

void draw_roads(ImDrawList* dl, const Camera& cam, Document& doc, double t) {
  const Replay& r = doc.replay;
  if (r.edges.empty() || r.nodes.empty()) return;
  const std::uint8_t* state = road_states_at(r, t);
  // Open roads first, closed ones on top so a closure is never hidden under an open road.
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t e = 0; e < r.edges.rows(); ++e) {
      const auto a = static_cast<std::size_t>(r.edges.num("from", e, -1));
      const auto b = static_cast<std::size_t>(r.edges.num("to", e, -1));
      if (a >= r.nodes.rows() || b >= r.nodes.rows()) continue;
      const int s = state ? state[e] : 0;
      const Symbol sym = road_symbol(s);
      if (sym.dashed != (pass == 1)) continue;
      draw_road(dl, cam.to_screen(r.nodes.num("x", a, 0), r.nodes.num("y", a, 0)),
                cam.to_screen(r.nodes.num("x", b, 0), r.nodes.num("y", b, 0)), sym);
    }
  }
}

void draw_towns(ImDrawList* dl, const Camera& cam, Document& doc, std::vector<MapLabel>& labels) {
  const Table& towns = doc.replay.towns;
  for (std::size_t k = 0; k < towns.rows(); ++k) {
    const ImVec2 p = cam.to_screen(towns.num("x", k, 0), towns.num("y", k, 0));
    draw_symbol(dl, p, {Glyph::town, {255, 255, 255, 255}}, 8.0f);
    labels.push_back({towns.text("name", k), p, 7, kLabelTown, IM_COL32(0, 0, 0, 255)});
  }
}

void draw_assets(ImDrawList* dl, const Camera& cam, Document& doc, double t,
                 std::vector<MapLabel>& labels) {
  const Replay& r = doc.replay;
  for (std::size_t k = 0; k < r.depots.rows(); ++k) {
    const ImVec2 p = cam.to_screen(r.depots.num("x", k, 0), r.depots.num("y", k, 0));
    draw_symbol(dl, p, {Glyph::depot, {140, 90, 40, 255}}, 6.0f);
    labels.push_back({r.depots.text("name", k), p, 8, kLabelAsset, IM_COL32(60, 35, 10, 255)});
  }
  const float* occ = shelter_occupancy_at(r, t);
  for (std::size_t k = 0; k < r.shelters.rows(); ++k) {
    const ImVec2 p = cam.to_screen(r.shelters.num("x", k, 0), r.shelters.num("y", k, 0));
    const double cap = r.shelters.num("capacity", k, 0);
    const double fill = (occ && cap > 0) ? std::clamp(occ[k] / cap, 0.0, 1.0) : 0.0;
    draw_symbol(dl, p, {Glyph::house, {250, 250, 250, 255}}, 7.0f);
    // Fill bar: green empty -> red full.
    const float h = static_cast<float>(9.0 * fill);
    dl->AddRectFilled(
        {p.x - 6, p.y + 6 - h}, {p.x + 6, p.y + 6},
        IM_COL32(static_cast<int>(60 + 190 * fill), static_cast<int>(180 - 150 * fill), 40, 255));
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s %.0f%%", r.shelters.text("name", k).c_str(), fill * 100);
    labels.push_back({buf, p, 9, kLabelAsset, IM_COL32(20, 60, 20, 255)});
  }
  for (std::size_t k = 0; k < r.sites.rows(); ++k) {
    const ImVec2 p = cam.to_screen(r.sites.num("x", k, 0), r.sites.num("y", k, 0));
    draw_symbol(dl, p, {Glyph::site, {230, 60, 160, 255}}, 7.0f);
    labels.push_back({r.sites.text("name", k), p, 8, kLabelAsset, IM_COL32(110, 20, 70, 255)});
  }
}

void draw_incidents(ImDrawList* dl, const Camera& cam, Document& doc, const ViewState& vs,
                    std::vector<MapLabel>& labels) {
  const Replay& r = doc.replay;
  const auto& states = r.incidents.labels("state");
  const auto codes = incident_codes(r.incidents.labels("type"));
  for (std::size_t k = 0; k < r.incidents.rows(); ++k) {
    const int s = incident_state_at(r, k, vs.t);
    if (s < 0) continue;
    const std::string state =
        s < static_cast<int>(states.size()) ? states[static_cast<std::size_t>(s)] : "?";
    const auto type = static_cast<std::size_t>(r.incidents.num("type", k, 0));
    const ImVec2 p = cam.to_screen(r.incidents.num("x", k, 0), r.incidents.num("y", k, 0));
    const bool selected = vs.selected_incident == static_cast<int>(k);
    draw_symbol(dl, p,
                {Glyph::ring,
                 {255, 255, 255, 255},
                 incident_state_rgba(state),
                 false,
                 type < codes.size() ? codes[type] : "?"},
                7.0f, selected);
    if (selected)
      labels.push_back({"#" + r.incidents.text("id", k) + " " + plain(r.incidents.label("type", k)),
                        p, 11, kLabelTown + 1, IM_COL32(0, 0, 0, 255), true});
  }
}

void draw_teams(ImDrawList* dl, const Camera& cam, Document& doc, const ViewState& vs,
                std::vector<MapLabel>& labels) {
  const Replay& r = doc.replay;
  const auto& status_labels = r.track.labels("status");
  constexpr double kTrail = 3600.0;  // recent track: the last hour
  for (std::size_t tm = 0; tm < r.teams.rows(); ++tm) {
    const TeamState s = team_at(r, tm, vs.t);
    if (!s.valid) continue;
    std::vector<ImVec2> trail;
    for (std::size_t row : r.team_track[tm]) {
      const double rt = r.track.num("t", row, 0);
      if (rt > vs.t) break;
      if (rt >= vs.t - kTrail)
        trail.push_back(cam.to_screen(r.track.num("x", row, 0), r.track.num("y", row, 0)));
    }
    const ImVec2 p = cam.to_screen(s.x, s.y);
    trail.push_back(p);
    if (trail.size() > 1)
      dl->AddPolyline(trail.data(), static_cast<int>(trail.size()), IM_COL32(60, 60, 60, 200), 0,
                      2.0f);
    const std::string status = s.status >= 0 && s.status < static_cast<int>(status_labels.size())
                                   ? status_labels[static_cast<std::size_t>(s.status)]
                                   : "idle";
    const bool selected = vs.selected_team == static_cast<int>(tm);
    draw_symbol(dl, p, {team_glyph(r.teams.label("kind", tm)), team_status_rgba(status)}, 7.0f,
                selected);
    labels.push_back({r.teams.text("name", tm), p, 10, selected ? kLabelTown + 1 : kLabelTeam,
                      IM_COL32(10, 10, 10, 255), selected});
  }
}

// The storm track: a line through the recorded centres with a dot every 6 h and the clock
// time beside it (the centre can be far off the map; the clip rectangle handles that).
void draw_storm_track(ImDrawList* dl, const Camera& cam, Document& doc, double now) {
  const Table& tr = doc.replay.storm_track;
  if (tr.rows() < 2) return;
  std::vector<ImVec2> pts;
  for (std::size_t k = 0; k < tr.rows(); ++k)
    pts.push_back(cam.to_screen(tr.num("x", k, 0), tr.num("y", k, 0)));
  const ImU32 c = IM_COL32(200, 30, 120, 230);
  dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), c, 0, 2.5f);
  double next_tick = -1e300;
  for (std::size_t k = 0; k < tr.rows(); ++k) {
    const double t = tr.num("t", k, 0);
    if (t < next_tick) continue;
    next_tick = (std::floor(t / 21600.0) + 1) * 21600.0;
    dl->AddCircleFilled(pts[k], 4.0f, c);
    const std::string label = format_time_tick(t, doc.clock);
    draw_halo_text(dl, {pts[k].x + 6, pts[k].y - 6}, c, label.c_str());
  }
  // Where the storm is now (interpolated between track rows).
  for (std::size_t k = 1; k < tr.rows(); ++k) {
    const double t0 = tr.num("t", k - 1, 0), t1 = tr.num("t", k, 0);
    if (now < t0 || now > t1 || t1 <= t0) continue;
    const float f = static_cast<float>((now - t0) / (t1 - t0));
    const ImVec2 p{pts[k - 1].x + (pts[k].x - pts[k - 1].x) * f,
                   pts[k - 1].y + (pts[k].y - pts[k - 1].y) * f};
    dl->AddCircle(p, 9.0f, c, 0, 3.0f);
    dl->AddCircle(p, 4.0f, c, 0, 2.0f);
    break;
  }
}

void place_and_draw_labels(ImDrawList* dl, const std::vector<MapLabel>& labels, const Box& view,
                           const std::vector<Box>& obstacles, double m_per_px) {
  std::vector<LabelRequest> req;
  std::vector<const MapLabel*> shown;
  for (const MapLabel& l : labels) {
    if (!l.force && !label_class_visible(l.label_class, m_per_px)) continue;
    const ImVec2 ts = ImGui::CalcTextSize(l.text.c_str());
    req.push_back({l.anchor.x, l.anchor.y, ts.x + 2, ts.y, l.gap, l.label_class});
    shown.push_back(&l);
  }
  const auto placed = place_labels(req, view, obstacles);
  for (std::size_t k = 0; k < placed.size(); ++k)
    if (placed[k].placed)
      draw_halo_text(dl, {placed[k].box.x0 + 1, placed[k].box.y0}, shown[k]->color,
                     shown[k]->text.c_str());
}

// A colour ramp with its end labels, for the continuous rain and wind layers.
void draw_ramp(ImDrawList* dl, ImVec2 p, const char* title, Rgba (*color)(float), float lo,
               float hi, bool log_scale) {
  dl->AddRectFilled({p.x - 4, p.y - 4}, {p.x + 150, p.y + 36}, IM_COL32(255, 255, 255, 220));
  dl->AddText(p, IM_COL32(0, 0, 0, 255), title);
  constexpr int kSteps = 28;
  for (int s = 0; s < kSteps; ++s) {
    const float f = (s + 0.5f) / kSteps;
    const float v = log_scale ? lo * std::pow(hi / lo, f) : lo + (hi - lo) * f;
    const float x = p.x + 142.0f * s / kSteps;
    dl->AddRectFilled({x, p.y + 15}, {x + 142.0f / kSteps + 0.5f, p.y + 22}, col(color(v)));
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", lo);
  dl->AddText({p.x, p.y + 22}, IM_COL32(0, 0, 0, 255), buf);
  std::snprintf(buf, sizeof buf, "%g", hi);
  dl->AddText({p.x + 142 - ImGui::CalcTextSize(buf).x, p.y + 22}, IM_COL32(0, 0, 0, 255), buf);
}

Box draw_ramps(ImDrawList* dl, ImVec2 top_right, const Layers& layers) {
  ImVec2 p{top_right.x - 156, top_right.y + 10};
  if (layers.rain) {
    draw_ramp(dl, p, "rain rate (mm/h)", rain_color, 0.5f, 50.0f, true);
    p.y += 46;
  }
  if (layers.wind) {
    draw_ramp(dl, p, "wind speed (m/s)", wind_color, 10.0f, 51.0f, false);
    p.y += 46;
  }
  return {top_right.x - 160, top_right.y, top_right.x, p.y};
}

void pick(const Camera& cam, Document& doc, ViewState& vs) {
  const ImVec2 m = ImGui::GetIO().MousePos;
  float best = 12.0f * 12.0f;
  vs.selected_team = vs.selected_incident = -1;
  const Replay& r = doc.replay;
  for (std::size_t tm = 0; tm < r.teams.rows(); ++tm) {
    const TeamState s = team_at(r, tm, vs.t);
    if (!s.valid) continue;
    const ImVec2 p = cam.to_screen(s.x, s.y);
    const float d = (p.x - m.x) * (p.x - m.x) + (p.y - m.y) * (p.y - m.y);
    if (d < best) {
      best = d;
      vs.selected_team = static_cast<int>(tm);
    }
  }
  for (std::size_t k = 0; k < r.incidents.rows(); ++k) {
    if (incident_state_at(r, k, vs.t) < 0) continue;
    const ImVec2 p = cam.to_screen(r.incidents.num("x", k, 0), r.incidents.num("y", k, 0));
    const float d = (p.x - m.x) * (p.x - m.x) + (p.y - m.y) * (p.y - m.y);
    if (d < best) {
      best = d;
      vs.selected_incident = static_cast<int>(k);
      vs.selected_team = -1;
    }
  }
  if (vs.selected_team >= 0 || vs.selected_incident >= 0) {
    vs.panel = Panel::inspector;
    vs.panel_forced = true;
  }
}

}  // namespace

std::string map_title(const Document& doc, double t) {
  return doc.label() + "   " + format_clock(doc.clock, t) + "   (" + format_elapsed(t) + ")";
}

ImU32 team_status_color(const std::string& s) {
  return im(team_status_rgba(s));
}

ImU32 incident_state_color(const std::string& s) {
  return im(incident_state_rgba(s));
}

void draw_map(const char* id, const char* title, Document& doc, Document* other, MapTexture& tex,
              ViewState& vs, ImVec2 size, bool blocking) {
  const GridInfo& g = doc.file->grid();
  if (vs.m_per_px <= 0) fit(g, size, vs);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size, ImGuiButtonFlags_MouseButtonLeft);
  const bool hovered = ImGui::IsItemHovered();
  const Camera cam{origin, size, vs.cx, vs.cy, vs.m_per_px};
  if (ImGui::IsItemDeactivated() && ImGui::GetIO().MouseDragMaxDistanceSqr[0] < 9.0f)
    pick(cam, doc, vs);
  handle_input(cam, g, vs, hovered);

  // Sample at about one cell per screen pixel: a power-of-two stride, so zooming changes it
  // rarely and each level is an exact sub-grid.
  int stride = 1;
  while (stride < 8 && g.cell * stride * 2 <= vs.m_per_px) stride *= 2;
  tex.update(doc, other, vs.layers, vs.t, blocking, stride);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(origin, {origin.x + size.x, origin.y + size.y}, true);
  dl->AddRectFilled(origin, {origin.x + size.x, origin.y + size.y}, IM_COL32(32, 34, 40, 255));
  if (tex.ready())
    dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex.id())),
                 cam.to_screen(g.x0, g.y0),
                 cam.to_screen(g.x0 + tex.cells_x() * g.cell, g.y0 - tex.cells_y() * g.cell));
  const bool fine = vs.layers.fine && vs.layers.depth && !(vs.layers.difference && other) &&
                    fine_layer_visible(doc.fine, vs.m_per_px);
  if (fine) {
    const FineLayer& f = doc.fine;
    if (const unsigned id = tex.fine_id(doc))
      dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(id)),
                   cam.to_screen(f.x0, f.y0),
                   cam.to_screen(f.x0 + f.nx * f.cell, f.y0 - f.ny * f.cell));
  }
  std::vector<MapLabel> labels;
  if (vs.layers.roads) draw_roads(dl, cam, doc, vs.t);
  draw_storm_track(dl, cam, doc, vs.t);
  draw_towns(dl, cam, doc, labels);
  if (vs.layers.assets) draw_assets(dl, cam, doc, vs.t, labels);
  if (vs.layers.incidents) draw_incidents(dl, cam, doc, vs, labels);
  if (vs.layers.teams) draw_teams(dl, cam, doc, vs, labels);
  std::vector<Box> obstacles;
  obstacles.push_back(draw_ramps(dl, {origin.x + size.x, origin.y}, vs.layers));
  if (vs.layers.legend) {
    const auto entries =
        legend_entries(legend_inputs(doc, vs.layers, vs.layers.difference && other));
    obstacles.push_back(
        draw_map_legend(dl, {origin.x + 10, origin.y + size.y - 10}, size.x, size.y, entries));
  }
  std::string titled = title ? title : "";
  if (fine) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "   |   fine layer: max depth of the whole run, %.3g m cells",
                  doc.fine.cell);
    titled += buf;
    title = titled.c_str();
  }
  if (title) {
    const ImVec2 ts = ImGui::CalcTextSize(title);
    dl->AddRectFilled({origin.x + 4, origin.y + 4}, {origin.x + 12 + ts.x, origin.y + 8 + ts.y},
                      IM_COL32(255, 255, 255, 220));
    dl->AddText({origin.x + 8, origin.y + 6}, IM_COL32(0, 0, 0, 255), title);
    obstacles.push_back({origin.x + 4, origin.y + 4, origin.x + 12 + ts.x, origin.y + 8 + ts.y});
  }
  obstacles.push_back({origin.x + size.x - 150, origin.y + size.y - 40, origin.x + size.x,
                       origin.y + size.y});  // scale bar
  place_and_draw_labels(dl, labels, {origin.x, origin.y, origin.x + size.x, origin.y + size.y},
                        obstacles, vs.m_per_px);
  // Scale bar: a round distance near 120 px.
  const double target = 120 * vs.m_per_px;
  const double p10 = std::pow(10.0, std::floor(std::log10(target)));
  const double len = target / p10 >= 5 ? 5 * p10 : target / p10 >= 2 ? 2 * p10 : p10;
  const float px = static_cast<float>(len / vs.m_per_px);
  const ImVec2 sb{origin.x + size.x - px - 20, origin.y + size.y - 20};
  dl->AddLine(sb, {sb.x + px, sb.y}, IM_COL32(255, 255, 255, 255), 3);
  char buf[32];
  std::snprintf(buf, sizeof buf, len >= 1000 ? "%.0f km" : "%.0f m",
                len >= 1000 ? len / 1000 : len);
  dl->AddText({sb.x, sb.y - 16}, IM_COL32(255, 255, 255, 255), buf);
  dl->PopClipRect();
}

}  // namespace sd::viz
