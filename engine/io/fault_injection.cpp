#include "io/fault_injection.hpp"

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

namespace sd::io::fault {
namespace {

struct Plan {
  bool active = false;
  bool any = false;
  Op op = Op::Write;
  long nth = 0;
};

// Read once: the environment is the only input, and the counter is the seam's whole state
// (process-wide by nature: the failing call may be deep inside a library callback).
const Plan& plan() {
  static const Plan p = [] {
    Plan q;
    const char* env = std::getenv("STORMDRILL_FAIL_IO");
    if (!env) return q;
    const char* colon = std::strchr(env, ':');
    if (!colon) return q;
    const std::string kind(env, colon);
    char* end = nullptr;
    const long n = std::strtol(colon + 1, &end, 10);
    if (*end != '\0' || n < 1) return q;
    if (kind == "write")
      q.op = Op::Write;
    else if (kind == "flush")
      q.op = Op::Flush;
    else if (kind == "rename")
      q.op = Op::Rename;
    else if (kind == "any")
      q.any = true;
    else
      return q;
    q.nth = n;
    q.active = true;
    return q;
  }();
  return p;
}

std::atomic<long> g_count{0};

}  // namespace

bool inject(Op op) {
  const Plan& p = plan();
  if (!p.active || (!p.any && op != p.op)) return false;
  if (g_count.fetch_add(1, std::memory_order_relaxed) + 1 != p.nth) return false;
  errno = ENOSPC;
  return true;
}

}  // namespace sd::io::fault
