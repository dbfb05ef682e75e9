#pragma once
// The computational-grid rasters of a sub-grid scenario, cached (issue 14: a response-only
// branch of the default county in <= 0.5 s). Deriving them reads the whole fine DEM (10^7
// pixels, ~0.8 s on the default county) although a run whose hazard is cached never needs a
// fine pixel. An entry (<cache>/region-<key>.h5, sealed like every cache file) holds what
// [region] + apply_subgrid make of the rasters: the coarse DEM, land use, population and
// areas, the fine grid, CRS and digest, the land-use codes as read (for the undefined-code
// check) and the region's warnings. Its key hashes the bytes of every file GDAL opens for each
// [region] raster (sidecars included), [region] crs, [flood] subgrid_cell_m and the engine
// version and hazard code (the loader is part of it), so an edited raster, a moved pixel or
// a changed loader gets a new entry. Entries are only written by loads without errors.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "io/raster_io.hpp"

namespace sd {

struct RegionCacheEntry {
  io::Raster dem, landuse, population, areas;  // on the computational grid
  Grid fine_grid;
  std::string fine_crs;
  int ratio = 1;
  int landuse_k = 0;  // FineTerrainSource::landuse_k
  std::uint64_t fine_digest = 0;
  std::vector<float> landuse_codes;                           // distinct, as read
  std::vector<std::pair<std::string, std::string>> warnings;  // ([region] key, message)
};

// The key of these rasters ((key, path) pairs of the [region] table; the DEM first), or ""
// when one cannot be identified by its files (GDAL lists none).
std::string region_cache_key(const std::vector<std::pair<std::string, std::string>>& rasters,
                             const std::string& crs, double subgrid_cell_m);

// The entry, or nullopt when there is none or it is unsound (then it is removed and the
// region read from its files).
std::optional<RegionCacheEntry> read_region_cache(const std::string& dir, const std::string& key);
void write_region_cache(const std::string& dir, const std::string& key, const RegionCacheEntry& e);

}  // namespace sd
