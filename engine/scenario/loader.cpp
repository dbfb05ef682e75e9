// Scenario files (TOML) -> compiled Scenario. docs/scenario-format.md documents every key.
#include <gdal.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "core/iso_time.hpp"
#include "io/crs_transform.hpp"
#include "io/lonlat.hpp"
#include "io/output_guard.hpp"
#include "io/raster_checks.hpp"
#include "scenario/inject_reader.hpp"
#include "scenario/region_cache.hpp"
#include "scenario/scenario.hpp"
#include "scenario/storm_window.hpp"
#include "scenario/subgrid_region.hpp"
#include "scenario/toml_reader.hpp"

namespace sd {
namespace fs = std::filesystem;
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Tables merge key by key; arrays of tables concatenate (included entries first); for any
// other key the including file wins, so a variant can include a base and override it.
void merge_into(toml::table& into, toml::table&& from) {
  // Nodes are moved, never copied: toml++ keeps a node's source position (file, line) only
  // through moves, and every diagnostic needs it.
  for (auto&& [k, v] : from) {
    toml::node* mine = into.get(k.str());
    if (!mine) {
      into.insert(k, std::move(v));
    } else if (mine->is_table() && v.is_table()) {
      merge_into(*mine->as_table(), std::move(*v.as_table()));
    } else if (mine->is_array_of_tables() && v.is_array_of_tables()) {
      toml::array merged = std::move(*v.as_array());
      for (auto&& e : *mine->as_array()) merged.push_back(std::move(e));
      *mine->as_array() = std::move(merged);
    }
  }
}

void read_with_includes(const fs::path& path, toml::table& out, std::string& text,
                        Diagnostics& diag, std::vector<std::string>& stack) {
  const std::string p = fs::weakly_canonical(path).string();
  for (const auto& s : stack)
    if (s == p) {
      diag.error(stack.back(), 0, 0, "include", "include cycle through " + p);
      return;
    }
  if (!fs::exists(p)) {
    diag.error(stack.empty() ? p : stack.back(), 0, 0, "include", "file not found: " + p);
    return;
  }
  if (fs::is_directory(p)) {
    diag.error(p, 0, 0, "", "is a directory, not a scenario file (give the .toml file in it)");
    return;
  }
  io::note_input(p);
  toml::table t;
  try {
    t = toml::parse_file(p);
  } catch (const toml::parse_error& e) {
    diag.error(p, static_cast<long>(e.source().begin.line),
               static_cast<long>(e.source().begin.column), "", std::string(e.description()));
    return;
  }
  {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    text += "# ---- " + p + "\n" + ss.str() + "\n";
  }
  stack.push_back(p);
  if (const toml::node* inc = t.get("include")) {
    const toml::array* arr = inc->as_array();
    if (!arr) {
      diag.error(p, static_cast<long>(inc->source().begin.line), 0, "include",
                 "expected an array of file names");
    } else {
      for (const auto& e : *arr) {
        const auto* s = e.as_string();
        if (!s) {
          diag.error(p, static_cast<long>(e.source().begin.line), 0, "include",
                     "expected a file name string");
          continue;
        }
        toml::table inc_table;
        read_with_includes(fs::path(p).parent_path() / s->get(), inc_table, text, diag, stack);
        merge_into(t, std::move(inc_table));
      }
    }
  }
  stack.pop_back();
  merge_into(out, std::move(t));
}

using io::same_crs;  // undeclared (empty) = local coordinates, nothing to compare

struct Ctx {
  Scenario& s;
  Diagnostics& diag;
};

// Position keys x, y: must lie on a DEM cell with data.
}  // namespace

void read_position(TableReader& t, const Scenario& s, double& x, double& y) {
  x = t.required_number("x", -kInf, kInf);
  y = t.required_number("y", -kInf, kInf);
  if (s.dem.data.empty()) return;
  int i, j;
  std::ostringstream os;
  os.precision(10);
  if (!s.dem.grid.locate(x, y, i, j)) {
    const Grid& g = s.dem.grid;
    os << "position (" << x << ", " << y << ") is outside the DEM grid (x " << g.x0 << " .. "
       << g.x0 + g.width() << ", y " << g.y0 - g.height() << " .. " << g.y0 << ")";
    t.error("x", os.str());
  } else if (std::isnan(s.dem.data[s.dem.grid.index(i, j)])) {
    os << "position (" << x << ", " << y << ") is on a NoData cell of the DEM (outside the domain)";
    t.error("x", os.str());
  }
}

