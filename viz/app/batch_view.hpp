// Batch files: the plans table (KPI means with confidence intervals, rank, P(best)), sortable,
// and the runs table whose rows open the run's own results file.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "app/document.hpp"

namespace sd::viz {

struct BatchViewState {
  std::string message;  // why the last "open" failed
};

// Returns the results path of a run the user asked to open (resolved against the batch file's
// folder), or nullopt.
std::optional<std::filesystem::path> draw_batch_view(Document& batch, BatchViewState& st);

}  // namespace sd::viz
