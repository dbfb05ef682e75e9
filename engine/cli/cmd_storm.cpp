// `stormdrill storm profile|fields|ensemble|tide` — storm forcing from tracks and design storms.
#include <toml++/toml.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "core/error.hpp"
#include "core/iso_time.hpp"
#include "core/resource_estimate.hpp"
#include "io/atomic_file.hpp"
#include "io/h5.hpp"
#include "io/json_writer.hpp"
#include "io/lonlat.hpp"
#include "io/raster_io.hpp"
#include "io/track_reader.hpp"
#include "storm/design_storm.hpp"
#include "storm/ensemble.hpp"
#include "storm/rain_profile.hpp"
#include "storm/storm_field.hpp"
#include "storm/tide.hpp"
#include "version.hpp"

namespace sd::cli {
namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

double parse_number(const std::string& s, const std::string& flag) {
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || *end != '\0' || !std::isfinite(v))
    throw InputError(flag + ": not a number: '" + s + "'");
  return v;
}

storm::WindModel wind_model_of(const std::string& s) {
  storm::WindModel m;
  if (!storm::parse_wind_model(s, m))
    throw InputError("--wind-model: unknown '" + s +
                     "' (holland1980, holland2008, holland2010, willoughby2006)");
  return m;
}

// ---------------------------------------------------------------- profile
struct ProfileArgs {
  double vmax = 0, pc = 0, penv = 1005, rmax = 0, lat = 0;
  std::string radii, model = "holland1980";
  bool csv = true;
};

void run_profile(const ProfileArgs& a) {
  if (!(a.vmax > 0 && a.vmax < 120)) throw InputError("--vmax-ms: must be in (0, 120)");
  if (!(a.pc < a.penv)) throw InputError("--pc-hpa: must be below --penv-hpa");
  if (!(a.pc > 850)) throw InputError("--pc-hpa: must be above 850");
  if (!(a.rmax > 0)) throw InputError("--rmax-km: must be > 0");
  if (!(std::abs(a.lat) <= 90)) throw InputError("--lat: must be in [-90, 90]");
  storm::VortexParams vp;
  vp.vmax_ms = a.vmax;
  vp.pc_hpa = a.pc;
  vp.penv_hpa = a.penv;
  vp.rmax_km = a.rmax;
  vp.lat_deg = a.lat;
  const storm::WindProfile wp(wind_model_of(a.model), vp);
  const storm::RcliperShape rs = storm::rcliper_shape(a.vmax);
  std::vector<std::string> radii;
  std::string cur;
  for (char c : a.radii + ",") {
    if (c == ',') {
      if (!cur.empty()) radii.push_back(cur);
      cur.clear();
    } else if (c != ' ') {
      cur += c;
    }
  }
  if (radii.empty()) throw InputError("--radii-km: no radii given");
  std::vector<double> r(radii.size());
  for (std::size_t k = 0; k < radii.size(); ++k) {
    r[k] = parse_number(radii[k], "--radii-km");
    if (r[k] < 0) throw InputError("--radii-km: negative radius '" + radii[k] + "'");
  }
  std::printf("r_km,wind_ms,rain_mmph\n");
  for (std::size_t k = 0; k < r.size(); ++k)
    std::printf("%s,%.6g,%.6g\n", radii[k].c_str(), wp.surface_wind(r[k]),
                storm::rcliper_rate_mmph(rs, r[k]));
}

void add_profile(CLI::App& storm) {
  auto a = std::make_shared<ProfileArgs>();
  auto* c = storm.add_subcommand("profile",
                                 "Symmetric storm profile: r_km,wind_ms,rain_mmph CSV on stdout");
  c->add_option("--vmax-ms", a->vmax, "maximum surface wind (m/s)")->required();
  c->add_option("--pc-hpa", a->pc, "central pressure (hPa)")->required();
  c->add_option("--penv-hpa", a->penv, "environmental pressure (hPa)")->capture_default_str();
  c->add_option("--rmax-km", a->rmax, "radius of maximum wind (km)")->required();
  c->add_option("--lat", a->lat, "latitude (deg)")->required();
  c->add_option("--radii-km", a->radii, "comma-separated radii (km)")->required();
  c->add_option("--wind-model", a->model, "holland1980|holland2008|holland2010|willoughby2006")
      ->capture_default_str();
  c->add_flag("--csv", a->csv, "CSV output (the only format)");
  c->callback([a] { run_profile(*a); });
}

