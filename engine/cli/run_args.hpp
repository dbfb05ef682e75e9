#pragma once
// Arguments shared by `run` and `demo` (demo is run on the shipped county scenario).
#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "app/run_pipeline.hpp"
#include "cli/common_options.hpp"
#include "cli/progress.hpp"

namespace sd::cli {

struct RunArgs {
  std::string scenario;
  std::string plan;
  int member = 0;
  bool allow_empty_storm = false;
  bool self_contained = false;
  CommonOptions common;
};

// --self-contained, shared by run, demo and batch.
void add_self_contained_flag(CLI::App* cmd, bool& flag);

// Fills a run request's cache, threads, limits, warnings and hazard progress from the common
// flags (and checks --summary-json's path); the returned progress bar ends with done().
std::shared_ptr<Progress> configure_run(RunRequest& rq, const CommonOptions& c);
// Prints the KPI table and writes --summary-json.
void report_run(const RunReport& rep, const CommonOptions& c);

// Runs the drill, prints the KPI table, writes --summary-json. Returns the exit code.
int run_and_report(const RunArgs& a);
// --allow-empty-storm, for run and demo.
void add_allow_empty_storm(CLI::App* cmd, bool& flag);

}  // namespace sd::cli