namespace {

io::Raster read_raster_field(TableReader& t, const std::string& key, bool required) {
  const std::string p = t.path(key, required);
  if (p.empty() || !fs::exists(p)) return {};
  try {
    return io::read_raster(p);
  } catch (const InputError& e) {
    t.error(key, e.what());
  } catch (const std::exception& e) {
    t.error(key, std::string("cannot read raster: ") + e.what());
  }
  return {};
}

// The DEM's size from its header only (GDAL reads no pixels): for the up-front memory check.
void check_grid_size(TableReader& r, const LoadOptions& options) {
  if (!options.check_grid) return;
  const std::string p = r.path("dem", false);
  if (p.empty() || !fs::exists(p)) return;
  GDALAllRegister();  // idempotent; no raster may have been read yet in this process
  GDALDatasetH ds = GDALOpen(p.c_str(), GA_ReadOnly);
  if (!ds) return;  // read_raster reports it with the field
  const long long nx = GDALGetRasterXSize(ds), ny = GDALGetRasterYSize(ds);
  GDALClose(ds);
  options.check_grid(p, nx, ny);
}

// [region] dem_command: a DEM that is not shipped with the scenario (the default county's fine
// terrain, docs/county.md) is made by this command, run in the scenario's folder. When the DEM
// is missing the error names the file and the command; never a fallback to another DEM.
bool unshipped_dem_missing(TableReader& r) {
  const std::string command = r.string("dem_command", "");
  if (command.empty() || !r.is_string("dem")) return false;
  const std::string p = r.path("dem", true, false);
  if (p.empty() || fs::exists(p)) return false;
  const std::string folder = fs::path(r.file()).parent_path().lexically_normal().string();
  r.error("dem", "file not found: " + p +
                     " (it is not shipped with the scenario; make it with `cd " +
                     (folder.empty() ? "." : folder) + " && " + command + "`)");
  return true;
}

// The region cache (scenario/region_cache.hpp) as one load uses it.
struct RegionCacheUse {
  std::string dir;            // LoadOptions::region_cache_dir
  double subgrid_cell_m = 0;  // [flood] subgrid_cell_m as written (read before [flood])
  std::string key;            // set when the entry is to be written after the load
  bool hit = false;
  std::vector<float> landuse_codes;        // on a hit: the codes of the land use as read
  std::size_t diag_from = 0, diag_to = 0;  // the region's diagnostics (a miss)
};

// The raster keys of [region] that are given, the DEM first, with their paths; empty when one
// is missing (its error comes from the full read).
std::vector<std::pair<std::string, std::string>> region_rasters(TableReader& r) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* key : {"dem", "landuse", "population", "areas"}) {
    if (!r.has(key)) continue;
    const std::string p = r.path(key, false, false);
    if (p.empty() || !fs::exists(p)) return {};
    out.emplace_back(key, p);
  }
  return out;
}

// A sub-grid region from the region cache: the computational-grid rasters, the fine grid
// without its pixels. False (rc.key set when the entry can be made) to read the files.
bool cached_region(TableReader& r, Scenario& s, RegionCacheUse& rc) {
  if (rc.dir.empty() || !(rc.subgrid_cell_m > 0)) return false;
  const auto rasters = region_rasters(r);
  if (rasters.empty() || rasters.front().first != "dem") return false;
  const std::string key = region_cache_key(rasters, r.string("crs", ""), rc.subgrid_cell_m);
  if (key.empty()) return false;
  auto e = read_region_cache(rc.dir, key);
  if (!e) {
    rc.key = key;
    return false;
  }
  s.dem = std::move(e->dem);
  s.landuse = std::move(e->landuse);
  s.population = std::move(e->population);
  s.areas = std::move(e->areas);
  s.fine_dem.grid = e->fine_grid;
  s.fine_dem.crs_wkt = e->fine_crs;
  s.subgrid_ratio = e->ratio;
  s.fine_digest = e->fine_digest;
  s.fine_source = {rasters.front().second, r.has("landuse") ? r.path("landuse", false) : "",
                   e->fine_crs, e->landuse_k};
  for (const auto& [k, text] : e->warnings) r.warning(k, text);
  rc.landuse_codes = std::move(e->landuse_codes);
  rc.hit = true;
  return true;
}

// After a full load without errors: the entry the next load of this region takes.
void store_region(const Scenario& s, const Diagnostics& diag, const RegionCacheUse& rc,
                  const std::vector<float>& landuse_codes) {
  if (rc.key.empty() || rc.hit || !s.fine_terrain_loaded() || diag.has_errors()) return;
  RegionCacheEntry e{s.dem,
                     s.landuse,
                     s.population,
                     s.areas,
                     s.fine_dem.grid,
                     s.fine_dem.crs_wkt,
                     s.subgrid_ratio,
                     s.fine_source.landuse_k,
                     s.fine_digest,
                     landuse_codes,
                     {}};
  const std::string prefix = "region.";
  for (std::size_t k = rc.diag_from; k < rc.diag_to; ++k) {
    const Diagnostic& d = diag.all()[k];
    if (d.level == Diagnostic::Level::Warning && d.field.rfind(prefix, 0) == 0)
      e.warnings.emplace_back(d.field.substr(prefix.size()), d.message);
  }
  try {
    write_region_cache(rc.dir, rc.key, e);
  } catch (const std::exception&) {
    // A read-only or full cache folder: the next load reads the files again.
  }
}

