#pragma once
// The scenario files of an imported county (format: docs/scenario-format.md).
#include <string>

#include "county/import_county.hpp"

namespace sd::county {

std::string imported_scenario_toml(const ImportedCounty& c);
std::string imported_plan_toml(const ImportedCounty& c);
// data/river-level.csv (t_s,level_m) for a river level boundary.
std::string river_level_csv(const ImportedCounty& c);

// A TOML basic string: quotes and backslashes escaped, control characters dropped.
std::string toml_string(const std::string& s);

}  // namespace sd::county
