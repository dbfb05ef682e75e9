#pragma once
// Per-phase wall times of a drill (`-v`: "stormdrill: time: load scenario 0.412 s"), so a slow
// command is profiled by phase before anyone guesses (issue 14: the response-only branch
// target). Laps go to `report`; without one nothing is timed.
#include <chrono>
#include <functional>
#include <string>

namespace sd {

using PhaseReport = std::function<void(const std::string& phase, double seconds)>;

class PhaseClock {
 public:
  explicit PhaseClock(PhaseReport report)
      : report_(std::move(report)), t_(std::chrono::steady_clock::now()) {}
  // Reports the time since the previous lap (or the start) under `phase`.
  void lap(const std::string& phase) {
    if (!report_) return;
    const auto now = std::chrono::steady_clock::now();
    report_(phase, std::chrono::duration<double>(now - t_).count());
    t_ = now;
  }

 private:
  PhaseReport report_;
  std::chrono::steady_clock::time_point t_;
};

}  // namespace sd
