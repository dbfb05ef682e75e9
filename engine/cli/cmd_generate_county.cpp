// `stormdrill generate-county [--seed S] [--cell-m 50] [--track CSV] [--force] --out DIR`: writes
// the default (synthetic, geographically placed) Haiyan County scenario folder.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "core/error.hpp"
#include "county/county.hpp"
#include "io/output_guard.hpp"

namespace sd::cli {

void add_generate_county(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "generate-county", "Generate the default Haiyan County scenario folder (seeded, synthetic)");
  struct Opts {
    std::uint64_t seed = 20210725;
    double cell_m = 50.0;
    double fine_m = 0;
    std::string track, out;
    bool force = false;
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
  cmd->add_option("--track", o->track,
                  "CMA track CSV of In-fa (2021) to convert into data/infa-2021.csv");
  cmd->add_option("--out", o->out, "output scenario folder (new or empty)")->required();
  cmd->add_flag("--force", o->force,
                "write into a non-empty --out folder (replaces the generated files in it)");
  cmd->callback([o] {
    io::check_output_folder(o->out, o->force);
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
    opt.track_csv = o->track;
    const county::County c = county::generate_county(opt);
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
