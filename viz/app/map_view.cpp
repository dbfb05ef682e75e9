#include "app/map_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/map_camera.hpp"
#include "core/colormap.hpp"

namespace sd::viz {

namespace {

ImU32 col(Rgba c) {
  return IM_COL32(c.r, c.g, c.b, c.a);
}

void fit(const GridInfo& g, ImVec2 size, ViewState& vs) {
  const double w = g.nx * g.cell, h = g.ny * g.cell;
  vs.m_per_px = std::max(w / std::max(size.x, 1.0f), h / std::max(size.y, 1.0f)) * 1.02;
  vs.cx = g.x0 + w / 2;
  vs.cy = g.y0 - h / 2;
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

ImU32 road_color(int state) {
  switch (state) {
    case 0:
      return IM_COL32(235, 235, 235, 230);  // open
    case 1:
      return IM_COL32(245, 160, 30, 255);  // slowed
    case 2:
      return IM_COL32(20, 80, 230, 255);  // closed by water
    case 3:
      return IM_COL32(210, 30, 30, 255);  // closed by inject
    case 4:
      return IM_COL32(90, 90, 110, 255);  // under water before the storm
    default:
      return IM_COL32(128, 128, 128, 255);
  }
}

void draw_roads(ImDrawList* dl, const Camera& cam, Document& doc, double t) {
  const Replay& r = doc.replay;
  if (r.edges.empty() || r.nodes.empty()) return;
  const std::uint8_t* state = road_states_at(r, t);
  for (std::size_t e = 0; e < r.edges.rows(); ++e) {
    const auto a = static_cast<std::size_t>(r.edges.num("from", e, -1));
    const auto b = static_cast<std::size_t>(r.edges.num("to", e, -1));
    if (a >= r.nodes.rows() || b >= r.nodes.rows()) continue;
    const int s = state ? state[e] : 0;
    const ImVec2 pa = cam.to_screen(r.nodes.num("x", a, 0), r.nodes.num("y", a, 0));
    const ImVec2 pb = cam.to_screen(r.nodes.num("x", b, 0), r.nodes.num("y", b, 0));
    dl->AddLine(pa, pb, IM_COL32(40, 40, 40, 200), s >= 2 ? 5.0f : 4.0f);
    dl->AddLine(pa, pb, road_color(s), s >= 2 ? 3.0f : 2.0f);
  }
}

void draw_assets(ImDrawList* dl, const Camera& cam, Document& doc, double t) {
  const Replay& r = doc.replay;
  for (std::size_t k = 0; k < r.depots.rows(); ++k) {
    const ImVec2 p = cam.to_screen(r.depots.num("x", k, 0), r.depots.num("y", k, 0));
    dl->AddRectFilled({p.x - 6, p.y - 6}, {p.x + 6, p.y + 6}, IM_COL32(140, 90, 40, 255));
    dl->AddRect({p.x - 6, p.y - 6}, {p.x + 6, p.y + 6}, IM_COL32(0, 0, 0, 255));
    dl->AddText({p.x + 8, p.y - 7}, IM_COL32(20, 20, 20, 255), r.depots.text("name", k).c_str());
  }
  const float* occ = shelter_occupancy_at(r, t);
  for (std::size_t k = 0; k < r.shelters.rows(); ++k) {
    const ImVec2 p = cam.to_screen(r.shelters.num("x", k, 0), r.shelters.num("y", k, 0));
    const double cap = r.shelters.num("capacity", k, 0);
    const double fill = (occ && cap > 0) ? std::clamp(occ[k] / cap, 0.0, 1.0) : 0.0;
    // House icon with a fill bar: green empty -> red full.
    dl->AddTriangleFilled({p.x - 8, p.y - 2}, {p.x, p.y - 10}, {p.x + 8, p.y - 2},
                          IM_COL32(60, 120, 60, 255));
    dl->AddRectFilled({p.x - 7, p.y - 2}, {p.x + 7, p.y + 8}, IM_COL32(250, 250, 250, 255));
    const float h = static_cast<float>(10.0 * fill);
    dl->AddRectFilled(
        {p.x - 7, p.y + 8 - h}, {p.x + 7, p.y + 8},
        IM_COL32(static_cast<int>(60 + 190 * fill), static_cast<int>(180 - 150 * fill), 40, 255));
    dl->AddRect({p.x - 7, p.y - 2}, {p.x + 7, p.y + 8}, IM_COL32(0, 0, 0, 255));
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s %.0f%%", r.shelters.text("name", k).c_str(), fill * 100);
    dl->AddText({p.x + 10, p.y - 4}, IM_COL32(20, 20, 20, 255), buf);
  }
  for (std::size_t k = 0; k < r.sites.rows(); ++k) {
    const ImVec2 p = cam.to_screen(r.sites.num("x", k, 0), r.sites.num("y", k, 0));
    dl->AddQuadFilled({p.x, p.y - 7}, {p.x + 7, p.y}, {p.x, p.y + 7}, {p.x - 7, p.y},
                      IM_COL32(230, 60, 160, 255));
    dl->AddText({p.x + 9, p.y - 7}, IM_COL32(20, 20, 20, 255), r.sites.text("name", k).c_str());
  }
}

void draw_incidents(ImDrawList* dl, const Camera& cam, Document& doc, const ViewState& vs) {
  const Replay& r = doc.replay;
  const auto& labels = r.incidents.labels("state");
  for (std::size_t k = 0; k < r.incidents.rows(); ++k) {
    const int s = incident_state_at(r, k, vs.t);
    if (s < 0) continue;
    const std::string state =
        s < static_cast<int>(labels.size()) ? labels[static_cast<std::size_t>(s)] : "?";
    const ImVec2 p = cam.to_screen(r.incidents.num("x", k, 0), r.incidents.num("y", k, 0));
    dl->AddCircleFilled(p, 8, incident_state_color(state));
    dl->AddCircle(p, 8, IM_COL32(0, 0, 0, 255), 0,
                  vs.selected_incident == static_cast<int>(k) ? 3.0f : 1.0f);
    const std::string type = r.incidents.label("type", k);
    char letter[2] = {type.empty() ? '?' : static_cast<char>(std::toupper(type[0])), 0};
    dl->AddText({p.x - 3.5f, p.y - 7}, IM_COL32(255, 255, 255, 255), letter);
  }
}

void draw_team_icon(ImDrawList* dl, ImVec2 p, const std::string& kind, ImU32 fill, bool selected) {
  const ImU32 edge = IM_COL32(0, 0, 0, 255);
  const float w = selected ? 3.0f : 1.5f;
  if (kind.find("boat") != std::string::npos) {  // boat: downward hull
    dl->AddTriangleFilled({p.x - 9, p.y - 5}, {p.x + 9, p.y - 5}, {p.x, p.y + 8}, fill);
    dl->AddTriangle({p.x - 9, p.y - 5}, {p.x + 9, p.y - 5}, {p.x, p.y + 8}, edge, w);
  } else if (kind.find("med") != std::string::npos) {  // medical: cross
    dl->AddRectFilled({p.x - 3, p.y - 8}, {p.x + 3, p.y + 8}, fill);
    dl->AddRectFilled({p.x - 8, p.y - 3}, {p.x + 8, p.y + 3}, fill);
    dl->AddRect({p.x - 8, p.y - 8}, {p.x + 8, p.y + 8}, edge, 0, 0, w);
  } else {  // fire / rescue / other: square
    dl->AddRectFilled({p.x - 7, p.y - 7}, {p.x + 7, p.y + 7}, fill);
    dl->AddRect({p.x - 7, p.y - 7}, {p.x + 7, p.y + 7}, edge, 0, 0, w);
  }
}

void draw_teams(ImDrawList* dl, const Camera& cam, Document& doc, const ViewState& vs) {
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
    draw_team_icon(dl, p, r.teams.label("kind", tm), team_status_color(status),
                   vs.selected_team == static_cast<int>(tm));
    dl->AddText({p.x + 10, p.y + 2}, IM_COL32(10, 10, 10, 255), r.teams.text("name", tm).c_str());
  }
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

void draw_ramps(ImDrawList* dl, ImVec2 top_right, const Layers& layers) {
  ImVec2 p{top_right.x - 156, top_right.y + 10};
  if (layers.rain) {
    draw_ramp(dl, p, "rain rate (mm/h)", rain_color, 0.5f, 50.0f, true);
    p.y += 46;
  }
  if (layers.wind) draw_ramp(dl, p, "wind speed (m/s)", wind_color, 10.0f, 51.0f, false);
}

void draw_legend(ImDrawList* dl, ImVec2 corner, const Layers& layers, bool difference) {
  if (!layers.depth) return;
  const float w = 34, h = 14;
  const int n = static_cast<int>(kDepthColors.size());
  const ImVec2 box0{corner.x, corner.y - (n + 1) * h - 8};
  dl->AddRectFilled({box0.x - 4, box0.y - 4}, {box0.x + 150, corner.y},
                    IM_COL32(255, 255, 255, 220));
  if (difference) {
    dl->AddText(box0, IM_COL32(0, 0, 0, 255), "depth B - A (m)");
    const float ds[] = {-0.5f, -0.15f, 0.15f, 0.5f};
    for (int k = 0; k < 4; ++k) {
      const ImVec2 p{box0.x, box0.y + (k + 1) * h};
      dl->AddRectFilled(p, {p.x + w, p.y + h - 2}, col(diff_color(ds[k])));
      char buf[32];
      std::snprintf(buf, sizeof buf, "%+.2f", ds[k]);
      dl->AddText({p.x + w + 6, p.y}, IM_COL32(0, 0, 0, 255), buf);
    }
    return;
  }
  dl->AddText(box0, IM_COL32(0, 0, 0, 255), "water depth (m)");
  for (int k = 0; k < n; ++k) {
    const ImVec2 p{box0.x, box0.y + (k + 1) * h};
    dl->AddRectFilled(p, {p.x + w, p.y + h - 2}, col(kDepthColors[static_cast<std::size_t>(k)]));
    char buf[48];
    const float lo = kDepthEdges[static_cast<std::size_t>(k)];
    const bool threshold = lo == 0.15f || lo == 0.3f || lo == 0.5f;
    if (k + 1 < n)
      std::snprintf(buf, sizeof buf, "%.2f - %.2f%s", lo,
                    kDepthEdges[static_cast<std::size_t>(k) + 1], threshold ? " *" : "");
    else
      std::snprintf(buf, sizeof buf, ">= %.2f", lo);
    dl->AddText({p.x + w + 6, p.y}, IM_COL32(0, 0, 0, 255), buf);
  }
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

ImU32 team_status_color(const std::string& s) {
  if (s == "idle") return IM_COL32(250, 250, 250, 255);
  if (s == "mobilising") return IM_COL32(255, 230, 120, 255);
  if (s == "en_route") return IM_COL32(255, 200, 0, 255);
  if (s == "working") return IM_COL32(40, 200, 60, 255);
  if (s == "returning") return IM_COL32(80, 170, 255, 255);
  if (s == "blocked") return IM_COL32(230, 30, 30, 255);
  if (s == "resting") return IM_COL32(180, 180, 180, 255);
  return IM_COL32(90, 90, 90, 255);  // out_of_action
}

ImU32 incident_state_color(const std::string& s) {
  if (s == "waiting") return IM_COL32(220, 30, 30, 255);
  if (s == "assigned") return IM_COL32(240, 140, 0, 255);
  if (s == "served") return IM_COL32(30, 160, 60, 255);
  if (s == "failed") return IM_COL32(20, 20, 20, 255);
  return IM_COL32(140, 60, 200, 255);  // unreachable
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
  if (vs.layers.roads) draw_roads(dl, cam, doc, vs.t);
  if (vs.layers.assets) draw_assets(dl, cam, doc, vs.t);
  if (vs.layers.incidents) draw_incidents(dl, cam, doc, vs);
  if (vs.layers.teams) draw_teams(dl, cam, doc, vs);
  draw_ramps(dl, {origin.x + size.x, origin.y}, vs.layers);
  draw_legend(dl, {origin.x + 10, origin.y + size.y - 10}, vs.layers,
              vs.layers.difference && other);
  if (title) {
    const ImVec2 ts = ImGui::CalcTextSize(title);
    dl->AddRectFilled({origin.x + 4, origin.y + 4}, {origin.x + 12 + ts.x, origin.y + 8 + ts.y},
                      IM_COL32(255, 255, 255, 220));
    dl->AddText({origin.x + 8, origin.y + 6}, IM_COL32(0, 0, 0, 255), title);
  }
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
