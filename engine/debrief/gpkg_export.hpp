#pragma once
// `stormdrill export RUN.h5 -o run.gpkg`: a run's results as a GeoPackage for QGIS
// (docs/report.md): point layers `incidents`, `shelters`, `depots`, `critical_sites`, `towns`;
// `team_tracks` (one line per leg between two track points, with its start and end time);
// `roads` (one row per road segment x road-state frame, with `time`/`time_end` for QGIS's
// temporal controller); and the risk rasters as GeoTIFFs beside it (RUN_max_depth.tif,
// RUN_first_above_0p15m.tif). Every layer carries the grid's CRS. Read through the shared
// results reader; written to a temporary name and renamed.
#include <string>
#include <vector>

namespace sd::debrief {

struct ExportSummary {
  std::vector<std::pair<std::string, long long>> layers;  // name, features
  std::vector<std::string> rasters;                       // GeoTIFF paths written
};

// Throws sd::InputError for a file that is not a run (exit 2).
ExportSummary export_gpkg(const std::string& results_path, const std::string& gpkg_path);

}  // namespace sd::debrief
