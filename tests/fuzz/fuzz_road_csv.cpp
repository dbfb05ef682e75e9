// libFuzzer: the road CSV pair reader. The input is "nodes.csv<0x00>edges.csv" (one NUL byte
// separates the two files; without one, the input is edges.csv beside a fixed nodes.csv).
// Every input must end in a network or an sd::InputError naming file:line.
#include <cstdint>
#include <cstring>

#include "core/error.hpp"
#include "fuzz_util.hpp"
#include "io/road_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto* nul = static_cast<const std::uint8_t*>(std::memchr(data, 0, size));
  std::string nodes, edges;
  if (nul) {
    nodes = sdfuzz::write_input("nodes.csv", data, static_cast<std::size_t>(nul - data));
    edges =
        sdfuzz::write_input("edges.csv", nul + 1, size - static_cast<std::size_t>(nul - data) - 1);
  } else {
    static const char kNodes[] = "id,x,y\n1,0,0\n2,100,0\n3,100,100\n";
    nodes = sdfuzz::write_input("nodes.csv", reinterpret_cast<const std::uint8_t*>(kNodes),
                                sizeof kNodes - 1);
    edges = sdfuzz::write_input("edges.csv", data, size);
  }
  try {
    (void)sd::io::load_road_csv(nodes, edges);
  } catch (const sd::InputError&) {
  }
  return 0;
}
