// `stormdrill generate-county [--seed S] [--cell-m 50] [--fine-m M [--subgrid-cell-m C]]
// [--fine-dem-only] [--track CSV] [--force] --out DIR`: writes the default (synthetic,
// geographically placed) Haiyan County scenario folder, or only its fine terrain.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "core/error.hpp"
#include "county/county.hpp"
#include "county/fine_dem_hash.hpp"
#include "county/places.hpp"
#include "io/output_guard.hpp"

namespace sd::cli {
namespace {

// The county's grid must hold a whole number of computational cells.
void check_subgrid_cell(double subgrid_cell_m, double cell_m) {
  if (subgrid_cell_m == 0) return;
  const double k = subgrid_cell_m / cell_m;
  const int ki = static_cast<int>(std::round(k));
  const Grid g = county::county_grid(cell_m);
  if (ki < 1 || std::fabs(k - ki) > 1e-9 || g.nx % ki != 0 || g.ny % ki != 0)
    throw InputError("--subgrid-cell-m " + std::to_string(subgrid_cell_m) +
                     " must be a whole multiple of --cell-m " + std::to_string(cell_m) +
                     " that divides the county's " + std::to_string(g.nx) + " x " +
                     std::to_string(g.ny) + " cells");
}

}  // namespace

void add_generate_county(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "generate-county", "Generate the default Haiyan County scenario folder (seeded, synthetic)");
  struct Opts {
    std::uint64_t seed = 20210725;
    double cell_m = 50.0;
    double fine_m = 0, subgrid_cell_m = 0;
    std::string track, out;
    bool force = false, fine_dem_only = false;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--seed", o->seed, "generator seed (same seed -> byte-identical files)")
      ->check(seed_check())
      ->capture_default_str();
  cmd->add_option("--cell-m", o->cell_m, "raster cell size in metres (10..1000)")
      ->capture_default_str();
  cmd->add_option("--fine-m", o->fine_m,
                  "also write data/dem-fine.tif with pixels of this size (must divide --cell-m) "
                  "and run the scenarios on sub-grid cells of --cell-m over it (0 = off)")
      ->capture_default_str();
  cmd->add_option("--subgrid-cell-m", o->subgrid_cell_m,
                  "with --fine-m: the scenarios' sub-grid computational cell, a whole multiple of "
                  "--cell-m (0 = --cell-m); land use and population stay at --cell-m")
      ->capture_default_str();
  cmd->add_flag("--fine-dem-only", o->fine_dem_only,
                "with --fine-m: write only data/dem-fine.tif into the existing scenario folder "
                "--out, refused (exit 2) unless its pixels hash to the recorded "
                "data/dem-fine.fnv1a (the shipped county's fine terrain is made this way)");
  cmd->add_option("--track", o->track,
                  "CMA track CSV of In-fa (2021) to convert into data/infa-2021.csv");
  cmd->add_option("--out", o->out, "output scenario folder (new or empty)")->required();
  cmd->add_flag("--force", o->force,
                "write into a non-empty --out folder (replaces the generated files in it)");
  cmd->callback([o] {
    if ((o->fine_dem_only || o->subgrid_cell_m != 0) && o->fine_m == 0)
      throw InputError(std::string(o->fine_dem_only ? "--fine-dem-only" : "--subgrid-cell-m") +
                       " needs --fine-m (the fine pixel size)");
    if (!o->fine_dem_only) io::check_output_folder(o->out, o->force);
    county::CountyOptions opt;
    opt.seed = o->seed;
    opt.cell_m = o->cell_m;
    opt.fine_m = o->fine_m;
    // 5 m over the 32 x 29 km county is 37 M pixels (150 MB as float); finer is refused.
    if (o->fine_m != 0 &&
        (!(o->fine_m >= 5) || o->fine_m > o->cell_m ||
         std::fabs(o->cell_m / o->fine_m - std::round(o->cell_m / o->fine_m)) > 1e-9))
      throw InputError("--fine-m " + std::to_string(o->fine_m) +
                       " must be >= 5 m and divide --cell-m " + std::to_string(o->cell_m));
    check_subgrid_cell(o->subgrid_cell_m, o->cell_m);
    opt.subgrid_cell_m = o->subgrid_cell_m;
    opt.track_csv = o->fine_dem_only ? "" : o->track;
    const county::County c = county::generate_county(opt);
    if (o->fine_dem_only) {
      county::write_checked_fine_dem(c.fine_dem, o->out);
      std::printf("wrote %s/data/dem-fine.tif: %dx%d pixels of %g m (pixels hash as recorded)\n",
                  o->out.c_str(), c.fine_dem.grid.nx, c.fine_dem.grid.ny, c.fine_dem.grid.cell);
      return;
    }
    county::write_county(c, o->out);
    std::printf("wrote %s: %dx%d cells of %g m, %zu road nodes, %zu directed edges, %zu teams\n",
                o->out.c_str(), c.dem.grid.nx, c.dem.grid.ny, c.dem.grid.cell, c.nodes.size(),
                c.edges.size(), c.teams.size());
    if (c.track_csv.empty())
      std::printf(
          "note: no --track given; data/infa-2021.csv was not written and the scenarios use a "
          "design rain storm instead\n");
  });
}

}  // namespace sd::cli
