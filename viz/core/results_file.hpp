// The viewer reads results files through the shared read-only reader (engine/results, target
// sd_results: HDF5 only, no solver code), the same one `stormdrill report` and `export` use.
#pragma once

#include "core/table.hpp"
#include "results/results_file.hpp"

namespace sd::viz {

using results::GridInfo;
using results::kFormatVersion;
using results::Meta;
using results::ResultsError;
using results::ResultsFile;
using results::Series;
using results::series_name;
using results::series_units;

}  // namespace sd::viz
