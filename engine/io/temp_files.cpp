#include "io/temp_files.hpp"

#include <limits.h>
#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace sd::io {
namespace {

// Fixed storage so the signal handler reads it without allocating or locking (only
// async-signal-safe calls in the handler: unlink, write, _exit; POSIX.1-2017 2.4.3).
constexpr int kSlots = 64;
enum SlotState : int { kFree = 0, kFilling = 1, kLive = 2 };
struct Slot {
  std::atomic<int> state{kFree};
  char path[PATH_MAX];
};
std::array<Slot, kSlots> g_slots;

extern "C" void on_interrupt(int /*sig*/) {
  for (auto& s : g_slots)
    if (s.state.load(std::memory_order_acquire) == kLive) ::unlink(s.path);
  static const char msg[] = "stormdrill: interrupted; temporary files removed\n";
  [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, msg, sizeof msg - 1);
  ::_exit(130);
}

// The PID in `NAME.EXT.tmpPID`, or 0 when the name is not a temporary of ours. EXT must be
// one of the kinds stormdrill writes: a user's own `notes.tmp123` was once deleted as stale.
pid_t temp_owner(const std::string& name) {
  const std::size_t dot = name.rfind(".tmp");
  if (dot == std::string::npos || dot == 0) return 0;
  static const char* const kOurs[] = {".h5",   ".hdf5", ".tif", ".tiff", ".asc", ".csv",
                                      ".json", ".toml", ".xmf", ".md",   ".png", ".gpkg",
                                      ".html", ".txt",  ".prj", ".crs"};
  const std::string stem = name.substr(0, dot);
  bool ours = false;
  for (const char* ext : kOurs) {
    const std::size_t n = std::strlen(ext);
    ours |= stem.size() > n && stem.compare(stem.size() - n, n, ext) == 0;
  }
  if (!ours) return 0;
  const std::string digits = name.substr(dot + 4);
  if (digits.empty() || digits.size() > 9) return 0;
  for (char c : digits)
    if (c < '0' || c > '9') return 0;
  return static_cast<pid_t>(std::stol(digits));
}

}  // namespace

std::string temp_name_for(const std::string& final_path) {
  return final_path + ".tmp" + std::to_string(::getpid());
}

void register_temp(const std::string& path) {
  if (path.size() >= PATH_MAX) return;
  for (auto& s : g_slots) {
    int expected = kFree;
    if (!s.state.compare_exchange_strong(expected, kFilling, std::memory_order_acquire)) continue;
    std::memcpy(s.path, path.c_str(), path.size() + 1);
    s.state.store(kLive, std::memory_order_release);
    return;
  }
}

void unregister_temp(const std::string& path) {
  for (auto& s : g_slots) {
    if (s.state.load(std::memory_order_acquire) != kLive || path != s.path) continue;
    s.state.store(kFree, std::memory_order_release);
    return;
  }
}

void install_interrupt_cleanup() {
  struct sigaction sa {};
  sa.sa_handler = on_interrupt;
  sigemptyset(&sa.sa_mask);
  sigaddset(&sa.sa_mask, SIGINT);
  sigaddset(&sa.sa_mask, SIGTERM);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

int remove_stale_temps(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  int removed = 0;
  for (fs::directory_iterator it(dir.empty() ? "." : dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    const pid_t pid = temp_owner(it->path().filename().string());
    if (pid <= 0 || pid == ::getpid()) continue;
    // ESRCH: no such process. EPERM means it lives (under another user): leave it.
    if (::kill(pid, 0) == 0 || errno != ESRCH) continue;
    std::error_code rc;
    if (it->is_regular_file(rc) && fs::remove(it->path(), rc)) ++removed;
  }
  return removed;
}

}  // namespace sd::io
