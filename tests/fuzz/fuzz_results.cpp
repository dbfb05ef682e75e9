// libFuzzer: the results reader the viewer uses (viz/core ResultsFile): open, then read what
// a replay reads (grid, frame times, the first frame of each series, the response tables).
// Every input must end in a usable file or an sd::viz::ResultsError: never a crash.
#include <cstdint>
#include <stdexcept>

#include "core/results_file.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = sdfuzz::write_input("results.h5", data, size);
  try {
    auto f = sd::viz::ResultsFile::open(path);
    (void)f->end_time();
    for (auto s : {sd::viz::Series::depth, sd::viz::Series::rain, sd::viz::Series::wind})
      if (f->has_series(s) && !f->frame_times().empty()) (void)f->read_frame(s, 0);
    for (const char* g : {"incidents", "teams", "events", "kpi"}) (void)f->read_table(g);
  } catch (const sd::viz::ResultsError&) {
  }
  return 0;
}
