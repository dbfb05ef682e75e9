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

std::string tables_key(const Scenario& s);

// The scenario's tables, from the cache when a sound entry is there, else built and stored.
// *from_cache (when given) says which.
flood::subgrid::TablesPtr scenario_tables(const Scenario& s, const TablesCacheOptions& o,
                                          bool* from_cache = nullptr);

// The file's tables or nullopt with *problem set (missing file: nullopt, problem empty).
flood::subgrid::TablesPtr read_tables(const std::string& path, const std::string& key,
                                      std::string* problem);
void write_tables(const std::string& path, const std::string& key,
                  const flood::subgrid::SolverTables& t);

}  // namespace sd
