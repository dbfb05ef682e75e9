// `stormdrill county import --osm AREA.osm.pbf --dem DEM.tif [...] -o DIR`: a scenario folder
// from OpenStreetMap, a DEM and optionally a population raster (docs/county-import.md).
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "county/import_county.hpp"

namespace sd::cli {
namespace {

void add_import(CLI::App& county) {
  auto* cmd = county.add_subcommand(
      "import", "Build a scenario folder from an OSM extract, a DEM and a population raster");
  auto o = std::make_shared<county::ImportOptions>();
  auto out = std::make_shared<std::string>();
  cmd->add_option("--osm", o->osm, "OpenStreetMap extract (.osm.pbf, .osm, .osm.bz2)")->required();
  cmd->add_option("--dem", o->dem,
                  "DEM: GeoTIFF, ESRI ASCII, SRTM .hgt or .hgt.zip, any CRS; repeat the option "
                  "(or list files) to mosaic tiles")
      ->required();
  cmd->add_option("--population", o->population,
                  "population raster (people per pixel, any CRS); default: from OSM buildings");
  cmd->add_option("--population-total", o->population_total,
                  "scale the population to this total (people)");
  auto* bd =
      cmd->add_option("--boundary", o->boundary,
                      "area: the polygons of this vector file (cells outside them are left out)");
  cmd->add_option("--bbox", o->bbox, "area: W,S,E,N in degrees")->excludes(bd);
  cmd->add_option("--cell-m", o->cell_m, "grid cell size, m")->capture_default_str();
  cmd->add_option("--crs", o->crs, "auto (UTM zone of the centre) or EPSG:n / WKT")
      ->capture_default_str();
  cmd->add_option("--track", o->track,
                  "typhoon track (CMA, IBTrACS or CSV) instead of the design storm");
  cmd->add_option("--utc-offset", o->utc_offset,
                  "the scenario clock's zone, +HH:MM (default: the standard offset of the "
                  "area's longitude; give the legal time, e.g. +02:00 for a European summer)");
  cmd->add_option("--name", o->name, "scenario name (default: the OSM file name)");
  cmd->add_option("--rain-mm", o->rain_mm, "design storm depth, mm")->capture_default_str();
  cmd->add_option("--rain-hours", o->rain_hours, "design storm duration, h")->capture_default_str();
  cmd->add_option("--river-side", o->river_side,
                  "N, E, S or W: a river at high stage as a level boundary on that edge");
  cmd->add_option("--river-rise-m", o->river_rise_m,
                  "high stage above the lowest water cell on the river edge, m")
      ->capture_default_str();
  cmd->add_option("--surge-m", o->surge_m, "storm surge on a sea boundary, m")
      ->capture_default_str();
  cmd->add_option("-o,--out", *out, "output scenario folder (must not exist or be empty)")
      ->required();
  cmd->callback([o, out] {
    county::ImportOptions opt = *o;
    if (opt.command.empty()) opt.command = "stormdrill county import --osm " + opt.osm;
    const county::ImportedCounty c = county::import_county(opt);
    county::write_imported_county(c, *out);
    std::printf(
        "wrote %s: %dx%d cells of %g m (%s), %zu road nodes, %zu directed edges (%.1f km), "
        "%zu towns, %zu assets, population %.0f; import %.1f s\n",
        out->c_str(), c.frame.grid.nx, c.frame.grid.ny, c.frame.grid.cell, c.frame.crs_name.c_str(),
        c.roads.nodes.size(), c.roads.edges.size(), c.roads.road_km, c.towns.towns.size(),
        c.assets.assets.size(), c.population.total, c.seconds);
  });
  // The full command line goes into the report and the scenario header.
  cmd->parse_complete_callback([o, cmd] {
    std::string s = "stormdrill county import";
    for (const auto* opt : cmd->get_options()) {
      if (opt->count() == 0 || opt->get_name() == "--help") continue;
      for (const auto& v : opt->results()) s += " " + opt->get_name() + " " + v;
    }
    o->command = s;
  });
}

}  // namespace

void add_county(CLI::App& app) {
  auto* county = app.add_subcommand("county", "County scenario tools");
  county->require_subcommand(1);
  add_import(*county);
}

}  // namespace sd::cli
