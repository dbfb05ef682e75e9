#include "county/import_report.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "county/import_classes.hpp"
#include "county/import_landuse.hpp"
#include "county/import_population.hpp"
#include "county/number_text.hpp"

namespace sd::county {
namespace {

void terrain(std::ostringstream& o, const ImportedCounty& c) {
  const Grid& g = c.frame.grid;
  const double pct = 100.0 * c.dem.voids / static_cast<double>(g.size());
  o << "\n## Terrain\n- Grid: " << g.nx << " x " << g.ny << " cells of " << num(g.cell, 0)
    << " m in " << c.frame.crs_name << " (origin x " << num(g.x0) << ", y " << num(g.y0)
    << "); area " << c.frame.aoi.str() << ".\n"
    << "- DEM resampled **bilinearly** (GDAL warp) from " << c.opt.dem.size() << " file(s). "
    << c.dem.voids << " cells (" << num(pct, 2) << " %) fell in DEM voids and were filled by "
    << "inverse-distance interpolation (GDALFillNodata); " << c.dem.unfilled
    << " stay without data (outside the domain).\n";
  if (!c.opt.boundary.empty())
    o << "- Boundary " << c.opt.boundary << ": " << c.boundary_polygons << " polygon(s); "
      << c.outside_boundary << " cells of the grid outside the outline were **left out** (no "
      << "data: outside the domain, no flood computed there); roads are cut at the outline, and "
      << "assets and people outside it are left out.\n";
  o << "- The DEM is taken as a **surface model** (SRTM-like: buildings and trees are partly in "
    << "its heights), so OSM buildings are **not** raised into it; they set land use and "
    << "population only.\n"
    << "- Dikes (man_made=dyke, embankment=yes, flood walls): " << c.landuse.dikes << " ways, "
    << c.landuse.dikes_with_height << " with a height=* tag; others burned at "
    << num(kDefaultDikeHeight_m) << " m above the lowest ground beside them ("
    << c.landuse.dike_cells << " cells raised). A 3-arc-second DEM does not resolve a dike.\n"
    << "- Sea cells: " << c.landuse.sea_cells
    << (c.landuse.sea_cells ? " (at or below 0.5 m, joined to the grid edge, coastline mapped)"
                            : "")
    << "; " << c.landuse.coast_land_raised
    << " cells under roads or buildings by the sea raised to " << num(kCoastLandMin_m)
    << " m (quays: SRTM gives them the sea's 0 m).\n";
}

void landuse(std::ostringstream& o, const ImportedCounty& c) {
  o << "\n## Land use\n| code | class | cells | Manning n | drainage mm/h | basis |\n"
    << "|---|---|---|---|---|---|\n";
  for (const ClassParams& p : kImportClasses)
    o << "| " << p.code << " | " << p.name << " | " << c.landuse.cells_by_class[p.code] << " | "
      << num(p.manning, 3) << " | " << num(p.drainage_mmph, 0) << " | " << p.why << " |\n";
  o << "\nUnmapped land is grass; a cell with building footprints over "
    << num(kUrbanBuildingCover * 100, 0) << " % of it is urban.\n";
}

void towns(std::ostringstream& o, const TownsResult& t) {
  if (t.admin_level > 0)
    o << "- Towns: place=* nodes; each cell's people go to the nearest one inside the same "
      << "administrative area (boundary=administrative, admin_level=" << t.admin_level
      << ", the level holding the most people); an area without a place node is a town itself.\n";
  else
    o << "- Towns: place=* nodes, each with the people nearest to it (the extract maps no "
      << "administrative area of admin_level >= " << kTownAdminLevelMin << " with people).\n";
  o << "\n| town | OSM | in | population |\n|---|---|---|---|\n";
  for (const ImportTown& w : t.towns)
    o << "| " << w.name << " | " << (w.osm.empty() ? "-" : w.osm + " " + w.what) << " | "
      << (w.unit.empty() ? "-" : w.unit) << " | " << w.population << " |\n";
  if (t.units.empty()) return;
  o << "\n| administrative area (admin_level=" << t.admin_level
    << ") | OSM | towns | population |\n|---|---|---|---|\n";
  for (const ImportAdminUnit& u : t.units)
    o << "| " << u.name << " | " << u.osm << " | " << u.towns << " | " << u.population << " |\n";
}

void roads_people(std::ostringstream& o, const ImportedCounty& c) {
  const ImportRoads& r = c.roads;
  o << "\n## Roads\n- " << r.ways_used << " drivable OSM ways -> " << r.nodes.size()
    << " intersections (OSM node ids) and " << r.edges.size() << " directed edges, "
    << num(r.road_km, 1) << " km of road; " << r.bridges << " bridge and " << r.tunnels
    << " tunnel ways (edges.csv columns `bridge`, `tunnel`, `layer`). " << r.ways_clipped
    << " ways were cut at the area edge, the --boundary outline or the DEM edge.\n";
  const PopulationResult& p = c.population;
  o << "\n## Population\n- Method: **" << p.method << "**";
  if (p.method == "buildings")
    o << " (" << p.residential_buildings << " residential buildings; floor area = footprint x "
      << "building:levels or " << num(kDefaultLevels, 0) << "; " << num(kFloorAreaPerPerson_m2, 0)
      << " m2 per person)";
  o << ". Before scaling: " << num(p.source_total, 0) << " people";
  if (p.dropped > 0) o << " (" << num(p.dropped, 0) << " outside the area left out)";
  o << "; written: " << num(p.total, 0)
    << (c.opt.population_total > 0 ? " (scaled to --population-total)" : "") << ".\n";
  if (p.method == "buildings" && c.opt.population_total <= 0)
    o << "- **No --population-total**: the building estimate counts every untagged "
         "`building=yes` (barns, garages, offices) as homes and runs high (3.2x the census on "
         "the Liechtenstein extract); give the census total.\n";
  towns(o, c.towns);
}

void assets(std::ostringstream& o, const ImportedCounty& c) {
  std::map<std::string, int> count, unnamed;
  for (const ImportAsset& a : c.assets.assets) {
    ++count[a.osm_kind];
    if (!a.named) ++unnamed[a.osm_kind];
  }
  o << "\n## Assets\n| OSM kind | scenario table | count | without a name |\n|---|---|---|---|\n";
  for (const auto& [k, n] : count) {
    std::string table;
    for (const ImportAsset& a : c.assets.assets)
      if (a.osm_kind == k)
        table =
            a.table + (a.table == "team" || a.table == "critical_site" ? " (" + a.kind + ")" : "");
    o << "| " << k << " | " << table << " | " << n << " | " << unnamed[k] << " |\n";
  }
  o << "\nTeams: fire stations 15 crew, truck, 10 min; ambulance stations 4, 5 min; police 8, "
    << "15 min. Shelter capacity: half the school's floor area at 3.5 m2 per person (Sphere), "
    << "300 for a school mapped as a point. Depot stock at town halls is a placeholder.\n";
}

void storm(std::ostringstream& o, const ImportedCounty& c) {
  o << "\n## Storm and boundaries\n";
  if (c.opt.track.empty())
    o << "- Design storm: " << num(c.opt.rain_mm, 0) << " mm in " << num(c.opt.rain_hours, 1)
      << " h from " << num(c.rain.start_h, 1)
      << " h, Chicago hyetograph (i = a1/(t+b)^n, a1 = " << num(c.rain.a1, 3)
      << " mm/min, b = " << num(c.rain.b, 0) << " min, n = " << num(c.rain.n, 2)
      << "), most intense 20 min " << num(c.rain.burst20_mm, 1) << " mm.\n";
  else
    o << "- Typhoon track " << c.opt.track << " (data/track.csv), " << c.track.points.size()
      << " fixes.\n";
  o << "- Boundaries N/E/S/W: " << c.level.sides[0] << "/" << c.level.sides[1] << "/"
    << c.level.sides[2] << "/" << c.level.sides[3] << ".";
  if (c.level.sea) o << " Sea at 0 m plus a " << num(c.opt.surge_m, 2) << " m surge.";
  if (c.level.river)
    o << " " << c.level.note << ": " << num(c.level.base_m, 1) << " -> " << num(c.level.peak_m, 1)
      << " m; one level holds along the whole edge, so it floods only the edge cells below it.";
  o << "\n";
}

}  // namespace

std::string import_report_md(const ImportedCounty& c) {
  std::ostringstream o;
  o << "# County import report: " << c.opt.name << "\n\nCommand: `" << c.opt.command << "`\n\n"
    << "Sources: OSM " << c.opt.osm << " ((c) OpenStreetMap contributors, ODbL 1.0); DEM";
  for (const auto& d : c.opt.dem) o << " " << d;
  if (!c.opt.population.empty()) o << "; population " << c.opt.population;
  o << ". Import took " << num(c.seconds, 1) << " s.\n";
  if (!c.notes.empty()) {
    o << "\n## Warnings\n";
    for (const auto& n : c.notes) o << "- " << n << "\n";
  }
  terrain(o, c);
  landuse(o, c);
  roads_people(o, c);
  assets(o, c);
  storm(o, c);
  o << "\n## What to check\n"
    << "1. `stormdrill validate scenario.toml` and the asset snap distances it reports.\n"
    << "2. Teams, crews and depot stocks are defaults by kind: replace them with the agencies' "
    << "figures.\n3. Town populations come from the " << c.population.method
    << " method: compare with the census and set `[[town]] population` or give --population.\n"
    << "4. Dike crests and the level boundary are approximations: put surveyed crests into the "
       "DEM.\n"
    << "5. docs/county-import.md explains every default and how to bring your own data.\n";
  return o.str();
}

}  // namespace sd::county
