#pragma once
// Writes /hazard/fine (sub-grid runs, docs/results-format.md): rasters on the fine DEM's grid
// (names from results/results_schema.hpp, schema::fine), CF-georeferenced on that grid, with
// the cells' ratio and the fine pixel size. Used by `stormdrill flood` and the hazard run.
#include <hdf5.h>

#include <string>
#include <vector>

#include "core/grid.hpp"

namespace sd {

struct FineRaster {
  const char* name;  // schema::fine::k...
  const std::vector<float>* data;
  const char* units;
  const char* long_name;
};

// Creates the group under `hazard` and writes `rasters`; sample_s > 0 is recorded as the time
// between the downscaled samples of the time-derived rasters.
void write_fine_hazard(hid_t hazard, const Grid& fine, const std::string& crs_wkt,
                       const std::string& time_units, int ratio, double sample_s,
                       const std::vector<FineRaster>& rasters);

}  // namespace sd
