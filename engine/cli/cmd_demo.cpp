// `stormdrill demo` — the default county (scenarios/haiyan-demo) under its In-fa-like storm.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/run_args.hpp"
#include "core/error.hpp"
#include "version.hpp"

namespace sd::cli {

// The demo scenario: next to the binary's source tree, or given by $STORMDRILL_DEMO.
std::string demo_scenario_path() {
  if (const char* e = std::getenv("STORMDRILL_DEMO"); e && *e) return e;
  namespace fs = std::filesystem;
  for (const fs::path& p : {fs::path(kSourceDir) / "scenarios/haiyan-demo/scenario.toml",
                            fs::path("scenarios/haiyan-demo/scenario.toml")})
    if (fs::exists(p)) return p.string();
  throw InputError("demo scenario not found (looked in " + std::string(kSourceDir) +
                   "/scenarios/haiyan-demo); set STORMDRILL_DEMO to its scenario.toml");
}

void add_demo(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand(
      "demo", "Run the default county drill (Haiyan County, In-fa 2021-like typhoon)");
  cmd->footer(
      "Examples:\n  stormdrill demo -o out/demo.h5\n  stormdrill demo --plan "
      "scenarios/haiyan-demo/plan-prepositioned.toml");
  cmd->add_option("--plan", args->plan, "Plan file to use instead of the current plan");
  cmd->add_option("--member", args->member, "Storm ensemble member (0 = the scenario's storm)")
      ->check(at_least(0));
  add_allow_empty_storm(cmd, args->allow_empty_storm);
  // Demo results are made to be shown elsewhere: always self-contained (the flag is a no-op).
  add_self_contained_flag(cmd, args->self_contained);
  add_common_options(cmd, args->common);
  cmd->callback([args] {
    RunArgs a = *args;
    a.self_contained = true;
    a.scenario = demo_scenario_path();
    if (a.common.out.empty()) a.common.out = "demo-results.h5";
    run_and_report(a);
  });
}

}  // namespace sd::cli