std::vector<float> distinct_codes(const io::Raster& r) {
  std::set<float> codes;
  for (float v : r.data)
    if (!std::isnan(v)) codes.insert(v);
  return {codes.begin(), codes.end()};
}

void read_region(TableReader& root, Scenario& s, const LoadOptions& options, RegionCacheUse& rc) {
  auto r = root.table("region");
  if (!r) {
    root.error("", "missing [region] table (the DEM is required)");
    return;
  }
  if (unshipped_dem_missing(*r)) return;
  check_grid_size(*r, options);
  if (cached_region(*r, s, rc)) {
    r->string("crs", "");
    r->string("dem_command", "");
    s.river_level_path = r->path("river_levels", false);
    r->finish();
    return;
  }
  s.dem = read_raster_field(*r, "dem", true);
  const std::string crs = r->string("crs", "");
  if (!crs.empty() && !s.dem.data.empty()) {
    OGRSpatialReference srs;
    if (srs.SetFromUserInput(crs.c_str()) != OGRERR_NONE) {
      r->error("crs", "not a CRS GDAL understands: '" + crs + "'");
    } else {
      char* wkt = nullptr;
      srs.exportToWkt(&wkt);
      if (!s.dem.crs_wkt.empty() && !same_crs(s.dem.crs_wkt, wkt))
        r->error("crs", "differs from the CRS declared by the DEM");
      s.dem.crs_wkt = wkt;
      CPLFree(wkt);
    }
  }
  if (!s.dem.data.empty()) {
    if (s.dem.crs_wkt.empty())
      r->warning("dem", "the DEM declares no CRS: coordinates are taken as local metres");
    std::size_t valid = 0;
    for (float v : s.dem.data) valid += !std::isnan(v);
    if (valid == 0) r->error("dem", "every DEM cell is NoData");
    if (auto bad = io::implausible_elevation(s.dem)) r->error("dem", *bad);
  }
  for (const char* key : {"landuse", "population", "areas"}) {
    io::Raster ras = read_raster_field(*r, key, false);
    if (ras.data.empty() || s.dem.data.empty()) continue;
    // A grid coarser than the DEM's is checked against [flood] subgrid_cell_m later
    // (scenario/subgrid_region.hpp).
    if (!same_grid(ras.grid, s.dem.grid) && !coarsening_of(ras.grid, s.dem.grid)) {
      r->error(key, "grid differs from the DEM's (must have the same size, origin and cell size" +
                        std::string(", or with [flood] subgrid_cell_m the computational grid's)"));
      continue;
    }
    if (!same_crs(ras.crs_wkt, s.dem.crs_wkt)) {
      r->error(key, "CRS differs from the DEM's");
      continue;
    }
    if (std::string(key) == "population") {
      if (auto bad = io::bad_population(ras)) r->error(key, *bad);
      if (auto dense = io::dense_population(ras)) r->warning(key, *dense);
    }
    const std::string k = key;
    (k == "landuse" ? s.landuse : k == "population" ? s.population : s.areas) = std::move(ras);
  }
  s.river_level_path = r->path("river_levels", false);
  r->finish();
}

// The codes a class raster uses that `defined` lacks (NaN is no data; with zero_is_none, 0 too).
std::set<int> undefined_codes(const io::Raster& r, const std::set<int>& defined,
                              bool zero_is_none) {
  std::set<int> missing;
  for (float v : r.data)
    if (!std::isnan(v) && !(zero_is_none && v == 0) && !defined.count(static_cast<int>(v)))
      missing.insert(static_cast<int>(v));
  return missing;
}

