#pragma once
// /storm/track of a run file (docs/results-format.md): the storm track the hazard was computed
// from (the ensemble member's, for member > 0), in scenario seconds and the grid's CRS, so the
// viewer and `stormdrill report` can draw it without the track file.
#include <hdf5.h>

#include <cstdint>
#include <vector>

#include "scenario/scenario.hpp"

namespace sd {

struct StormTrackRows {
  std::vector<double> t, x, y, pressure_hpa, vmax_ms, rmax_m;
};

// Empty for a design storm (no track). Intensity and R_max at each fix as the storm model
// interpolates them (R_max estimated where the track has none).
StormTrackRows storm_track_rows(const Scenario& s, int member, std::uint64_t ensemble_seed);

// Writes the rows as the column table /storm/track (nothing for a design storm).
void write_storm_track(hid_t file, const StormTrackRows& rows);

}  // namespace sd
