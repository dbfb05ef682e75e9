#pragma once
// Flags every simulation subcommand shares: -o/--out, --threads, --seed, --summary-json,
// -q/--quiet, -v/--verbose, --cache-dir, --no-cache, --cache-max-gb, --max-memory-gb.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace sd::cli {

struct CommonOptions {
  std::string out;
  int threads = 0;
  std::optional<std::uint64_t> seed;
  std::string summary_json;
  bool quiet = false;
  bool verbose = false;
  std::string cache_dir;
  bool no_cache = false;
  double cache_max_gb = 20;  // LRU eviction cap of the hazard cache folder
  double max_memory_gb = 0;  // refuse runs estimated above this; 0 = 80 % of physical memory
};

void add_common_options(CLI::App* cmd, CommonOptions& o, bool with_cache = true);

// A check for integer options: "--members: must be at least 1 (got 0)" rather than CLI11's
// generic range text.
CLI::Validator at_least(long long min);

// A check for real-valued options in (lo, hi]: "--duration-h: must be > 0 and at most 8784
// (got -2)" (CLI11's PositiveNumber printed its bound, DBL_MAX, as a 309-digit number).
CLI::Validator in_range_above(double lo, double hi);

// A check for 64-bit seeds: digits only, no sign, at most 2^64 - 1 (no silent wrap-around).
CLI::Validator seed_check();

// --max-memory-gb (also used by `validate`, which has no other common option).
void add_max_memory_option(CLI::App* cmd, double& gb);

// Sets the OpenMP thread count when --threads was given (>0).
void apply_threads(int threads);

}  // namespace sd::cli