void read_landuse_classes(TableReader& root, Scenario& s, const std::vector<float>* codes_as_read) {
  std::set<int> seen;
  for (auto& t : root.tables("landuse_class")) {
    LanduseClass c;
    c.code = static_cast<int>(t.integer("code", 0, 0, 1000000));
    if (!seen.insert(c.code).second)
      t.error("code", "duplicate land-use code " + std::to_string(c.code));
    c.name = t.string("name", "class " + std::to_string(c.code));
    // NaN fallback: a NaN or missing value is reported once, as such, not as "got 0".
    c.manning = t.number("manning", std::nan(""), -kInf, kInf);
    if (!t.has("manning")) t.error("manning", "missing required number");
    if (!std::isnan(c.manning) && !(c.manning > 0 && c.manning <= 1))
      t.error("manning",
              "Manning n must be > 0 and at most 1 (got " + std::to_string(c.manning) + ")");
    const std::string inf = t.choice("infiltration", "none", kInfiltration.list());
    c.infiltration = kInfiltration.parse(inf).value_or(Infiltration::None);
    c.horton_f0_mmph = t.number("horton_f0_mmph", 0, 0, 1000);
    c.horton_fc_mmph = t.number("horton_fc_mmph", 0, 0, 1000);
    c.horton_k_per_h = t.number("horton_k_per_h", 2, 0, 100);
    c.ga_ksat_mmph = t.number("ga_ksat_mmph", 0, 0, 1000);
    c.ga_psi_mm = t.number("ga_psi_mm", 0, 0, 10000);
    c.ga_dtheta = t.number("ga_dtheta", 0, 0, 1);
    if (c.horton_fc_mmph > c.horton_f0_mmph)
      t.error("horton_fc_mmph", "must not exceed horton_f0_mmph");
    c.drainage_mmph = t.number("drainage_mmph", 0, 0, 1000);
    t.finish();
    s.landuse_classes.push_back(c);
  }
  io::Raster as_read;  // a cached region's land use is per cell: its codes as read
  if (codes_as_read) as_read.data = *codes_as_read;
  for (int code : undefined_codes(codes_as_read ? as_read : s.landuse, seen, false))
    root.error("landuse_class", "the land-use raster uses code " + std::to_string(code) +
                                    " but no [[landuse_class]] defines it");
}

void read_boundary_and_tide(TableReader& root, Scenario& s) {
  s.boundary = {BoundaryKind::Closed, BoundaryKind::Closed, BoundaryKind::Closed,
                BoundaryKind::Closed};
  if (auto b = root.table("boundary")) {
    const char* sides[4] = {"N", "E", "S", "W"};
    for (int k = 0; k < 4; ++k)
      s.boundary[k] =
          kBoundaryKinds.parse(b->choice(sides[k], "closed", kBoundaryKinds.list())).value();
    b->finish();
  }
  if (auto t = root.table("tide")) {
    s.tide.mean_level_m = t->number("mean_level_m", 0, -10, 10);
    s.tide.series_path = t->path("series", false);
    s.tide.phase_shift_h = t->number("phase_shift_h", 0, -48, 48);
    s.tide.surge_peak_m = t->number("surge_peak_m", 0, 0, 10);
    s.tide.surge_peak_time_s =
        t->number("surge_peak_time_h", -1, -1, 1e5) * (t->has("surge_peak_time_h") ? 3600 : 1);
    s.tide.surge_width_h = t->number("surge_width_h", 10, 0.1, 200);
    if (auto arr = t->tables("constituents"); !arr.empty()) {
      for (auto& c : arr) {
        TideConstituent tc;
        tc.name = c.choice("name", "M2",
                           {"M2", "S2", "N2", "K2", "K1", "O1", "P1", "Q1", "M4", "MS4", "M6"});
        tc.amplitude_m = c.required_number("amplitude_m", 0, 20);
        tc.phase_deg = c.number("phase_deg", 0, -360, 360);
        c.finish();
        s.tide.constituents.push_back(tc);
      }
    }
    t->finish();
  }
  bool any_level = false;
  for (auto b : s.boundary) any_level |= b == BoundaryKind::Level;
  if (any_level && s.tide.constituents.empty() && s.tide.series_path.empty() && !root.has("tide"))
    root.warning("boundary", "a 'level' boundary without a [tide] section holds the sea at 0 m");
}

