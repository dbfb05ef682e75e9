#pragma once
// Up-front resource estimates: what a command will need in memory and on disk, worked out from
// its inputs before the big allocations, so a run that cannot fit is refused in a second with
// the arithmetic in the message (sd::ResourceError, exit code 3) instead of dying after minutes
// with std::bad_alloc or a full disk. The per-item sizes are upper bounds documented in
// docs/reliability.md; the estimate is a sum of (count x bytes per item) parts.
#include <string>
#include <vector>

namespace sd {

struct ResourceEstimate {
  struct Part {
    std::string what;  // "flood solver: 1000 x 800 cells x 120 B"
    double bytes = 0;
  };
  std::vector<Part> memory, disk;

  void add_memory(std::string what, double count, double bytes_each);
  void add_disk(std::string what, double count, double bytes_each);
  double memory_bytes() const;
  double disk_bytes() const;
  static std::string describe(const std::vector<Part>& parts);  // "a = 1.2 GB + b = ..."
};

// "1.23 GB" (decimal units, as disks and --max-memory-gb count them).
std::string format_bytes(double bytes);

double physical_memory_bytes();
// Free space for an unprivileged writer on the file system holding path (or the nearest
// existing parent folder of it); +inf when it cannot be determined.
double free_disk_bytes(const std::string& path);

// The memory limit in bytes: max_memory_gb when > 0, else 80 % of physical memory.
double memory_limit_bytes(double max_memory_gb);

// Throw ResourceError naming `what` with the estimate when it is over the limit / free space.
void require_memory(const ResourceEstimate& e, double max_memory_gb, const std::string& what);
void require_disk(const ResourceEstimate& e, const std::string& dir, const std::string& what);

}  // namespace sd
