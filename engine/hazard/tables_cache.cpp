#include "hazard/tables_cache.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>

#include "core/word_hash.hpp"
#include "hazard/hazard_cache.hpp"
#include "hazard/subgrid_scenario.hpp"
#include "hazard_code_hash.hpp"
#include "io/h5.hpp"
#include "io/h5_checksum.hpp"
#include "results/h5_read.hpp"
#include "scenario/subgrid_region.hpp"
#include "version.hpp"

namespace sd {
namespace fs = std::filesystem;
using flood::subgrid::SolverTables;

std::string tables_key(const TablesInputs& in) {
  WordHash h;
  h.bytes(kVersion, std::strlen(kVersion));
  h.bytes(kHazardCodeHash, std::strlen(kHazardCodeHash));  // a changed solver: new key
  const Grid& g = in.fine.grid;
  for (double v : {static_cast<double>(g.nx), static_cast<double>(g.ny), g.x0, g.y0, g.cell,
                   static_cast<double>(in.ratio), static_cast<double>(in.n_uniform),
                   static_cast<double>(kTableLevels)})
    h.bytes(&v, sizeof v);
  h.bytes(&in.fine_digest, sizeof in.fine_digest);
  h.bytes(in.manning.data(), in.manning.size() * sizeof(float));
  return hex64(h.h);
}

void write_tables(const std::string& path, const std::string& key, const SolverTables& t) {
  auto file = h5::File::create(path);
  auto g = h5::create_group(file, "tables");
  h5::set_attr(g, "key", key);
  h5::set_attr(g, "nx", t.nx);
  h5::set_attr(g, "ny", t.ny);
  h5::set_attr(g, "ratio", t.ratio);
  h5::set_attr(g, "levels", t.levels);
  h5::set_attr(g, "fine_m", t.fine_m);
  flood::subgrid::for_each_array(
      t, [&](const std::string& name, const auto& v) { h5::write_vector(g, name, v); });
  file.commit();
}

namespace {

// Array lengths a sound table can have: per cell or face, each possibly per level, or empty
// (optional arrays such as uniform-n cell_n2).
bool plausible_length(const SolverTables& t, std::size_t n) {
  const std::size_t nx = static_cast<std::size_t>(t.nx), ny = static_cast<std::size_t>(t.ny),
                    L = static_cast<std::size_t>(t.levels);
  for (std::size_t base : {nx * ny, (nx + 1) * ny, nx * (ny + 1)})
    if (n == base || n == base * L) return true;
  return n == 0;
}

// Walled pixels: one rim per pixel, pixel indices ascending and on the fine grid.
bool walled_ok(const SolverTables& t) {
  if (t.walled_pixel.size() != t.walled_rim.size()) return false;
  const auto fine = static_cast<std::uint64_t>(t.nx) * static_cast<std::uint64_t>(t.ny) *
                    static_cast<std::uint64_t>(t.ratio) * static_cast<std::uint64_t>(t.ratio);
  for (std::size_t k = 0; k < t.walled_pixel.size(); ++k)
    if (t.walled_pixel[k] >= fine || (k > 0 && t.walled_pixel[k] <= t.walled_pixel[k - 1]))
      return false;
  return true;
}

}  // namespace

flood::subgrid::TablesPtr read_tables(const std::string& path, const std::string& key,
                                      std::string* problem) {
  if (!fs::exists(path)) return nullptr;
  try {
    if (auto p = h5::seal_problem(path)) {  // before HDF5 parses anything
      *problem = *p;
      return nullptr;
    }
    auto f = h5::File::open_read(path);
    auto g = h5::open_group(f.id(), "tables");
    if (h5::attr_string(g, "key") != key) {
      *problem = "it holds the tables of key " + h5::attr_string(g, "key");
      return nullptr;
    }
    auto t = std::make_shared<SolverTables>();
    t->nx = static_cast<int>(h5::attr_int(g, "nx"));
    t->ny = static_cast<int>(h5::attr_int(g, "ny"));
    t->ratio = static_cast<int>(h5::attr_int(g, "ratio"));
    t->levels = static_cast<int>(h5::attr_int(g, "levels"));
    t->fine_m = h5::attr_double(g, "fine_m");
    if (t->nx <= 0 || t->ny <= 0 || t->ratio <= 0 || t->levels < 2 || !(t->fine_m > 0)) {
      *problem = "/tables: bad dimensions";
      return nullptr;
    }
    flood::subgrid::for_each_array(*t, [&](const std::string& name, auto& v) {
      using T = typename std::decay_t<decltype(v)>::value_type;
      v = h5::read_vector<T>(g, name);
      if (problem->empty() && name.rfind("walled_", 0) != 0 && !plausible_length(*t, v.size()))
        *problem = "/tables/" + name + ": " + std::to_string(v.size()) + " values";
    });
    if (problem->empty() && !walled_ok(*t)) *problem = "/tables/walled_*: inconsistent";
    if (!problem->empty()) return nullptr;
    return t;
  } catch (const std::exception& e) {
    *problem = e.what();
    return nullptr;
  }
}

flood::subgrid::TablesPtr cached_tables(const TablesInputs& in, const TablesCacheOptions& o,
                                        bool* from_cache) {
  const std::string key = tables_key(in);
  const std::string dir = o.dir.empty() ? default_cache_dir() : o.dir;
  const std::string path = (fs::path(dir) / ("subgrid-" + key + ".h5")).string();
  if (o.use_cache) {
    std::string problem;
    if (auto t = read_tables(path, key, &problem)) {
      touch_cache_entry(path);
      if (from_cache) *from_cache = true;
      return t;
    }
    if (!problem.empty())
      set_aside_and_warn(path, "sub-grid tables cache entry", problem, "rebuilt", o.warn);
  }
  const Grid& g = in.fine.grid;
  auto t = flood::subgrid::build_solver_tables(in.fine.data, g.nx, g.ny, g.cell, in.ratio,
                                               in.manning, in.n_uniform, kTableLevels, o.threads);
  fs::create_directories(dir);
  write_tables(path, key, *t);
  if (from_cache) *from_cache = false;
  return t;
}

flood::subgrid::TablesPtr scenario_tables(const Scenario& s, const TablesCacheOptions& o,
                                          bool* from_cache) {
  const std::vector<float> n = fine_manning(s);
  return cached_tables({s.fine_dem, fine_digest(s), s.subgrid_ratio, n, kScenarioManning}, o,
                       from_cache);
}

}  // namespace sd
