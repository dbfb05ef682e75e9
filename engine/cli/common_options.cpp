#include "cli/common_options.hpp"

#include <omp.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

namespace sd::cli {

void add_common_options(CLI::App* cmd, CommonOptions& o, bool with_cache) {
  cmd->add_option("-o,--out", o.out, "Results file (HDF5)");
  cmd->add_option("--threads", o.threads, "Worker threads (default: all cores)")
      ->check(at_least(0));
  cmd->add_option("--seed", o.seed,
                  "Seed of the response's random streams (default: the scenario's)")
      ->check(seed_check());
  cmd->add_option("--summary-json", o.summary_json, "Write a machine-readable summary here");
  cmd->add_flag("-q,--quiet", o.quiet, "Print only errors and the final summary");
  cmd->add_flag("-v,--verbose", o.verbose, "Print validation warnings and progress details");
  if (with_cache) {
    cmd->add_option("--cache-dir", o.cache_dir,
                    "Hazard cache folder (default $STORMDRILL_CACHE_DIR, "
                    "$XDG_CACHE_HOME/stormdrill or ~/.cache/stormdrill)");
    cmd->add_flag("--no-cache", o.no_cache, "Recompute the hazard even when it is cached");
    cmd->add_option("--cache-max-gb", o.cache_max_gb,
                    "Hazard cache size cap; least recently used entries are evicted beyond it")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 1e6));
  }
  add_max_memory_option(cmd, o.max_memory_gb);
}

void add_max_memory_option(CLI::App* cmd, double& gb) {
  cmd->add_option("--max-memory-gb", gb,
                  "Refuse to start when the estimated memory use exceeds this "
                  "(default: 80 % of physical memory)")
      ->check(CLI::Range(0.0, 1e6));
}

CLI::Validator at_least(long long min) {
  return CLI::Validator(
      [min](std::string& v) -> std::string {
        char* end = nullptr;
        errno = 0;
        const long long x = std::strtoll(v.c_str(), &end, 10);
        if (v.empty() || *end != '\0' || errno == ERANGE)
          return "must be a whole number (got " + v + ")";
        if (x < min) return "must be at least " + std::to_string(min) + " (got " + v + ")";
        return {};
      },
      ">=" + std::to_string(min));
}

CLI::Validator in_range_above(double lo, double hi) {
  return CLI::Validator(
      [lo, hi](std::string& v) -> std::string {
        char* end = nullptr;
        const double x = std::strtod(v.c_str(), &end);
        char b[96];
        std::snprintf(b, sizeof b, "must be > %g and at most %g", lo, hi);
        if (v.empty() || *end != '\0' || !(x > lo) || !(x <= hi))
          return std::string(b) + " (got " + v + ")";
        return {};
      },
      "(" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
}

CLI::Validator seed_check() {
  return CLI::Validator(
      [](std::string& v) -> std::string {
        const bool digits = !v.empty() && v.find_first_not_of("0123456789") == std::string::npos;
        errno = 0;
        if (digits) std::strtoull(v.c_str(), nullptr, 10);
        if (!digits || errno == ERANGE)
          return "seed must be a whole number from 0 to 18446744073709551615 (got " + v + ")";
        return {};
      },
      "UINT64");
}

void apply_threads(int threads) {
  if (threads > 0) omp_set_num_threads(threads);
}

}  // namespace sd::cli
