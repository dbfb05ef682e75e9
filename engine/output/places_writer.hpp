#pragma once
// The parts of a run file that place the results on the county's map of people, so a debrief
// (`stormdrill report`) can be computed from the file alone (docs/results-format.md):
// /places/towns, /grid/population and /grid/town (the people and the town of every cell, as
// the response model counts them), /incidents/town and /incidents/deadline_s, the peak water
// at each critical site (/assets/critical_sites/peak_depth, t_peak) and /meta@language.
#include <hdf5.h>

#include "hazard/hazard_timeline.hpp"
#include "response/response_model.hpp"
#include "response/run_result.hpp"

namespace sd {

// Adds to a run file whose /grid, /incidents and /assets groups are already written.
void write_places(hid_t file, const ResponseModel& model, const HazardTimeline& hazard,
                  const RunResult& run);

}  // namespace sd
