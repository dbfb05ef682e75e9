#pragma once
// Population raster of the default county: each town's population spread over the land
// cells nearest to it, weighted by land use (dense in town, thin in the countryside).
#include <vector>

#include "core/grid.hpp"
#include "county/county.hpp"
#include "county/terrain.hpp"

namespace sd::county {

// People per cell; the cells nearest each town sum to that town's population.
std::vector<float> distribute_population(const Grid& g, const Terrain& t,
                                         const std::vector<Town>& towns);

}  // namespace sd::county
