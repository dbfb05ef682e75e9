#pragma once
// Arguments shared by `run` and `demo` (demo is run on the shipped county scenario).
#include <string>

#include "cli/common_options.hpp"

namespace sd::cli {

struct RunArgs {
  std::string scenario;
  std::string plan;
  int member = 0;
  CommonOptions common;
};

// Runs the drill, prints the KPI table, writes --summary-json. Returns the exit code.
int run_and_report(const RunArgs& a);

}  // namespace sd::cli
