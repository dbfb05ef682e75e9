#pragma once
// The demo scenario files, written from the generated county so that every position in them
// is on the generated land and road network (format: docs/scenario-draft.toml).
#include <string>

#include "county/county.hpp"

namespace sd::county {

// When the storm's nearest approach (t = 26 h, ~In-fa's Pinghu landfall) meets the tide.
enum class TidePhase { Rising, High, Low };

// scenario.toml (Rising), scenario-hightide.toml (High), scenario-lowtide.toml (Low): the
// three texts differ only in the [tide] constituent phases.
std::string scenario_toml(const County& c, TidePhase phase);

// plan-current.toml (teams at home) or plan-prepositioned.toml (teams re-stationed near the
// low-lying towns before landfall).
std::string plan_toml(const County& c, bool prepositioned);

}  // namespace sd::county
