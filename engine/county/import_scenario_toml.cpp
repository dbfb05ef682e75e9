#include "county/import_scenario_toml.hpp"

#include <cstdio>
#include <sstream>

#include "county/import_classes.hpp"
#include "county/number_text.hpp"

namespace sd::county {
namespace {

// Default stock of a town hall taken as a candidate depot: a municipal store's worth
// (placeholders for the county's own inventory; docs/county-import.md).
constexpr const char* kDepotStock =
    "{ sandbags = 2000, pumps = 4, boats = 1, food = 1000, water = 2000, tents = 50, "
    "medkits = 100 }";

double rain_peak_h(const ImportedCounty& c) {
  return c.rain.start_h + c.rain.peak_ratio * c.rain.duration_min / 60.0;
}

void classes(std::ostringstream& o) {
  for (const ClassParams& p : kImportClasses) {
    o << "\n[[landuse_class]]  # " << p.why << "\ncode = " << p.code << "\nname = \"" << p.name
      << "\"\nmanning = " << num(p.manning, 3) << '\n';
    if (p.horton)
      o << "infiltration = \"horton\"\nhorton_f0_mmph = " << num(p.f0_mmph)
        << "\nhorton_fc_mmph = " << num(p.fc_mmph) << "\nhorton_k_per_h = " << num(p.k_per_h)
        << '\n';
    else
      o << "infiltration = \"none\"\n";
    o << "drainage_mmph = " << num(p.drainage_mmph) << '\n';
  }
}

void storm(std::ostringstream& o, const ImportedCounty& c) {
  if (!c.opt.track.empty()) {
    o << "\n# Typhoon track given with --track (" << toml_string(c.opt.track) << ").\n[storm]\n"
      << "track = \"data/track.csv\"\nformat = \"csv\"\n";
    return;
  }
  const DesignRain& r = c.rain;
  o << "\n# Design storm: " << num(c.opt.rain_mm, 0) << " mm in " << num(c.opt.rain_hours, 1)
    << " h (Chicago hyetograph, peak at " << num(rain_peak_h(c), 1)
    << " h; the most intense 20 min "
    << "bring " << num(r.burst20_mm, 1) << " mm). docs/county-import.md, \"Storm\".\n"
    << "[storm]\n\n[storm.design]\na1 = " << num(r.a1, 4) << "\nc = 0.0\nb = " << num(r.b, 1)
    << "\nn = " << num(r.n, 2) << "\nduration_min = " << num(r.duration_min, 0)
    << "\npeak_ratio = " << num(r.peak_ratio, 2) << "\nstart_h = " << num(r.start_h, 1) << '\n';
}

void boundary(std::ostringstream& o, const ImportedCounty& c) {
  const LevelBoundary& b = c.level;
  o << "\n[boundary]\nN = \"" << b.sides[0] << "\"\nE = \"" << b.sides[1] << "\"\nS = \""
    << b.sides[2] << "\"\nW = \"" << b.sides[3] << "\"\n";
  if (b.sea)
    o << "\n# The sea (cells at or below 0.5 m joined to the edge, natural=coastline mapped): "
         "mean\n"
      << "# sea level 0 m on the DEM datum plus a storm surge peaking with the rain.\n[tide]\n"
      << "mean_level_m = 0.0\nsurge_peak_m = " << num(c.opt.surge_m, 2)
      << "\nsurge_peak_time_h = " << num(rain_peak_h(c), 2) << "\nsurge_width_h = 6.0\n";
  if (b.river)
    o << "\n# " << b.note << ": level rises from " << num(b.base_m, 1) << " m to "
      << num(b.peak_m, 1)
      << " m (data/river-level.csv).\n[tide]\nseries = \"data/river-level.csv\"\n";
}

void assets(std::ostringstream& o, const ImportedCounty& c) {
  for (std::size_t u = 0; u < c.towns.units.size(); ++u) {
    const ImportAdminUnit& a = c.towns.units[u];
    o << "\n[[area]]  # OSM " << a.osm << " admin_level=" << a.level << ", " << a.population
      << " people\ncode = " << u + 1 << "\nname = " << toml_string(a.name) << '\n';
  }
  for (const ImportTown& t : c.towns.towns) {
    o << "\n[[town]]" << (t.osm.empty() ? "" : "  # OSM " + t.osm + " " + t.what)
      << "\nname = " << toml_string(t.name) << "\nx = " << num(t.x) << "\ny = " << num(t.y)
      << "\npopulation = " << t.population << '\n';
    if (!t.unit.empty()) o << "area = " << toml_string(t.unit) << '\n';
  }
  for (const char* table : {"team", "depot", "shelter", "critical_site"})
    for (const ImportAsset& a : c.assets.assets) {
      if (a.table != table) continue;
      o << "\n[[" << table << "]]  # OSM " << a.osm << " (" << a.osm_kind
        << ")\nname = " << toml_string(a.name) << '\n';
      if (a.table == "team" || a.table == "critical_site") o << "kind = \"" << a.kind << "\"\n";
      o << "x = " << num(a.x) << "\ny = " << num(a.y) << '\n';
      if (a.table == "team")
        o << "crew = " << a.crew << "\nvehicle = \"" << a.vehicle
          << "\"\nmobilisation_min = " << num(a.mobilisation_min) << '\n';
      if (a.table == "shelter") o << "capacity = " << a.capacity << '\n';
      if (a.table == "depot") o << "stock = " << kDepotStock << '\n';
    }
}

}  // namespace

std::string toml_string(const std::string& s) {
  std::string o = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') o += '\\';
    if (static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7f) o += ch;
  }
  return o + "\"";
}

