// libFuzzer: the track readers (CMA best track, IBTrACS CSV, plain CSV). The first byte picks
// the format (auto, cma_bst, ibtracs, csv), the rest is the file. Every input must end in a
// cleaned track or an sd::InputError naming file:line.
#include <cstdint>

#include "core/error.hpp"
#include "fuzz_util.hpp"
#include "io/track_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  static const sd::io::TrackFormat kFormats[] = {
      sd::io::TrackFormat::auto_detect, sd::io::TrackFormat::cma_bst, sd::io::TrackFormat::ibtracs,
      sd::io::TrackFormat::csv};
  const auto format = kFormats[data[0] % 4];
  const std::string path = sdfuzz::write_input("track.txt", data + 1, size - 1);
  try {
    (void)sd::io::read_track(path, format);
  } catch (const sd::InputError&) {
  }
  return 0;
}
