#pragma once
// Temporary files of write-then-rename outputs: their names, a registry of the ones alive in
// this process (so SIGINT/SIGTERM can delete them before exiting), and removal of the ones a
// dead process left behind (kill -9, power loss).
//
// A temporary is `FINAL.tmpPID` (PID of the writing process).
#include <string>

namespace sd::io {

// `final_path.tmpPID` for this process.
std::string temp_name_for(const std::string& final_path);

// Registers a live temporary; the signal handler unlinks every registered path. Paths longer
// than the registry's fixed slots (PATH_MAX) or beyond its capacity are simply not cleaned on
// a signal (the next run's stale sweep still removes them).
void register_temp(const std::string& path);
void unregister_temp(const std::string& path);

// Installs SIGINT/SIGTERM handlers that unlink the registered temporaries and exit with 130
// (docs/cli.md). Safe to call more than once.
void install_interrupt_cleanup();

// Removes `NAME.tmpPID` files in `dir` whose PID is not a live process (kill(pid, 0)
// fails with ESRCH). Returns how many were removed. Never throws.
int remove_stale_temps(const std::string& dir);

}  // namespace sd::io
