#pragma once
// The compiled scenario: everything a run reads and nothing it writes (the "model" of
// DEVELOPERS.md). Built once by load_scenario(); shared read-only by every run, plan and
// ensemble member. Mutable run data lives in the response State and the flood/network
// states. Positions are in the DEM's CRS (metres); times in seconds since `start`.
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/time_series.hpp"
#include "io/raster_io.hpp"
#include "scenario/compare_settings.hpp"
#include "scenario/plan.hpp"
#include "scenario/vocabulary.hpp"

namespace sd {

struct LanduseClass {
  int code = 0;
  std::string name;
  double manning = 0.03;
  Infiltration infiltration = Infiltration::None;
  double horton_f0_mmph = 0, horton_fc_mmph = 0, horton_k_per_h = 0;
  double ga_ksat_mmph = 0, ga_psi_mm = 0, ga_dtheta = 0;  // Green–Ampt
  double drainage_mmph = 0;                               // sewer design capacity
};

struct TideConstituent {
  std::string name;
  double amplitude_m = 0;
  double phase_deg = 0;
};

struct TideSpec {
  double mean_level_m = 0;
  std::vector<TideConstituent> constituents;
  std::string series_path;   // CSV t_s,level_m (overrides constituents)
  double phase_shift_h = 0;  // shifts the harmonic tide in time (high- vs low-tide variants)
  double surge_peak_m = 0;
  double surge_peak_time_s = -1;  // < 0: at the storm's closest approach
  double surge_width_h = 10;
};

struct DesignStormSpec {
  double a1 = 0, c = 0, b = 0, n = 0;  // q = 167 A1 (1 + C lg P) / (t + b)^n  [L/(s·ha)]
  double return_period_y = 5;
  double duration_min = 120;
  double peak_ratio = 0.4;
  double start_s = 0;
  double areal_reduction = 1.0;
};

struct StormSpec {
  std::string track_path;  // empty when a design storm is used
  std::string format = "auto";
  std::string averaging = "cma-2min";
  std::string wind_model = "holland1980";
  std::string rain_structure = "bands+bursts";
  double penv_hpa = 1005;
  double frame_interval_s = 600;
  double rain_multiplier = 1.0;
  std::optional<DesignStormSpec> design;
};

struct FloodSpec {
  double cfl = 0.6;  // = sd::flood::Options defaults; cfl <= sqrt(theta / 2)
  double theta = 0.8;
  double frame_interval_s = 1800;
  double road_close_depth_m = 0.3;
  double road_slow_depth_m = 0.05;
  double road_bridge_deck_m = 1.0;   // tagged bridge deck above the higher bank
  double road_culvert_deck_m = 0.0;  // untagged road over water: above the higher bank
  double subgrid_cell_m = 0;         // sub-grid computational cell (m); 0 = off
};

struct Town {
  std::string name;
  double x = 0, y = 0;
  double population = 0;
  std::string area;  // the [[area]] (municipality) it lies in; "" = none
};

// An administrative area (a municipality, 乡镇) of the [region] areas raster: its towns and
// villages are the places inside it; a cell of the area belongs to the nearest of them.
struct TownArea {
  int code = 0;  // value in the areas raster
  std::string name;
};

struct TeamSpec {
  std::string name;
  TeamKind kind = TeamKind::Volunteer;
  double x = 0, y = 0;  // base
  int crew = 10;
  Vehicle vehicle = Vehicle::Truck;
  std::uint32_t capabilities = 0;  // bit set of Capability
  double mobilisation_s = 1800;
  double shift_s = 12 * 3600.0;
  double rest_s = 4 * 3600.0;
  double wading_depth_m = 0.3;  // deepest water its vehicle drives through
};

struct DepotSpec {
  std::string name;
  double x = 0, y = 0;
  std::array<double, kStockKinds> stock{};
};

struct ShelterSpec {
  std::string name;
  double x = 0, y = 0;
  int capacity = 0;
};

struct CriticalSite {
  std::string name;
  SiteKind kind = SiteKind::Hospital;
  double x = 0, y = 0;
  int fed_by = -1;    // index of the substation that feeds it, -1 none
  double people = 0;  // patients/residents to move if it fails
  double flood_depth_m = 0.3;
};

struct PumpingStation {
  std::string name;
  double x = 0, y = 0;
  double capacity_m3s = 0;
  double serves_radius_m = 0;
  int substation = -1;  // critical-site index of its power supply
  int outfall = -1;     // outfall index it lifts to (-1: nearest)
};

struct Outfall {
  std::string name;
  double x = 0, y = 0;
};

struct Inject {
  double t_s = 0;
  InjectKind kind = InjectKind::RoadClosure;
  double x = 0, y = 0;    // where (breach, closure point, burst centre)
  double duration_s = 0;  // 0 = for the rest of the run
  double peak_m3s = 0;    // dike breach inflow
  double radius_m = 500;  // closures and bursts within this radius
  int count = 0;          // incident burst size
  double factor = 1;      // rain band multiplier, comms delay seconds
  std::string target;     // team / depot / pumping-station / town / shelter name
  std::string note;
  // Decisions (docs/drills.md)
  int edge = -1;        // close_road / reopen_road: row of /roads/edges
  int level = 0;        // response_level: 4 = IV ... 1 = I
  int burst_type = -1;  // incident_burst: an IncidentType, -1 = the trapped/stranded mix
  int stock = -1;       // move_supplies: a StockKind
  double amount = 0;    // move_supplies: units moved
  std::string to;       // move_supplies: receiving depot
  DispatchPolicy policy = DispatchPolicy::Nearest;  // dispatch_policy
  bool positioned = false;  // x, y given (evacuate: a circle of radius_m instead of a town)
  // dike_breach as a weir (width_m > 0 instead of peak_m3s; docs/flood-model.md "Breach weir")
  double width_m = 0;                      // final breach width
  double crest_m = NAN;                    // breach bottom (m, DEM datum); NaN: the ground inland
  double develop_s = 0;                    // widens linearly from 0 over this time
  std::vector<double> level_t_s, level_m;  // outside water level; empty: the scenario's sea level
  bool outside_model = false;  // outside = "model": the modelled water of the cell beyond the wall
  // sluice_stuck: `target` names the [[outfall]]
  bool stuck_open = false;
  double area_m2 = 0;  // gate opening of a sluice stuck open
};

// The files a deferred fine terrain is read from (load_fine_terrain).
struct FineTerrainSource {
  std::string dem_path, landuse_path;
  std::string crs_wkt;  // the fine DEM's CRS after [region] crs
  int landuse_k = 0;    // land use pixels per side of its raster cell; 0: none at fine scale
};

struct Scenario {
  // Provenance
  std::string path;  // the scenario file
  std::string name;
  std::string text;                // the scenario files as read (for results metadata)
  std::string start_iso;           // clock origin
  std::string language = "en";     // the county's language of work (reports): en, zh
  std::int64_t start_epoch_s = 0;  // UTC seconds of start_iso
  double duration_s = 0;
  std::uint64_t seed = 1;

