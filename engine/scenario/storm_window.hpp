#pragma once
// Does the scenario's storm reach the domain during the scenario window? A track from
// another year, a start in the wrong time zone or a design storm placed after the end all
// give a drill with no rain and a tidy, meaningless summary (issue 13 §1), so the loader
// reports them: an error, or a warning when the user asks for a deliberate dry run
// (--allow-empty-storm).
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace sd {

// What keeps the storm away from the domain during [start, start + duration]; empty when
// the storm reaches it. A track counts as reaching the domain when its centre comes within
// the storm model's rain radius (storm::StormParams::max_radius_km) of the DEM's valid
// cells at some time in the window. Reads the track: its errors throw sd::InputError.
std::vector<std::string> storm_window_problems(const Scenario& s);

}  // namespace sd
