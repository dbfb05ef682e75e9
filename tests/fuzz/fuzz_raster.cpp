// libFuzzer: the raster reader on in-memory files (GDAL /vsimem/: GeoTIFF, ESRI ASCII grid or
// anything GDAL identifies), then the plausibility checks the scenario loader applies. Every
// input must end in a raster or an sd::InputError.
#include <cpl_vsi.h>

#include <cstdint>

#include "core/error.hpp"
#include "io/raster_checks.hpp"
#include "io/raster_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > (1u << 20)) return 0;  // GDAL drivers decompress: keep single runs small
  const char* path = "/vsimem/fuzz_raster";
  VSILFILE* f = VSIFileFromMemBuffer(path, const_cast<GByte*>(data), size, FALSE);
  if (!f) return 0;
  VSIFCloseL(f);
  try {
    // A smaller cell cap than the default: the real limit (1 GiB) is fine for a user but,
    // with GDAL's block cache and ASan beside it, over the fuzzer's 2 GB memory limit.
    const sd::io::Raster r = sd::io::read_raster(path, 1LL << 24);
    (void)sd::io::implausible_elevation(r);
    (void)sd::io::bad_population(r);
    (void)sd::io::dense_population(r);
  } catch (const sd::InputError&) {
  }
  VSIUnlink(path);
  return 0;
}
