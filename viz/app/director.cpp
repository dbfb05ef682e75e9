#include "app/director.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/app.hpp"
#include "app/map_camera.hpp"
#include "core/drill_time.hpp"
#include "core/kpi_units.hpp"
#include "scenario/vocabulary.hpp"  // engine/, header-only: the words `stormdrill branch` accepts

namespace sd::viz {

namespace fs = std::filesystem;

namespace {

constexpr float kPickPx = 12.0f;  // how close (screen pixels) a click must be to a road or team

const char* tool_name(MapTool t) {
  switch (t) {
    case MapTool::none:
      return "none (pan and select)";
    case MapTool::close_road:
      return "close a road (click it)";
    case MapTool::reopen_road:
      return "reopen a road (click it)";
    case MapTool::team_out:
      return "take a team out (click it)";
    case MapTool::team_back:
      return "bring a team back (click it)";
    case MapTool::move_station:
      return "move a team's station (click the new base)";
    case MapTool::incident_burst:
      return "incident burst (drag a circle)";
    case MapTool::evacuate_area:
      return "evacuate an area (drag a circle)";
    case MapTool::road_closure_area:
      return "close every road in an area (drag a circle)";
    case MapTool::rain_band:
      return "rain band (drag a circle)";
    case MapTool::dike_breach:
      return "dike breach (click the point)";
  }
  return "?";
}

bool circle_tool(MapTool t) {
  return t == MapTool::incident_burst || t == MapTool::evacuate_area ||
         t == MapTool::road_closure_area || t == MapTool::rain_band;
}

template <std::size_t N, class E>
bool combo_labels(const char* label, int& k, const Labels<E, N>& names) {
  bool changed = false;
  const std::string cur(names.names[static_cast<std::size_t>(std::clamp<int>(k, 0, N - 1))]);
  if (ImGui::BeginCombo(label, cur.c_str())) {
    for (std::size_t i = 0; i < N; ++i)
      if (ImGui::Selectable(std::string(names.names[i]).c_str(), static_cast<int>(i) == k)) {
        k = static_cast<int>(i);
        changed = true;
      }
    ImGui::EndCombo();
  }
  return changed;
}

bool combo_strings(const char* label, int& k, const std::vector<std::string>& items) {
  if (items.empty()) {
    ImGui::TextDisabled("%s: none in this run", label);
    return false;
  }
  k = std::clamp(k, 0, static_cast<int>(items.size()) - 1);
  bool changed = false;
  if (ImGui::BeginCombo(label, items[static_cast<std::size_t>(k)].c_str())) {
    for (std::size_t i = 0; i < items.size(); ++i)
      if (ImGui::Selectable((items[i] + "##" + std::to_string(i)).c_str(),
                            static_cast<int>(i) == k)) {
        k = static_cast<int>(i);
        changed = true;
      }
    ImGui::EndCombo();
  }
  return changed;
}

std::vector<std::string> names_of(const Table& t, const char* col = "name") {
  if (const Column* c = t.find(col)) return c->str;
  return {};
}

// A titled separator (ImGui 1.86 has no SeparatorText).
void section_title(const char* title) {
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextColored({0.55f, 0.8f, 1.0f, 1.0f}, "%s", title);
}

std::string hhmm(const Document& doc, double t) {
  return format_clock(doc.clock, t).substr(11, 5);
}

}  // namespace

Director::Director(DirectorOptions o) : o_(std::move(o)) {}

void Director::on_open(const Document& doc) {
  current_ = fs::absolute(doc.file->path()).lexically_normal();
  try {
    const int k = tree_.add_file(current_);
    tree_.add_ancestors(k);
  } catch (const std::exception& e) {
    message_ = std::string("branch tree: ") + e.what();
    message_is_error_ = true;
  }
}

fs::path Director::next_branch_path() {
  fs::path dir = o_.branch_dir;
  if (dir.empty()) {
    const fs::path root = tree_.nodes().empty() ? current_ : tree_.nodes().front().path;
    dir = root.parent_path() / (root.stem().string() + "-branches");
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  for (int k = 1;; ++k) {
    char name[32];
    std::snprintf(name, sizeof name, "branch-%02d.h5", k);
    if (!fs::exists(dir / name, ec)) return dir / name;
  }
}

void Director::on_clock(double from, ViewState& vs) {
  if (!o_.script) return;
  const auto& ps = o_.script->prompts;
  while (next_prompt_ < static_cast<int>(ps.size()) &&
         ps[static_cast<std::size_t>(next_prompt_)].at_s < from - 1e-9)
    ++next_prompt_;  // scrubbed past it
  if (next_prompt_ < static_cast<int>(ps.size())) {
    const double at = ps[static_cast<std::size_t>(next_prompt_)].at_s;
    if (from <= at && vs.t >= at) {
      vs.t = at;
      vs.playing = false;
      active_prompt_ = next_prompt_++;
      applied_as_.clear();
      vs.panel = Panel::director;
      vs.panel_forced = true;
    }
  }
}

bool Director::wants_map_input(const ViewState& vs) const {
  return tool_ != MapTool::none && !vs.playing && compare_mode_ == 0;
}

void Director::queue(const DirectorAction& a) {
  try {
    queued_.push_back(
        inline_text(undone_after_duration(a.kind) ? with_duration(a, duration_h_) : a));
    message_.clear();
  } catch (const std::exception& e) {
    message_ = e.what();
    message_is_error_ = true;
  }
}

void Director::map_click(const Document& doc, const ViewState& vs, double x, double y) {
  const Replay& r = doc.replay;
  const double reach = kPickPx * vs.m_per_px;
  switch (tool_) {
    case MapTool::close_road:
    case MapTool::reopen_road: {
      const int e = roads_.nearest(x, y, reach);
      if (e < 0) {
        message_ = "no road within " + metres_text(reach) + " m of the click";
        message_is_error_ = true;
      } else {
        queue(tool_ == MapTool::close_road ? close_road(e) : reopen_road(e));
      }
      break;
    }
    case MapTool::team_out:
    case MapTool::team_back: {
      const int tm = nearest_team(r, vs.t, x, y, reach);
      if (tm < 0) {
        message_ = "no team within " + metres_text(reach) + " m of the click";
        message_is_error_ = true;
      } else {
        const std::string name = r.teams.text("name", static_cast<std::size_t>(tm));
        queue(tool_ == MapTool::team_out ? team_out(name) : team_back(name));
      }
      break;
    }
    case MapTool::move_station: {
      const auto teams = names_of(r.teams);
      if (!teams.empty())
        queue(move_station(teams[static_cast<std::size_t>(
                               std::clamp(station_team_, 0, static_cast<int>(teams.size()) - 1))],
                           x, y));
      break;
    }
    case MapTool::dike_breach:
      if (!breach_weir_) {
        queue(dike_breach(x, y, breach_peak_m3s_));
        break;
      }
      try {
        queue(dike_breach_weir(x, y, breach_width_m_, outside_level_text(breach_levels_.data())));
      } catch (const std::invalid_argument& e) {
        message_ = e.what();
        message_is_error_ = true;
      }
      break;
    default:
      break;
  }
}

void Director::map_overlay(Document& shown, Document* other, ViewState& vs) {
  const Camera mf{ImGui::GetItemRectMin(), ImGui::GetItemRectSize(), vs.cx, vs.cy, vs.m_per_px};
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(mf.origin, {mf.origin.x + mf.size.x, mf.origin.y + mf.size.y}, true);
  if (roads_for_ != shown.file->path()) {
    roads_ = RoadIndex(shown.replay.nodes, shown.replay.edges);
    roads_for_ = shown.file->path();
    towns_ = names_of(shown.file->read_table("places/towns"));
  }
  // Compare as a difference: roads closed (by water or inject) in one run but not the other.
  if (other && compare_mode_ == 2) {
    const std::uint8_t* sa = road_states_at(shown.replay, vs.t);
    const std::uint8_t* sb = road_states_at(other->replay, vs.t);
    const std::size_t n = std::min(shown.replay.road_state_cols, other->replay.road_state_cols);
    auto closed = [](std::uint8_t s) { return s == 2 || s == 3; };
    for (std::size_t e = 0; sa && sb && e < n && e < roads_.size(); ++e) {
      if (closed(sa[e]) == closed(sb[e])) continue;
      double ax, ay, bx, by;
      roads_.segment(e, ax, ay, bx, by);
      // Magenta: closed only in the branch (B); green: closed only in the parent (A).
      dl->AddLine(mf.to_screen(ax, ay), mf.to_screen(bx, by),
                  closed(sb[e]) ? IM_COL32(230, 0, 230, 255) : IM_COL32(0, 200, 80, 255), 6.0f);
    }
  }
  const ImGuiIO& io = ImGui::GetIO();
  const bool hovered = ImGui::IsItemHovered();
  if (wants_map_input(vs) && (hovered || circle_active_)) {
    double mx = 0, my = 0;
    mf.to_world(io.MousePos, mx, my);
    const double reach = kPickPx * vs.m_per_px;
    if (tool_ == MapTool::close_road || tool_ == MapTool::reopen_road) {
      if (const int e = roads_.nearest(mx, my, reach); e >= 0) {
        double ax, ay, bx, by;
        roads_.segment(static_cast<std::size_t>(e), ax, ay, bx, by);
        dl->AddLine(mf.to_screen(ax, ay), mf.to_screen(bx, by), IM_COL32(255, 0, 255, 220), 7.0f);
        ImGui::SetTooltip("road segment %d (row of /roads/edges)", e);
      }
    } else if (tool_ == MapTool::team_out || tool_ == MapTool::team_back) {
      if (const int tm = nearest_team(shown.replay, vs.t, mx, my, reach); tm >= 0) {
        const TeamState s = team_at(shown.replay, static_cast<std::size_t>(tm), vs.t);
        dl->AddCircle(mf.to_screen(s.x, s.y), 14, IM_COL32(255, 0, 255, 255), 0, 3);
        ImGui::SetTooltip("%s",
                          shown.replay.teams.text("name", static_cast<std::size_t>(tm)).c_str());
      }
    }
    if (circle_tool(tool_)) {
      if (ImGui::IsItemActivated()) {
        circle_active_ = true;
        circle_x_ = mx, circle_y_ = my;
      }
      if (circle_active_) {
        const double r = std::hypot(mx - circle_x_, my - circle_y_);
        dl->AddCircle(mf.to_screen(circle_x_, circle_y_), static_cast<float>(r / vs.m_per_px),
                      IM_COL32(255, 0, 255, 255), 64, 2.5f);
        ImGui::SetTooltip("radius %s m", metres_text(r).c_str());
        if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
          circle_active_ = false;
          if (r > 2 * vs.m_per_px) {
            if (tool_ == MapTool::incident_burst)
              queue(incident_burst(
                  circle_x_, circle_y_, r, burst_n_,
                  std::string(kIncidentTypeNames.names[static_cast<std::size_t>(burst_type_)])));
            else if (tool_ == MapTool::evacuate_area)
              queue(evacuate_area(circle_x_, circle_y_, r));
            else if (tool_ == MapTool::road_closure_area)
              queue(road_closure_area(circle_x_, circle_y_, r));
            else
              queue(rain_band(circle_x_, circle_y_, r, rain_factor_));
          }
        }
      }
    } else if (ImGui::IsItemDeactivated() && io.MouseDragMaxDistanceSqr[0] < 9.0f) {
      map_click(shown, vs, mx, my);
    }
  }
  // The prompt card and the branch progress, top centre.
  std::string banner;
  if (o_.script && active_prompt_ >= 0) {
    const DrillPrompt& p = o_.script->prompts[static_cast<std::size_t>(active_prompt_)];
    banner = "Prompt " + std::to_string(active_prompt_ + 1) + "/" +
             std::to_string(o_.script->prompts.size()) + "  " + p.at_text + ": " + p.text;
  }
  if (child_)
    banner += (banner.empty() ? "" : "\n") + std::string("running stormdrill branch (") +
              running_label_ + ") ...";
  if (!banner.empty()) {
    const ImVec2 ts = ImGui::CalcTextSize(banner.c_str(), nullptr, false, mf.size.x * 0.7f);
    const ImVec2 p{mf.origin.x + (mf.size.x - ts.x) * 0.5f, mf.origin.y + 30};
    dl->AddRectFilled({p.x - 8, p.y - 6}, {p.x + ts.x + 8, p.y + ts.y + 6},
                      IM_COL32(255, 248, 200, 235), 4);
    dl->AddRect({p.x - 8, p.y - 6}, {p.x + ts.x + 8, p.y + ts.y + 6}, IM_COL32(120, 90, 0, 255), 4);
    dl->AddText(nullptr, 0, p, IM_COL32(0, 0, 0, 255), banner.c_str(), nullptr, mf.size.x * 0.7f);
  }
  dl->PopClipRect();
}

void Director::tools_section(ViewState& vs) {
  section_title("Act on the map");
  if (vs.playing) ImGui::TextColored({1, .6f, .2f, 1}, "pause the replay (Space) to act");
  if (compare_mode_ != 0) ImGui::TextDisabled("leave compare mode to act on the map");
  if (ImGui::BeginCombo("tool", tool_name(tool_))) {
    for (int k = 0; k <= static_cast<int>(MapTool::dike_breach); ++k)
      if (ImGui::Selectable(tool_name(static_cast<MapTool>(k)), k == static_cast<int>(tool_)))
        tool_ = static_cast<MapTool>(k);
    ImGui::EndCombo();
  }
  if (tool_ == MapTool::incident_burst) {
    ImGui::InputInt("incidents", &burst_n_);
    burst_n_ = std::clamp(burst_n_, 1, 10000);
    combo_labels("type", burst_type_, kIncidentTypeNames);
  } else if (tool_ == MapTool::dike_breach) {
    ImGui::Checkbox("a weir of given width fed by the outside level", &breach_weir_);
    if (breach_weir_) {
      ImGui::InputFloat("width (m)", &breach_width_m_);
      breach_width_m_ = std::clamp(breach_width_m_, 1.0f, 1e4f);
      ImGui::InputText("outside level (h:m, ...)", breach_levels_.data(), breach_levels_.size());
      ImGui::TextDisabled(
          "e.g. 12:3.2, 15:4.1 (hours after the start : level m); empty = the "
          "scenario's tide and surge");
    } else {
      ImGui::InputFloat("peak inflow (m3/s)", &breach_peak_m3s_);
      breach_peak_m3s_ = std::clamp(breach_peak_m3s_, 1.0f, 1e5f);
    }
    ImGui::TextDisabled("changes the hazard: the branch re-runs the flood");
  } else if (tool_ == MapTool::rain_band) {
    ImGui::InputFloat("rain factor", &rain_factor_);
  }
  ImGui::SetNextItemWidth(120);
  ImGui::InputFloat("duration (h, 0 = to the end)", &duration_h_);
  duration_h_ = std::clamp(duration_h_, 0.0f, 1e4f);
}

void Director::decisions_section(const Document& doc) {
  section_title("Decisions");
  const Replay& r = doc.replay;
  static constexpr Labels<int, 4> kLevels{{"IV", "III", "II", "I"}};
  DecisionForm& f = form_;
  int &level = f.level, &policy = f.policy, &town = f.town, &shelter_k = f.shelter, &from = f.from,
      &to = f.to, &stock = f.stock, &team = f.team, &depot = f.depot;
  float &amount = f.amount, &factor = f.factor;
  ImGui::PushItemWidth(200);
  combo_labels("response level", level, kLevels);
  ImGui::SameLine();
  if (ImGui::SmallButton("add##lvl"))
    queue(response_level(std::string(kLevels.names[static_cast<std::size_t>(level)])));
  combo_labels("dispatch policy", policy, kDispatchPolicies);
  ImGui::SameLine();
  if (ImGui::SmallButton("add##pol"))
    queue(dispatch_policy(std::string(kDispatchPolicies.names[static_cast<std::size_t>(policy)])));
  combo_strings("evacuate town", town, towns_);
  if (!towns_.empty()) {
    ImGui::SameLine();
    if (ImGui::SmallButton("add##evac"))
      queue(evacuate_town(towns_[static_cast<std::size_t>(town)]));
  }
  const auto shelters = names_of(r.shelters);
  combo_strings("shelter", shelter_k, shelters);
  if (!shelters.empty()) {
    ImGui::SameLine();
    if (ImGui::SmallButton("open"))
      queue(shelter(true, shelters[static_cast<std::size_t>(shelter_k)]));
    ImGui::SameLine();
    if (ImGui::SmallButton("close"))
      queue(shelter(false, shelters[static_cast<std::size_t>(shelter_k)]));
  }
  const auto teams = names_of(r.teams);
  if (combo_strings("team", team, teams)) station_team_ = team;
  if (!teams.empty()) {
    ImGui::SameLine();
    if (ImGui::SmallButton("out")) queue(team_out(teams[static_cast<std::size_t>(team)]));
    ImGui::SameLine();
    if (ImGui::SmallButton("back")) queue(team_back(teams[static_cast<std::size_t>(team)]));
  }
  const auto depots = names_of(r.depots);
  if (ImGui::TreeNode("supplies")) {
    combo_strings("from depot", from, depots);
    combo_strings("to depot", to, depots);
    combo_labels("stock", stock, kStockNames);
    ImGui::InputFloat("amount", &amount);
    if (depots.size() >= 2 && ImGui::SmallButton("move supplies"))
      queue(move_supplies(
          depots[static_cast<std::size_t>(from)], depots[static_cast<std::size_t>(to)],
          std::string(kStockNames.names[static_cast<std::size_t>(stock)]), std::max(0.0f, amount)));
    combo_strings("depot", depot, depots);
    if (!depots.empty()) {
      ImGui::SameLine();
      if (ImGui::SmallButton("depot lost"))
        queue(depot_lost(depots[static_cast<std::size_t>(depot)]));
    }
    ImGui::TreePop();
  }
  if (ImGui::TreeNode("communications and pumps")) {
    ImGui::InputFloat("calls late by (min)", &factor);
    if (ImGui::SmallButton("comms outage")) queue(comms_outage(std::max(0.0f, factor)));
    // The stations of /assets/drainage; files written before it list them as critical sites.
    std::vector<std::string> stations = drainage_names(r, "pumping_station");
    if (r.drainage.empty())
      for (std::size_t k = 0; k < r.sites.rows(); ++k)
        if (r.sites.label("kind", k) == "pumping_station")
          stations.push_back(r.sites.text("name", k));
    for (const std::string& name : stations) {
      if (ImGui::SmallButton(("pump failure: " + name).c_str())) queue(pump_failure(name));
      ImGui::SameLine();
      if (ImGui::SmallButton(("back##" + name).c_str())) queue(pump_back(name));
    }
    ImGui::TreePop();
  }
  if (ImGui::TreeNode("sluice gate stuck")) {
    // The outfalls of /assets/drainage to pick from; files written before it have none, and
    // the name is typed as in the scenario's [[outfall]] (`stormdrill branch` refuses an
    // unknown one and the panel shows its message).
    const std::vector<std::string> sluices = drainage_names(r, "sluice");
    if (sluices.empty()) {
      ImGui::InputText("outfall", f.outfall.data(), f.outfall.size());
    } else {
      combo_strings("outfall", f.sluice, sluices);
      f.sluice = std::clamp(f.sluice, 0, static_cast<int>(sluices.size()) - 1);
    }
    const std::string outfall = sluices.empty() ? std::string(f.outfall.data())
                                                : sluices[static_cast<std::size_t>(f.sluice)];
    ImGui::Checkbox("stuck open (else closed)", &f.sluice_open);
    if (f.sluice_open) ImGui::InputFloat("gate opening (m2)", &f.sluice_area);
    f.sluice_area = std::clamp(f.sluice_area, 0.01f, 1e4f);
    if (!outfall.empty() && ImGui::SmallButton("add##sluice"))
      queue(sluice_stuck(outfall, f.sluice_open, f.sluice_area));
    ImGui::TreePop();
  }
  ImGui::PopItemWidth();
}

void Director::queue_section(App& app, ViewState& vs) {
  section_title("Next branch");
  for (std::size_t k = 0; k < queued_.size(); ++k) {
    ImGui::PushID(static_cast<int>(k));
    if (ImGui::SmallButton("x")) {
      queued_.erase(queued_.begin() + static_cast<std::ptrdiff_t>(k));
      ImGui::PopID();
      break;
    }
    ImGui::SameLine();
    ImGui::TextUnformatted(queued_[k].c_str());
    ImGui::PopID();
  }
  if (queued_.empty()) ImGui::TextDisabled("no action yet: use a map tool or a decision");
  const bool can = !queued_.empty() && !child_;
  if (!can) ImGui::BeginDisabled();
  if (ImGui::Button("Branch here")) start_branch(vs, vs.t);
  if (!can) ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::TextDisabled("at %s (t = %.0f s) from %s", app.run() ? hhmm(*app.run(), vs.t).c_str() : "",
                      std::floor(vs.t), current_.filename().c_str());
  if (child_) {
    // An activity bar (the branch reports no fraction done), cycling every 2 s.
    ImGui::ProgressBar(static_cast<float>(std::fmod(child_->elapsed_s(), 2.0) / 2.0), {-1, 0},
                       "running stormdrill branch");
    ImGui::Text("%.1f s  %s", child_->elapsed_s(), child_->last_line().c_str());
  }
  if (!message_.empty()) {
    ImGui::PushTextWrapPos(0);
    if (message_is_error_)
      ImGui::TextColored({1, .35f, .35f, 1}, "%s", message_.c_str());
    else
      ImGui::TextUnformatted(message_.c_str());
    ImGui::PopTextWrapPos();
  }
}

void Director::prompt_section(ViewState& vs) {
  if (!o_.script) return;
  const auto& ps = o_.script->prompts;
  section_title(("Script: " + (o_.script->title.empty() ? o_.script->path.filename().string()
                                                        : o_.script->title))
                    .c_str());
  if (active_prompt_ >= 0) {
    const DrillPrompt& p = ps[static_cast<std::size_t>(active_prompt_)];
    ImGui::Text("Prompt %d/%zu at %s", active_prompt_ + 1, ps.size(), p.at_text.c_str());
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored({1, .9f, .4f, 1}, "%s", p.text.c_str());
    ImGui::PopTextWrapPos();
    for (const auto& j : p.injects) ImGui::BulletText("%s", j.c_str());
    if (!applied_as_.empty()) {
      ImGui::TextDisabled("applied: %s", applied_as_.c_str());
      return;
    }
    if (!p.injects.empty() && !child_ && ImGui::Button("Apply")) {
      queued_ = p.injects;
      start_branch(vs, p.at_s);
      active_prompt_ = -1;
    }
    if (!p.injects.empty()) ImGui::SameLine();
    if (ImGui::Button(p.injects.empty() ? "Done" : "Skip")) active_prompt_ = -1;
  } else if (next_prompt_ < static_cast<int>(ps.size())) {
    const DrillPrompt& p = ps[static_cast<std::size_t>(next_prompt_)];
    ImGui::Text("next: %s  %s", p.at_text.c_str(), p.text.c_str());
  } else {
    ImGui::TextDisabled("all %zu prompts done", ps.size());
  }
}

void Director::tree_section(App& app) {
  section_title("Branches");
  if (ImGui::SmallButton("find branches on disk")) {
    int n = 0;
    std::vector<fs::path> folders;
    for (const auto& node : tree_.nodes()) {
      const fs::path f = node.path.parent_path();
      if (std::find(folders.begin(), folders.end(), f) == folders.end()) folders.push_back(f);
    }
    folders.push_back(next_branch_path().parent_path());
    for (const auto& f : folders) n += tree_.scan_folder(f);
    message_ = "found " + std::to_string(n) + " more branch file(s)";
    message_is_error_ = false;
  }
  const auto& nodes = tree_.nodes();
  if (!ImGui::BeginTable("tree", 2 + static_cast<int>(kHeadlineKpis.size()),
                         ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollX |
                             ImGuiTableFlags_SizingFixedFit,
                         {0, 180}))
    return;
  ImGui::TableSetupColumn("branch");
  ImGui::TableSetupColumn("");
  for (const auto& k : kHeadlineKpis) ImGui::TableSetupColumn(kpi_display(k, NAN).name.c_str());
  ImGui::TableHeadersRow();
  for (int k : tree_.display_order()) {
    const BranchNode& n = nodes[static_cast<std::size_t>(k)];
    ImGui::PushID(k);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const std::string indent(static_cast<std::size_t>(2 * tree_.depth(k)), ' ');
    const bool here = n.path == current_;
    if (ImGui::Selectable((indent + n.path.filename().string() + "  " + n.label).c_str(), here)) {
      message_ = app.show_files(n.path, {});
      message_is_error_ = !message_.empty();
      if (message_.empty()) current_ = n.path, compare_mode_ = 0;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", n.path.c_str());
    ImGui::TableNextColumn();
    if (!n.injects_toml.empty() && ImGui::SmallButton("save")) {
      const fs::path out = fs::path(n.path).replace_extension(".injects.toml");
      int root = k;
      while (nodes[static_cast<std::size_t>(root)].parent >= 0)
        root = nodes[static_cast<std::size_t>(root)].parent;
      try {
        save_injects_file(n, nodes[static_cast<std::size_t>(root)].path, out);
        message_ = "saved " + out.string();
        message_is_error_ = false;
      } catch (const std::exception& e) {
        message_ = e.what();
        message_is_error_ = true;
      }
    }
    for (const auto& name : kHeadlineKpis) {
      ImGui::TableNextColumn();
      for (const auto& [kn, v] : n.kpis)
        if (kn == name) ImGui::TextUnformatted(format_kpi(name, v).c_str());
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void Director::compare_section(App& app, ViewState& vs) {
  const int k = tree_.find(current_);
  if (k < 0) return;
  const BranchNode& n = tree_.nodes()[static_cast<std::size_t>(k)];
  if (n.parent < 0) return;
  const BranchNode& p = tree_.nodes()[static_cast<std::size_t>(n.parent)];
  section_title("Compare with the parent");
  int mode = compare_mode_;
  ImGui::RadioButton("branch only", &mode, 0);
  ImGui::SameLine();
  ImGui::RadioButton("side by side", &mode, 1);
  ImGui::SameLine();
  ImGui::RadioButton("difference", &mode, 2);
  if (mode != compare_mode_) {
    compare_mode_ = mode;
    // A = parent, B = branch: the difference map is branch - parent.
    message_ = mode == 0 ? app.show_files(n.path, {}) : app.show_files(p.path, n.path);
    message_is_error_ = !message_.empty();
    vs.layers.difference = mode == 2;
  }
  if (compare_mode_ == 2)
    ImGui::TextDisabled(
        "depth B - A (branch - parent); roads closed only in the branch "
        "magenta, only in the parent green");
  if (ImGui::BeginTable(
          "kpidelta", 4,
          ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn("KPI");
    ImGui::TableSetupColumn("parent");
    ImGui::TableSetupColumn("branch");
    ImGui::TableSetupColumn("delta");
    ImGui::TableHeadersRow();
    for (const auto& [name, bv] : n.kpis)
      for (const auto& [pn, pv] : p.kpis)
        if (pn == name) {
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(kpi_display(name, NAN).name.c_str());
          if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", name.c_str());
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(format_kpi(name, pv).c_str());
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(format_kpi(name, bv).c_str());
          ImGui::TableNextColumn();
          const double d = bv - pv;
          ImGui::TextUnformatted(((d > 0 ? "+" : "") + format_kpi(name, d)).c_str());
        }
    ImGui::EndTable();
  }
}

void Director::panel(App& app, ViewState& vs) {
  Document* doc = app.run();
  if (!doc) return;
  prompt_section(vs);
  queue_section(app, vs);
  tools_section(vs);
  decisions_section(*doc);
  compare_section(app, vs);
  tree_section(app);
}

void Director::start_branch(ViewState& vs, double at_s) {
  if (queued_.empty() || child_) return;
  running_ = BranchCommand{o_.stormdrill,           current_, next_branch_path(),
                           std::floor(at_s + 1e-6), queued_,  o_.cache_dir};
  running_label_ = queued_.size() == 1 ? queued_[0] : std::to_string(queued_.size()) + " injects";
  try {
    child_ = std::make_unique<ChildProcess>(running_.argv());
    message_.clear();
    vs.playing = false;
  } catch (const std::exception& e) {
    message_ = e.what();
    message_is_error_ = true;
  }
}

void Director::finish_branch(App& app, ViewState& vs) {
  const int code = child_->exit_code();
  const std::string out = child_->output();
  const double took = child_->elapsed_s();
  child_.reset();
  if (code != 0) {
    message_ = "stormdrill branch failed (exit code " + std::to_string(code) + "):\n" + out +
               "\ncommand: " + running_.shell_text();
    message_is_error_ = true;
    return;
  }
  try {
    BranchNode node = read_branch_node(running_.out);
    node.label = running_label_ + " @" + hhmm(*app.run(), running_.at_s);
    tree_.add(std::move(node));
    if (const std::string err = app.show_files(running_.out, {}); !err.empty())
      throw std::runtime_error(err);
    current_ = fs::absolute(running_.out).lexically_normal();
    compare_mode_ = 0;
    vs.t = running_.at_s;
    char buf[64];
    std::snprintf(buf, sizeof buf, " (%.1f s)", took);
    message_ = "branched: " + running_.out.filename().string() + buf;
    message_is_error_ = false;
    queued_.clear();
  } catch (const std::exception& e) {
    message_ = std::string("cannot open the branch: ") + e.what();
    message_is_error_ = true;
  }
}

void Director::poll(App& app, ViewState& vs) {
  if (child_ && child_->poll()) finish_branch(app, vs);
}

}  // namespace sd::viz
