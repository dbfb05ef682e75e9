#include "scenario/region_cache.hpp"

#include <cpl_string.h>
#include <gdal.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/word_hash.hpp"
#include "hazard/hazard_cache.hpp"
#include "hazard_code_hash.hpp"
#include "io/h5.hpp"
#include "io/h5_checksum.hpp"
#include "results/h5_read.hpp"
#include "version.hpp"

namespace sd {
namespace fs = std::filesystem;

namespace {

void hash_string(WordHash& h, const std::string& s) {
  h.bytes(s.data(), s.size());
}

// Every file GDAL reads for the raster at `path` (the raster, .aux.xml, world file, .prj,
// .msk ...), in GDAL's order: names and bytes. False when GDAL lists none.
bool hash_raster_files(WordHash& h, const std::string& path) {
  GDALAllRegister();
  GDALDatasetH ds = GDALOpen(path.c_str(), GA_ReadOnly);
  if (!ds) return false;
  char** files = GDALGetFileList(ds);
  GDALClose(ds);
  bool any = false;
  std::vector<char> buf(1 << 20);
  for (char** f = files; f && *f; ++f) {
    std::ifstream in(*f, std::ios::binary);
    if (!in) continue;
    any = true;
    hash_string(h, *f);
    while (in) {
      in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
      h.bytes(buf.data(), static_cast<std::size_t>(in.gcount()));
    }
  }
  CSLDestroy(files);
  return any;
}

std::string path_of(const std::string& dir, const std::string& key) {
  return (fs::path(dir) / ("region-" + key + ".h5")).string();
}

void write_raster(hid_t g, const std::string& name, const io::Raster& r) {
  h5::Handle sub = h5::create_group(g, name);
  h5::set_grid_attrs(sub, r.grid);
  h5::set_attr(sub, "crs", r.crs_wkt);
  h5::write_vector(sub, "data", r.data);
}

io::Raster read_raster(hid_t g, const std::string& name) {
  h5::Handle sub = h5::open_group(g, name);
  io::Raster r;
  r.grid = h5::grid_attrs(sub);
  r.crs_wkt = h5::attr_string(sub, "crs");
  r.data = h5::read_vector<float>(sub, "data");
  if (r.data.size() != r.grid.size() && !r.data.empty())
    throw std::runtime_error(name + ": " + std::to_string(r.data.size()) + " values");
  return r;
}

}  // namespace

std::string region_cache_key(const std::vector<std::pair<std::string, std::string>>& rasters,
                             const std::string& crs, double subgrid_cell_m) {
  WordHash h;
  hash_string(h, kVersion);
  hash_string(h, kHazardCodeHash);
  hash_string(h, crs);
  h.bytes(&subgrid_cell_m, sizeof subgrid_cell_m);
  for (const auto& [key, path] : rasters) {
    hash_string(h, key);
    if (!hash_raster_files(h, path)) return "";
  }
  return hex64(h.h);
}

std::optional<RegionCacheEntry> read_region_cache(const std::string& dir, const std::string& key) {
  const std::string path = path_of(dir, key);
  if (!fs::exists(path)) return std::nullopt;
  try {
    if (h5::seal_problem(path)) throw std::runtime_error("seal");
    auto f = h5::File::open_read(path);
    h5::Handle g = h5::open_group(f.id(), "region");
    if (h5::attr_string(g, "key") != key) throw std::runtime_error("key");
    RegionCacheEntry e;
    e.dem = read_raster(g, "dem");
    e.landuse = read_raster(g, "landuse");
    e.population = read_raster(g, "population");
    e.areas = read_raster(g, "areas");
    const io::Raster fine = read_raster(g, "fine");
    e.fine_grid = fine.grid;
    e.fine_crs = fine.crs_wkt;
    e.ratio = static_cast<int>(h5::attr_int(g, "ratio"));
    e.landuse_k = static_cast<int>(h5::attr_int(g, "landuse_k"));
    e.fine_digest = std::stoull(h5::attr_string(g, "fine_digest"), nullptr, 16);
    e.landuse_codes = h5::read_vector<float>(g, "landuse_codes");
    const auto keys = h5::read_strings(g, "warning_keys");
    const auto texts = h5::read_strings(g, "warning_messages");
    if (keys.size() != texts.size()) throw std::runtime_error("warnings");
    for (std::size_t k = 0; k < keys.size(); ++k) e.warnings.emplace_back(keys[k], texts[k]);
    if (e.dem.data.empty() || e.ratio < 1 || e.fine_grid.nx != e.dem.grid.nx * e.ratio ||
        e.fine_grid.ny != e.dem.grid.ny * e.ratio)
      throw std::runtime_error("grids");
    touch_cache_entry(path);
    return e;
  } catch (const std::exception&) {
    // Unsound (damaged, or another version's layout): the region is read from its files and
    // the entry written again.
    std::error_code ec;
    fs::remove(path, ec);
    return std::nullopt;
  }
}

void write_region_cache(const std::string& dir, const std::string& key, const RegionCacheEntry& e) {
  fs::create_directories(dir);
  auto f = h5::File::create(path_of(dir, key));
  h5::Handle g = h5::create_group(f, "region");
  h5::set_attr(g, "key", key);
  write_raster(g, "dem", e.dem);
  write_raster(g, "landuse", e.landuse);
  write_raster(g, "population", e.population);
  write_raster(g, "areas", e.areas);
  write_raster(g, "fine", io::Raster{e.fine_grid, {}, e.fine_crs});
  h5::set_attr(g, "ratio", e.ratio);
  h5::set_attr(g, "landuse_k", e.landuse_k);
  h5::set_attr(g, "fine_digest", hex64(e.fine_digest));
  h5::write_vector(g, "landuse_codes", e.landuse_codes);
  std::vector<std::string> keys, texts;
  for (const auto& [k, t] : e.warnings) keys.push_back(k), texts.push_back(t);
  h5::write_strings(g, "warning_keys", keys);
  h5::write_strings(g, "warning_messages", texts);
  f.commit();
}

}  // namespace sd
