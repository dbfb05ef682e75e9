#include "app/run_estimate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace sd {
namespace {

// Bytes per grid cell, rounded up from the arrays each part holds (measured peak RSS of the
// demo county is compared with the estimate in docs/reliability.md):
constexpr double kInputBytesPerCell = 12;    // DEM, land use, population (float)
constexpr double kSolverBytesPerCell = 160;  // flood model + state + summaries + step scratch
constexpr double kHazardBytesPerCell = 40;   // storm fields, frame buffers, max wind
constexpr double kModelBytesPerCell = 32;    // response model: population, its CDF, towns, zones
constexpr double kIncidentBytes = 512;       // an incident, its assignment and its log events
constexpr double kProgramBytes = 64e6;       // the process itself: code, GDAL, HDF5, PROJ (39 MB
                                             // measured for `stormdrill --version`) + caches

std::string cells_text(const Scenario& s) {
  return std::to_string(s.dem.grid.nx) + " x " + std::to_string(s.dem.grid.ny) + " cells";
}

// The per-cell memory of a drill on `cells` cells (described as `grid`) and the program.
void add_grid_memory(ResourceEstimate& e, double cells, const std::string& grid) {
  e.add_memory("program and libraries", 1, kProgramBytes);
  e.add_memory("inputs: " + grid + " x 12 B", cells, kInputBytesPerCell);
  e.add_memory("flood solver: " + grid + " x 160 B", cells, kSolverBytesPerCell);
  e.add_memory("storm and frame buffers: " + grid + " x 40 B", cells, kHazardBytesPerCell);
  e.add_memory("response model: " + grid + " x 32 B", cells, kModelBytesPerCell);
}

std::string count_text(double n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", n);
  return buf;
}

}  // namespace

double expected_incidents_bound(const Scenario& s, const ResponseModel& m) {
  const IncidentRates& r = s.rates;
  const double hours = s.duration_s / 3600.0;
  const double per_person_h = r.trapped_per_person_h + r.basement_per_person_h +
                              r.power_per_person_h + r.gas_per_person_h + r.medical_per_person_h;
  double road_km = 0;
  for (float km : m.road_km) road_km += km;
  const double per_km_h = r.stranded_per_km_h + r.tree_per_km_h;
  return (per_person_h * m.total_population + per_km_h * road_km) * hours;
}

ResourceEstimate estimate_drill(const Scenario& s, const ResponseModel& m, std::size_t plans,
                                std::size_t new_hazards) {
  ResourceEstimate e;
  const double cells = static_cast<double>(s.dem.grid.size());
  const double frames = std::ceil(s.duration_s / std::max(s.flood.frame_interval_s, 1.0)) + 1;
  const double edges = static_cast<double>(m.graph->num_edges());
  const double blocks = static_cast<double>(m.block_population.size());
  double populated = 0;
  for (float p : m.population) populated += p > 0;
  add_grid_memory(e, cells, cells_text(s));
  if (s.subgrid()) {
    // Fine DEM, land use, Manning n, max depth, first 0.15 m and duration (4 B each), the
    // water mask (1 B) and the table build's per-pixel copies (~8 B).
    const double px = static_cast<double>(s.fine_dem.grid.size());
    e.add_memory("sub-grid: " + count_text(px) + " fine pixels x 33 B", px, 33);
    e.add_disk("sub-grid fine rasters: 3 x " + count_text(px) + " pixels x 4 B", 3 * px, 4);
  }
  e.add_memory("hazard timeline: " + count_text(frames) + " frames x (" + count_text(edges) +
                   " edges x 8 B + " + count_text(blocks) + " blocks x 4 B + " +
                   count_text(populated) + " populated cells x 8 B)",
               frames, edges * 8 + blocks * 4 + populated * 8);
  const double incidents = expected_incidents_bound(s, m);
  e.add_memory("incidents: " + count_text(incidents) + " expected (rates x exposure) x " +
                   count_text(static_cast<double>(plans)) + " runs x 512 B",
               incidents * static_cast<double>(plans), kIncidentBytes);
  if (new_hazards > 0)
    e.add_disk("hazard cache: " + count_text(static_cast<double>(new_hazards)) + " storms x " +
                   count_text(frames) + " frames x 3 fields x " + cells_text(s) +
                   " x 4 B (before compression)",
               static_cast<double>(new_hazards) * frames * 3 * cells, 4);
  return e;
}

void require_grid_memory(const std::string& dem_path, long long nx, long long ny,
                         double max_memory_gb) {
  const double cells = static_cast<double>(nx) * static_cast<double>(ny);
  const std::string grid = std::to_string(nx) + " x " + std::to_string(ny) + " cells";
  ResourceEstimate e;
  add_grid_memory(e, cells, grid);
  require_memory(e, max_memory_gb, dem_path);
}

void require_drill_resources(const Scenario& s, const ResponseModel& m, std::size_t plans,
                             std::size_t new_hazards, double max_memory_gb,
                             const std::string& cache_dir) {
  const ResourceEstimate e = estimate_drill(s, m, plans, new_hazards);
  require_memory(e, max_memory_gb, s.path);
  require_disk(e, cache_dir, s.path);
}

}  // namespace sd
