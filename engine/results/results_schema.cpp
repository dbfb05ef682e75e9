#include "results/results_schema.hpp"

#include <array>
#include <stdexcept>

namespace sd::schema {
namespace {

using enum DType;
using S = Shape;
constexpr unsigned R = kRun, H = kHazard, B = kBatch, G = kGridded, RH = kRun | kHazard;
// /hazard is written by the hazard run (cache, embedded in runs) and by `flood`/`storm`.
constexpr unsigned HZ = kRun | kHazard | kFlood | kStorm;

// docs/results-format.md, table by table.
constexpr std::array kDatasets = {
    // /meta
    DatasetSpec{"meta/scenario_text", str, S::scalar, "", R | H | B, false,
                "the scenario file(s) as loaded"},
    // /branch (branch runs only: `stormdrill branch`, docs/drills.md)
    DatasetSpec{"branch/injects_toml", str, S::scalar, "", R, false,
                "every inject since the root run, as TOML (re-runnable)"},
    // /grid
    DatasetSpec{"grid/elevation", f32, S::grid, "m", G, true, "bed elevation"},
    DatasetSpec{"grid/landuse", i32, S::grid, "", R | H, false, "land-use class code, -1 outside"},
    DatasetSpec{"grid/population", f32, S::grid, "people", R, false,
                "people per cell as the response model counts them"},
    DatasetSpec{"grid/town", i32, S::grid, "", R, false,
                "row of places/towns each cell belongs to (nearest town of its area), -1 none"},
    DatasetSpec{"grid/x", f64, S::axis_x, "m", G, true, "cell-centre x"},
    DatasetSpec{"grid/y", f64, S::axis_y, "m", G, true, "cell-centre y (decreasing)"},
    DatasetSpec{"grid/crs", i32, S::scalar, "", G, false, "CF grid mapping variable"},
    // /hazard
    DatasetSpec{"hazard/time", f64, S::vector, "s", HZ, false, "frame times"},
    DatasetSpec{"hazard/depth", f32, S::frames, "m", HZ, true, "water depth"},
    DatasetSpec{"hazard/rain", f32, S::frames, "mm/h", HZ, true, "rain rate"},
    DatasetSpec{"hazard/wind", f32, S::frames, "m/s", HZ, true, "10-min mean wind speed"},
    DatasetSpec{"hazard/gust", f32, S::frames, "m/s", kStorm, false, "gust speed"},
    DatasetSpec{"hazard/max_depth", f32, S::grid, "m", HZ, true, "maximum water depth"},
    DatasetSpec{"hazard/time_of_max_depth", f32, S::grid, "s", HZ, true, "time of maximum depth"},
    DatasetSpec{"hazard/first_above_0p15m", f32, S::grid, "s", HZ, true,
                "first time depth >= 0.15 m (GB 51222), NaN never"},
    DatasetSpec{"hazard/duration_above_threshold", f32, S::grid, "s", HZ, true,
                "time with depth above @threshold_m"},
    DatasetSpec{"hazard/max_velocity", f32, S::grid, "m/s", HZ, true, "maximum speed"},
    DatasetSpec{"hazard/hazard_rating", f32, S::grid, "1", HZ, true,
                "DEFRA FD2320 HR = d(v+0.5)+DF, max over time"},
    DatasetSpec{"hazard/total_rain", f32, S::grid, "mm", HZ, false, "total rain"},
    DatasetSpec{"hazard/max_wind", f32, S::grid, "m/s", HZ, false, "maximum 10-min mean wind"},
    DatasetSpec{"hazard/max_hourly_rain", f32, S::grid, "mm", kStorm, false, "wettest hour"},
    DatasetSpec{"hazard/max_gust", f32, S::grid, "m/s", kStorm, false, "maximum gust"},
    DatasetSpec{"hazard/x", f64, S::axis_x, "m", HZ, true, "cell-centre x"},
    DatasetSpec{"hazard/y", f64, S::axis_y, "m", HZ, true, "cell-centre y"},
    DatasetSpec{"hazard/crs", i32, S::scalar, "", HZ, false, "CF grid mapping variable"},
    // /hazard/fine (sub-grid runs: the computational cells' levels downscaled onto the fine DEM)
    DatasetSpec{"hazard/fine/max_depth", f32, S::fine_grid, "m", HZ, true,
                "maximum water depth on the fine DEM"},
    DatasetSpec{"hazard/fine/first_above_0p15m", f32, S::fine_grid, "s", RH, true,
                "first sample time the fine depth >= 0.15 m, NaN never"},
    DatasetSpec{"hazard/fine/duration_above_threshold", f32, S::fine_grid, "s", RH, true,
                "time with fine depth above /hazard@threshold_m (sampled every @sample_s)"},
    DatasetSpec{"hazard/fine/hazard_rating", f32, S::fine_grid, "1", RH, true,
                "DEFRA FD2320 HR = d(v+0.5)+DF on the fine DEM, max over the samples"},
    DatasetSpec{"hazard/fine/x", f64, S::fine_axis_x, "m", HZ, true, "fine pixel-centre x"},
    DatasetSpec{"hazard/fine/y", f64, S::fine_axis_y, "m", HZ, true, "fine pixel-centre y"},
    DatasetSpec{"hazard/fine/crs", i32, S::scalar, "", HZ, false, "CF grid mapping variable"},
    // /timeline (hazard cache only: the compact form responses replay)
    DatasetSpec{"timeline/time", f64, S::vector, "s", H, false, "frame times"},
    DatasetSpec{"timeline/edge_depth", f32, S::vector, "m", H, false, "T x E road water"},
    DatasetSpec{"timeline/edge_depth_baseline", f32, S::vector, "m", H, false, "E, t = 0"},
    DatasetSpec{"timeline/edge_gust", f32, S::vector, "m/s", H, false, "T x E gusts"},
    DatasetSpec{"timeline/flooded_offset", i64, S::vector, "", H, false, "T+1 offsets"},
    DatasetSpec{"timeline/flooded_cell", i64, S::vector, "", H, false, "populated cells"},
    DatasetSpec{"timeline/flooded_depth", f32, S::vector, "m", H, false, "their depth"},
    DatasetSpec{"timeline/block_gust", f32, S::vector, "m/s", H, false, "T x blocks"},
    DatasetSpec{"timeline/site_depth", f32, S::vector, "m", H, false, "T x sites"},
    DatasetSpec{"timeline/max_depth", f32, S::vector, "m", H, false, "per cell"},
    DatasetSpec{"timeline/flooded_area_km2", f64, S::vector, "km2", H, false,
                "land >= 0.15 m per frame (sub-grid: fine pixels)"},
    DatasetSpec{"timeline/note_t", f64, S::vector, "s", H, false, "hazard-side event times"},
    DatasetSpec{"timeline/note_text", str, S::vector, "", H, false, "hazard-side events"},
    // /checkpoints (hazard cache of run/demo/branch only): the flood state every simulated hour
    DatasetSpec{
        "checkpoints/t_*", i32, S::vector, "", H, false,
        "flood state at @time_s: @bytes bytes of State::save (+ fine risk), as int32 words"},
    // /roads
    DatasetSpec{"roads/nodes/id", i64, S::column, "", R, false, "external node id"},
    DatasetSpec{"roads/nodes/x", f64, S::column, "m", R, false, ""},
    DatasetSpec{"roads/nodes/y", f64, S::column, "m", R, false, ""},
    DatasetSpec{"roads/edges/from", i32, S::column, "", R, false, "row of roads/nodes"},
    DatasetSpec{"roads/edges/to", i32, S::column, "", R, false, "row of roads/nodes"},
    DatasetSpec{"roads/edges/length_m", f32, S::column, "m", R, false, ""},
    DatasetSpec{"roads/edges/speed_kph", f32, S::column, "km/h", R, false, "free-flow speed"},
    DatasetSpec{"roads/edges/class", i32, S::column, "", R, false, "road class code"},
    DatasetSpec{"roads/time", f64, S::vector, "s", R, false, "road-state frame times"},
    DatasetSpec{"roads/state", u8, S::road_frames, "", R, false,
                "0 open, 1 slowed, 2 closed by water, 3 closed by inject, 4 under water before"},
    DatasetSpec{"roads/speed_factor", f32, S::road_frames, "1", R, false, "speed / free flow"},
    DatasetSpec{"roads/closed_km", f64, S::road_series, "km", R, false,
                "road km closed by the storm (directed edges)"},
    DatasetSpec{"roads/closed_km_baseline", f64, S::road_series, "km", R, false,
                "road km under water before the storm"},
    // /teams
    DatasetSpec{"teams/name", str, S::column, "", R, false, ""},
    DatasetSpec{"teams/kind", i32, S::column, "", R, false, "labels"},
    DatasetSpec{"teams/vehicle", i32, S::column, "", R, false, "labels"},
    DatasetSpec{"teams/crew", i32, S::column, "people", R, false, ""},
    DatasetSpec{"teams/base_x", f64, S::column, "m", R, false, ""},
    DatasetSpec{"teams/base_y", f64, S::column, "m", R, false, ""},
    DatasetSpec{"teams/track/team", i32, S::column, "", R, false, "row of teams"},
    DatasetSpec{"teams/track/t", f64, S::column, "s", R, false, ""},
    DatasetSpec{"teams/track/x", f64, S::column, "m", R, false, ""},
    DatasetSpec{"teams/track/y", f64, S::column, "m", R, false, ""},
    DatasetSpec{"teams/track/status", i32, S::column, "", R, false, "labels"},
    DatasetSpec{"teams/track/incident", i32, S::column, "", R, false, "-1 none"},
    // /incidents
    DatasetSpec{"incidents/id", i32, S::column, "", R, false, ""},
    DatasetSpec{"incidents/type", i32, S::column, "", R, false, "labels"},
    DatasetSpec{"incidents/x", f64, S::column, "m", R, false, ""},
    DatasetSpec{"incidents/y", f64, S::column, "m", R, false, ""},
    DatasetSpec{"incidents/people", i32, S::column, "people", R, false, ""},
    DatasetSpec{"incidents/severity", f32, S::column, "", R, false, ""},
    DatasetSpec{"incidents/t_created", f64, S::column, "s", R, false, ""},
    DatasetSpec{"incidents/t_assigned", f64, S::column, "s", R, false, "NaN: never"},
    DatasetSpec{"incidents/t_arrived", f64, S::column, "s", R, false, "NaN: never"},
    DatasetSpec{"incidents/t_done", f64, S::column, "s", R, false, "NaN: never"},
    DatasetSpec{"incidents/team", i32, S::column, "", R, false, "row of teams, -1 none"},
    DatasetSpec{"incidents/state", i32, S::column, "", R, false, "labels, at the end"},
    DatasetSpec{"incidents/outcome_risk", f32, S::column, "", R, false, "fatality proxy"},
    DatasetSpec{"incidents/town", i32, S::column, "", R, false, "row of places/towns, -1"},
    DatasetSpec{"incidents/deadline_s", f64, S::column, "s", R, false,
                "time after t_created by which a team should arrive"},
    // /events
    DatasetSpec{"events/t", f64, S::column, "s", R, false, ""},
    DatasetSpec{"events/type", i32, S::column, "", R, false, "labels"},
    DatasetSpec{"events/team", i32, S::column, "", R, false, ""},
    DatasetSpec{"events/incident", i32, S::column, "", R, false, ""},
    DatasetSpec{"events/x", f64, S::column, "m", R, false, ""},
    DatasetSpec{"events/y", f64, S::column, "m", R, false, ""},
    DatasetSpec{"events/text", str, S::column, "", R, false, ""},
    // /assets
    DatasetSpec{"assets/depots/name", str, S::column, "", R, false, ""},
    DatasetSpec{"assets/depots/x", f64, S::column, "m", R, false, ""},
    DatasetSpec{"assets/depots/y", f64, S::column, "m", R, false, ""},
    DatasetSpec{"assets/depots/*", f64, S::column, "", R, false, "initial stock of one kind"},
    DatasetSpec{"assets/shelters/name", str, S::column, "", R, false, ""},
    DatasetSpec{"assets/shelters/x", f64, S::column, "m", R, false, ""},
    DatasetSpec{"assets/shelters/y", f64, S::column, "m", R, false, ""},
    DatasetSpec{"assets/shelters/capacity", i32, S::column, "people", R, false, ""},
    DatasetSpec{"assets/shelter_occupancy", f32, S::kpi_shelters, "people", R, false, ""},
    DatasetSpec{"assets/critical_sites/name", str, S::column, "", R, false, ""},
    DatasetSpec{"assets/critical_sites/kind", i32, S::column, "", R, false, "labels"},
    DatasetSpec{"assets/critical_sites/x", f64, S::column, "m", R, false, ""},
    DatasetSpec{"assets/critical_sites/y", f64, S::column, "m", R, false, ""},
    DatasetSpec{"assets/critical_sites/peak_depth", f32, S::column, "m", R, false,
                "deepest water at the site"},
    DatasetSpec{"assets/critical_sites/t_peak", f64, S::column, "s", R, false,
                "time of the deepest water"},
    DatasetSpec{"assets/drainage/name", str, S::column, "", R, false,
                "an [[outfall]] (sluice) or [[pumping_station]], as named in the scenario"},
    DatasetSpec{"assets/drainage/kind", i32, S::column, "", R, false,
                "labels: sluice, pumping_station"},
    DatasetSpec{"assets/drainage/x", f64, S::column, "m", R, false, ""},
    DatasetSpec{"assets/drainage/y", f64, S::column, "m", R, false, ""},
    DatasetSpec{"assets/drainage/capacity_m3s", f64, S::column, "m3/s", R, false,
                "pumping capacity; NaN for a sluice (gravity)"},
    // /places (towns: the demand points and the report's rows)
    DatasetSpec{"places/towns/name", str, S::column, "", R, false, ""},
    DatasetSpec{"places/towns/x", f64, S::column, "m", R, false, ""},
    DatasetSpec{"places/towns/y", f64, S::column, "m", R, false, ""},
    DatasetSpec{"places/towns/population", f64, S::column, "people", R, false, ""},
    DatasetSpec{"places/towns/evacuated", f64, S::column, "people", R, false,
                "people of the town who reached a shelter"},
    DatasetSpec{"places/towns/area", str, S::column, "", R, false,
                "the administrative area (municipality) it lies in, \"\" none"},
    // /storm (run files: the storm track the hazard was computed from, issue 14)
    DatasetSpec{"storm/track/t", f64, S::column, "s", R, false, "since the scenario start"},
    DatasetSpec{"storm/track/x", f64, S::column, "m", R, false, "centre, scenario CRS"},
    DatasetSpec{"storm/track/y", f64, S::column, "m", R, false, "centre, scenario CRS"},
    DatasetSpec{"storm/track/pressure_hpa", f64, S::column, "hPa", R, false, "central pressure"},
    DatasetSpec{"storm/track/vmax_ms", f64, S::column, "m/s", R, false, "maximum wind speed"},
    DatasetSpec{"storm/track/rmax_m", f64, S::column, "m", R, false, "radius of maximum wind"},
    // /kpi
    DatasetSpec{"kpi/time", f64, S::vector, "s", R, false, ""},
    DatasetSpec{"kpi/incidents_open", f64, S::kpi_series, "incidents", R, false, ""},
    DatasetSpec{"kpi/incidents_served", f64, S::kpi_series, "incidents", R, false, ""},
    DatasetSpec{"kpi/people_rescued", f64, S::kpi_series, "people", R, false, ""},
    DatasetSpec{"kpi/people_evacuated", f64, S::kpi_series, "people", R, false, ""},
    DatasetSpec{"kpi/coverage_15min", f64, S::kpi_series, "1", R, false,
                "share of people a team reaches within 15 min"},
    DatasetSpec{"kpi/coverage_30min", f64, S::kpi_series, "1", R, false, ""},
    DatasetSpec{"kpi/road_km_closed", f64, S::kpi_series, "km", R, false, ""},
    DatasetSpec{"kpi/teams_busy", f64, S::kpi_series, "teams", R, false, ""},
    DatasetSpec{"kpi/shelter_occupancy_total", f64, S::kpi_series, "people", R, false, ""},
    DatasetSpec{"kpi/final/name", str, S::column, "", R, false, ""},
    DatasetSpec{"kpi/final/value", f64, S::column, "", R, false, ""},
    DatasetSpec{"kpi/by_type/type", i32, S::column, "", R, false, "labels"},
    DatasetSpec{"kpi/by_type/count", i32, S::column, "incidents", R, false, ""},
    DatasetSpec{"kpi/by_type/served", i32, S::column, "incidents", R, false, ""},
    DatasetSpec{"kpi/by_type/median_s", f64, S::column, "s", R, false, ""},
    DatasetSpec{"kpi/by_type/p90_s", f64, S::column, "s", R, false, ""},
    DatasetSpec{"kpi/by_type/max_s", f64, S::column, "s", R, false, ""},
    // Batch files
    DatasetSpec{"plans/plan", str, S::column, "", B, false, ""},
    DatasetSpec{"plans/path", str, S::column, "", B, false, ""},
    DatasetSpec{"plans/rank", i32, S::column, "", B, false, ""},
    DatasetSpec{"plans/p_best", f64, S::column, "1", B, false, ""},
    DatasetSpec{"plans/response_wall_s_mean", f64, S::column, "s", B, false, ""},
    DatasetSpec{"plans/*_diff_mean", f64, S::column, "", B, false, "paired vs the first plan"},
    DatasetSpec{"plans/*_diff_lo", f64, S::column, "", B, false, ""},
    DatasetSpec{"plans/*_diff_hi", f64, S::column, "", B, false, ""},
    DatasetSpec{"plans/*_mean", f64, S::column, "", B, false, "KPI mean over members"},
    DatasetSpec{"plans/*_lo", f64, S::column, "", B, false, "95 % CI low"},
    DatasetSpec{"plans/*_hi", f64, S::column, "", B, false, "95 % CI high"},
    DatasetSpec{"runs/plan", str, S::column, "", B, false, ""},
    DatasetSpec{"runs/member", i32, S::column, "", B, false, ""},
    DatasetSpec{"runs/ok", i32, S::column, "", B, false, ""},
    DatasetSpec{"runs/error", str, S::column, "", B, false, ""},
    DatasetSpec{"runs/results_path", str, S::column, "", B, false, ""},
    DatasetSpec{"runs/response_wall_s", f64, S::column, "s", B, false, ""},
    DatasetSpec{"runs/*", f64, S::column, "", B, false, "one KPI of the run"},
    DatasetSpec{"members/member", i32, S::column, "", B, false, ""},
    DatasetSpec{"members/ok", i32, S::column, "", B, false, ""},
    DatasetSpec{"members/hazard_wall_s", f64, S::column, "s", B, false, ""},
    DatasetSpec{"members/hazard_key", str, S::column, "", B, false, ""},
    DatasetSpec{"members/error", str, S::column, "", B, false, ""},
    DatasetSpec{"demand/node_id", i64, S::column, "", B, false, ""},
    DatasetSpec{"demand/x", f64, S::column, "m", B, false, ""},
    DatasetSpec{"demand/y", f64, S::column, "m", B, false, ""},
    DatasetSpec{"demand/expected_incidents", f64, S::column, "incidents", B, false, ""},
    DatasetSpec{"tradeoff/plan_a", str, S::vector, "", B, false, "pair rows"},
    DatasetSpec{"tradeoff/plan_b", str, S::vector, "", B, false, ""},
    DatasetSpec{"tradeoff/kpi", str, S::vector, "", B, false, ""},
    DatasetSpec{"tradeoff/better", str, S::vector, "", B, false, ""},
    DatasetSpec{"tradeoff/delta", f64, S::vector, "", B, false, ""},
    DatasetSpec{"tradeoff/n", i32, S::vector, "", B, false, ""},
    DatasetSpec{"tradeoff/diff_mean", f64, S::vector, "", B, false, ""},
    DatasetSpec{"tradeoff/diff_lo", f64, S::vector, "", B, false, ""},
    DatasetSpec{"tradeoff/diff_hi", f64, S::vector, "", B, false, ""},
    DatasetSpec{"tradeoff/confidence", f64, S::vector, "1", B, false, ""},
    DatasetSpec{"tradeoff/rel_diff_pct", f64, S::vector, "%", B, false, ""},
    DatasetSpec{"tradeoff/rel_lo_pct", f64, S::vector, "%", B, false, ""},
    DatasetSpec{"tradeoff/rel_hi_pct", f64, S::vector, "%", B, false, ""},
    DatasetSpec{"tradeoff/p_value", f64, S::vector, "1", B, false, ""},
    DatasetSpec{"tradeoff/sd_diff", f64, S::vector, "", B, false, ""},
    DatasetSpec{"tradeoff/verdict", str, S::vector, "", B, false, ""},
    DatasetSpec{"tradeoff/members_needed", i32, S::vector, "", B, false, "-1 unknown"},
    DatasetSpec{"tradeoff/kpis", str, S::vector, "", B, false, ""},
    DatasetSpec{"tradeoff/kpi_delta", f64, S::vector, "", B, false, ""},
    DatasetSpec{"tradeoff/pareto_kpis", str, S::vector, "", B, false, ""},
    DatasetSpec{"tradeoff/pareto", i32, S::vector, "", B, false, "per plan"},
    DatasetSpec{"tradeoff/p_best_*", f64, S::vector, "1", B, false, "per plan"},
};

constexpr unsigned A = R | H | B | kFlood | kStorm;
constexpr std::array kAttributes = {
    AttrSpec{"meta", "format", str, A, "always stormdrill-results"},
    AttrSpec{"meta", "format_version", number, A, "1"},
    AttrSpec{"meta", "kind", str, A, "run, hazard, flood, storm, batch"},
    AttrSpec{"meta", "engine_version", str, A, ""},
    AttrSpec{"meta", "git_commit", str, A, ""},
    AttrSpec{"meta", "scenario_name", str, A, ""},
    AttrSpec{"meta", "start_time", str, A, "ISO-8601 with offset"},
    AttrSpec{"meta", "duration_s", f64, A, ""},
    AttrSpec{"meta", "seed", i64, A, ""},
    AttrSpec{"meta", "wall_s", f64, A, ""},
    AttrSpec{"meta", "language", str, R, "the county's language of work (zh, en)"},
    AttrSpec{"meta", "plan", str, R, ""},
    AttrSpec{"meta", "plan_path", str, R, ""},
    AttrSpec{"meta", "member", number, R, ""},
    AttrSpec{"meta", "hazard_wall_s", f64, R, ""},
    AttrSpec{"meta", "response_wall_s", f64, R, ""},
    AttrSpec{"meta", "hazard_key", str, R, ""},
    AttrSpec{"meta", "hazard_file", str, R, ""},
    AttrSpec{"meta", "hazard_embedded", number, R, ""},
    AttrSpec{"meta", "parent_path", str, R, "branch runs: the parent results file"},
    AttrSpec{"meta", "scenario_path", str, R | B, "the scenario file the run loaded"},
    AttrSpec{"branch", "parent_path", str, R, "the parent results file"},
    AttrSpec{"branch", "parent_checksum", str, R, "the parent file's seal hash"},
    AttrSpec{"branch", "at_s", f64, R, "branch time, s after the scenario start"},
    AttrSpec{"meta", "rank_by", str, B, ""},
    AttrSpec{"meta", "members", number, B, ""},
    AttrSpec{"meta", "ranks", number, B, ""},
    AttrSpec{"meta", "rain_structure", str, kStorm, ""},
    AttrSpec{"meta", "wind_model", str, kStorm, ""},
    AttrSpec{"grid", "nx", number, G, ""},
    AttrSpec{"grid", "ny", number, G, ""},
    AttrSpec{"grid", "x0", f64, G, "west edge"},
    AttrSpec{"grid", "y0", f64, G, "north edge"},
    AttrSpec{"grid", "cell", f64, G, "m"},
    AttrSpec{"grid", "crs_wkt", str, G, ""},
    AttrSpec{"hazard", "threshold_m", f64, HZ, ""},
    AttrSpec{"hazard/fine", "subgrid_ratio", number, HZ, "fine pixels per computational cell side"},
    AttrSpec{"hazard/fine", "cell", f64, HZ, "fine pixel size (m)"},
    AttrSpec{"hazard/fine", "sample_s", f64, RH, "time between downscaled samples (s)"},
    AttrSpec{"hazard", "ponding_m", f64, HZ, ""},
    AttrSpec{"hazard", "hazard_key", str, RH, ""},
    AttrSpec{"hazard", "mass_error_rel", f64, HZ, ""},
    AttrSpec{"hazard", "rain_m3", f64, HZ, ""},
    AttrSpec{"hazard", "infiltration_m3", f64, HZ, ""},
    AttrSpec{"hazard", "drainage_m3", f64, HZ, ""},
    AttrSpec{"hazard", "pumped_m3", f64, HZ, ""},
    AttrSpec{"hazard", "delivered_m3", f64, HZ, ""},
    AttrSpec{"hazard", "inflow_m3", f64, HZ, ""},
    AttrSpec{"hazard", "boundary_in_m3", f64, HZ, ""},
    AttrSpec{"hazard", "boundary_out_m3", f64, HZ, ""},
    AttrSpec{"hazard", "initial_m3", f64, HZ, ""},
    AttrSpec{"hazard", "stored_m3", f64, HZ, ""},
    AttrSpec{"hazard", "steps", i64, HZ, ""},
    AttrSpec{"timeline", "key", str, H, ""},
    AttrSpec{"timeline", "edges", i64, H, ""},
    AttrSpec{"timeline", "block_cells", number, H, ""},
    AttrSpec{"timeline", "blocks_x", number, H, ""},
    AttrSpec{"timeline", "blocks_y", number, H, ""},
    AttrSpec{"timeline", "landfall_s", f64, H, ""},
    AttrSpec{"timeline", "total_rain_mean_mm", f64, H, ""},
    AttrSpec{"timeline", "max_wind_ms", f64, H, ""},
    AttrSpec{"timeline", "peak_flooded_area_km2", f64, H, ""},
    AttrSpec{"timeline", "flooded_extent_km2", f64, H, ""},
    AttrSpec{"timeline", "wall_s", f64, H, ""},
    AttrSpec{"tradeoff", "adjust", str, B, ""},
    AttrSpec{"tradeoff", "family", str, B, ""},
};

constexpr std::array<std::string_view, 17> kDatasetAttributes = {
    "units",         "long_name",      "labels",  "standard_name", "axis",
    "grid_mapping",  "DIMENSION_LIST", "CLASS",   "NAME",          "REFERENCE_LIST",
    "_Netcdf4Dimid", "_FillValue",     "crs_wkt", "spatial_ref",   "GeoTransform",
    "bytes",         "time_s",  // a flood checkpoint's length and time
};

std::string_view strip(std::string_view p) {
  while (!p.empty() && p.front() == '/') p.remove_prefix(1);
  while (!p.empty() && p.back() == '/') p.remove_suffix(1);
  return p;
}

// '*' matches any run of characters except '/'.
bool glob(std::string_view pat, std::string_view s) {
  if (pat.empty()) return s.empty();
  if (pat.front() == '*') {
    for (std::size_t k = 0; k <= s.size(); ++k) {
      if (glob(pat.substr(1), s.substr(k))) return true;
      if (k < s.size() && s[k] == '/') return false;
    }
    return false;
  }
  return !s.empty() && s.front() == pat.front() && glob(pat.substr(1), s.substr(1));
}

}  // namespace

std::span<const DatasetSpec> datasets() {
  return kDatasets;
}

std::span<const AttrSpec> group_attributes() {
  return kAttributes;
}

bool is_dataset_attribute(std::string_view name) {
  for (auto a : kDatasetAttributes)
    if (a == name) return true;
  return false;
}

const DatasetSpec* find(std::string_view path) {
  path = strip(path);
  for (const auto& d : kDatasets)
    if (glob(d.path, path)) return &d;
  return nullptr;
}

bool is_group(std::string_view path) {
  path = strip(path);
  if (path.empty()) return true;
  for (const auto& d : kDatasets) {
    const std::string_view p = d.path;
    if (p.size() > path.size() && p.substr(0, path.size()) == path && p[path.size()] == '/')
      return true;
  }
  return false;
}

const AttrSpec* find_attribute(std::string_view object, std::string_view name) {
  object = strip(object);
  for (const auto& a : kAttributes)
    if (a.object == object && a.name == name) return &a;
  return nullptr;
}

void require(std::string_view path) {
  if (find(path) || is_group(path)) return;
  throw std::logic_error("results schema: '" + std::string(path) +
                         "' is not a dataset or group of the results schema "
                         "(engine/results/results_schema.cpp)");
}

const char* dtype_name(DType t) {
  switch (t) {
    case f64:
      return "float64";
    case f32:
      return "float32";
    case i32:
      return "int32";
    case i64:
      return "int64";
    case u8:
      return "uint8";
    case str:
      return "string";
    case number:
      return "number";
  }
  return "?";
}

}  // namespace sd::schema
