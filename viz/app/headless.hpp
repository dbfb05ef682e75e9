// Headless rendering: one frame to PNG (--screenshot) and the frame-time benchmark
// (--bench-frames). Both render into an offscreen framebuffer of the requested size.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/gl_window.hpp"

namespace sd::viz {

struct HeadlessOptions {
  int width = 1600, height = 1000;
  bool map_only = false;
};

// Before anything is rendered: refuses (std::invalid_argument, exit 2) a screenshot path that
// is a folder, names one of `inputs` (the results files being shown), or is an existing file
// that is not a PNG. `--screenshot RUN.h5` used to replace the run with a picture of itself.
void check_screenshot_target(const std::filesystem::path& out,
                             const std::vector<std::string>& inputs);

// Renders the UI at the app's current view state and writes OUT atomically (temp + rename).
void write_screenshot(App& app, GlWindow& win, const HeadlessOptions& o,
                      const std::filesystem::path& out);

// Steps through `n` hazard frames (blocking reads, as a scrub that outruns the prefetcher),
// then replays them from cache; prints per-frame times (ms) to stdout.
void run_frame_benchmark(App& app, GlWindow& win, const HeadlessOptions& o, int n);

}  // namespace sd::viz
