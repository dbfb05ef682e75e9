#pragma once
// A plan's warning is issued warning_lead_h before the forecast landfall. When that reaches
// before the scenario start the simulation can only issue it at t = 0: the plan then gets
// less lead than it asks for, and a comparison of plans with different leads is unfair
// without anyone being told (issue 13 §1). This names the clipping for validate, the run
// log and the results' event log.
#include <optional>
#include <string>

#include "scenario/plan.hpp"

namespace sd {

// The message when the plan's lead before a landfall at `landfall_s` (scenario seconds)
// reaches before t = 0; nullopt when it fits (or the landfall is unknown, < 0).
std::optional<std::string> warning_lead_clipped(const Plan& plan, double landfall_s);

}  // namespace sd
