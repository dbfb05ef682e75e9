#include "app/panels.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "app/kpi_chart.hpp"
#include "app/map_view.hpp"
#include "core/kpi_units.hpp"
#include "core/symbology.hpp"

namespace sd::viz {

namespace {

std::string fmt_time(const Document& doc, double t) {
  if (std::isnan(t)) return "-";
  return format_clock(doc.clock, t).substr(11, 8);  // HH:MM:SS of the local clock
}

std::string clock_text(const Document& doc, double t) {
  return format_clock(doc.clock, t) + "   (" + format_elapsed(t) + ")";
}

}  // namespace

void jump_to(ViewState& vs, double t, double x, double y) {
  vs.t = t;
  vs.playing = false;
  if (!std::isnan(x) && !std::isnan(y) && vs.m_per_px > 0) {
    vs.cx = x;
    vs.cy = y;
  }
}

void draw_timeline(Document& doc, ViewState& vs) {
  const double end = std::max(doc.end_time(), 1.0);
  const auto& times = doc.file->frame_times();
  if (ImGui::Button(vs.playing ? "Pause" : "Play ")) vs.playing = !vs.playing;
  ImGui::SameLine();
  if (ImGui::Button("<")) {  // step to the previous hazard frame (or -10 min without frames)
    const std::size_t k = frame_at(times, vs.t - 1e-6);
    vs.t = times.empty() ? vs.t - 600 : (times[k] < vs.t ? times[k] : times[k > 0 ? k - 1 : 0]);
  }
  ImGui::SameLine();
  if (ImGui::Button(">")) {
    const std::size_t k = frame_at(times, vs.t);
    vs.t = times.empty() ? vs.t + 600 : (k + 1 < times.size() ? times[k + 1] : end);
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(160);
  ImGui::SliderFloat("speed", &vs.speed, 1.0f, 3600.0f, "%.0fx", ImGuiSliderFlags_Logarithmic);
  ImGui::SameLine();
  ImGui::TextUnformatted(clock_text(doc, vs.t).c_str());

  // Scrub bar with markers: injects (red) and KPI events (events of other notable types).
  const float w = ImGui::GetContentRegionAvail().x;
  ImGui::SetNextItemWidth(w);
  float tf = static_cast<float>(vs.t);
  if (ImGui::SliderFloat("##scrub", &tf, 0.0f, static_cast<float>(end), "")) {
    vs.t = tf;
    vs.playing = false;
  }
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  auto x_of = [&](double t) { return static_cast<float>(a.x + 8 + (b.x - a.x - 16) * (t / end)); };
  for (double ft : times)
    dl->AddLine({x_of(ft), b.y - 4}, {x_of(ft), b.y}, IM_COL32(200, 200, 200, 160));
  const Table& ev = doc.replay.events;
  for (std::size_t k = 0; k < ev.rows(); ++k) {
    const std::string type = ev.label("type", k);
    ImU32 c = 0;
    if (type == "inject")
      c = IM_COL32(230, 40, 40, 255);
    else if (type == "level" || type == "shelter_full" || type == "critical_site" ||
             type == "warning")
      c = IM_COL32(250, 200, 0, 255);
    if (!c) continue;
    const float x = x_of(ev.num("t", k, 0));
    dl->AddTriangleFilled({x - 4, a.y}, {x + 4, a.y}, {x, a.y + 6}, c);
  }
  const float xt = x_of(vs.t);
  dl->AddLine({xt, a.y}, {xt, b.y}, IM_COL32(255, 255, 255, 255), 2);
  ImGui::TextDisabled(
      "space play/pause   <- -> step frame   [ ] speed   wheel zoom   drag pan   "
      "click select   F fit   D difference");
}

void draw_layer_toggles(ViewState& vs, bool compare) {
  Layers& l = vs.layers;
  ImGui::Checkbox("terrain", &l.terrain);
  ImGui::SameLine();
  ImGui::Checkbox("depth", &l.depth);
  ImGui::SameLine();
  ImGui::Checkbox("rain", &l.rain);
  ImGui::SameLine();
  ImGui::Checkbox("wind", &l.wind);
  ImGui::Checkbox("roads", &l.roads);
  ImGui::SameLine();
  ImGui::Checkbox("teams", &l.teams);
  ImGui::SameLine();
  ImGui::Checkbox("incidents", &l.incidents);
  ImGui::SameLine();
  ImGui::Checkbox("assets", &l.assets);
  ImGui::SameLine();
  ImGui::Checkbox("legend", &l.legend);
  if (compare) {
    ImGui::Checkbox("difference map (B - A)", &l.difference);
    vs.side_by_side = !l.difference;
  }
}

void draw_event_log(Document& doc, ViewState& vs) {
  const Replay& r = doc.replay;
  const Table& ev = r.events;
  if (ev.empty()) {
    ImGui::TextDisabled("no /events in this file");
    return;
  }
  const auto& types = ev.labels("type");
  ImGui::SetNextItemWidth(140);
  if (ImGui::BeginCombo("type", vs.filter_type < 0
                                    ? "all"
                                    : types[static_cast<std::size_t>(vs.filter_type)].c_str())) {
    if (ImGui::Selectable("all", vs.filter_type < 0)) vs.filter_type = -1;
    for (std::size_t k = 0; k < types.size(); ++k)
      if (ImGui::Selectable(types[k].c_str(), vs.filter_type == static_cast<int>(k)))
        vs.filter_type = static_cast<int>(k);
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(120);
  const std::string team_name =
      vs.filter_team < 0 ? "all" : r.teams.text("name", static_cast<std::size_t>(vs.filter_team));
  if (ImGui::BeginCombo("team", team_name.c_str())) {
    if (ImGui::Selectable("all", vs.filter_team < 0)) vs.filter_team = -1;
    for (std::size_t k = 0; k < r.teams.rows(); ++k)
      if (ImGui::Selectable(r.teams.text("name", k).c_str(), vs.filter_team == static_cast<int>(k)))
        vs.filter_team = static_cast<int>(k);
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##town", "town / text", vs.filter_text, sizeof vs.filter_text);
  if (!ImGui::BeginTable(
          "events", 3,
          ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("time", ImGuiTableColumnFlags_WidthFixed, 60);
  ImGui::TableSetupColumn("type", ImGuiTableColumnFlags_WidthFixed, 90);
  ImGui::TableSetupColumn("text");
  ImGui::TableHeadersRow();
  // Follow the clock: the latest entry at or before the replay time is highlighted, entries
  // of the last 10 minutes are tinted, and the log scrolls to it whenever the clock moves.
  const bool follow = vs.t != vs.log_scrolled_t;
  std::vector<std::size_t> rows;
  for (std::size_t k = 0; k < ev.rows(); ++k) {
    if (vs.filter_type >= 0 && static_cast<int>(ev.num("type", k, -1)) != vs.filter_type) continue;
    if (vs.filter_team >= 0 && static_cast<int>(ev.num("team", k, -1)) != vs.filter_team) continue;
    if (vs.filter_text[0] && ev.text("text", k).find(vs.filter_text) == std::string::npos) continue;
    rows.push_back(k);
  }
  std::vector<double> times;
  for (std::size_t k : rows) times.push_back(ev.num("t", k, 0));
  const std::ptrdiff_t current = current_log_row(times, vs.t);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::size_t k = rows[i];
    const double t = times[i];
    ImGui::TableNextRow();
    if (static_cast<std::ptrdiff_t>(i) == current)
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(150, 110, 20, 200));
    else if (t <= vs.t && t > vs.t - 600)
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(90, 70, 20, 160));
    if (t > vs.t) ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(140, 140, 140, 255));
    ImGui::TableNextColumn();
    if (follow && static_cast<std::ptrdiff_t>(i) == std::max<std::ptrdiff_t>(current, 0))
      ImGui::SetScrollHereY(0.5f);
    ImGui::PushID(static_cast<int>(k));
    if (ImGui::Selectable(fmt_time(doc, t).c_str(), false, ImGuiSelectableFlags_SpanAllColumns))
      jump_to(vs, t, ev.num("x", k, NAN), ev.num("y", k, NAN));
    ImGui::PopID();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(plain(ev.label("type", k)).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(ev.text("text", k).c_str());
    if (t > vs.t) ImGui::PopStyleColor();
  }
  ImGui::EndTable();
  vs.log_scrolled_t = vs.t;
}

void draw_team_table(Document& doc, ViewState& vs) {
  const Replay& r = doc.replay;
  if (r.teams.empty()) {
    ImGui::TextDisabled("no /teams in this file");
    return;
  }
  const auto& status_labels = r.track.labels("status");
  if (!ImGui::BeginTable(
          "teams", 5,
          ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV))
    return;
  ImGui::TableSetupColumn("team");
  ImGui::TableSetupColumn("kind");
  ImGui::TableSetupColumn("vehicle");
  ImGui::TableSetupColumn("status");
  ImGui::TableSetupColumn("incident");
  ImGui::TableHeadersRow();
  for (std::size_t tm = 0; tm < r.teams.rows(); ++tm) {
    const TeamState s = team_at(r, tm, vs.t);
    const std::string status = s.status >= 0 && s.status < static_cast<int>(status_labels.size())
                                   ? status_labels[static_cast<std::size_t>(s.status)]
                                   : "-";
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(static_cast<int>(tm));
    if (ImGui::Selectable(r.teams.text("name", tm).c_str(),
                          vs.selected_team == static_cast<int>(tm),
                          ImGuiSelectableFlags_SpanAllColumns)) {
      vs.selected_team = static_cast<int>(tm);
      vs.selected_incident = -1;
      jump_to(vs, vs.t, s.x, s.y);
    }
    ImGui::PopID();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.teams.label("kind", tm).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.teams.label("vehicle", tm).c_str());
    ImGui::TableNextColumn();
    ImGui::PushStyleColor(
        ImGuiCol_Text, status == "idle" ? IM_COL32(230, 230, 230, 255) : team_status_color(status));
    ImGui::TextUnformatted(status.c_str());
    ImGui::PopStyleColor();
    ImGui::TableNextColumn();
    if (s.incident >= 0)
      ImGui::Text("#%d", static_cast<int>(r.incidents.num(
                             "id", static_cast<std::size_t>(s.incident), s.incident)));
  }
  ImGui::EndTable();
}

void draw_incident_table(Document& doc, ViewState& vs) {
  const Replay& r = doc.replay;
  const Table& in = r.incidents;
  if (in.empty()) {
    ImGui::TextDisabled("no /incidents in this file");
    return;
  }
  const auto& labels = in.labels("state");
  if (!ImGui::BeginTable(
          "incidents", 6,
          ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV))
    return;
  ImGui::TableSetupColumn("id", ImGuiTableColumnFlags_WidthFixed, 30);
  ImGui::TableSetupColumn("type");
  ImGui::TableSetupColumn("people", ImGuiTableColumnFlags_WidthFixed, 45);
  ImGui::TableSetupColumn("created", ImGuiTableColumnFlags_WidthFixed, 60);
  ImGui::TableSetupColumn("state");
  ImGui::TableSetupColumn("team");
  ImGui::TableHeadersRow();
  for (std::size_t k = 0; k < in.rows(); ++k) {
    const int s = incident_state_at(r, k, vs.t);
    const std::string state = s < 0 ? "(future)"
                              : s < static_cast<int>(labels.size())
                                  ? labels[static_cast<std::size_t>(s)]
                                  : "?";
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(static_cast<int>(k));
    if (ImGui::Selectable(in.text("id", k).c_str(), vs.selected_incident == static_cast<int>(k),
                          ImGuiSelectableFlags_SpanAllColumns)) {
      vs.selected_incident = static_cast<int>(k);
      vs.selected_team = -1;
      jump_to(vs, std::max(vs.t, in.num("t_created", k, 0)), in.num("x", k, NAN),
              in.num("y", k, NAN));
    }
    ImGui::PopID();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(in.label("type", k).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(in.text("people", k).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(fmt_time(doc, in.num("t_created", k, NAN)).c_str());
    ImGui::TableNextColumn();
    ImGui::PushStyleColor(ImGuiCol_Text, s < 0 ? IM_COL32(140, 140, 140, 255)
                                               : (state == "failed" ? IM_COL32(200, 200, 200, 255)
                                                                    : incident_state_color(state)));
    ImGui::TextUnformatted(state.c_str());
    ImGui::PopStyleColor();
    ImGui::TableNextColumn();
    const double team = in.num("team", k, -1);
    if (team >= 0)
      ImGui::TextUnformatted(r.teams.text("name", static_cast<std::size_t>(team)).c_str());
  }
  ImGui::EndTable();
}

void draw_kpi_charts(Document& doc, ViewState& vs) {
  const Replay& r = doc.replay;
  if (r.kpi.empty()) {
    ImGui::TextDisabled("no /kpi series in this file");
    return;
  }
  const float w = ImGui::GetContentRegionAvail().x;
  // The series in reading order: demand, response, roads, people.
  const char* order[] = {"incidents_open", "incidents_served", "teams_busy",
                         "coverage_15min", "coverage_30min",   "road_km_closed",
                         "people_rescued", "people_evacuated", "shelter_occupancy_total"};
  for (const char* name : order)
    if (auto it = r.kpi.find(name); it != r.kpi.end())
      draw_kpi_chart(name, r.kpi_times, it->second, vs.t, doc.clock, w, 92);
  if (!r.kpi_final.empty() &&
      ImGui::CollapsingHeader("final summary", ImGuiTreeNodeFlags_DefaultOpen) &&
      ImGui::BeginTable("final", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    for (std::size_t k = 0; k < r.kpi_final.rows(); ++k) {
      const std::string name = r.kpi_final.text("name", k);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(kpi_display(name, NAN).name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_kpi(name, r.kpi_final.num("value", k, NAN)).c_str());
    }
    ImGui::EndTable();
  }
  if (!r.kpi_by_type.empty() && ImGui::CollapsingHeader("response time by incident type") &&
      ImGui::BeginTable("bytype", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    for (const char* h : {"incident type", "incidents", "served", "median", "90th pct"})
      ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (std::size_t k = 0; k < r.kpi_by_type.rows(); ++k) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(plain(r.kpi_by_type.label("type", k)).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.kpi_by_type.text("count", k).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.kpi_by_type.text("served", k).c_str());
      for (const char* col : {"response_time_median_s", "response_time_p90_s"}) {
        ImGui::TableNextColumn();
        const char* src =
            std::string(col).find("median") != std::string::npos ? "median_s" : "p90_s";
        ImGui::TextUnformatted(format_kpi(col, r.kpi_by_type.num(src, k, NAN)).c_str());
      }
    }
    ImGui::EndTable();
  }
}

void draw_inspector(Document& doc, const MapTexture& tex, ViewState& vs) {
  const GridInfo& g = doc.file->grid();
  ImGui::TextUnformatted("Under the cursor");
  ImGui::Separator();
  if (vs.hover_valid) {
    const int i = static_cast<int>(std::floor((vs.hover_x - g.x0) / g.cell));
    const int j = static_cast<int>(std::floor((g.y0 - vs.hover_y) / g.cell));
    ImGui::Text("x %.0f  y %.0f  (cell %d, %d)", vs.hover_x, vs.hover_y, i, j);
    if (i >= 0 && j >= 0 && i < g.nx && j < g.ny) {
      const std::size_t c = static_cast<std::size_t>(j) * g.nx + i;
      if (!doc.elevation.empty()) ImGui::Text("elevation      %.2f m", doc.elevation[c]);
      if (tex.depth()) ImGui::Text("depth          %.3f m", (*tex.depth())[c]);
      if (!doc.first_above.empty())
        ImGui::Text("arrival >0.15m %s", std::isnan(doc.first_above[c])
                                             ? "never"
                                             : fmt_time(doc, doc.first_above[c]).c_str());
      // FD2320 classes: <0.75 low, 0.75-1.25 moderate, 1.25-2.0 significant, >2 extreme.
      const auto hr_class = [](float hr) {
        return std::isnan(hr) ? ""
               : hr < 0.75f   ? "low"
               : hr < 1.25f   ? "moderate (danger for some)"
               : hr < 2.0f    ? "significant (danger for most)"
                              : "extreme (danger for all)";
      };
      if (!doc.hazard_rating.empty())
        ImGui::Text("hazard rating  %.2f  %s", doc.hazard_rating[c],
                    hr_class(doc.hazard_rating[c]));
      // A sub-grid run's fine pixel under the cursor (/hazard/fine).
      if (!doc.fine.empty()) {
        ImGui::Text("fine max depth %.3f m  (%.3g m pixel)",
                    fine_value_at(doc.fine, doc.fine.max_depth, vs.hover_x, vs.hover_y),
                    doc.fine.cell);
        if (!doc.fine.hazard_rating.empty()) {
          const float hr = fine_value_at(doc.fine, doc.fine.hazard_rating, vs.hover_x, vs.hover_y);
          ImGui::Text("fine hazard    %.2f  %s", hr, hr_class(hr));
        }
      }
    } else {
      ImGui::TextDisabled("outside the grid");
    }
  } else {
    ImGui::TextDisabled("move the mouse over the map");
  }
  ImGui::Spacing();
  const Replay& r = doc.replay;
  if (vs.selected_team >= 0 && static_cast<std::size_t>(vs.selected_team) < r.teams.rows()) {
    const auto tm = static_cast<std::size_t>(vs.selected_team);
    const TeamState s = team_at(r, tm, vs.t);
    ImGui::Text("Team %s", r.teams.text("name", tm).c_str());
    ImGui::Separator();
    ImGui::Text("kind %s, vehicle %s, crew %s", r.teams.label("kind", tm).c_str(),
                r.teams.label("vehicle", tm).c_str(), r.teams.text("crew", tm).c_str());
    const auto& sl = r.track.labels("status");
    ImGui::Text("status %s", s.status >= 0 && s.status < static_cast<int>(sl.size())
                                 ? sl[static_cast<std::size_t>(s.status)].c_str()
                                 : "-");
    if (s.incident >= 0)
      ImGui::Text("on incident #%s",
                  r.incidents.text("id", static_cast<std::size_t>(s.incident)).c_str());
    ImGui::Text("position %.0f, %.0f", s.x, s.y);
    for (std::size_t row : r.team_track[tm]) {
      const double t = r.track.num("t", row, 0);
      ImGui::TextColored(t <= vs.t ? ImVec4(1, 1, 1, 1) : ImVec4(.55f, .55f, .55f, 1), "  %s  %s",
                         fmt_time(doc, t).c_str(), r.track.label("status", row).c_str());
    }
  }
  if (vs.selected_incident >= 0 &&
      static_cast<std::size_t>(vs.selected_incident) < r.incidents.rows()) {
    const auto k = static_cast<std::size_t>(vs.selected_incident);
    const Table& in = r.incidents;
    ImGui::Text("Incident #%s: %s", in.text("id", k).c_str(), in.label("type", k).c_str());
    ImGui::Separator();
    ImGui::Text("people %s, severity %s, outcome risk %s", in.text("people", k).c_str(),
                in.text("severity", k).c_str(), in.text("outcome_risk", k).c_str());
    for (const char* col : {"t_created", "t_assigned", "t_arrived", "t_done"})
      ImGui::Text("%-11s %s", col, fmt_time(doc, in.num(col, k, NAN)).c_str());
    const double team = in.num("team", k, -1);
    ImGui::Text("team %s, final state %s",
                team >= 0 ? r.teams.text("name", static_cast<std::size_t>(team)).c_str() : "-",
                in.label("state", k).c_str());
  }
}

}  // namespace sd::viz