void read_storm(TableReader& root, Scenario& s) {
  auto t = root.table("storm");
  if (!t) {
    root.error("", "missing [storm] table (a typhoon track or a [storm.design] design storm)");
    return;
  }
  StormSpec& st = s.storm;
  st.track_path = t->path("track", false);
  // One name per format (docs/formats.md "Tracks"); the old names stay as aliases.
  st.format =
      t->choice("format", "auto", {"auto", "cma_bst", "ibtracs", "csv", "cma", "cma-realtime"});
  if (st.format == "cma" || st.format == "cma-realtime") {
    const std::string canonical = st.format == "cma" ? "cma_bst" : "csv";
    t->warning("format", "'" + st.format + "' is an old name for '" + canonical + "'; write '" +
                             canonical + "'");
    st.format = canonical;
  }
  st.averaging = t->choice("averaging", "cma-2min", {"cma-2min", "jtwc-1min", "wmo-10min"});
  st.wind_model = t->choice("wind_model", "holland1980",
                            {"holland1980", "holland2008", "holland2010", "willoughby2006"});
  st.rain_structure =
      t->choice("rain_structure", "bands+bursts", {"mean", "bands", "bands+bursts"});
  st.penv_hpa = t->number("penv_hpa", 1005, 950, 1030);
  st.frame_interval_s = t->number("frame_interval_min", 10, 1, 180) * 60;
  st.rain_multiplier = t->number("rain_multiplier", 1, 0, 10);
  if (auto d = t->table("design")) {
    DesignStormSpec ds;
    ds.a1 = d->required_number("a1", 0, 1e4);
    ds.c = d->required_number("c", 0, 10);
    ds.b = d->required_number("b", 0, 100);
    ds.n = d->required_number("n", 0.1, 2);
    ds.return_period_y = d->number("return_period_y", 5, 0.1, 10000);
    ds.duration_min = d->number("duration_min", 120, 5, 7 * 24 * 60);
    ds.peak_ratio = d->number("peak_ratio", 0.4, 0, 1);
    ds.start_s = d->number("start_h", 0, 0, 1e4) * 3600;
    ds.areal_reduction = d->number("areal_reduction", 1, 0.1, 1);
    d->finish();
    st.design = ds;
  }
  if (st.track_path.empty() && !st.design)
    t->error("", "give either 'track' or a [storm.design] table");
  if (!st.track_path.empty() && st.design)
    t->error("design", "give either 'track' or [storm.design], not both");
  t->finish();
}

void read_flood(TableReader& root, Scenario& s) {
  auto t = root.table("flood");
  if (!t) return;
  s.flood.cfl = t->number("cfl", FloodSpec{}.cfl, 0.05, 1.0);
  s.flood.theta = t->number("theta", FloodSpec{}.theta, 0.5, 1.0);
  // The q-centred scheme's 2D stability limit (docs/flood-model.md, Stability).
  if (s.flood.cfl > std::sqrt(s.flood.theta / 2.0))
    t->error("cfl", "cfl " + std::to_string(s.flood.cfl) +
                        " exceeds the stability limit sqrt(theta/2) = " +
                        std::to_string(std::sqrt(s.flood.theta / 2.0)) + " for theta " +
                        std::to_string(s.flood.theta));
  s.flood.frame_interval_s = t->number("frame_interval_min", 30, 1, 1440) * 60;
  s.flood.road_close_depth_m = t->number("road_close_depth_m", 0.3, 0.01, 5);
  s.flood.road_slow_depth_m = t->number("road_slow_depth_m", 0.05, 0, 5);
  s.flood.road_bridge_deck_m = t->number("road_bridge_deck_m", 1.0, 0, 50);
  s.flood.road_culvert_deck_m = t->number("road_culvert_deck_m", 0.0, 0, 50);
  s.flood.subgrid_cell_m = t->number("subgrid_cell_m", 0, 0, 1e5);
  t->finish();
}

void read_roads(TableReader& root, Scenario& s) {
  auto t = root.table("roads");
  if (!t) {
    root.error("", "missing [roads] table (nodes + edges CSV pair, or network)");
    return;
  }
  s.roads_nodes_path = t->path("nodes", false);
  s.roads_edges_path = t->path("edges", false);
  s.roads_network_path = t->path("network", false);
  s.roads_crs = t->string("crs", "");
  if (!s.roads_crs.empty() && io::crs_to_wkt(s.roads_crs).empty())
    t->error("crs", "not a CRS GDAL understands: '" + s.roads_crs + "'");
  s.snap_warn_m = t->number("snap_warn_m", s.snap_warn_m, 0, 1e7);
  s.snap_error_m = t->number("snap_error_m", s.snap_error_m, 0, 1e7);
  if (s.snap_error_m < s.snap_warn_m) t->error("snap_error_m", "must be at least snap_warn_m");
  const bool pair = !s.roads_nodes_path.empty() || !s.roads_edges_path.empty();
  if (pair && (s.roads_nodes_path.empty() || s.roads_edges_path.empty()))
    t->error("", "a CSV road network needs both 'nodes' and 'edges'");
  if (!pair && s.roads_network_path.empty()) t->error("", "give 'nodes' and 'edges', or 'network'");
  t->finish();
}

// [[area]] (code, name): every code of the [region] areas raster must be defined (a town's
// `area` must name one: read_assets).
void read_town_areas(TableReader& root, Scenario& s) {
  std::set<int> codes;
  std::set<std::string> names;
  for (auto& t : root.tables("area")) {
    TownArea a;
    a.code = static_cast<int>(t.integer("code", 0, 1, 32767));
    if (!t.has("code")) t.error("code", "missing required integer (the areas raster's value)");
    a.name = t.required_string("name");
    if (!codes.insert(a.code).second)
      t.error("code", "duplicate area code " + std::to_string(a.code));
    if (!a.name.empty() && !names.insert(a.name).second)
      t.error("name", "duplicate area name '" + a.name + "'");
    t.finish();
    s.town_areas.push_back(a);
  }
  if (!s.areas.data.empty()) {
    if (s.town_areas.empty())
      root.error("area", "[region] areas is given but no [[area]] names its codes");
    for (int code : undefined_codes(s.areas, codes, true))
      root.error("area", "the areas raster uses code " + std::to_string(code) +
                             " but no [[area]] defines it");
  }
}

