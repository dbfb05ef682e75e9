#include "app/director_headless.hpp"

#include <cmath>
#include <cstdio>
#include <iostream>

#include "core/drill_time.hpp"

namespace sd::viz {

namespace fs = std::filesystem;

std::string prompt_png_name(std::size_t k, const std::optional<ClockOrigin>& clock, double t) {
  char buf[64];
  if (clock) {
    const std::string c = format_clock(clock, t);  // "YYYY-MM-DD HH:MM:SS +08:00"
    std::snprintf(buf, sizeof buf, "prompt-%02zu-%s%s.png", k + 1, c.substr(11, 2).c_str(),
                  c.substr(14, 2).c_str());
  } else {
    std::snprintf(buf, sizeof buf, "prompt-%02zu-%ss.png", k + 1,
                  seconds_text(std::floor(t)).c_str());
  }
  return buf;
}

int run_script_headless(App& app, GlWindow& win, const HeadlessOptions& o, const fs::path& dir) {
  Director* d = app.director();
  if (!d || !d->options().script || !app.run())
    throw std::invalid_argument("--script needs a run file");
  const DrillScript& script = *d->options().script;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (!fs::is_directory(dir))
    throw std::invalid_argument("--screenshot-dir " + dir.string() + ": cannot create the folder");
  ViewState& vs = app.view();
  vs.panel = Panel::director;
  for (std::size_t k = 0; k < script.prompts.size(); ++k) {
    const DrillPrompt& p = script.prompts[k];
    if (!p.injects.empty()) {
      char name[32];
      std::snprintf(name, sizeof name, "branch-%02zu.h5", k + 1);
      const BranchCommand cmd{d->options().stormdrill,   d->current(), dir / name,
                              std::floor(p.at_s + 1e-6), p.injects,    d->options().cache_dir};
      std::cerr << "stormdrill-viz: prompt " << k + 1 << " (" << p.at_text
                << "): " << cmd.shell_text() << "\n";
      ChildProcess child(cmd.argv());
      child.wait();
      if (child.exit_code() != 0) {
        std::cerr << "stormdrill-viz: " << script.path.string() << ":" << p.line << ": prompt "
                  << k + 1 << " (" << p.at_text << "): stormdrill branch failed with exit code "
                  << child.exit_code() << ":\n"
                  << child.output();
        return child.exit_code() == 2 ? 2 : 1;
      }
      BranchNode node = read_branch_node(cmd.out);
      node.label = "prompt " + std::to_string(k + 1);
      d->tree().add(std::move(node));
      if (const std::string err = app.show_files(cmd.out, {}); !err.empty())
        throw std::runtime_error("cannot open the branch " + cmd.out.string() + ": " + err);
      d->set_current(fs::absolute(cmd.out).lexically_normal());
    }
    vs.t = p.at_s;
    vs.panel_forced = true;
    d->set_active_prompt(static_cast<int>(k),
                         p.injects.empty() ? "" : d->current().filename().string());
    const fs::path png = dir / prompt_png_name(k, app.run()->clock, p.at_s);
    write_screenshot(app, win, o, png);
    std::cerr << "stormdrill-viz: wrote " << png.string() << "\n";
  }
  return 0;
}

}  // namespace sd::viz
