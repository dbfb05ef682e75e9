// A child process the viewer waits for without blocking its UI: `stormdrill branch` run with
// posix_spawn, its stdout and stderr collected through one non-blocking pipe, polled once per
// frame. Destroying a running process terminates it (SIGTERM) and reaps it.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace sd::viz {

class ChildProcess {
 public:
  // Starts argv[0] (a path) with argv. Throws std::runtime_error when it cannot be started.
  explicit ChildProcess(const std::vector<std::string>& argv);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Collects output; true once the process has exited (then exit_code() is valid).
  bool poll();
  // Blocks until the process exits (headless use).
  void wait();
  bool finished() const { return finished_; }
  // Exit code, or 128 + signal number when it was killed by a signal.
  int exit_code() const { return exit_code_; }
  const std::string& output() const { return output_; }
  // The last non-empty line of output so far (a progress line).
  std::string last_line() const;
  double elapsed_s() const;

 private:
  void drain();

  pid_t pid_ = -1;
  int fd_ = -1;
  bool finished_ = false;
  int exit_code_ = -1;
  std::string output_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace sd::viz
