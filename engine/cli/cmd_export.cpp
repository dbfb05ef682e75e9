// `stormdrill export RUN.h5 -o run.gpkg` — a run's results as a GeoPackage for QGIS.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/commands.hpp"
#include "debrief/gpkg_export.hpp"

namespace sd::cli {

void add_export(CLI::App& app) {
  struct Args {
    std::string in, out;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "export", "Write a run's incidents, team tracks, roads, assets and risk rasters for QGIS");
  cmd->footer(
      "Example:\n  stormdrill export out/run.h5 -o out/run.gpkg\n"
      "Layers: incidents, team_tracks, roads (segment x frame, with time/time_end), shelters,\n"
      "depots, critical_sites, towns; risk rasters as RUN_max_depth.tif, "
      "RUN_first_above_0p15m.tif,\n"
      "RUN_duration_above_threshold.tif and RUN_hazard_rating.tif beside the GeoPackage\n"
      "(docs/report.md).");
  cmd->add_option("results", a->in, "Run results file (HDF5)")->required();
  cmd->add_option("-o,--out", a->out, "GeoPackage to write (.gpkg)")->required();
  cmd->callback([a] {
    // As `run -o out/run.h5`: a missing output folder is made, not a failure.
    if (const auto dir = std::filesystem::path(a->out).parent_path(); !dir.empty())
      std::filesystem::create_directories(dir);
    const auto s = debrief::export_gpkg(a->in, a->out);
    std::printf("%s:\n", a->out.c_str());
    for (const auto& [name, n] : s.layers) std::printf("  %-16s %lld features\n", name.c_str(), n);
    for (const auto& r : s.rasters) std::printf("  raster           %s\n", r.c_str());
  });
}

}  // namespace sd::cli