// ---------------------------------------------------------------- fields
struct FieldsArgs {
  std::string track, design, grid, out, out_total, out_max_wind, summary, format = "auto",
                                                                          averaging;
  std::string wind_model = "holland1980", structure = "mean", start, select;
  double frame_s = 600, penv = 1005, duration_h = -1, ref_lon = kNaNd(), ref_lat = kNaNd();
  double shear_u = 0, shear_v = 0, rain_mult = 1.0;
  std::uint64_t seed = 1;
  int deflate = 4, offset_min = 480;
  bool gust = false;
  std::string out_max_gust;
  static double kNaNd() { return std::numeric_limits<double>::quiet_NaN(); }
};

storm::DesignStorm read_design_storm(const std::string& path) {
  toml::table doc;
  try {
    doc = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw InputError(where(path, static_cast<long>(e.source().begin.line)) + ": " +
                     std::string(e.description()));
  }
  const toml::table* t = &doc;
  if (auto* s = doc["storm"]["design"].as_table())
    t = s;
  else if (auto* d = doc["design"].as_table())
    t = d;
  storm::DesignStorm ds;
  auto num = [&](const char* key, double& out, bool required) {
    const auto node = (*t)[key];
    if (!node) {
      if (required) throw InputError(where(path) + ": design storm: missing key '" + key + "'");
      return;
    }
    const auto v = node.value<double>();
    if (!v)
      throw InputError(where(path, static_cast<long>(node.node()->source().begin.line)) +
                       ": key '" + key + "': not a number");
    out = *v;
  };
  num("a1", ds.formula.a1, true);
  num("c", ds.formula.c, true);
  num("b", ds.formula.b, true);
  num("n", ds.formula.n, true);
  num("return_period_y", ds.return_period_y, true);
  num("duration_min", ds.duration_min, true);
  num("peak_ratio", ds.peak_ratio, false);
  num("step_min", ds.step_min, false);
  num("area_km2", ds.area_km2, false);
  if (const auto ar = (*t)["areal_reduction"].value<bool>(); ar && *ar && ds.area_km2 <= 0)
    ds.area_km2 = -1.0;  // resolved to the grid's valid area by the caller
  return ds;
}

storm::StormParams params_of(const FieldsArgs& a) {
  storm::StormParams p;
  p.wind_model = wind_model_of(a.wind_model);
  if (!storm::parse_rain_structure(a.structure.c_str(), p.structure))
    throw InputError("--rain-structure: unknown '" + a.structure + "' (mean, bands, bands+bursts)");
  p.penv_hpa = a.penv;
  p.shear_u_ms = a.shear_u;
  p.shear_v_ms = a.shear_v;
  p.rain_multiplier = a.rain_mult;
  p.bursts.seed = a.seed;
  return p;
}

struct Outputs {
  h5::File file;
  std::unique_ptr<h5::FrameWriter<float>> rain, wind, gust;
  std::vector<double> times;
};

Outputs open_h5(const FieldsArgs& a, const io::Raster& dem) {
  h5::quiet_errors();
  Outputs o{h5::File::create(a.out), nullptr, nullptr, nullptr, {}};
  const h5::Handle grid = h5::create_group(o.file, "grid");
  h5::set_grid_attrs(grid, dem.grid);
  h5::set_attr(grid, "crs_wkt", dem.crs_wkt);
  h5::write_matrix(grid, "elevation", dem.data.data(), static_cast<std::size_t>(dem.grid.ny),
                   static_cast<std::size_t>(dem.grid.nx));
  const h5::Handle hz = h5::create_group(o.file, "hazard");
  const std::vector<hsize_t> dims{static_cast<hsize_t>(dem.grid.ny),
                                  static_cast<hsize_t>(dem.grid.nx)};
  o.rain = std::make_unique<h5::FrameWriter<float>>(hz, "rain", dims, a.deflate);
  h5::set_cf(o.rain->id(), "mm/h", "rain rate");
  o.wind = std::make_unique<h5::FrameWriter<float>>(hz, "wind", dims, a.deflate);
  h5::set_cf(o.wind->id(), "m/s", "10-min mean wind speed at 10 m");
  if (a.gust) {
    o.gust = std::make_unique<h5::FrameWriter<float>>(hz, "gust", dims, a.deflate);
    h5::set_cf(o.gust->id(), "m/s", "3-s gust at 10 m");
  }
  return o;
}

