#pragma once
// Parsing of `stormdrill flood` inputs that are not rasters: (t, value) CSV series and the
// ordered --boundary specifications. Errors are sd::InputError naming file, line and field.
#include <array>
#include <string>
#include <vector>

#include "core/time_series.hpp"
#include "flood/flood_model.hpp"

namespace sd::flood_cli {

// Two numeric columns (t_s, value), comma-separated; '#' comments, blank lines and one
// non-numeric header line are allowed. Times must increase strictly.
TimeSeries read_series_csv(const std::string& path, const std::string& value_name);

// Applies --boundary specs in order: "closed", "open", "level:CSV", or "SIDE=..." with SIDE
// one of N, E, S, W. Level CSVs are (t_s, level_m).
void apply_boundaries(const std::vector<std::string>& specs, std::array<flood::Edge, 4>& edges);

}  // namespace sd::flood_cli
