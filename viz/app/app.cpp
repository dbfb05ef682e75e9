#include "app/app.hpp"

#include <GLFW/glfw3.h>

#include <algorithm>

#include "app/map_view.hpp"
#include "app/panels.hpp"

namespace sd::viz {

namespace {
constexpr ImGuiWindowFlags kFill = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus;
}

App::App(std::unique_ptr<Document> a, std::unique_ptr<Document> b, std::size_t cache_bytes)
    : a_(std::move(a)), b_(std::move(b)), cache_bytes_(cache_bytes) {
  if (a_ && a_->is_batch()) batch_ = std::move(a_);
  if (b_ && a_) vs_.layers.difference = false;
}

double App::end_time() const {
  return a_ ? a_->end_time() : 0.0;
}

void App::open_run(const std::filesystem::path& p) {
  try {
    a_ = Document::load(p, cache_bytes_);
    vs_ = ViewState{};
  } catch (const std::exception& e) {
    batch_state_.message = e.what();
  }
}

void App::enable_director(DirectorOptions o) {
  if (!a_) return;
  director_ = std::make_unique<Director>(std::move(o));
  director_->on_open(*a_);
}

std::string App::show_files(const std::filesystem::path& a, const std::filesystem::path& b) {
  try {
    auto da = Document::load(a, cache_bytes_);
    auto db = b.empty() ? nullptr : Document::load(b, cache_bytes_);
    a_ = std::move(da);
    b_ = std::move(db);
    // Rows of another file: a selection would point at a different team or incident.
    vs_.selected_team = vs_.selected_incident = -1;
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

void App::advance(double wall_seconds) {
  if (director_) director_->poll(*this, vs_);
  if (!a_ || !vs_.playing) return;
  const double from = vs_.t;
  vs_.t += wall_seconds * vs_.speed;
  if (director_) director_->on_clock(from, vs_);
  if (vs_.t >= end_time()) {
    vs_.t = end_time();
    vs_.playing = false;
  }
}

void App::handle_keys() {
  if (!a_ || ImGui::GetIO().WantTextInput) return;
  const auto& times = a_->file->frame_times();
  if (ImGui::IsKeyPressed(GLFW_KEY_SPACE, false)) vs_.playing = !vs_.playing;
  if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT) && !times.empty()) {
    const std::size_t k = frame_at(times, vs_.t);
    vs_.t = k + 1 < times.size() ? times[k + 1] : end_time();
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_LEFT) && !times.empty()) {
    const std::size_t k = frame_at(times, vs_.t - 1e-6);
    vs_.t = times[k] < vs_.t ? times[k] : times[k > 0 ? k - 1 : 0];
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT_BRACKET)) vs_.speed = std::min(3600.0f, vs_.speed * 2);
  if (ImGui::IsKeyPressed(GLFW_KEY_LEFT_BRACKET)) vs_.speed = std::max(1.0f, vs_.speed / 2);
  if (ImGui::IsKeyPressed(GLFW_KEY_HOME)) vs_.t = 0;
  if (ImGui::IsKeyPressed(GLFW_KEY_END)) vs_.t = end_time();
  if (ImGui::IsKeyPressed(GLFW_KEY_F, false)) vs_.m_per_px = 0;
  if (ImGui::IsKeyPressed(GLFW_KEY_D, false) && b_) vs_.layers.difference = !vs_.layers.difference;
  vs_.t = std::clamp(vs_.t, 0.0, std::max(end_time(), 0.0));
}

void App::map_only(ImVec2 display, bool blocking) {
  ImGui::SetNextWindowPos({0, 0});
  ImGui::SetNextWindowSize(display);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
  ImGui::Begin("map-only", nullptr, kFill);
  if (a_) {
    const std::string title = map_title(*a_, vs_.t);
    draw_map("##map", title.c_str(), *a_, b_.get(), tex_a_, vs_, display, blocking);
  }
  ImGui::End();
  ImGui::PopStyleVar();
}

void App::frame(ImVec2 display, bool blocking) {
  ImGui::SetNextWindowPos({0, 0});
  ImGui::SetNextWindowSize(display);
  ImGui::Begin("stormdrill-viz", nullptr, kFill);
  if (!a_ && batch_) {
    if (auto p = draw_batch_view(*batch_, batch_state_)) open_run(*p);
  } else if (a_) {
    if (batch_ && ImGui::Button("<- back to batch")) {
      a_.reset();
      ImGui::End();
      return;
    }
    draw_run(ImGui::GetContentRegionAvail(), blocking);
  }
  ImGui::End();
}