struct Stats {
  double total_max = 0, total_mean = 0, wind_max = 0, hourly_max = 0, tenmin_max = 0;
};

Stats grid_stats(const storm::StormAccumulator& acc) {
  Stats s;
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t c = 0; c < acc.total_mm().size(); ++c) {
    const float v = acc.total_mm()[c];
    if (std::isnan(v)) continue;
    sum += v;
    ++n;
    s.total_max = std::max<double>(s.total_max, v);
    s.wind_max = std::max<double>(s.wind_max, acc.max_wind_ms()[c]);
    s.hourly_max = std::max<double>(s.hourly_max, acc.max_hourly_mm()[c]);
    s.tenmin_max = std::max<double>(s.tenmin_max, acc.max_10min_mm()[c]);
  }
  s.total_mean = n ? sum / static_cast<double>(n) : 0.0;
  return s;
}

double start_epoch(const FieldsArgs& a, double fallback) {
  if (a.start.empty()) return fallback;
  bool has_offset = false;
  const auto e = parse_iso8601(a.start, has_offset);
  if (!e) throw InputError("--start: not an ISO-8601 date-time: '" + a.start + "'");
  if (!has_offset)  // never guessed as UTC (issue 13 §1)
    throw InputError("--start: '" + a.start + "' has no UTC offset; write it, e.g. '" + a.start +
                     "+08:00' or '" + a.start + "Z'");
  return static_cast<double>(*e);
}

// What drives the frames: a track's storm field, or a design storm's uniform hyetograph.
struct Source {
  std::string name;
  storm::StormParams params;
  double duration_s = 0;
  std::unique_ptr<storm::StormField> field;
  std::optional<storm::StormFrames> frames;
  TimeSeries hyetograph;  // design storm (mm/h)
};

void track_source(const FieldsArgs& a, const io::Raster& dem, Source& s) {
  std::optional<storm::Averaging> avg;
  if (!a.averaging.empty()) {
    storm::Averaging v;
    if (!storm::parse_averaging(a.averaging, v))
      throw InputError("--averaging: unknown '" + a.averaging + "'");
    avg = v;
  }
  const storm::Track tr = io::read_track(a.track, io::parse_track_format(a.format), avg, a.select);
  s.name = tr.name;
  s.params.epoch_s = start_epoch(a, tr.start());
  std::optional<io::RefLonLat> ref;
  if (!std::isnan(a.ref_lon) && !std::isnan(a.ref_lat)) ref = io::RefLonLat{a.ref_lon, a.ref_lat};
  io::CellLonLat ll = io::cell_lonlat(dem, ref);
  s.field = std::make_unique<storm::StormField>(tr, s.params, dem.grid, std::move(ll.lon),
                                                std::move(ll.lat), dem.data);
  // Default span: to the end of the track including any inland-decay extension.
  s.duration_s = a.duration_h > 0 ? a.duration_h * 3600.0 : s.field->t_end();
  // Burst blocks at the output spacing, so the written frames carry the exact block totals.
  s.frames.emplace(*s.field, a.frame_s);
}

void design_source(const FieldsArgs& a, const io::Raster& dem, Source& s) {
  storm::DesignStorm ds = read_design_storm(a.design);
  if (ds.area_km2 < 0) {  // areal_reduction = true: the DEM's valid area
    std::size_t valid = 0;
    for (float v : dem.data) valid += !std::isnan(v);
    ds.area_km2 = static_cast<double>(valid) * dem.grid.cell_area() / 1e6;
  }
  try {
    s.hyetograph = storm::chicago_hyetograph(ds);
  } catch (const std::invalid_argument& e) {
    throw InputError(where(a.design) + ": " + e.what());
  }
  s.name = "design storm";
  s.params.epoch_s = start_epoch(a, 0.0);
  s.duration_s = a.duration_h > 0 ? a.duration_h * 3600.0 : ds.duration_min * 60.0;
}

void fill_frame(Source& s, const io::Raster& dem, double t, std::vector<float>& rain,
                std::vector<float>& wind, std::vector<float>& gust) {
  if (s.frames) {
    s.frames->fill(t, rain.data(), wind.data(), gust.empty() ? nullptr : gust.data());
    return;
  }
  std::fill(gust.begin(), gust.end(), 0.0f);
  const float r = static_cast<float>(s.hyetograph.at(t));
  for (std::size_t c = 0; c < rain.size(); ++c) {
    rain[c] = std::isnan(dem.data[c]) ? NAN : r;
    wind[c] = std::isnan(dem.data[c]) ? NAN : 0.0f;
  }
}

