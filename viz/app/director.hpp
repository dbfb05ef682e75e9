// The drill director (docs/viz.md, "Live drills"): pause the replay, act on the map (close a
// road, take a team out, drag a circle for an incident burst or an evacuation, click a dike
// breach) or choose a decision, and the viewer runs `stormdrill branch` as a child process,
// polls it without freezing the UI, and switches the map to the branch. It also keeps the
// session's branch tree, the parent-vs-branch comparison and the facilitator's script prompts.
#pragma once

#include <imgui.h>

#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/document.hpp"
#include "app/view_state.hpp"
#include "core/branch_command.hpp"
#include "core/branch_process.hpp"
#include "core/branch_tree.hpp"
#include "core/drill_script.hpp"
#include "core/road_pick.hpp"

namespace sd::viz {

class App;

struct DirectorOptions {
  std::filesystem::path stormdrill;  // resolved binary
  std::string cache_dir;             // --cache-dir for the branch runs (empty: its default)
  std::filesystem::path branch_dir;  // where branches are written (empty: beside the run)
  std::optional<DrillScript> script;
};

enum class MapTool {
  none,
  close_road,
  reopen_road,
  team_out,
  team_back,
  move_station,
  incident_burst,
  evacuate_area,
  road_closure_area,
  rain_band,
  dike_breach
};

class Director {
 public:
  explicit Director(DirectorOptions o);

  // The root run was opened (App construction).
  void on_open(const Document& doc);
  // Playback moved the clock from `from` to vs.t: stops at the next script prompt.
  void on_clock(double from, ViewState& vs);
  // After the single map was drawn (its InvisibleButton is the last item): tool input and the
  // overlay (picked road, circle being dragged, prompt card, branch progress, compare roads).
  void map_overlay(Document& shown, Document* other, ViewState& vs);
  // The "Director" tab.
  void panel(App& app, ViewState& vs);
  // Once per frame: polls the child process; switches the map when a branch is done.
  void poll(App& app, ViewState& vs);
  bool wants_map_input(const ViewState& vs) const;

  // Headless: run the script, branch by branch, one PNG per prompt (see director_headless).
  const DirectorOptions& options() const { return o_; }
  // Shows prompt k; `applied_as` names the branch its injects made (headless), so the card
  // says so instead of offering Apply / Skip.
  void set_active_prompt(int k, const std::string& applied_as = "") {
    active_prompt_ = k;
    applied_as_ = applied_as;
  }
  BranchTree& tree() { return tree_; }
  // The file the director acts on (the branch on screen).
  const std::filesystem::path& current() const { return current_; }
  void set_current(const std::filesystem::path& p) { current_ = p; }
  // Where the next branch goes: BRANCH_DIR/branch-NN.h5, NN counting up to a free name.
  std::filesystem::path next_branch_path();

 private:
  void start_branch(ViewState& vs, double at_s);
  void finish_branch(App& app, ViewState& vs);
  void queue(const DirectorAction& a);
  void tools_section(ViewState& vs);
  void decisions_section(const Document& doc);
  void queue_section(App& app, ViewState& vs);
  void prompt_section(ViewState& vs);
  void tree_section(App& app);
  void compare_section(App& app, ViewState& vs);
  void map_click(const Document& doc, const ViewState& vs, double x, double y);

  DirectorOptions o_;
  BranchTree tree_;
  std::filesystem::path current_;
  RoadIndex roads_;
  std::filesystem::path roads_for_;  // the file roads_ was built from
  std::vector<std::string> towns_;

  MapTool tool_ = MapTool::none;
  std::vector<std::string> queued_;  // one-liners for the next branch
  std::string message_;              // last error or note, shown in the panel
  bool message_is_error_ = false;
  std::unique_ptr<ChildProcess> child_;
  BranchCommand running_;
  std::string running_label_;
  int compare_mode_ = 0;  // 0 off, 1 side by side, 2 difference

  // Tool settings.
  int burst_n_ = 20, burst_type_ = 0, station_team_ = 0;
  float breach_peak_m3s_ = 200.0f, duration_h_ = 0.0f, rain_factor_ = 2.0f;
  bool breach_weir_ = false;
  float breach_width_m_ = 40.0f;
  std::array<char, 256> breach_levels_{};
  bool circle_active_ = false;
  double circle_x_ = 0, circle_y_ = 0;

  struct DecisionForm {
    int level = 2, policy = 1, town = 0, shelter = 0, from = 0, to = 1, stock = 3, team = 0,
        depot = 0;
    float amount = 1000, factor = 10;
    std::array<char, 128> outfall{};  // typed, for files without /assets/drainage
    int sluice = 0;                   // picked row of the drainage list
    bool sluice_open = true;
    float sluice_area = 4;
  } form_;

  // Facilitator script.
  int next_prompt_ = 0;     // the first prompt not yet reached
  int active_prompt_ = -1;  // the prompt on screen, -1 none
  std::string applied_as_;
};

}  // namespace sd::viz
