#pragma once
// Towns of an imported county, so the per-town and per-village tables of the debrief have
// names: OSM place=* nodes, each with the people of the cells nearest to it inside the same
// administrative area (boundary=administrative); an administrative area with people but no
// place node becomes a town itself. docs/county-import.md, "Population".
#include <cstdint>
#include <string>
#include <vector>

#include "county/import_frame.hpp"
#include "county/import_osm.hpp"
#include "io/raster_io.hpp"

namespace sd::county {

// Administrative levels taken as towns' areas: 7 and finer (OSM wiki "admin_level": 8 is the
// municipality in most countries, 9-10 its quarters; 7 e.g. a French arrondissement or a
// German Verwaltungsgemeinschaft); coarser levels are districts, regions, countries.
constexpr int kTownAdminLevelMin = 7;

struct ImportTown {
  std::string name;
  std::string osm;   // "node/123" (place), "relation/456" (admin area), "" (fallback)
  std::string what;  // "place=village", "admin_level=8", ""
  std::string unit;  // the administrative area it lies in ("" = none)
  double x = 0, y = 0;
  long population = 0;
};

struct ImportAdminUnit {
  std::string name, osm;  // osm: "relation/456"
  int level = 0;
  long population = 0;
  int towns = 0;  // towns inside it
};

struct TownsResult {
  std::vector<ImportTown> towns;
  std::vector<ImportAdminUnit> units;  // at the admin level used, with cells on the grid
  int admin_level = 0;                 // 0 = no administrative area used
  io::Raster areas;  // per cell: 1 + row of `units`, 0 outside every area (empty: no units)
};

// Towns are place=city/town/village nodes on the DEM (suburb/quarter/hamlet only when there is
// none); without any, one town named `fallback` at the most populated cell. Of the admin levels
// >= kTownAdminLevelMin, the one whose areas hold the most people is used (a tie goes to the
// finer); a cell's people go to the nearest town in its area (the nearest of all outside every
// area). Populations are rounded so the towns add up to the rounded total.
TownsResult build_towns(const OsmData& osm, const ImportFrame& f, const io::Raster& dem,
                        const io::Raster& pop, const std::string& fallback);

// Rounds values to integers whose sum is the rounded sum (largest remainder, Hamilton's
// method), so per-town tables add up to the total.
std::vector<long> round_preserving_sum(const std::vector<double>& v);

}  // namespace sd::county
