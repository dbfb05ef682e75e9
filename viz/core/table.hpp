// Column-wise results tables come from the shared reader (engine/results/table.hpp).
#pragma once

#include "results/table.hpp"

namespace sd::viz {

using results::Column;
using results::read_table;
using results::split_labels;
using results::Table;

}  // namespace sd::viz