  // Region
  io::Raster dem;
  io::Raster landuse;     // empty data when absent
  io::Raster population;  // empty data when absent
  io::Raster areas;       // [[area]] code per cell, 0 / NoData outside every area; may be empty
  // Sub-grid ([flood] subgrid_cell_m, scenario/subgrid_region.hpp): `fine_dem` is the
  // [region] DEM as read and `dem` the computational grid (each cell: its lowest valid fine
  // pixel, so level = dem + depth); `fine_landuse` is the land use when given at the fine
  // resolution (Manning per pixel), `landuse` then its per-cell majority. Empty otherwise.
  // A run whose hazard is cached never needs the fine pixels: loaded with
  // LoadOptions::region_cache_dir, the computational-grid rasters come from the region cache
  // (scenario/region_cache.hpp) and the fine rasters keep their grid but no data until
  // load_fine_terrain() reads them (the flood does, on a hazard cache miss).
  io::Raster fine_dem;
  io::Raster fine_landuse;
  int subgrid_ratio = 1;
  FineTerrainSource fine_source;  // where load_fine_terrain() reads them
  // A hash of the fine DEM (grid and pixels) and fine land use: the hazard and sub-grid
  // table cache keys use it instead of hashing 10^7 pixels per key.
  std::uint64_t fine_digest = 0;
  std::vector<LanduseClass> landuse_classes;
  std::array<BoundaryKind, 4> boundary{};  // N, E, S, W
  TideSpec tide;
  std::string river_level_path;

  StormSpec storm;
  FloodSpec flood;

  // Roads
  std::string roads_nodes_path, roads_edges_path, roads_network_path;
  std::string roads_crs;       // [roads] crs: overrides the files' own (sidecar, layer)
  double snap_warn_m = 500;    // an asset farther than this from its road node: warning
  double snap_error_m = 5000;  // ... farther than this: error

  // Assets
  std::vector<Town> towns;
  std::vector<TownArea> town_areas;
  std::vector<TeamSpec> teams;
  std::vector<DepotSpec> depots;
  std::vector<ShelterSpec> shelters;
  std::vector<CriticalSite> sites;
  std::vector<PumpingStation> pumps;
  std::vector<Outfall> outfalls;
  std::vector<Inject> injects;
  IncidentRates rates;

  Plan plan;                // the plan the scenario includes; batches swap it
  CompareSettings compare;  // [compare]: how batches judge plan differences

  std::string output_path;
  double output_frame_interval_s = 1800;

  const LanduseClass* landuse_class(int code) const;
  bool subgrid() const { return fine_dem.grid.nx > 0; }
  bool fine_terrain_loaded() const { return !fine_dem.data.empty(); }
  int team_index(const std::string& name) const;
};

struct LoadOptions {
  // A storm that never reaches the domain during the scenario window is an error unless
  // this is set (deliberate dry runs), when it is a warning.
  bool allow_empty_storm = false;
  // Called with the DEM's path and size (read from its header) before any raster is read, so
  // a grid too large for memory is refused in a second, not after loading gigabytes
  // (resource estimate, engine/app/run_estimate.hpp). Empty = no check.
  std::function<void(const std::string& dem_path, long long nx, long long ny)> check_grid;
  // Sub-grid scenarios: the computational-grid rasters are kept in (and taken from) this
  // folder, keyed by the region's raster files, and the fine terrain is not read
  // (Scenario::fine_terrain_loaded() is false; load_fine_terrain reads it). Empty: read all.
  std::string region_cache_dir;
};

// Loads, validates and compiles a scenario file (and its includes). Throws InputError with
// every problem found (file:line:col: field: message). Warnings go to `warnings`.
Scenario load_scenario(const std::string& path, std::vector<std::string>* warnings = nullptr);
Scenario load_scenario(const std::string& path, const LoadOptions& options,
                       std::vector<std::string>* warnings = nullptr);

// Reads and validates a plan file ([plan] table) against a scenario's teams and depots.
Plan load_plan(const std::string& path, const Scenario& scenario);

}  // namespace sd
