#pragma once
// county-import.md: what an import found, what it assumed, and what a planner should check.
#include <string>

#include "county/import_county.hpp"

namespace sd::county {

std::string import_report_md(const ImportedCounty& c);

}  // namespace sd::county
