#pragma once
// The shipped county's fine terrain (data/dem-fine.tif, 18 MB at 10 m) is not in the
// repository: it is regenerated from the seed (`generate-county --fine-dem-only`) and checked
// against the hash recorded beside it (data/dem-fine.fnv1a), so a generator that no longer
// reproduces the terrain the shipped coarse files and documented figures came from is refused
// instead of silently giving another county (docs/county.md, "Fine terrain").
#include <cstdint>
#include <string>

#include "io/raster_io.hpp"

namespace sd::county {

// FNV-1a 64 over the grid (nx, ny, x0, y0, cell) and the float32 pixels in row order, in the
// host's byte order (little-endian on every platform stormdrill builds on). Independent of the
// GeoTIFF encoding, which differs between GDAL/zlib versions.
std::uint64_t raster_hash(const io::Raster& r);

// data/dem-fine.fnv1a under a scenario folder.
std::string fine_hash_path(const std::string& dir);

// The recorded hash as written by write_fine_hash ("fnv1a64 <16 hex digits>\n"); false when
// the file is absent or malformed.
bool read_fine_hash(const std::string& dir, std::uint64_t& h);
void write_fine_hash(const std::string& dir, std::uint64_t h);

// Writes data/dem-fine.tif under dir after checking its hash against the recorded one (if any):
// InputError naming both hashes when they differ (nothing written).
void write_checked_fine_dem(const io::Raster& fine, const std::string& dir);

}  // namespace sd::county
