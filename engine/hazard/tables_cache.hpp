#pragma once
// Sub-grid tables cached beside the hazard (issue 12 §2): built once per (fine DEM, cells,
// Manning n per fine pixel, table levels, engine version) and stored in the hazard cache
// folder as subgrid-<key>.h5, a sealed file (io/h5_checksum) holding every array of the tables
// through flood::subgrid::for_each_array (so arrays added to the tables are cached without an
// engine change). Ensemble members, batch plans with other hazards and re-runs after a cache
// eviction of the hazard reuse them. A corrupt entry (seal, structure) is set aside as
// *.corrupt, reported, and the tables are rebuilt — never trusted.
#include <functional>
#include <string>

#include "flood/subgrid_inertial.hpp"
#include "scenario/scenario.hpp"

namespace sd {

struct TablesCacheOptions {
  std::string dir;        // the hazard cache folder
  bool use_cache = true;  // false: rebuild (and overwrite)
  int threads = 0;
  std::function<void(const std::string&)> warn;  // a corrupt entry; default stderr
};

// What the tables are built from: a fine DEM on `ratio` x `ratio` pixels per cell, Manning n
// per pixel (empty: n_uniform everywhere) and kTableLevels levels. `fine_digest` identifies
// the DEM's pixels (Scenario::fine_digest, or fine_terrain_digest of a raster). A scenario
// run and `stormdrill flood --subgrid-cell-m` on the same inputs share one entry.
struct TablesInputs {
  const io::Raster& fine;
  std::uint64_t fine_digest;
  int ratio;
  const std::vector<float>& manning;
  float n_uniform;
};

std::string tables_key(const TablesInputs& in);

// The tables, from the cache when a sound entry is there, else built and stored.
// *from_cache (when given) says which.
flood::subgrid::TablesPtr cached_tables(const TablesInputs& in, const TablesCacheOptions& o,
                                        bool* from_cache = nullptr);
// A scenario's tables (its fine terrain must be loaded: Scenario::fine_terrain_loaded).
flood::subgrid::TablesPtr scenario_tables(const Scenario& s, const TablesCacheOptions& o,
                                          bool* from_cache = nullptr);

// The file's tables or nullopt with *problem set (missing file: nullopt, problem empty).
flood::subgrid::TablesPtr read_tables(const std::string& path, const std::string& key,
                                      std::string* problem);
void write_tables(const std::string& path, const std::string& key,
                  const flood::subgrid::SolverTables& t);

}  // namespace sd