// After the towns: an area with no town is a warning (its cells go to the nearest town).
void warn_empty_areas(TableReader& root, const Scenario& s) {
  for (const auto& a : s.town_areas)
    if (std::none_of(s.towns.begin(), s.towns.end(),
                     [&](const Town& w) { return w.area == a.name; }))
      root.warning("area", "area '" + a.name + "' has no [[town]] with area = \"" + a.name +
                               "\": its cells go to the nearest town");
}

void read_assets(TableReader& root, Scenario& s) {
  read_town_areas(root, s);
  for (auto& t : root.tables("town")) {
    Town w;
    w.name = t.required_string("name");
    read_position(t, s, w.x, w.y);
    w.population = t.number("population", 0, 0, 1e8);
    w.area = t.string("area", "");
    if (!w.area.empty() && std::none_of(s.town_areas.begin(), s.town_areas.end(),
                                        [&](const TownArea& a) { return a.name == w.area; }))
      t.error("area", "'" + w.area + "' is not the name of any [[area]]");
    t.finish();
    s.towns.push_back(w);
  }
  warn_empty_areas(root, s);
  std::set<std::string> names;
  for (auto& t : root.tables("team")) {
    TeamSpec m;
    m.name = t.required_string("name");
    if (!names.insert(m.name).second) t.error("name", "duplicate team name '" + m.name + "'");
    m.kind = kTeamKinds.parse(t.choice("kind", "volunteer", kTeamKinds.list())).value();
    read_position(t, s, m.x, m.y);
    m.crew = static_cast<int>(t.integer("crew", 10, 1, 10000));
    m.vehicle = kVehicles.parse(t.choice("vehicle", "truck", kVehicles.list())).value();
    m.mobilisation_s = t.number("mobilisation_min", 30, 0, 24 * 60) * 60;
    m.shift_s = t.number("shift_h", 12, 1, 72) * 3600;
    m.rest_s = t.number("rest_h", 4, 0, 72) * 3600;
    const double default_wading = m.vehicle == Vehicle::HighClearance ? 0.6
                                  : m.vehicle == Vehicle::Boat        ? 10.0
                                                                      : 0.3;
    m.wading_depth_m = t.number("wading_depth_m", default_wading, 0, 10);
    m.capabilities = default_capabilities(m.kind);
    if (t.has("capabilities")) {
      m.capabilities = 0;
      for (const auto& c : t.strings("capabilities")) {
        if (auto cap = kCapabilities.parse(c))
          m.capabilities |= bit(*cap);
        else {
          std::string msg = "unknown capability '" + c + "'";
          const std::string near = closest_match(c, kCapabilities.list());
          if (!near.empty()) msg += " — did you mean '" + near + "'?";
          t.error("capabilities", msg);
        }
      }
    }
    t.finish();
    s.teams.push_back(m);
  }
  for (auto& t : root.tables("depot")) {
    DepotSpec d;
    d.name = t.required_string("name");
    read_position(t, s, d.x, d.y);
    if (auto st = t.table("stock")) {
      for (std::size_t k = 0; k < kStockKinds; ++k) {
        const std::string key(kStockNames.names[k]);
        d.stock[k] = st->number(key, 0, -kInf, kInf);
        if (d.stock[k] < 0) st->error(key, "stock must be >= 0");
      }
      st->finish();
    }
    t.finish();
    s.depots.push_back(d);
  }
  for (auto& t : root.tables("shelter")) {
    ShelterSpec sh;
    sh.name = t.required_string("name");
    read_position(t, s, sh.x, sh.y);
    const double cap = t.number("capacity", 0, -kInf, 1e8);
    if (cap < 0) t.error("capacity", "capacity must be >= 0");
    sh.capacity = static_cast<int>(std::max(cap, 0.0));
    t.finish();
    s.shelters.push_back(sh);
  }
  std::vector<std::string> fed_names;
  auto site_readers = root.tables("critical_site");
  for (auto& t : site_readers) {
    CriticalSite c;
    c.name = t.required_string("name");
    c.kind = kSiteKinds.parse(t.choice("kind", "hospital", kSiteKinds.list())).value();
    read_position(t, s, c.x, c.y);
    c.people = t.number("people", 0, 0, 1e6);
    c.flood_depth_m = t.number("flood_depth_m", 0.3, 0, 10);
    fed_names.push_back(t.string("fed_by", ""));
    s.sites.push_back(c);
  }
  auto site_index = [&](const std::string& n) {
    for (std::size_t k = 0; k < s.sites.size(); ++k)
      if (s.sites[k].name == n) return static_cast<int>(k);
    return -1;
  };
  for (std::size_t k = 0; k < s.sites.size(); ++k) {
    if (fed_names[k].empty()) continue;
    s.sites[k].fed_by = site_index(fed_names[k]);
    if (s.sites[k].fed_by < 0)
      site_readers[k].error("fed_by", "no [[critical_site]] named '" + fed_names[k] + "'");
  }
  for (auto& t : site_readers) t.finish();
  for (auto& t : root.tables("outfall")) {
    Outfall o;
    o.name = t.required_string("name");
    read_position(t, s, o.x, o.y);
    t.finish();
    s.outfalls.push_back(o);
  }
  for (auto& t : root.tables("pumping_station")) {
    PumpingStation p;
    p.name = t.required_string("name");
    read_position(t, s, p.x, p.y);
    p.capacity_m3s = t.required_number("capacity_m3s", 0, 1e4);
    p.serves_radius_m = t.number("serves_radius_m", 2000, 0, 1e5);
    if (const std::string sub = t.string("substation", ""); !sub.empty()) {
      p.substation = site_index(sub);
      if (p.substation < 0) t.error("substation", "no [[critical_site]] named '" + sub + "'");
    }
    if (const std::string of = t.string("outfall", ""); !of.empty()) {
      for (std::size_t k = 0; k < s.outfalls.size(); ++k)
        if (s.outfalls[k].name == of) p.outfall = static_cast<int>(k);
      if (p.outfall < 0) t.error("outfall", "no [[outfall]] named '" + of + "'");
    }
    t.finish();
    s.pumps.push_back(p);
  }
}