std::string imported_scenario_toml(const ImportedCounty& c) {
  std::ostringstream o;
  o << "# " << c.opt.name << ": imported by `stormdrill county import` (docs/county-import.md).\n"
    << "# Roads, assets, land use and places: OpenStreetMap, (c) OpenStreetMap contributors, "
       "ODbL.\n"
    << "# Terrain: " << c.opt.dem.front() << (c.opt.dem.size() > 1 ? " and more" : "")
    << ". Read county-import.md for what was assumed.\n"
    << "# Command: " << c.opt.command << "\n"
    << "include = [\"plan-default.toml\"]\n\n[scenario]\nname = " << toml_string(c.opt.name)
    << "\nstart = \"" << c.start_iso << "\"\nduration_h = " << num(c.duration_h, 1)
    << "\nseed = 1\n\n[region]\ndem = \"data/dem.tif\"\nlanduse = \"data/landuse.tif\"\n"
    << "population = \"data/population.tif\"\n"
    << (c.towns.units.empty() ? "" : "areas = \"data/areas.tif\"\n");
  classes(o);
  boundary(o, c);
  storm(o, c);
  o << "\n[flood]\nframe_interval_min = 15.0\nroad_close_depth_m = 0.3\n"
    << "\n[roads]\nnodes = \"data/roads/nodes.csv\"\nedges = \"data/roads/edges.csv\"\n";
  assets(o, c);
  o << "\n[output]\npath = \"results.h5\"\nframe_interval_min = 15.0\n";
  return o.str();
}

std::string imported_plan_toml(const ImportedCounty& c) {
  std::ostringstream o;
  // The design storm's "landfall" is its rain peak; a warning 2 h before it is within the
  // scenario (starts at 0 h) — a short-notice cloudburst warning.
  o << "# Default plan for " << c.opt.name << ": teams stay at their stations; nearest-team\n"
    << "# dispatch; warning " << (c.opt.track.empty() ? "2" : "12") << " h before the peak.\n"
    << "[plan]\nname = \"default\"\ndispatch = \"nearest\"\nwarning_lead_h = "
    << (c.opt.track.empty() ? "2.0" : "12.0") << '\n';
  return o.str();
}

std::string river_level_csv(const ImportedCounty& c) {
  // Holds the low level, rises linearly to the high stage 2 h after the rain peak (the
  // river answers its upstream catchment later than the local rain), then stays there.
  const double peak_s = (rain_peak_h(c) + 2) * 3600, end_s = c.duration_h * 3600 + 3600;
  std::ostringstream o;
  o << "t_s,level_m\n0," << num(c.level.base_m, 2) << '\n'
    << num(rain_peak_h(c) * 3600 - 3600, 0) << ',' << num(c.level.base_m, 2) << '\n'
    << num(peak_s, 0) << ',' << num(c.level.peak_m, 2) << '\n'
    << num(end_s, 0) << ',' << num(c.level.peak_m, 2) << '\n';
  return o.str();
}

}  // namespace sd::county
