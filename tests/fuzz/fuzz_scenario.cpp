// libFuzzer: the TOML scenario loader (and the response model built from what it accepts), on
// a scenario file beside a small valid county (DEM, land use, population, roads). Every input
// must end in a scenario or an sd::InputError: no crash, no sanitizer report, no other error.
#include <cstdint>

#include "batch_fixture.hpp"
#include "core/error.hpp"
#include "fuzz_util.hpp"
#include "response/response_model.hpp"
#include "scenario/scenario.hpp"

namespace {
std::filesystem::path county;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  county = sdtest::make_flood_county("fuzz_scenario_" + std::to_string(::getpid()));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = county / "fuzz.toml";
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  try {
    const sd::Scenario s = sd::load_scenario(path.string());
    (void)sd::build_response_model(s);
  } catch (const sd::InputError&) {
  }
  return 0;
}
