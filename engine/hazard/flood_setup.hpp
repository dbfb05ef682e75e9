#pragma once
// The scenario's terrain, land use, drainage assets, boundaries and hazard injects as a flood
// solver model (solvers/flood).
#include "flood/flood_model.hpp"
#include "flood/subgrid_inertial.hpp"
#include "scenario/scenario.hpp"

namespace sd {

// Sub-grid scenarios (Scenario::subgrid()) need the tables of their fine DEM
// (hazard/subgrid_scenario.hpp); `tables` is ignored otherwise.
flood::ModelPtr setup_flood(const Scenario& s, const TimeSeries& sea_level, int threads,
                            flood::subgrid::TablesPtr tables = nullptr);

// Initial water: water-class cells (rivers, canals, sea) start level with 0 m (their normal
// stage), everything else dry. Sub-grid: the stored volume per cell area of the water-class
// pixels below 0 m (fine land use when given, else the cell's class).
std::vector<float> initial_depth(const Scenario& s);

// Sea level at the level boundaries (tide + surge, or the series file).
TimeSeries sea_level_series(const Scenario& s, double landfall_s);

inline constexpr int kWaterLanduse = 3;

// The FD2320 debris-factor class of a land-use class (forest: woodland; rural and farmland:
// pasture/arable; everything else and no class: urban).
flood::DebrisClass debris_class(const LanduseClass* lc);

// Sub-grid scenarios with land use: the land-use code of fine pixel (i, j), from the fine land
// use when given, else its cell's.
float fine_landuse_code(const Scenario& s, int i, int j);

// Sub-grid scenarios: the debris class of every fine pixel, from the fine land use when given,
// else its cell's (all urban without land use).
std::vector<std::uint8_t> fine_debris_classes(const Scenario& s);

}  // namespace sd
