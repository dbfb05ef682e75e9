#pragma once
// The resource estimate of a drill (validate, run, demo, batch): memory from grid cells x bytes
// per cell, hazard frames x (road edges, wind blocks, populated cells), and the expected
// incidents from the scenario's rates x exposure (everyone exposed for the whole run: an upper
// bound); disk from the hazard cache frames. Per-item sizes: docs/reliability.md.
#include <cstddef>
#include <string>

#include "core/resource_estimate.hpp"
#include "response/response_model.hpp"

namespace sd {

// Upper bound on the expected incident count of one run (rates x exposure x hours).
double expected_incidents_bound(const Scenario& s, const ResponseModel& m);

// plans = response runs held at once (batch: plans replayed in parallel per member).
// new_hazards = hazard cache entries the command will write (0 when all are cached).
ResourceEstimate estimate_drill(const Scenario& s, const ResponseModel& m, std::size_t plans = 1,
                                std::size_t new_hazards = 1);

// Throws ResourceError (exit 3) when the estimate exceeds the memory limit (max_memory_gb,
// 0 = 80 % of physical memory) or the free space of the cache folder.
// The per-cell part of estimate_drill from the DEM's size alone (its header), checked before
// any raster is read: a 20000 x 18125 DEM once loaded to 9.9 GB before any estimate was made.
// Throws ResourceError (exit 3) naming the DEM, the grid and the estimate.
void require_grid_memory(const std::string& dem_path, long long nx, long long ny,
                         double max_memory_gb);

void require_drill_resources(const Scenario& s, const ResponseModel& m, std::size_t plans,
                             std::size_t new_hazards, double max_memory_gb,
                             const std::string& cache_dir);

}  // namespace sd
