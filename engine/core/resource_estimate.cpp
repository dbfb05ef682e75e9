#include "core/resource_estimate.hpp"

#include <sys/statvfs.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>

#include "core/error.hpp"

namespace sd {

void ResourceEstimate::add_memory(std::string what, double count, double bytes_each) {
  memory.push_back({std::move(what), count * bytes_each});
}

void ResourceEstimate::add_disk(std::string what, double count, double bytes_each) {
  disk.push_back({std::move(what), count * bytes_each});
}

double ResourceEstimate::memory_bytes() const {
  double s = 0;
  for (const auto& p : memory) s += p.bytes;
  return s;
}

double ResourceEstimate::disk_bytes() const {
  double s = 0;
  for (const auto& p : disk) s += p.bytes;
  return s;
}

std::string ResourceEstimate::describe(const std::vector<Part>& parts) {
  std::string s;
  for (const auto& p : parts) {
    if (!s.empty()) s += " + ";
    s += p.what + " = " + format_bytes(p.bytes);
  }
  return s;
}

std::string format_bytes(double bytes) {
  char buf[64];
  if (!std::isfinite(bytes))
    std::snprintf(buf, sizeof buf, "unbounded");
  else if (bytes >= 1e12)
    std::snprintf(buf, sizeof buf, "%.3g TB", bytes / 1e12);
  else if (bytes >= 1e9)
    std::snprintf(buf, sizeof buf, "%.3g GB", bytes / 1e9);
  else if (bytes >= 1e6)
    std::snprintf(buf, sizeof buf, "%.3g MB", bytes / 1e6);
  else
    std::snprintf(buf, sizeof buf, "%.3g kB", bytes / 1e3);
  return buf;
}

double physical_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page <= 0) return std::numeric_limits<double>::infinity();
  return static_cast<double>(pages) * static_cast<double>(page);
}

double free_disk_bytes(const std::string& path) {
  namespace fs = std::filesystem;
  fs::path p = fs::absolute(path.empty() ? fs::path(".") : fs::path(path));
  std::error_code ec;
  while (!fs::exists(p, ec) && p.has_parent_path() && p != p.parent_path()) p = p.parent_path();
  struct statvfs st {};
  if (::statvfs(p.c_str(), &st) != 0) return std::numeric_limits<double>::infinity();
  return static_cast<double>(st.f_bavail) * static_cast<double>(st.f_frsize);
}

double memory_limit_bytes(double max_memory_gb) {
  return max_memory_gb > 0 ? max_memory_gb * 1e9 : 0.8 * physical_memory_bytes();
}

void require_memory(const ResourceEstimate& e, double max_memory_gb, const std::string& what) {
  const double need = e.memory_bytes(), limit = memory_limit_bytes(max_memory_gb);
  if (need <= limit) return;
  throw ResourceError(what + ": estimated memory " + format_bytes(need) + " exceeds the limit " +
                      format_bytes(limit) +
                      (max_memory_gb > 0 ? " (--max-memory-gb)" : " (80 % of physical memory)") +
                      "; estimate: " + ResourceEstimate::describe(e.memory) +
                      ". Use a coarser grid or shorter run, or raise --max-memory-gb");
}

void require_disk(const ResourceEstimate& e, const std::string& dir, const std::string& what) {
  const double need = e.disk_bytes(), free = free_disk_bytes(dir);
  if (need <= free) return;
  throw ResourceError(what + ": estimated output " + format_bytes(need) + " exceeds the " +
                      format_bytes(free) + " free on the disk holding " + dir +
                      "; estimate: " + ResourceEstimate::describe(e.disk));
}

}  // namespace sd