void write_meta(hid_t file, const FieldsArgs& a, const Source& s, double wall_s) {
  const h5::Handle meta = h5::create_group(file, "meta");
  h5::set_attr(meta, "format", "stormdrill-results");
  h5::set_attr(meta, "format_version", 1);
  h5::set_attr(meta, "kind", "storm");
  h5::set_attr(meta, "engine_version", kVersion);
  h5::set_attr(meta, "git_commit", kGitCommit);
  h5::set_attr(meta, "scenario_name", s.name);
  h5::set_attr(meta, "start_time",
               format_iso8601(static_cast<std::int64_t>(s.params.epoch_s), a.offset_min));
  h5::set_attr(meta, "duration_s", s.duration_s);
  h5::set_attr(meta, "seed", static_cast<std::int64_t>(a.seed));
  h5::set_attr(meta, "wall_s", wall_s);
  h5::set_attr(meta, "rain_structure", a.structure);
  h5::set_attr(meta, "wind_model", a.wind_model);
}

void write_hazard_maps(hid_t file, const Grid& g, const storm::StormAccumulator& acc,
                       const std::vector<double>& times) {
  const h5::Handle hz = h5::open_group(file, "hazard");
  const auto rows = static_cast<std::size_t>(g.ny), cols = static_cast<std::size_t>(g.nx);
  h5::write_vector(hz, "time", times);
  h5::write_matrix(hz, "total_rain", acc.total_mm().data(), rows, cols);
  h5::write_matrix(hz, "max_wind", acc.max_wind_ms().data(), rows, cols);
  h5::write_matrix(hz, "max_hourly_rain", acc.max_hourly_mm().data(), rows, cols);
}

void write_summary(const FieldsArgs& a, const Source& s, const storm::StormAccumulator& acc,
                   double compute_s, double write_s, double wall_s) {
  const Stats st = grid_stats(acc);
  io::Json j = io::Json::object();
  j.set("frames", acc.frames());
  j.set("frame_interval_s", a.frame_s);
  j.set("total_rain_max_mm", st.total_max);
  j.set("total_rain_mean_mm", st.total_mean);
  j.set("max_wind_ms", st.wind_max);
  j.set("max_hourly_rain_mm", st.hourly_max);
  j.set("max_10min_rain_mm", st.tenmin_max);
  j.set("rain_structure", a.structure);
  const bool landfall = s.field && !std::isnan(s.field->landfall_t());
  j.set("landfall_time",
        landfall ? io::Json(format_iso8601(
                       static_cast<std::int64_t>(s.params.epoch_s + s.field->landfall_t()),
                       a.offset_min))
                 : io::Json::null());
  j.set("compute_s", compute_s);
  j.set("write_s", write_s);
  j.set("wall_s", wall_s);
  io::write_text_atomic(a.summary, j.dump() + "\n");
}

