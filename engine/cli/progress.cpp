#include "cli/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace sd::cli {

Progress::Progress(std::string label, bool quiet)
    : label_(std::move(label)),
      quiet_(quiet),
      tty_(::isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void Progress::update(double sim_s, double total_s) {
  if (quiet_ || total_s <= 0) return;
  const auto now = std::chrono::steady_clock::now();
  const double wall = std::chrono::duration<double>(now - start_).count();
  const double f = std::min(1.0, sim_s / total_s);
  const double eta = f > 1e-6 ? wall * (1 - f) / f : 0;
  if (tty_) {
    if (std::chrono::duration<double>(now - last_).count() < 0.1 && f < 1) return;
    const int width = 30, fill = static_cast<int>(f * width);
    std::fprintf(stderr, "\r%s [%.*s%*s] %5.1f%%  sim %5.1f h  wall %5.1f s  ETA %5.1f s ",
                 label_.c_str(), fill, "##############################", width - fill, "", 100 * f,
                 sim_s / 3600, wall, eta);
    std::fflush(stderr);
    shown_ = true;
  } else {
    if (f - last_fraction_ < 0.1 && std::chrono::duration<double>(now - last_).count() < 30 &&
        f < 1)
      return;
    std::fprintf(stderr, "%s: %3.0f%%  sim %.1f h  wall %.1f s  ETA %.1f s\n", label_.c_str(),
                 100 * f, sim_s / 3600, wall, eta);
    last_fraction_ = f;
  }
  last_ = now;
}

void Progress::done() {
  if (shown_) std::fprintf(stderr, "\n");
  shown_ = false;
}

}  // namespace sd::cli
