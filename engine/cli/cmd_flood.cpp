// `stormdrill flood`: rain on a DEM through the local-inertial solver, from files and flags
// (issue 3). Frames and summaries to HDF5 (/hazard layout of docs/results-format.md),
// rasters by extension, a --summary-json with the volume budget, checkpoint/resume.
#include <omp.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/resource_estimate.hpp"
#include "flood/flood_model.hpp"
#include "flood/flood_state.hpp"
#include "flood/rain_source.hpp"
#include "flood_cli/flood_inputs.hpp"
#include "flood_cli/hazard_h5.hpp"
#include "flood_cli/subgrid_setup.hpp"
#include "hazard/mass_balance.hpp"
#include "io/atomic_file.hpp"
#include "io/json_writer.hpp"
#include "io/output_guard.hpp"
#include "io/raster_checks.hpp"
#include "io/raster_io.hpp"

namespace sd::cli {
namespace {

struct FloodArgs {
  std::string dem, manning_raster, rain_file, init_depth, out_h5, out_max, out_depth, summary_json;
  std::string checkpoint, resume, out_max_coarse;
  std::optional<double> subgrid_cell_m, dt_max;
  std::optional<double> manning, rain_mmph, rain_hours, infiltration, drainage, cfl, frame_interval;
  std::optional<double> checkpoint_every, theta, stats_interval;
  double duration = -1;
  int threads = 0;
  int min_cells_per_thread = 0;
  std::vector<std::string> boundary;
  std::string cache_dir;  // sub-grid tables cache (default: the hazard cache folder)
  bool no_cache = false;
};

io::Raster read_same_grid(const std::string& path, const io::Raster& dem, const char* flag) {
  io::Raster r = io::read_raster(path);
  if (r.grid.nx != dem.grid.nx || r.grid.ny != dem.grid.ny ||
      std::fabs(r.grid.cell - dem.grid.cell) > 1e-9 * dem.grid.cell)
    throw InputError(where(path) + ": " + flag + " raster is " + std::to_string(r.grid.nx) + "x" +
                     std::to_string(r.grid.ny) + ", the DEM is " + std::to_string(dem.grid.nx) +
                     "x" + std::to_string(dem.grid.ny));
  return r;
}

// Water depths: finite and >= 0 on every cell with ground (NoData cells are ignored); a
// negative initial depth was accepted and entered the volume budget as negative water.
io::Raster read_init_depth(const std::string& path, const io::Raster& dem) {
  io::Raster r = read_same_grid(path, dem, "--init-depth");
  for (std::size_t k = 0; k < r.data.size(); ++k) {
    if (!std::isfinite(dem.data[k])) continue;
    const float d = r.data[k];
    if (std::isnan(d)) {
      r.data[k] = 0.0f;  // undeclared depth on ground: dry
      continue;
    }
    if (!(d >= 0.0f) || !std::isfinite(d))
      throw InputError(where(path) + ": --init-depth at row " +
                       std::to_string(k / static_cast<std::size_t>(dem.grid.nx)) + ", column " +
                       std::to_string(k % static_cast<std::size_t>(dem.grid.nx)) + " is " +
                       std::to_string(d) + " m; depths must be finite and >= 0");
  }
  return r;
}

constexpr double kMaxDurationS = 366 * 86400.0;  // longest run: a (leap) year

void check_args(const FloodArgs& a) {
  if (!(a.duration > 0)) throw InputError("--duration-s must be > 0");
  if (a.duration > kMaxDurationS)
    throw InputError("--duration-s " + std::to_string(a.duration) +
                     " is more than a year (31,622,400 s): not a storm event");
  if (a.manning && a.manning_raster.size())
    throw InputError("give --manning or --manning-raster, not both");
  if (a.manning && !(*a.manning > 0)) throw InputError("--manning must be > 0");
  if (a.rain_mmph.has_value() != a.rain_hours.has_value())
    throw InputError("--rain-mmph and --rain-hours go together");
  if (a.rain_mmph && !a.rain_file.empty())
    throw InputError("give --rain-mmph/--rain-hours or --rain-file, not both");
  if (a.rain_mmph && (*a.rain_mmph < 0 || *a.rain_hours < 0))
    throw InputError("--rain-mmph and --rain-hours must be >= 0");
  if (a.frame_interval && !(*a.frame_interval > 0))
    throw InputError("--frame-interval-s must be > 0");
  if (a.checkpoint_every && !(*a.checkpoint_every > 0))
    throw InputError("--checkpoint-every-s must be > 0");
  if (a.checkpoint_every.has_value() != !a.checkpoint.empty())
    throw InputError("--checkpoint and --checkpoint-every-s go together");
  if (a.cfl && !(*a.cfl > 0 && *a.cfl <= 1)) throw InputError("--cfl must be in (0, 1]");
  if (a.theta && !(*a.theta >= 0.5 && *a.theta <= 1))
    throw InputError("--theta must be in [0.5, 1]");
  {
    const double theta = a.theta.value_or(flood::Options{}.theta);
    const double cfl = a.cfl.value_or(flood::Options{}.cfl);
    if (cfl > flood::max_stable_cfl(theta))
      throw InputError("--cfl " + std::to_string(cfl) +
                       " exceeds the stability limit sqrt(theta/2) = " +
                       std::to_string(flood::max_stable_cfl(theta)) + " for --theta " +
                       std::to_string(theta) + " (docs/flood-model.md, Stability)");
  }
  if (a.infiltration && *a.infiltration < 0) throw InputError("--infiltration-mmph must be >= 0");
  if (a.drainage && *a.drainage < 0) throw InputError("--drainage-mmph must be >= 0");
  if (a.threads < 0) throw InputError("--threads must be >= 0");
  if (a.dt_max && !(*a.dt_max > 0)) throw InputError("--dt-max-s must be > 0");
}

std::vector<float> read_manning(const FloodArgs& a, const io::Raster& dem) {
  if (a.manning_raster.empty()) return {};
  auto n = read_same_grid(a.manning_raster, dem, "--manning-raster").data;
  for (std::size_t k = 0; k < n.size(); ++k)
    if (std::isfinite(dem.data[k]) && !(n[k] > 0))
      throw InputError(where(a.manning_raster) + ": Manning n at row " +
                       std::to_string(k / dem.grid.nx) + ", column " +
                       std::to_string(k % dem.grid.nx) + " must be > 0");
  return n;
}

// sg: sub-grid tables of the DEM (then the grid is their coarse grid and the per-pixel
// Manning n is already in the face tables), or null.
flood::ModelSpec build_spec(const FloodArgs& a, const io::Raster& dem,
                            const flood_cli::SubgridGrid* sg) {
  flood::ModelSpec s;
  if (a.manning) s.manning_uniform = static_cast<float>(*a.manning);
  if (sg) {
    s.grid = sg->coarse.grid;
    s.subgrid = sg->tables;
  } else {
    s.grid = dem.grid;
    s.bed = dem.data;
    s.manning = read_manning(a, dem);
  }
  s.infiltration_uniform_mmph = static_cast<float>(a.infiltration.value_or(0.0));
  s.drainage_uniform_mmph = static_cast<float>(a.drainage.value_or(0.0));
  flood_cli::apply_boundaries(a.boundary, s.edges);
  if (a.cfl) s.options.cfl = *a.cfl;
  if (a.theta) s.options.theta = *a.theta;
  if (a.stats_interval) s.options.stats_interval_s = *a.stats_interval;
  if (a.dt_max) s.options.dt_max = *a.dt_max;
  s.options.threads = a.threads;
  if (a.min_cells_per_thread > 0) s.options.min_cells_per_thread = a.min_cells_per_thread;
  return s;
}

std::unique_ptr<flood::RainSource> make_rain(const FloodArgs& a) {
  if (a.rain_mmph)
    return std::make_unique<flood::UniformRain>(
        flood::UniformRain::block(*a.rain_mmph, *a.rain_hours));
  if (!a.rain_file.empty())
    return std::make_unique<flood::UniformRain>(
        flood_cli::read_series_csv(a.rain_file, "mm_per_h"));
  return nullptr;
}

// Before the simulation (inputs are read by now, so the output guard knows them): no output
// over an input, a folder, or an existing file of another kind.
void check_outputs(const FloodArgs& a) {
  if (!a.out_h5.empty()) io::check_output_file(a.out_h5, io::FileKind::Hdf5);
  for (const std::string* r : {&a.out_max, &a.out_depth, &a.out_max_coarse})
    if (!r->empty()) io::check_output_file(*r, io::kind_from_extension(*r));
  if (!a.summary_json.empty()) io::check_output_file(a.summary_json, io::FileKind::Text);
}

// Frames written for --out (depth and rain per frame, before compression) must fit on
// the disk: `--duration-s 1e9` once wrote 100-185 MB/min until killed.
void require_output_room(const FloodArgs& a, const Grid& grid) {
  if (a.out_h5.empty()) return;
  const double frames = std::ceil(a.duration / a.frame_interval.value_or(a.duration)) + 1;
  ResourceEstimate e;
  e.add_disk("--out frames: " + std::to_string(static_cast<long long>(frames)) +
                 " frames x 2 fields x " + std::to_string(grid.size()) + " cells x 4 B",
             frames * 2 * static_cast<double>(grid.size()), 4);
  require_disk(e, std::filesystem::absolute(a.out_h5).parent_path().string(), "flood");
}

void run_flood(const FloodArgs& a) {
  const auto wall0 = std::chrono::steady_clock::now();
  check_args(a);
  const io::Raster dem = io::read_raster(a.dem);
  if (auto bad = io::implausible_elevation(dem)) throw InputError(where(a.dem) + ": " + *bad);
  // Sub-grid: `dem` is the fine terrain, `grid` the computational raster (coarse cells).
  std::optional<flood_cli::SubgridGrid> sg;
  if (a.subgrid_cell_m) {
    const int ratio = flood_cli::subgrid_ratio(*a.subgrid_cell_m, dem, a.dem);
    sg = flood_cli::build_subgrid(
        dem, ratio, read_manning(a, dem),
        static_cast<float>(a.manning.value_or(flood::ModelSpec{}.manning_uniform)),
        {a.cache_dir, !a.no_cache, a.threads, nullptr});
  }
  const io::Raster& grid = sg ? sg->coarse : dem;
  require_output_room(a, grid.grid);
  flood::ModelPtr model;
  try {
    model = flood::build_model(build_spec(a, dem, sg ? &*sg : nullptr));
  } catch (const std::invalid_argument& e) {
    throw InputError(where(a.dem) + ": " + e.what());
  }
  const auto rain = make_rain(a);
  flood::State st(model);
  st.set_rain(rain.get());
  if (!a.init_depth.empty()) {
    const io::Raster d0 = read_init_depth(a.init_depth, dem);
    st.set_depth(sg ? flood_cli::coarse_volume_depth(*sg, dem, d0) : d0.data);
  }
  if (!a.resume.empty()) {
    std::ifstream in(a.resume, std::ios::binary);
    if (!in) throw InputError(where(a.resume) + ": cannot open checkpoint");
    try {
      st.restore(in);
    } catch (const std::runtime_error& e) {
      throw InputError(where(a.resume) + ": " + e.what());
    }
  }
  check_outputs(a);
  std::unique_ptr<flood_cli::HazardWriter> h5;
  if (!a.out_h5.empty()) h5 = std::make_unique<flood_cli::HazardWriter>(a.out_h5, grid, *model);
  const double fi = a.frame_interval.value_or(a.duration);
  const double ce = a.checkpoint_every.value_or(std::numeric_limits<double>::infinity());
  auto next_multiple = [](double t, double step) {
    return (std::floor(t / step + 1e-9) + 1.0) * step;
  };
  if (h5 && st.time() == 0.0) h5->frame(st, rain.get());
  while (st.time() < a.duration) {
    const double t = st.time();
    const double tf = std::min(next_multiple(t, fi), a.duration);
    const double tc = next_multiple(t, ce);
    const double target = std::min(tf, tc);
    st.advance_to(target);
    if (h5 && (target == tf)) h5->frame(st, rain.get());
    if (target == tc && !a.checkpoint.empty()) {
      std::ostringstream os(std::ios::binary);
      st.save(os);
      io::write_text_atomic(a.checkpoint, os.str());
    }
  }
  const auto& b = st.budget();
  require_mass_balance(b, "flood");  // before any output: a broken run writes nothing
  std::vector<float> depth(grid.data.size());
  st.depth_f32(depth.data());
  const auto& max_head = st.summary().max_depth;
  // Sub-grid: max depth and end depth downscaled onto the fine DEM (its resolution and
  // extent); --out-max-coarse is the computational grid's max depth either way.
  const io::Raster fine_max = sg ? flood_cli::fine_depth(*sg, dem, max_head) : io::Raster{};
  if (h5) {
    if (sg) h5->fine_max_depth(fine_max, sg->ratio);
    h5->finish(st, std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count());
  }
  if (!a.out_depth.empty())
    io::write_raster(a.out_depth,
                     sg ? flood_cli::fine_depth(*sg, dem, depth) : io::with_values(grid, depth));
  if (!a.out_max.empty())
    io::write_raster(a.out_max, sg ? fine_max : io::with_values(grid, max_head));
  if (!a.out_max_coarse.empty())
    io::write_raster(a.out_max_coarse, io::with_values(grid, max_head));
  double dmax = 0.0;
  for (float d : depth)
    if (std::isfinite(d)) dmax = std::max(dmax, static_cast<double>(d));
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  const double cells = static_cast<double>(grid.grid.size());
  if (sg)
    std::printf("flood: sub-grid %d x %d pixels per cell, tables %s in %.2f s\n", sg->ratio,
                sg->ratio, sg->from_cache ? "read from the cache" : "built", sg->build_s);
  std::printf(
      "flood: %zu cells, %llu steps, t = %.1f s, max depth %.3f m, mass error %.2e, %.3g "
      "cell-updates/s\n",
      grid.grid.size(), static_cast<unsigned long long>(st.steps()), st.time(), dmax, b.error_rel(),
      st.solver_wall_s() > 0 ? cells * static_cast<double>(st.steps()) / st.solver_wall_s() : 0.0);
  if (!a.summary_json.empty()) {
    auto j = io::Json::object();
    j.set("cells", static_cast<long long>(grid.grid.size()))
        .set("subgrid_ratio", sg ? sg->ratio : 1)
        .set("fine_cells", static_cast<long long>(dem.grid.size()))
        .set("table_build_s", sg ? sg->build_s : 0.0)
        .set("tables_from_cache", sg ? sg->from_cache : false)
        .set("active_cells", static_cast<long long>(model->active_cells()))
        .set("steps", static_cast<long long>(st.steps()))
        .set("t_end_s", st.time())
        .set("wall_s", wall)
        .set("solver_wall_s", st.solver_wall_s())
        .set("cell_updates_per_s",
             st.solver_wall_s() > 0 ? cells * static_cast<double>(st.steps()) / st.solver_wall_s()
                                    : 0.0)
        .set("rain_m3", b.rain)
        .set("infiltration_m3", b.infiltration)
        .set("drainage_m3", b.drainage)
        .set("pumped_m3", b.pumped)
        .set("delivered_m3", b.delivered)
        .set("inflow_m3", b.inflow)
        .set("boundary_in_m3", b.boundary_in)
        .set("boundary_out_m3", b.boundary_out)
        .set("initial_m3", b.initial)
        .set("stored_m3", b.stored)
        .set("mass_error_m3", b.error())
        .set("mass_error_rel", b.error_rel())
        .set("max_depth_m", dmax)
        .set("threads", st.threads());
    io::write_text_atomic(a.summary_json, j.dump() + "\n");
  }
}

}  // namespace

void add_flood(CLI::App& app) {
  auto a = std::make_shared<FloodArgs>();
  auto* cmd =
      app.add_subcommand("flood", "Rain on a DEM: 2D local-inertial surface-water flood model");
  cmd->add_option("--dem", a->dem, "DEM raster (m; NoData = outside the domain)")->required();
  auto* mn = cmd->add_option("--manning", a->manning, "uniform Manning n (default 0.03)");
  auto* mr = cmd->add_option("--manning-raster", a->manning_raster, "Manning n per cell (raster)");
  mn->excludes(mr);
  cmd->add_option("--rain-mmph", a->rain_mmph, "uniform rain rate (mm/h) from t = 0");
  cmd->add_option("--rain-hours", a->rain_hours, "rain ends exactly at this many hours");
  cmd->add_option("--rain-file", a->rain_file,
                  "uniform hyetograph CSV (t_s,mm_per_h), piecewise linear");
  cmd->add_option("--duration-s", a->duration, "simulated duration (s)")->required();
  cmd->add_option("--init-depth", a->init_depth, "initial depth raster (m)");
  cmd->add_option(
         "--boundary", a->boundary,
         "closed|open|level:CSV or SIDE=... (SIDE N,E,S,W); applied in order; default closed")
      ->take_all()
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--infiltration-mmph", a->infiltration, "constant infiltration capacity (mm/h)");
  cmd->add_option("--drainage-mmph", a->drainage, "sewer drainage capacity everywhere (mm/h)");
  cmd->add_option("--cfl", a->cfl, "CFL coefficient alpha (default 0.6, at most sqrt(theta/2))");
  cmd->add_option("--theta", a->theta,
                  "q-centring weight theta (default 0.8, de Almeida 2012; 1 = Bates 2010)");
  cmd->add_option("--dt-max-s", a->dt_max, "longest time step (s, default 10)");
  cmd->add_option("--stats-interval-s", a->stats_interval,
                  "summary raster sampling interval (0 = every step)");
  cmd->add_option("--frame-interval-s", a->frame_interval, "depth frame interval (s)");
  cmd->add_option("--out", a->out_h5, "results HDF5 (/hazard group)");
  cmd->add_option("--out-max", a->out_max,
                  "max depth raster (.tif or .asc); with sub-grid at the fine DEM's resolution");
  cmd->add_option("--out-depth", a->out_depth,
                  "depth at the end time (.tif or .asc); with sub-grid at the fine resolution");
  cmd->add_option("--out-max-coarse", a->out_max_coarse,
                  "max depth on the computational grid (with sub-grid: above each cell's lowest "
                  "pixel)");
  cmd->add_option("--subgrid-cell-m", a->subgrid_cell_m,
                  "compute on cells of this size (a whole multiple of the DEM pixel) carrying "
                  "sub-grid volume/conveyance tables of the fine DEM");
  cmd->add_option("--cache-dir", a->cache_dir,
                  "sub-grid tables cache folder (default: the hazard cache, as for run)");
  cmd->add_flag("--no-cache", a->no_cache, "rebuild the sub-grid tables (and overwrite the entry)");
  cmd->add_option("--summary-json", a->summary_json, "run summary and volume budget (JSON)");
  cmd->add_option("--threads", a->threads, "OpenMP threads (default: all)");
  cmd->add_option("--min-cells-per-thread", a->min_cells_per_thread,
                  "use fewer threads on grids smaller than threads x this (default 32768)");
  cmd->add_option("--checkpoint", a->checkpoint, "checkpoint file (rewritten atomically)");
  cmd->add_option("--checkpoint-every-s", a->checkpoint_every,
                  "checkpoint interval (s of simulated time)");
  cmd->add_option("--resume", a->resume, "resume from this checkpoint");
  cmd->callback([a] { run_flood(*a); });
}

}  // namespace sd::cli
