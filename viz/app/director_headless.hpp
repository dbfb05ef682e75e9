// The facilitator script without a person (docs/viz.md, "Headless drills"):
//   stormdrill-viz RUN.h5 --script DRILL.toml --screenshot-dir DIR
// Each prompt with injects is applied as a branch of the previous branch (the run for the
// first) at the prompt's time, by the same `stormdrill branch` command the director runs, and
// one PNG per prompt is written: DIR/prompt-NN-HHMM.png (index from 01, scenario clock time).
#pragma once

#include <filesystem>

#include "app/app.hpp"
#include "app/gl_window.hpp"
#include "app/headless.hpp"

namespace sd::viz {

// The PNG name of prompt k (0-based) at time t: "prompt-01-1400.png" ("prompt-01-50400s.png"
// when the run records no start time).
std::string prompt_png_name(std::size_t k, const std::optional<ClockOrigin>& clock, double t);

// Runs the app's director script (App::enable_director with a script). Returns 0, or the exit
// code to use: 2 when `stormdrill branch` refused an inject as bad input, 1 otherwise; the
// message (prompt, script line, exit code and the branch's output) is on stderr.
int run_script_headless(App& app, GlWindow& win, const HeadlessOptions& o,
                        const std::filesystem::path& dir);

}  // namespace sd::viz
