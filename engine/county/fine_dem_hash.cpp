#include "county/fine_dem_hash.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "hazard/hazard_cache.hpp"
#include "io/atomic_file.hpp"

namespace sd::county {

std::uint64_t raster_hash(const io::Raster& r) {
  const Grid& g = r.grid;
  std::uint64_t h = hash_bytes(&g.nx, sizeof g.nx);
  h = hash_bytes(&g.ny, sizeof g.ny, h);
  h = hash_bytes(&g.x0, sizeof g.x0, h);
  h = hash_bytes(&g.y0, sizeof g.y0, h);
  h = hash_bytes(&g.cell, sizeof g.cell, h);
  return hash_bytes(r.data.data(), r.data.size() * sizeof(float), h);
}

std::string fine_hash_path(const std::string& dir) {
  return (std::filesystem::path(dir) / "data" / "dem-fine.fnv1a").string();
}

bool read_fine_hash(const std::string& dir, std::uint64_t& h) {
  std::ifstream in(fine_hash_path(dir));
  std::string tag, digits;
  if (!(in >> tag >> digits) || tag != "fnv1a64" || digits.size() != 16) return false;
  std::istringstream is(digits);
  return static_cast<bool>(is >> std::hex >> h);
}

void write_fine_hash(const std::string& dir, std::uint64_t h) {
  io::write_text_atomic(fine_hash_path(dir), "fnv1a64 " + hex64(h) + "\n");
}

void write_checked_fine_dem(const io::Raster& fine, const std::string& dir) {
  const std::uint64_t got = raster_hash(fine);
  std::uint64_t want = 0;
  if (read_fine_hash(dir, want) && want != got)
    throw InputError(fine_hash_path(dir) + ": the generated fine terrain hashes to " + hex64(got) +
                     ", not the recorded " + hex64(want) +
                     ": this generator no longer reproduces the terrain the scenario's other "
                     "files and documented figures came from (regenerate the whole folder, "
                     "docs/county.md)");
  namespace fs = std::filesystem;
  fs::create_directories(fs::path(dir) / "data");
  io::write_raster((fs::path(dir) / "data" / "dem-fine.tif").string(), fine);
}

}  // namespace sd::county
