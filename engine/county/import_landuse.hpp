#pragma once
// Land use, water and dikes of an imported county (docs/county-import.md, "Terrain" and
// "Land use"): OSM land-cover polygons by priority, building density, rivers and the sea
// (from natural=coastline) as water, and dikes burned into the DEM.
#include <array>
#include <cstdint>
#include <vector>

#include "county/import_frame.hpp"
#include "county/import_osm.hpp"
#include "io/raster_io.hpp"

namespace sd::county {

// Share of a cell covered by building footprints from which it is urban.
constexpr double kUrbanBuildingCover = 0.30;
// Crest height above the lowest ground next to it of a dike with no height=* tag, m: a
// typical river dike (e.g. the Alpine Rhine's dikes stand 3-5 m above the valley floor);
// a 3-arc-second DEM does not resolve a 10-20 m wide dike.
constexpr double kDefaultDikeHeight_m = 3.0;
// Cells at or below this elevation and connected to the grid edge are sea when the extract
// maps a coastline (SRTM stores the sea as 0 m).
constexpr double kSeaMaxElevation_m = 0.5;

// Land by the sea that carries a road or a building (quays, promenades, reclaimed land) is
// raised to at least this height above mean sea level, m: SRTM gives such 90 m cells the
// sea's 0 m, while quays stand ~1.5-2.5 m above the sea (in the Mediterranean's ~0.3 m tide).
constexpr double kCoastLandMin_m = 1.5;

struct LandUseResult {
  io::Raster landuse;                    // class codes (import_classes.hpp) as float
  std::vector<std::uint8_t> sea;         // 1 = sea cell
  std::array<long, 8> cells_by_class{};  // index = class code
  long dike_cells = 0;
  int dikes = 0, dikes_with_height = 0;
  long sea_cells = 0;
  long coast_land_raised = 0;  // cells raised to kCoastLandMin_m
};

// Modifies dem (dikes raised; sea cells set to at most 0 m).
LandUseResult build_landuse(const OsmData& osm, const ImportFrame& f, io::Raster& dem);

}  // namespace sd::county