void read_injects(TableReader& root, Scenario& s) {
  for (auto& t : root.tables("inject")) s.injects.push_back(read_inject_table(t, s, std::nullopt));
}

void read_incident_rates(TableReader& root, Scenario& s) {
  auto t = root.table("incidents");
  if (!t) return;
  IncidentRates& r = s.rates;
  r.trapped_per_person_h = t->number("trapped_per_person_h", r.trapped_per_person_h, 0, 1);
  r.trapped_depth_m = t->number("trapped_depth_m", r.trapped_depth_m, 0, 10);
  r.people_per_trapped = t->number("people_per_trapped", r.people_per_trapped, 1, 100);
  r.stranded_per_km_h = t->number("stranded_per_km_h", r.stranded_per_km_h, 0, 1000);
  r.basement_per_person_h = t->number("basement_per_person_h", r.basement_per_person_h, 0, 1);
  r.power_per_person_h = t->number("power_per_person_h", r.power_per_person_h, 0, 1);
  r.power_gust_ms = t->number("power_gust_ms", r.power_gust_ms, 0, 150);
  r.gas_per_person_h = t->number("gas_per_person_h", r.gas_per_person_h, 0, 1);
  r.medical_per_person_h = t->number("medical_per_person_h", r.medical_per_person_h, 0, 1);
  r.tree_per_km_h = t->number("tree_per_km_h", r.tree_per_km_h, 0, 1000);
  r.tree_gust_ms = t->number("tree_gust_ms", r.tree_gust_ms, 0, 150);
  r.deadline_trapped_s =
      t->number("deadline_trapped_h", r.deadline_trapped_s / 3600, 0.1, 240) * 3600;
  r.deadline_default_s =
      t->number("deadline_default_h", r.deadline_default_s / 3600, 0.1, 240) * 3600;
  t->finish();
}

// A nominal UTC offset for the DEM's longitude (15 degrees per hour), "+08:00" for eastern
// China; only a hint in the message that asks for the offset, never applied.
std::string suggested_offset(const Scenario& s) {
  int hours = 8;
  if (!s.dem.data.empty() && !s.dem.crs_wkt.empty()) {
    const Grid& g = s.dem.grid;
    const Grid centre{1, 1, g.x0 + 0.5 * g.width() - 0.5, g.y0 - 0.5 * g.height() + 0.5, 1.0};
    try {
      hours = static_cast<int>(std::lround(io::cell_lonlat(centre, s.dem.crs_wkt).lon[0] / 15));
    } catch (const InputError&) {
    }
  }
  hours = std::clamp(hours, -12, 14);
  char b[16];
  std::snprintf(b, sizeof b, "%c%02d:00", hours < 0 ? '-' : '+', std::abs(hours));
  return b;
}

