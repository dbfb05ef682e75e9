#pragma once
// Progress for long runs: a one-line bar with simulated time, wall time and ETA when stderr
// is a terminal; plain log lines every ~10 % (or 30 s) otherwise, so CI logs stay readable.
#include <chrono>
#include <string>

namespace sd::cli {

class Progress {
 public:
  Progress(std::string label, bool quiet);
  void update(double sim_s, double total_s);
  void done();

 private:
  std::string label_;
  bool quiet_, tty_;
  std::chrono::steady_clock::time_point start_, last_;
  double last_fraction_ = -1;
  bool shown_ = false;
};

}  // namespace sd::cli
