#include "hazard/hazard_cache.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "hazard/timeline_check.hpp"
#include "io/h5.hpp"
#include "io/h5_checksum.hpp"

namespace sd {

std::string default_cache_dir() {
  if (const char* d = std::getenv("STORMDRILL_CACHE_DIR"); d && *d) return d;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::string(x) + "/stormdrill";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.cache/stormdrill";
  return ".stormdrill-cache";
}

std::uint64_t hash_bytes(const void* data, std::size_t n, std::uint64_t h) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (std::size_t k = 0; k < n; ++k) {
    h ^= p[k];
    h *= 0x100000001b3ull;
  }
  return h;
}

std::uint64_t hash_file(const std::string& path, std::uint64_t h) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    h = hash_bytes(buf.data(), static_cast<std::size_t>(in.gcount()), h);
  }
  return hash_bytes(path.data(), 0, h);
}

std::string hex64(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

void write_timeline(long long file_id, const HazardTimeline& t) {
  const hid_t f = static_cast<hid_t>(file_id);
  h5::Handle g = h5::create_group(f, "timeline");
  h5::set_attr(g, "key", t.key);
  h5::set_attr(g, "edges", static_cast<std::int64_t>(t.edges));
  h5::set_attr(g, "block_cells", t.block_cells);
  h5::set_attr(g, "blocks_x", t.blocks_x);
  h5::set_attr(g, "blocks_y", t.blocks_y);
  h5::set_attr(g, "landfall_s", t.landfall_s);
  h5::set_attr(g, "total_rain_mean_mm", t.total_rain_mean_mm);
  h5::set_attr(g, "max_wind_ms", t.max_wind_ms);
  h5::set_attr(g, "peak_flooded_area_km2", t.peak_flooded_area_km2);
  h5::set_attr(g, "flooded_extent_km2", t.flooded_extent_km2);
  h5::set_attr(g, "wall_s", t.wall_s);
  h5::write_vector(g, "time", t.time);
  h5::write_vector(g, "edge_depth", t.edge_depth);
  h5::write_vector(g, "edge_depth_baseline", t.edge_depth_baseline);
  h5::write_vector(g, "edge_gust", t.edge_gust);
  h5::write_vector(g, "flooded_offset",
                   std::vector<std::int64_t>(t.flooded_offset.begin(), t.flooded_offset.end()));
  std::vector<std::int64_t> cell(t.flooded.size());
  std::vector<float> depth(t.flooded.size());
  for (std::size_t k = 0; k < t.flooded.size(); ++k)
    cell[k] = t.flooded[k].cell, depth[k] = t.flooded[k].depth_m;
  h5::write_vector(g, "flooded_cell", cell);
  h5::write_vector(g, "flooded_depth", depth);
  h5::write_vector(g, "block_gust", t.block_gust);
  h5::write_vector(g, "site_depth", t.site_depth);
  h5::write_vector(g, "max_depth", t.max_depth);
  h5::write_vector(g, "flooded_area_km2", t.flooded_area_km2);
  std::vector<double> nt;
  std::vector<std::string> nx;
  for (const auto& n : t.notes) nt.push_back(n.t), nx.push_back(n.text);
  h5::write_vector(g, "note_t", nt);
  h5::write_strings(g, "note_text", nx);
}

namespace {

HazardTimeline read_timeline_group(const h5::File& f) {
  h5::Handle g = h5::open_group(f, "timeline");
  HazardTimeline t;
  t.key = h5::attr_string(g, "key");
  t.edges = static_cast<std::size_t>(h5::attr_int(g, "edges"));
  t.block_cells = static_cast<int>(h5::attr_int(g, "block_cells"));
  t.blocks_x = static_cast<int>(h5::attr_int(g, "blocks_x"));
  t.blocks_y = static_cast<int>(h5::attr_int(g, "blocks_y"));
  t.landfall_s = h5::attr_double(g, "landfall_s");
  t.total_rain_mean_mm = h5::attr_double(g, "total_rain_mean_mm");
  t.max_wind_ms = h5::attr_double(g, "max_wind_ms");
  t.peak_flooded_area_km2 = h5::attr_double(g, "peak_flooded_area_km2");
  t.flooded_extent_km2 = h5::attr_double(g, "flooded_extent_km2");
  t.wall_s = h5::attr_double(g, "wall_s");
  t.time = h5::read_vector<double>(g, "time");
  t.edge_depth = h5::read_vector<float>(g, "edge_depth");
  t.edge_depth_baseline = h5::read_vector<float>(g, "edge_depth_baseline");
  t.edge_gust = h5::read_vector<float>(g, "edge_gust");
  for (auto v : h5::read_vector<std::int64_t>(g, "flooded_offset"))
    t.flooded_offset.push_back(static_cast<std::uint32_t>(v));
  const auto cell = h5::read_vector<std::int64_t>(g, "flooded_cell");
  const auto depth = h5::read_vector<float>(g, "flooded_depth");
  t.flooded.resize(cell.size());
  for (std::size_t k = 0; k < cell.size(); ++k)
    t.flooded[k] = {static_cast<std::uint32_t>(cell[k]), depth[k]};
  t.block_gust = h5::read_vector<float>(g, "block_gust");
  t.site_depth = h5::read_vector<float>(g, "site_depth");
  t.max_depth = h5::read_vector<float>(g, "max_depth");
  t.flooded_area_km2 = h5::read_vector<double>(g, "flooded_area_km2");
  const auto nt = h5::read_vector<double>(g, "note_t");
  const auto nx = h5::read_strings(g, "note_text");
  for (std::size_t k = 0; k < nt.size() && k < nx.size(); ++k) t.notes.push_back({nt[k], nx[k]});
  return t;
}

}  // namespace

std::optional<HazardTimeline> read_timeline(const std::string& path, std::string* problem) {
  if (!std::filesystem::exists(path)) return std::nullopt;
  auto bad = [&](const std::string& why) -> std::optional<HazardTimeline> {
    if (problem) *problem = why;
    return std::nullopt;
  };
  try {
    if (auto p = h5::seal_problem(path)) return bad(*p);  // before HDF5 parses anything
    auto f = h5::File::open_read(path);
    HazardTimeline t = read_timeline_group(f);
    if (auto p = timeline_problem(t)) return bad("/timeline: " + *p);
    t.frames_path = std::filesystem::absolute(path).string();
    return t;
  } catch (const std::exception& e) {
    return bad(e.what());
  }
}

std::string set_aside_corrupt(const std::string& path) {
  const std::string to = path + ".corrupt";
  std::error_code ec;
  std::filesystem::rename(path, to, ec);
  if (ec) std::filesystem::remove(path, ec);  // cannot keep it: at least get it out of the way
  return to;
}

void set_aside_and_warn(const std::string& path, const std::string& what,
                        const std::string& problem, const std::string& then,
                        const std::function<void(const std::string&)>& warn) {
  const std::string moved = set_aside_corrupt(path);
  const std::string msg =
      what + " " + path + " is corrupt (" + problem + "); set aside as " + moved + " and " + then;
  if (warn)
    warn(msg);
  else
    std::fprintf(stderr, "stormdrill: warning: %s\n", msg.c_str());
}

void touch_cache_entry(const std::string& path) {
  std::error_code ec;  // best effort: a read-only cache still serves hits
  std::filesystem::last_write_time(path, std::filesystem::file_time_type::clock::now(), ec);
}

std::uintmax_t evict_cache(const std::string& dir, std::uintmax_t max_bytes,
                           const std::string& keep) {
  namespace fs = std::filesystem;
  struct Entry {
    fs::path path;
    fs::file_time_type used;
    std::uintmax_t bytes;
  };
  std::vector<Entry> entries;
  std::uintmax_t total = 0;
  std::error_code ec;
  for (const auto& de : fs::directory_iterator(dir, ec)) {
    const fs::path p = de.path();
    const std::string ext = p.extension().string();
    if (ext != ".h5" && ext != ".corrupt") continue;
    std::error_code e2;
    const auto bytes = fs::file_size(p, e2);
    const auto used = fs::last_write_time(p, e2);
    if (e2) continue;
    total += bytes;
    if (!keep.empty() && fs::equivalent(p, keep, e2)) continue;
    entries.push_back({p, used, bytes});
  }
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.used < b.used; });
  std::uintmax_t freed = 0;
  for (const auto& e : entries) {
    if (total - freed <= max_bytes) break;
    std::error_code e2;
    if (!fs::remove(e.path, e2)) continue;
    freed += e.bytes;
    if (e.path.extension() == ".h5") fs::remove(fs::path(e.path).replace_extension(".xmf"), e2);
  }
  return freed;
}

}  // namespace sd