void check_storm_window(TableReader& root, const Scenario& s, const LoadOptions& options) {
  auto t = root.table("storm");
  if (!t) return;
  try {
    for (const auto& p : storm_window_problems(s)) {
      if (options.allow_empty_storm)
        t->warning("", p + " (allowed by --allow-empty-storm)");
      else
        t->error("", p + " (for a deliberate dry run, pass --allow-empty-storm)");
    }
  } catch (const InputError& e) {
    t->error("track", e.what());
  } catch (const std::exception& e) {
    t->error("track", std::string("cannot read the track: ") + e.what());
  }
}

}  // namespace

Plan read_plan_table(TableReader& p, const Scenario& s);

Scenario load_scenario(const std::string& path, std::vector<std::string>* warnings) {
  return load_scenario(path, LoadOptions{}, warnings);
}

Scenario load_scenario(const std::string& path, const LoadOptions& options,
                       std::vector<std::string>* warnings) {
  Diagnostics diag;
  toml::table root;
  Scenario s;
  s.path = fs::absolute(path).lexically_normal().string();
  if (!fs::exists(path)) throw InputError(path + ": scenario file not found");
  std::vector<std::string> stack;
  read_with_includes(path, root, s.text, diag, stack);
  diag.throw_if_errors();

  TableReader r(root, "", diag, s.path);
  r.strings("include");
  bool start_has_offset = true;
  if (auto t = r.table("scenario")) {
    s.name = t->string("name", fs::path(path).stem().string());
    s.start_iso = t->string("start", "2000-01-01T00:00:00+00:00");
    s.language = t->choice("language", "en", {"en", "zh"});
    if (auto e = parse_iso8601(s.start_iso, start_has_offset))
      s.start_epoch_s = *e;
    else
      t->error("start", "not an ISO-8601 date-time with offset (e.g. 2021-07-25T08:00:00+08:00)");
    s.duration_s = t->required_number("duration_h", 0.01, 24 * 60) * 3600;
    s.seed =
        static_cast<std::uint64_t>(t->integer("seed", 1, 0, std::numeric_limits<long long>::max()));
    t->finish();
  } else {
    r.error("", "missing [scenario] table (name, start, duration_h, seed)");
  }
  RegionCacheUse rc;
  rc.dir = options.region_cache_dir;
  rc.subgrid_cell_m = root["flood"]["subgrid_cell_m"].value<double>().value_or(0);
  rc.diag_from = diag.all().size();
  read_region(r, s, options, rc);
  rc.diag_to = diag.all().size();
  const std::vector<float> landuse_codes =
      rc.key.empty() ? std::vector<float>{} : distinct_codes(s.landuse);
  if (!start_has_offset)
    if (auto t = r.table("scenario"))
      t->error("start", "'" + s.start_iso +
                            "' has no UTC offset, so the time is ambiguous by hours (it is "
                            "not taken as UTC); write the offset, e.g. start = \"" +
                            s.start_iso + suggested_offset(s) + "\" (local time of the DEM's " +
                            "longitude) or \"" + s.start_iso + "Z\" for UTC");
  read_landuse_classes(r, s, rc.hit ? &rc.landuse_codes : nullptr);
  read_boundary_and_tide(r, s);
  read_storm(r, s);
  read_flood(r, s);
  if (!rc.hit) apply_subgrid(r, s);  // before anything locates a point on the computational grid
  store_region(s, diag, rc, landuse_codes);
  read_roads(r, s);
  read_assets(r, s);
  read_injects(r, s);
  read_incident_rates(r, s);
  if (auto p = r.table("plan"))
    s.plan = read_plan_table(*p, s);
  else
    r.warning("", "no [plan] table: using the default plan (nearest-team dispatch)");
  if (auto c = r.table("compare")) s.compare = read_compare_table(*c);
  if (auto o = r.table("output")) {
    s.output_path = o->path("path", false, false);
    // Refused here, not after an hour of simulation: results need a file name of their own.
    if (!s.output_path.empty() &&
        (fs::path(s.output_path).relative_path().empty() || fs::is_directory(s.output_path)))
      o->error("path", "'" + s.output_path + "' is a folder; give a results file name");
    s.output_frame_interval_s = o->number("frame_interval_min", 30, 1, 1440) * 60;
    o->finish();
  }
  if (!diag.has_errors()) check_storm_window(r, s, options);
  r.finish();
  if (s.teams.empty()) r.warning("team", "the scenario has no [[team]]: nothing will respond");
  diag.throw_if_errors();
  if (warnings)
    for (const auto& d : diag.all()) warnings->push_back(d.str());
  return s;
}

const LanduseClass* Scenario::landuse_class(int code) const {
  for (const auto& c : landuse_classes)
    if (c.code == code) return &c;
  return nullptr;
}

int Scenario::team_index(const std::string& n) const {
  for (std::size_t k = 0; k < teams.size(); ++k)
    if (teams[k].name == n) return static_cast<int>(k);
  return -1;
}

}  // namespace sd
