// The viewer: one results file (or two in compare mode, or a batch file) and the UI around it.
// frame() builds one complete ImGui frame; the interactive loop and the screenshot path both
// call it, so a screenshot shows exactly what a planner sees.
#pragma once

#include <imgui.h>

#include <memory>
#include <string>

#include "app/batch_view.hpp"
#include "app/director.hpp"
#include "app/document.hpp"
#include "app/map_texture.hpp"
#include "app/view_state.hpp"

namespace sd::viz {

class App {
 public:
  App(std::unique_ptr<Document> a, std::unique_ptr<Document> b, std::size_t cache_bytes);

  // Whole UI for one frame in a `display`-sized area. `blocking` waits for frames (screenshots).
  void frame(ImVec2 display, bool blocking);
  void map_only(ImVec2 display, bool blocking);  // just the map, no panels (tests, reports)
  void advance(double wall_seconds);             // playback clock
  void handle_keys();
  ViewState& view() { return vs_; }
  Document* run() { return a_.get(); }  // null while a batch table is shown
  double end_time() const;
  // The drill director (docs/viz.md, "Live drills"): on for run files unless --no-director.
  void enable_director(DirectorOptions o);
  Director* director() { return director_.get(); }
  // Shows `a` (and `b` beside it / as the difference, when given), keeping the clock and the
  // camera; "" when done, else the error (the previous files stay on screen).
  std::string show_files(const std::filesystem::path& a, const std::filesystem::path& b);

 private:
  void draw_run(ImVec2 display, bool blocking);
  void open_run(const std::filesystem::path& p);

  std::unique_ptr<Document> a_, b_, batch_;
  MapTexture tex_a_, tex_b_;
  ViewState vs_;
  BatchViewState batch_state_;
  std::size_t cache_bytes_;
  std::unique_ptr<Director> director_;
};

}  // namespace sd::viz
