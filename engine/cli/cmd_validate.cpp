// `stormdrill validate SCENARIO.toml` — load and check a scenario without running it.
#include <cstdio>
#include <memory>

#include "app/run_estimate.hpp"
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/run_args.hpp"
#include "hazard/storm_setup.hpp"
#include "response/response_model.hpp"
#include "scenario/scenario.hpp"
#include "scenario/warning_lead.hpp"

namespace sd::cli {
namespace {

// Plans whose warning lead reaches before the scenario start: the landfall (or closest
// approach) comes from the storm model itself, as the run computes it.
std::vector<std::string> lead_warnings(const Scenario& s, const std::vector<Plan>& plans) {
  std::vector<std::string> out;
  const double landfall_s = setup_storm(s, 0, 0).landfall_s;
  for (const Plan& p : plans)
    if (auto w = warning_lead_clipped(p, landfall_s))
      out.push_back((p.path.empty() ? s.path : p.path) + ": warning: " + *w);
  return out;
}

}  // namespace

void add_validate(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  auto plans = std::make_shared<std::vector<std::string>>();
  auto allow_empty = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand(
      "validate", "Check a scenario (and plan files): every error at once, exit 2 if any");
  cmd->footer(
      "Example:\n  stormdrill validate scenarios/haiyan-demo/scenario.toml --plan "
      "scenarios/haiyan-demo/plan-prepositioned.toml");
  cmd->add_option("scenario", *path, "Scenario file (TOML)")->required();
  cmd->add_option("--plan", *plans, "Plan files to check against the scenario");
  add_allow_empty_storm(cmd, *allow_empty);
  auto max_gb = std::make_shared<double>(0.0);
  add_max_memory_option(cmd, *max_gb);
  cmd->callback([path, plans, allow_empty, max_gb] {
    std::vector<std::string> warnings;
    LoadOptions lo;
    lo.allow_empty_storm = *allow_empty;
    lo.check_grid = [gb = *max_gb](const std::string& dem, long long nx, long long ny) {
      require_grid_memory(dem, nx, ny, gb);
    };
    const Scenario s = load_scenario(*path, lo, &warnings);
    std::vector<Plan> checked{s.plan};
    for (const auto& p : *plans) checked.push_back(load_plan(p, s));
    auto model = build_response_model(s);
    for (const auto& w : warnings) std::printf("%s\n", w.c_str());
    for (const auto& w : model->warnings)
      std::printf("%s: warning: %s\n", path->c_str(), w.c_str());
    for (const auto& w : lead_warnings(s, checked)) std::printf("%s\n", w.c_str());
    const ResourceEstimate est = estimate_drill(s, *model);
    require_memory(est, *max_gb, *path);  // a run that cannot fit is refused here already
    std::printf("%s: estimate: memory %s (limit %s), hazard cache %s per storm\n", path->c_str(),
                format_bytes(est.memory_bytes()).c_str(),
                format_bytes(memory_limit_bytes(*max_gb)).c_str(),
                format_bytes(est.disk_bytes()).c_str());
    std::printf(
        "%s: OK — %s: %d x %d cells of %g m, %zu road nodes, %zu road edges, %zu teams, %zu "
        "depots, "
        "%zu shelters, %zu injects\n",
        path->c_str(), s.name.c_str(), s.dem.grid.nx, s.dem.grid.ny, s.dem.grid.cell,
        model->graph->num_nodes(), model->graph->num_edges(), s.teams.size(), s.depots.size(),
        s.shelters.size(), s.injects.size());
    if (s.subgrid())
      std::printf(
          "%s: sub-grid: fine DEM %d x %d pixels of %g m, %d x %d pixels per cell; "
          "land use %s, population %s\n",
          path->c_str(), s.fine_dem.grid.nx, s.fine_dem.grid.ny, s.fine_dem.grid.cell,
          s.subgrid_ratio, s.subgrid_ratio,
          s.landuse.data.empty()        ? "none"
          : s.fine_landuse.data.empty() ? "per cell"
                                        : "per fine pixel (Manning in the tables)",
          s.population.data.empty() ? "none" : "per cell");
  });
}

}  // namespace sd::cli
