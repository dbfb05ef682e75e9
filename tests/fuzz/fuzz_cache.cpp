// libFuzzer: the hazard cache reader (checksum, then the /timeline structure checks) on any
// bytes put where a cache entry would be. It must return a sound timeline or nullopt with a
// reason, and never crash: the response indexes grid cells and road edges with these numbers.
#include <cstdint>

#include "fuzz_util.hpp"
#include "hazard/hazard_cache.hpp"
#include "hazard/timeline_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = sdfuzz::write_input("cache.h5", data, size);
  std::string problem;
  if (auto t = sd::read_timeline(path, &problem))
    if (sd::timeline_problem(*t)) __builtin_trap();  // read_timeline let an unsound one through
  return 0;
}
