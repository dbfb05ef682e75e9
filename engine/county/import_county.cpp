#include "county/import_county.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <optional>

#include "core/error.hpp"
#include "core/iso_time.hpp"
#include "county/import_boundary.hpp"
#include "county/import_classes.hpp"
#include "io/track_reader.hpp"

namespace sd::county {
namespace {

// Margin around the road network when no area is given: 0.005 degrees (~0.4-0.55 km), so
// the roads at the edge have terrain around them.
constexpr double kMarginDeg = 0.005;

LonLatBox area_of_interest(const ImportOptions& o, const OsmData& osm, const DemSource& dem,
                           const BoundaryOutline* outline, std::vector<std::string>& notes) {
  const LonLatBox roads{osm.min_lon, osm.min_lat, osm.max_lon, osm.max_lat};
  if (intersect(roads, dem.extent).empty())
    throw InputError(o.osm + ": the OSM extract does not overlap the DEM " + dem.label +
                     " (OSM roads " + roads.str() + "; DEM " + dem.extent.str() + ")");
  LonLatBox aoi{roads.w - kMarginDeg, roads.s - kMarginDeg, roads.e + kMarginDeg,
                roads.n + kMarginDeg};
  if (!o.bbox.empty()) aoi = parse_bbox(o.bbox);
  if (outline) aoi = outline->extent;
  const std::string what = !o.bbox.empty() ? "--bbox" : !o.boundary.empty() ? o.boundary : "area";
  if (intersect(aoi, roads).empty())
    throw InputError(o.osm + ": no OSM road lies in the " + what + " (OSM roads " + roads.str() +
                     "; " + what + " " + aoi.str() + ")");
  const LonLatBox clipped = intersect(aoi, dem.extent);
  if (clipped.empty())
    throw InputError(dem.label + ": the DEM does not cover the " + what + " (DEM " +
                     dem.extent.str() + "; " + what + " " + aoi.str() + ")");
  if (clipped.w > aoi.w || clipped.e < aoi.e || clipped.s > aoi.s || clipped.n < aoi.n)
    notes.push_back("The area " + aoi.str() + " reaches beyond the DEM " + dem.extent.str() +
                    "; it was cut to the DEM and roads beyond it were left out.");
  return clipped;
}

DesignRain design_rain(const ImportOptions& o) {
  DesignRain r;
  r.duration_min = o.rain_hours * 60;
  // Chicago hyetograph from i = a1 / (t + b)^n (C = 0): the depth of the whole storm is
  // H(T) = a1 T / (T + b)^n, so a1 = depth (T + b)^n / T. b = 10 min and n = 0.7 are
  // mid-range for GB 50014 formulas; they put about a third of a 60 mm/6 h storm in its most
  // intense 20 minutes.
  r.a1 = o.rain_mm * std::pow(r.duration_min + r.b, r.n) / r.duration_min;
  r.burst20_mm = r.a1 * 20 / std::pow(20 + r.b, r.n);
  return r;
}

LevelBoundary level_boundary(const ImportedCounty& c) {
  LevelBoundary lb;
  const Grid& g = c.frame.grid;
  const char* names[4] = {"N", "E", "S", "W"};
  auto edge_cells = [&](int side) {
    std::vector<std::size_t> v;
    const int n = side % 2 == 0 ? g.nx : g.ny;
    for (int k = 0; k < n; ++k) {
      const int i = side == 0 || side == 2 ? k : (side == 1 ? g.nx - 1 : 0);
      const int j = side == 1 || side == 3 ? k : (side == 0 ? 0 : g.ny - 1);
      v.push_back(g.index(i, j));
    }
    return v;
  };
  for (int s = 0; s < 4; ++s) {
    const auto cells = edge_cells(s);
    // Among the edge cells in the domain (a --boundary outline leaves most of them out).
    const long sea = std::count_if(cells.begin(), cells.end(),
                                   [&](std::size_t k) { return c.landuse.sea[k] != 0; });
    const long in = std::count_if(cells.begin(), cells.end(),
                                  [&](std::size_t k) { return std::isfinite(c.dem.dem.data[k]); });
    if (sea > 0 && sea > 0.1 * static_cast<double>(in)) lb.sides[s] = "level", lb.sea = true;
  }
  if (lb.sea) return lb;
  if (c.opt.river_side.empty()) return lb;
  const int s = static_cast<int>(std::string("NESW").find(c.opt.river_side));
  if (s < 0 || s > 3 || c.opt.river_side.size() != 1)
    throw InputError("--river-side: '" + c.opt.river_side + "' is not N, E, S or W");
  double base = 1e30, ground = 1e30;
  for (std::size_t k : edge_cells(s)) {
    const float z = c.dem.dem.data[k];
    if (!std::isfinite(z)) continue;
    ground = std::min<double>(ground, z);
    if (c.landuse.landuse.data[k] == static_cast<float>(kClsWater))
      base = std::min<double>(base, z);
  }
  if (ground > 1e29)
    throw InputError("--river-side " + c.opt.river_side + ": no cell of the area lies on the " +
                     names[s] + " edge of the grid (the --boundary outline does not reach it)");
  if (base > 1e29) base = ground;
  lb.sides[s] = "level";
  lb.river = true;
  lb.base_m = base;
  lb.peak_m = base + c.opt.river_rise_m;
  lb.note = std::string("river at high stage on the ") + names[s] + " edge";
  return lb;
}

}  // namespace

ImportedCounty import_county(const ImportOptions& opt) {
  const auto t0 = std::chrono::steady_clock::now();
  ImportedCounty c;
  c.opt = opt;
  if (!opt.bbox.empty() && !opt.boundary.empty())
    throw InputError("--bbox and --boundary: give one or the other");
  if (!opt.utc_offset.empty()) parse_utc_offset(opt.utc_offset);  // refused before the work
  if (c.opt.name.empty()) c.opt.name = std::filesystem::path(opt.osm).filename().string();
  const OsmData osm = read_osm(opt.osm);
  const LonLatBox data{osm.data_w, osm.data_s, osm.data_e, osm.data_n};
  DemSource dem;
  try {
    dem = open_dem(opt.dem);
  } catch (const InputError& e) {  // give the other extent too
    throw InputError(std::string(e.what()) + "; OSM data " + data.str());
  }
  if (osm.roads.empty())
    throw InputError(opt.osm + ": the extract holds no drivable road (highway=motorway.." +
                     "service, not under construction, area or access=no) (OSM data " + data.str() +
                     "; DEM " + dem.extent.str() + ")");
  std::optional<BoundaryOutline> outline;
  if (!opt.boundary.empty()) outline = read_boundary(opt.boundary);
  const LonLatBox aoi = area_of_interest(opt, osm, dem, outline ? &*outline : nullptr, c.notes);
  c.frame = make_frame(aoi, opt.crs, opt.cell_m);
  c.dem = resample_dem(dem, c.frame);
  if (outline) {
    c.outside_boundary = mask_outside(c.frame, *outline, c.dem.dem);
    c.boundary_polygons = outline->polygons.size();
  }
  c.landuse = build_landuse(osm, c.frame, c.dem.dem);
  c.roads = build_import_roads(osm, c.frame, c.dem.dem);
  c.population = build_population(osm, c.frame, c.dem.dem, opt.population, opt.population_total);
  c.towns = build_towns(osm, c.frame, c.dem.dem, c.population.population,
                        std::filesystem::path(opt.osm).stem().stem().string());
  c.assets = build_assets(osm, c.frame, c.dem.dem);
  c.rain = design_rain(opt);
  // Times in the area's zone: the standard offset of its longitude (15 degrees an hour), so the
  // debrief's clock reads like local time (summer time and political zones: edit `start`).
  const int offset_min =
      !opt.utc_offset.empty()
          ? parse_utc_offset(opt.utc_offset)
          : 60 * static_cast<int>(std::lround(0.5 * (c.frame.aoi.w + c.frame.aoi.e) / 15));
  if (!opt.track.empty()) {
    c.track = io::read_track(opt.track);
    c.start_iso = format_iso8601(static_cast<std::int64_t>(c.track.start()), offset_min);
    c.duration_h = std::clamp((c.track.end() - c.track.start()) / 3600.0, 6.0, 240.0);
  } else {  // local midnight of 1 June 2024
    c.start_iso = format_iso8601(1717200000 - 60LL * offset_min, offset_min);
    c.duration_h = c.rain.start_h + opt.rain_hours + 6;  // 6 h for the water to run off
  }
  c.level = level_boundary(c);
  if (c.roads.ways_clipped > 0)
    c.notes.push_back(std::to_string(c.roads.ways_clipped) +
                      " drivable ways run out of the area or over DEM voids; they were cut there.");
  if (c.assets.off_area > 0)
    c.notes.push_back(std::to_string(c.assets.off_area) +
                      " OSM assets lie outside the area and were left out.");
  c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return c;
}

int parse_utc_offset(const std::string& text) {
  const auto bad = [&] {
    return InputError("--utc-offset '" + text + "': give +HH:MM or -HH:MM (e.g. +02:00), or Z");
  };
  if (text == "Z") return 0;
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':') throw bad();
  for (int k : {1, 2, 4, 5})
    if (text[static_cast<std::size_t>(k)] < '0' || text[static_cast<std::size_t>(k)] > '9')
      throw bad();
  const int h = (text[1] - '0') * 10 + (text[2] - '0'), m = (text[4] - '0') * 10 + (text[5] - '0');
  const int v = (text[0] == '-' ? -1 : 1) * (h * 60 + m);
  if (m >= 60 || v < -12 * 60 || v > 14 * 60) throw bad();
  return v;
}

}  // namespace sd::county
