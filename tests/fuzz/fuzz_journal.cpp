// libFuzzer: the batch journal reader (engine/batch/batch_journal). The first line of the input
// is taken as the batch signature so the records behind it are always parsed. Every input
// must load (a torn last record dropped with a warning) or throw sd::InputError naming the line.
#include <cstdint>
#include <string>

#include "batch/batch_journal.hpp"
#include "core/error.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::string sig = text.substr(0, text.find('\n'));
  const std::string path = sdfuzz::write_input("batch.h5.journal.0", data, size);
  sd::JournalContents out;
  std::string warn;
  try {
    (void)sd::load_journal(path, sig, out, &warn);
  } catch (const sd::InputError&) {
  }
  return 0;
}