void run_fields(const FieldsArgs& a) {
  const auto t_start = Clock::now();
  if (a.track.empty() == a.design.empty())
    throw InputError("give exactly one of --track and --design-storm");
  if (!(a.frame_s > 0)) throw InputError("--frame-interval-s: must be > 0");
  const io::Raster dem = io::read_raster(a.grid);
  Source s;
  s.params = params_of(a);
  if (!a.track.empty())
    track_source(a, dem, s);
  else
    design_source(a, dem, s);
  if (!(s.duration_s > 0)) throw InputError("the storm has no duration after --start");
  const long frames = static_cast<long>(std::floor(s.duration_s / a.frame_s + 1e-9)) + 1;
  {  // the frames must fit on the disk (`--duration-h 1e9` once ran until killed)
    ResourceEstimate e;
    const int fields = a.gust ? 3 : 2;
    e.add_disk(std::to_string(frames) + " frames x " + std::to_string(fields) + " fields x " +
                   std::to_string(dem.grid.size()) + " cells x 4 B",
               static_cast<double>(frames) * fields * static_cast<double>(dem.grid.size()), 4);
    require_disk(e, std::filesystem::absolute(a.out).parent_path().string(), "storm fields");
  }
  Outputs o = open_h5(a, dem);
  storm::StormAccumulator acc(dem.grid.size(), a.frame_s);
  std::vector<float> rain(dem.grid.size()), wind(dem.grid.size());
  std::vector<float> gust(a.gust ? dem.grid.size() : 0), max_gust(gust.size(), 0.0f);
  double compute_s = 0, write_s = 0;
  for (long k = 0; k < frames; ++k) {
    const double t = k * a.frame_s;
    auto t0 = Clock::now();
    fill_frame(s, dem, t, rain, wind, gust);
    acc.add(rain.data(), wind.data());
    for (std::size_t c = 0; c < gust.size(); ++c)
      max_gust[c] = std::isnan(gust[c]) ? NAN : std::max(max_gust[c], gust[c]);
    compute_s += seconds_since(t0);
    t0 = Clock::now();
    o.rain->append(rain.data());
    o.wind->append(wind.data());
    if (o.gust) o.gust->append(gust.data());
    o.times.push_back(t);
    write_s += seconds_since(t0);
  }
  const auto t_fin = Clock::now();
  write_hazard_maps(o.file, dem.grid, acc, o.times);
  if (a.gust)
    h5::write_matrix(h5::open_group(o.file, "hazard"), "max_gust", max_gust.data(),
                     static_cast<std::size_t>(dem.grid.ny), static_cast<std::size_t>(dem.grid.nx));
  write_meta(o.file, a, s, seconds_since(t_start));
  o.file.commit();
  write_s += seconds_since(t_fin);
  if (!a.out_total.empty()) io::write_raster(a.out_total, io::with_values(dem, acc.total_mm()));
  if (!a.out_max_wind.empty())
    io::write_raster(a.out_max_wind, io::with_values(dem, acc.max_wind_ms()));
  if (!a.out_max_gust.empty()) {
    if (!a.gust) throw InputError("--out-max-gust needs --gust");
    io::write_raster(a.out_max_gust, io::with_values(dem, max_gust));
  }
  if (!a.summary.empty()) write_summary(a, s, acc, compute_s, write_s, seconds_since(t_start));
}

void add_fields(CLI::App& storm) {
  auto a = std::make_shared<FieldsArgs>();
  auto* c = storm.add_subcommand("fields",
                                 "Rain-rate and wind grids over time from a track or design storm");
  c->add_option("--track", a->track, "track file (CMA best track, IBTrACS CSV, plain CSV)");
  c->add_option("--design-storm", a->design,
                "design storm TOML ([storm.design] or top-level keys)");
  c->add_option("--grid", a->grid, "DEM raster defining the grid (NoData = outside)")->required();
  c->add_option("--frame-interval-s", a->frame_s, "frame spacing (s)")->capture_default_str();
  c->add_option("--out", a->out, "output HDF5 (kind=storm)")->required();
  c->add_option("--out-total", a->out_total, "storm-total rain raster (mm)");
  c->add_option("--out-max-wind", a->out_max_wind, "maximum 10-min wind raster (m/s)");
  c->add_flag("--gust", a->gust, "also write 3-s gust frames (/hazard/gust) and /hazard/max_gust");
  c->add_option("--out-max-gust", a->out_max_gust, "maximum 3-s gust raster (m/s; needs --gust)");
  c->add_option("--summary-json", a->summary, "summary JSON");
  c->add_option("--rain-structure", a->structure, "mean|bands|bands+bursts")->capture_default_str();
  c->add_option("--format", a->format, "track format: auto|cma_bst|ibtracs|csv")
      ->capture_default_str();
  c->add_option("--select", a->select, "storm name/number/SID in a multi-storm file");
  c->add_option("--averaging", a->averaging,
                "override the track's wind averaging (1min|2min|3min|10min)");
  c->add_option("--wind-model", a->wind_model, "holland1980|holland2008|holland2010|willoughby2006")
      ->capture_default_str();
  c->add_option("--penv-hpa", a->penv, "environmental pressure (hPa)")->capture_default_str();
  c->add_option("--start", a->start, "scenario start (ISO-8601; default: track start)");
  c->add_option("--duration-h", a->duration_h, "span to compute (default: to the track end)")
      ->check(in_range_above(0.0, 8784.0));  // -2 once meant "the default"
  c->add_option("--ref-lon", a->ref_lon, "grid-centre longitude when the DEM has no CRS");
  c->add_option("--ref-lat", a->ref_lat, "grid-centre latitude when the DEM has no CRS");
  c->add_option("--shear-u-ms", a->shear_u, "environmental shear, east component (m/s)");
  c->add_option("--shear-v-ms", a->shear_v, "environmental shear, north component (m/s)");
  c->add_option("--rain-multiplier", a->rain_mult, "scales all rain")->capture_default_str();
  c->add_option("--seed", a->seed, "burst seed")->check(seed_check())->capture_default_str();
  c->add_option("--deflate", a->deflate, "HDF5 DEFLATE level 0-9")->capture_default_str();
  c->add_option("--utc-offset-min", a->offset_min, "offset for written times")
      ->capture_default_str();
  c->callback([a] { run_fields(*a); });
}

