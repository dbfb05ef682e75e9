#pragma once
// Population of an imported county: a population raster (WorldPop/GHSL-style people per
// pixel, any CRS) summed into the grid so totals are preserved, or residential floor area
// from OSM buildings times a documented density; optionally scaled to a given total (towns:
// import_towns).
#include <string>
#include <vector>

#include "county/import_frame.hpp"
#include "county/import_osm.hpp"
#include "io/raster_io.hpp"

namespace sd::county {

// Residential floor area per person, m^2 (Switzerland/Liechtenstein ~46 m^2 per person,
// Swiss Federal Statistical Office 2022; EU average ~40).
constexpr double kFloorAreaPerPerson_m2 = 45.0;
// Storeys of a building without building:levels.
constexpr double kDefaultLevels = 2.0;

struct PopulationResult {
  io::Raster population;    // people per cell
  std::string method;       // "raster" | "buildings"
  double source_total = 0;  // before scaling (inside the grid)
  double dropped = 0;       // raster people outside the grid or on cells without DEM
  double total = 0;         // written
  int residential_buildings = 0;
};

// pop_path empty: from buildings. total <= 0: no scaling. Throws sd::InputError naming the
// raster (with both extents) when it does not cover the area or holds nobody there.
PopulationResult build_population(const OsmData& osm, const ImportFrame& f, const io::Raster& dem,
                                  const std::string& pop_path, double total);

}  // namespace sd::county