void App::draw_run(ImVec2 avail, bool blocking) {
  const float side_w = std::clamp(avail.x * 0.32f, 300.0f, 520.0f);
  const float timeline_h = 78.0f;
  const ImVec2 map_size{avail.x - side_w - 8, avail.y - timeline_h - 8};
  ImGui::BeginGroup();
  const bool compare = b_ != nullptr;
  vs_.pan_locked = director_ && director_->wants_map_input(vs_);
  if (compare && !vs_.layers.difference) {
    // Side by side: one camera and one clock for both, so the maps stay synchronised.
    const ImVec2 half{(map_size.x - 4) / 2, map_size.y};
    const std::string ta = "A: " + map_title(*a_, vs_.t), tb = "B: " + map_title(*b_, vs_.t);
    draw_map("##mapA", ta.c_str(), *a_, nullptr, tex_a_, vs_, half, blocking);
    ImGui::SameLine(0, 4);
    draw_map("##mapB", tb.c_str(), *b_, nullptr, tex_b_, vs_, half, blocking);
  } else {
    const std::string title =
        compare ? "depth difference B - A: " + b_->label() + " minus " + a_->label()
                : map_title(*a_, vs_.t);
    draw_map("##map", title.c_str(), *a_, compare ? b_.get() : nullptr, tex_a_, vs_, map_size,
             blocking);
    if (director_) director_->map_overlay(*a_, compare ? b_.get() : nullptr, vs_);
  }
  ImGui::BeginChild("timeline", {map_size.x, timeline_h}, true);
  draw_timeline(*a_, vs_);
  ImGui::EndChild();
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginChild("side", {side_w, avail.y}, true);
  const Meta& m = a_->file->meta();
  ImGui::Text("%s  [%s]", m.scenario_name.empty() ? "(unnamed scenario)" : m.scenario_name.c_str(),
              m.kind.c_str());
  ImGui::TextDisabled("engine %s (%s), seed %lld, grid %d x %d @ %.0f m", m.engine_version.c_str(),
                      m.git_commit.c_str(), m.seed, a_->file->grid().nx, a_->file->grid().ny,
                      a_->file->grid().cell);
  if (const std::string err = a_->frames->last_error(); !err.empty())
    ImGui::TextColored(ImVec4(1, .4f, .4f, 1), "%s", err.c_str());
  if (!a_->scenario_text.empty() && ImGui::CollapsingHeader("scenario file (as loaded)")) {
    ImGui::BeginChild("scenario", {0, 160}, true, ImGuiWindowFlags_HorizontalScrollbar);
    ImGui::TextUnformatted(a_->scenario_text.c_str());
    ImGui::EndChild();
  }
  draw_layer_toggles(vs_, compare);
  ImGui::Separator();
  if (ImGui::BeginTabBar("panels")) {
    auto tab = [&](const char* name, Panel p) {
      ImGuiTabItemFlags f =
          (vs_.panel_forced && vs_.panel == p) ? ImGuiTabItemFlags_SetSelected : 0;
      return ImGui::BeginTabItem(name, nullptr, f);
    };
    if (tab("Events", Panel::events)) {
      draw_event_log(*a_, vs_);
      ImGui::EndTabItem();
    }
    if (tab("Teams", Panel::teams)) {
      draw_team_table(*a_, vs_);
      ImGui::EndTabItem();
    }
    if (tab("Incidents", Panel::incidents)) {
      draw_incident_table(*a_, vs_);
      ImGui::EndTabItem();
    }
    if (tab("KPIs", Panel::kpi)) {
      draw_kpi_charts(*a_, vs_);
      ImGui::EndTabItem();
    }
    if (tab("Inspector", Panel::inspector)) {
      draw_inspector(*a_, tex_a_, vs_);
      ImGui::EndTabItem();
    }
    if (director_ && tab("Director", Panel::director)) {
      director_->panel(*this, vs_);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
  vs_.panel_forced = false;  // SetSelected is a one-shot request; the tab bar remembers it
}

}  // namespace sd::viz