// ---------------------------------------------------------------- ensemble
struct EnsembleArgs {
  std::string track, out_dir, format = "auto", select;
  int n = 10;
  std::uint64_t seed = 1;
  storm::EnsembleSpec spec;
  double penv = 1005;
};

void run_ensemble(const EnsembleArgs& a) {
  if (a.n < 1 || a.n > 10000) throw InputError("--n: must be in [1, 10000]");
  const storm::Track tr =
      io::read_track(a.track, io::parse_track_format(a.format), std::nullopt, a.select);
  storm::StormParams base;
  base.penv_hpa = a.penv;
  std::filesystem::create_directories(a.out_dir);
  io::Json members = io::Json::array();
  for (int k = 0; k < a.n; ++k) {
    const storm::Member m = storm::member(tr, base, a.spec, a.seed, k);
    char file[32];
    std::snprintf(file, sizeof file, "member_%03d.csv", k);
    io::write_track_csv((std::filesystem::path(a.out_dir) / file).string(), m.track);
    io::Json j = io::Json::object();
    j.set("index", k);
    j.set("track", std::string(file));
    j.set("cross_track_km", m.cross_km);
    j.set("along_track_km", m.along_km);
    j.set("intensity_mult", m.intensity_mult);
    j.set("rmax_mult", m.rmax_mult);
    j.set("rain_multiplier", m.params.rain_multiplier);
    j.set("band_phase_deg", m.params.bands.phase_deg);
    j.set("burst_seed", static_cast<long long>(m.params.bursts.seed));
    members.push(j);
  }
  io::Json man = io::Json::object();
  man.set("kind", "storm-ensemble");
  man.set("source_track", std::filesystem::absolute(a.track).string());
  man.set("seed", static_cast<unsigned long long>(a.seed));
  man.set("n", a.n);
  man.set("cross_track_sd_km", a.spec.cross_track_sd_km);
  man.set("along_track_sd_km", a.spec.along_track_sd_km);
  man.set("intensity_sd_frac", a.spec.intensity_sd_frac);
  man.set("rmax_sd_frac", a.spec.rmax_sd_frac);
  man.set("rain_sd_frac", a.spec.rain_sd_frac);
  man.set("members", members);
  io::write_text_atomic((std::filesystem::path(a.out_dir) / "manifest.json").string(),
                        man.dump() + "\n");
}

void add_ensemble(CLI::App& storm) {
  auto a = std::make_shared<EnsembleArgs>();
  auto* c = storm.add_subcommand(
      "ensemble", "Draw N perturbed members of a track (track files + manifest.json)");
  c->add_option("--track", a->track, "source track file")->required();
  c->add_option("--n", a->n, "number of members (1..100000)")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  c->add_option("--seed", a->seed, "ensemble seed")->check(seed_check())->capture_default_str();
  c->add_option("--out-dir", a->out_dir, "output folder")->required();
  c->add_option("--format", a->format, "track format")->capture_default_str();
  c->add_option("--select", a->select, "storm in a multi-storm file");
  c->add_option("--cross-track-sd-km", a->spec.cross_track_sd_km)->capture_default_str();
  c->add_option("--along-track-sd-km", a->spec.along_track_sd_km)->capture_default_str();
  c->add_option("--intensity-sd", a->spec.intensity_sd_frac, "relative sd of V_max")
      ->capture_default_str();
  c->add_option("--rmax-sd", a->spec.rmax_sd_frac, "log-normal sd of R_max")->capture_default_str();
  c->add_option("--rain-sd", a->spec.rain_sd_frac, "log-normal sd of the rain multiplier")
      ->capture_default_str();
  c->add_option("--penv-hpa", a->penv)->capture_default_str();
  c->callback([a] { run_ensemble(*a); });
}

}  // namespace

void add_storm(CLI::App& app) {
  auto* cmd = app.add_subcommand("storm", "Storm forcing: profiles, rain/wind fields, ensembles");
  cmd->require_subcommand(1);
  add_profile(*cmd);
  add_fields(*cmd);
  add_ensemble(*cmd);
}

}  // namespace sd::cli
