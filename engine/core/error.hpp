#pragma once
// Error kinds the CLI maps to exit codes (table in docs/cli.md): InputError (bad scenario,
// file, flag) -> 2, ResourceError (an estimate or use beyond a memory/disk/size limit) -> 3,
// anything else -> 1. Messages name the file, line and field where one is known.
#include <stdexcept>
#include <string>

namespace sd {

struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A run refused (or stopped) because it would exceed a resource limit: memory, disk, cache
// size, run length. Distinct from InputError so scripts can tell "fix the input" from "give it
// more room or raise the limit".
struct ResourceError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// "path: message" or "path:line: message" — the form editors and planners both recognise.
inline std::string where(const std::string& path, long line = 0, long column = 0) {
  // Built with append(): GCC 12 warns (-Wrestrict, a known false positive) on s + ":" + ...
  std::string s = path;
  if (line > 0) s.append(":").append(std::to_string(line));
  if (column > 0) s.append(":").append(std::to_string(column));
  return s;
}

}  // namespace sd
