#pragma once
// The flood solver's summary rasters and volume budget into a /hazard group
// (docs/results-format.md): shared by `stormdrill flood` and the engine's hazard runs.
#include <hdf5.h>

#include "flood/flood_state.hpp"

namespace sd {

void write_flood_summary(hid_t hazard_group, const flood::State& state);

}  // namespace sd
