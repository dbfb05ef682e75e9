// stormdrill-viz: replay stormdrill results files (docs/viz.md).
//   stormdrill-viz RESULTS.h5 [--compare B.h5]
//   stormdrill-viz RESULTS.h5 --screenshot OUT.png --time T [--layers depth,roads,teams] [--size
//   1600x1000]
// Exit codes: 0 ok, 2 bad input (file or arguments), 3 no display / OpenGL, 1 other failure.
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <optional>

#include "app/app.hpp"
#include "app/director_headless.hpp"
#include "app/gl.hpp"
#include "app/gl_window.hpp"
#include "app/headless.hpp"
#include "core/view_options.hpp"
#include "finite_options.hpp"  // engine/cli, header-only

namespace {

using namespace sd::viz;

struct Args {
  std::string results, compare, screenshot, layers, size = "1600x1000", view = "full", panel;
  std::string center, zoom;
  double time = 0;
  bool time_set = false;
  int select_team = -1, select_incident = -1, bench_frames = 0;
  std::size_t cache_mb = 512;
  // The drill director (docs/viz.md, "Live drills").
  std::string script, screenshot_dir, stormdrill, cache_dir, branch_dir;
  bool no_director = false;
};

Panel parse_panel(const std::string& p) {
  if (p == "events") return Panel::events;
  if (p == "teams") return Panel::teams;
  if (p == "incidents") return Panel::incidents;
  if (p == "kpi" || p == "kpis") return Panel::kpi;
  if (p == "inspector") return Panel::inspector;
  if (p == "director") return Panel::director;
  throw std::invalid_argument("--panel: unknown panel '" + p +
                              "' (events, teams, incidents, kpi, inspector, director)");
}

void parse_size(const std::string& s, int& w, int& h) {
  if (std::sscanf(s.c_str(), "%dx%d", &w, &h) != 2 || w < 64 || h < 64 || w > 8192 || h > 8192)
    throw std::invalid_argument("--size: expected WIDTHxHEIGHT between 64 and 8192, got '" + s +
                                "'");
}

void interactive(App& app, GlWindow& win) {
  double last = glfwGetTime();
  while (!glfwWindowShouldClose(win.handle())) {
    glfwPollEvents();
    const double now = glfwGetTime();
    app.advance(now - last);
    last = now;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    app.handle_keys();
    app.frame(ImGui::GetIO().DisplaySize, false);
    ImGui::Render();
    int w = 0, h = 0;
    glfwGetFramebufferSize(win.handle(), &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(0.1f, 0.1f, 0.12f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glfwSwapBuffers(win.handle());
  }
}

// The director's options, resolved before a display is opened: a bad script or a missing
// stormdrill binary is bad input (exit 2). nullopt: no director (batch files, --no-director,
// or no stormdrill binary for an interactive session, which then only replays).
std::optional<DirectorOptions> director_options(const Args& a, const char* argv0) {
  if (!a.script.empty() && a.no_director)
    throw std::invalid_argument("--script needs the drill director; drop --no-director");
  if (!a.screenshot_dir.empty() && a.script.empty())
    throw std::invalid_argument("--screenshot-dir needs --script (one PNG per prompt)");
  if (!a.script.empty() && !a.screenshot.empty())
    throw std::invalid_argument(
        "--script writes one PNG per prompt into --screenshot-dir; "
        "drop --screenshot");
  if (!a.script.empty() && !a.compare.empty())
    throw std::invalid_argument("--script runs on one run file; drop --compare");
  if (a.no_director || !a.compare.empty()) return std::nullopt;
  DirectorOptions o;
  if (!a.script.empty()) o.script = read_drill_script(a.script);
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  try {
    o.stormdrill = locate_stormdrill(a.stormdrill, ec ? std::filesystem::path(argv0) : self);
  } catch (const std::invalid_argument& e) {
    if (!a.script.empty() || !a.stormdrill.empty()) throw;
    if (a.screenshot.empty() && a.bench_frames == 0)
      std::cerr << "stormdrill-viz: warning: " << e.what() << "; the drill director is off\n";
    return std::nullopt;
  }
  o.cache_dir = a.cache_dir;
  o.branch_dir = a.branch_dir;
  return o;
}

int run(const Args& a, const char* argv0) {
  HeadlessOptions ho;
  parse_size(a.size, ho.width, ho.height);
  ho.map_only = a.view == "map";
  if (a.view != "map" && a.view != "full")
    throw std::invalid_argument("--view: expected full or map, got '" + a.view + "'");
  // Validate every argument before opening files or a display: bad input is exit code 2 even
  // on a machine without X.
  if (!a.screenshot.empty()) check_screenshot_target(a.screenshot, {a.results, a.compare});
  const std::optional<Layers> layers =
      a.layers.empty() ? std::nullopt : std::optional<Layers>(parse_layers(a.layers));
  // A plain value, not std::optional: GCC 12 -O3 reports a false maybe-uninitialized on it.
  const Panel panel = a.panel.empty() ? Panel::events : parse_panel(a.panel);
  std::optional<DirectorOptions> director = director_options(a, argv0);
  const std::optional<MapCenter> center =
      a.center.empty() ? std::nullopt : std::optional<MapCenter>(parse_center(a.center));
  const double zoom = a.zoom.empty() ? 1.0 : parse_zoom(a.zoom);
  const std::size_t cache = a.cache_mb << 20;
  auto doc_a = Document::load(a.results, cache);
  if (director && director->script) {
    if (doc_a->is_batch() || doc_a->file->meta().kind != "run")
      throw std::invalid_argument("--script: " + a.results + " is a '" + doc_a->file->meta().kind +
                                  "' file; a drill needs a run file");
    resolve_script(*director->script, doc_a->clock, doc_a->end_time(), doc_a->replay);
  }
  std::unique_ptr<Document> doc_b;
  if (!a.compare.empty()) {
    doc_b = Document::load(a.compare, cache);
    if (doc_a->is_batch() || doc_b->is_batch())
      throw ResultsError("--compare takes two run (or flood) files, not batch files");
    const auto &ga = doc_a->file->grid(), &gb = doc_b->file->grid();
    if (ga.nx != gb.nx || ga.ny != gb.ny || ga.x0 != gb.x0 || ga.y0 != gb.y0 || ga.cell != gb.cell)
      throw ResultsError(a.compare + ": its grid differs from " + a.results +
                         "'s; compare needs two plans on the same storm and grid");
  }
  if (center) {
    if (doc_a->is_batch()) throw std::invalid_argument("--center: a batch file has no map");
    check_center_on_grid(*center, doc_a->file->grid());
  }
  const bool headless = !a.screenshot.empty() || a.bench_frames > 0 || !a.screenshot_dir.empty();
  GlWindow win(headless ? 64 : 1600, headless ? 64 : 1000, !headless, "stormdrill-viz");
  const bool is_run = doc_a->file->meta().kind == "run";
  App app(std::move(doc_a), std::move(doc_b), cache);
  if (director && is_run) app.enable_director(std::move(*director));
  ViewState& vs = app.view();
  if (layers) vs.layers = *layers;
  if (!a.panel.empty()) {
    vs.panel = panel;
    vs.panel_forced = true;
  }
  vs.request_zoom = zoom;
  if (center) {
    vs.request_center = true;
    vs.request_cx = center->x;
    vs.request_cy = center->y;
  }
  vs.selected_team = a.select_team;
  vs.selected_incident = a.select_incident;
  if (app.run()) {
    const double end = app.end_time();
    vs.t = a.time;
    if (a.time_set && (a.time < 0 || a.time > end)) {
      vs.t = std::clamp(a.time, 0.0, end);
      std::cerr << "stormdrill-viz: warning: --time " << a.time << " s is outside the run [0, "
                << end << "] s; clamped to " << vs.t << " s\n";
    }
  }
  if (!a.screenshot_dir.empty()) return run_script_headless(app, win, ho, a.screenshot_dir);
  if (a.bench_frames > 0) {
    run_frame_benchmark(app, win, ho, a.bench_frames);
    return 0;
  }
  if (!a.screenshot.empty()) {
    write_screenshot(app, win, ho, a.screenshot);
    std::cerr << "stormdrill-viz: wrote " << a.screenshot << " (" << ho.width << "x" << ho.height
              << ", t = " << vs.t << " s, renderer " << win.renderer() << " via " << win.backend()
              << ")\n";
    return 0;
  }
  interactive(app, win);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"stormdrill-viz: replay stormdrill results files (HDF5)"};
  Args a;
  cli.add_option("results", a.results, "results file (.h5): run, flood, storm or batch")
      ->required();
  cli.add_option("--compare", a.compare,
                 "second results file (same storm and grid): side by side or difference map");
  cli.add_option("--screenshot", a.screenshot, "render one frame to this PNG and exit (headless)");
  auto* topt = cli.add_option(
      "--time", a.time, "replay time, seconds since the scenario start (clamped into the run)");
  cli.add_option("--layers", a.layers,
                 "comma-separated: terrain,depth,rain,wind,roads,teams,incidents,assets,fine,"
                 "diff,nolegend");
  cli.add_option("--size", a.size, "screenshot size WIDTHxHEIGHT")->capture_default_str();
  cli.add_option("--view", a.view, "screenshot view: full (the whole UI) or map (map only)")
      ->capture_default_str();
  cli.add_option("--panel", a.panel,
                 "side panel to show: events, teams, incidents, kpi, inspector, director");
  cli.add_option("--center", a.center,
                 "map centre X,Y in the grid's coordinates (metres; must lie on the map)");
  cli.add_option("--zoom", a.zoom, "zoom relative to the whole map (1 = fitted, 0.25 .. 256)");
  cli.add_option("--select-team", a.select_team, "team row to select (inspector)");
  cli.add_option("--select-incident", a.select_incident, "incident row to select (inspector)");
  cli.add_option("--bench-frames", a.bench_frames,
                 "headless: time rendering of N hazard frames and exit");
  cli.add_option("--cache-mb", a.cache_mb, "frame cache budget per file (MiB)")
      ->capture_default_str();
  cli.add_option("--script", a.script,
                 "facilitator drill script (TOML): pause at each prompt (docs/viz.md)");
  cli.add_option("--screenshot-dir", a.screenshot_dir,
                 "headless drill: apply --script without a person, one PNG per prompt here");
  cli.add_option("--stormdrill", a.stormdrill,
                 "the stormdrill binary that runs branches (default: beside this viewer)");
  cli.add_option("--cache-dir", a.cache_dir, "hazard cache folder for `stormdrill branch`");
  cli.add_option("--branch-dir", a.branch_dir,
                 "where the director writes branches (default: RUN-branches/ beside the run)");
  cli.add_flag("--no-director", a.no_director, "replay only: no drill director tab");
  sd::cli::require_finite_numbers(cli);  // --time nan drew at time NaN and crashed
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : 2;
  }
  a.time_set = topt->count() > 0;
  try {
    return run(a, argv[0]);
  } catch (const ResultsError& e) {
    std::cerr << "stormdrill-viz: " << e.what() << "\n";
    return 2;
  } catch (const std::invalid_argument& e) {
    std::cerr << "stormdrill-viz: " << e.what() << "\n";
    return 2;
  } catch (const std::runtime_error& e) {
    const std::string msg = e.what();
    std::cerr << "stormdrill-viz: " << msg << "\n";
    return msg.rfind("no display", 0) == 0 ? 3 : 1;
  }
}
