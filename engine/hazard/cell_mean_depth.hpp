#pragma once
// What the response reads of a sub-grid cell's water (issue 12 §2; docs/flood-model.md,
// "Sub-grid topography"). The solver's head is the water above the cell's LOWEST fine pixel: in
// a 200 m cell crossed by a 1.2 m drainage ditch it reaches 0.15 m as soon as the ditch holds
// a little water, and the response took the whole cell as flooded (measured on the county:
// 243 km2 "flooded" against 61 km2 without sub-grid, every polder cell an evacuation zone).
// The response instead reads the cell's mean depth over its area, V/A, from the volume table:
// without sub-grid the cell depth is the water over the cell's mean ground, the same quantity
// for a level surface. Computed from the float frame heads so a branch replaying frames gets
// the same bits as the from-scratch run. Land extents come from the fine pixels.
#include <cstdint>
#include <vector>

#include "flood/subgrid_inertial.hpp"

namespace sd {

// Per cell: V/A at the frame head (m); NaN where the head is NaN (outside the domain).
std::vector<float> cell_mean_depths(const flood::subgrid::SolverTables& t,
                                    const std::vector<float>& head);

// Land (not permanent water) fine pixels whose depth reached `threshold_m`, in km2.
double fine_land_km2(const std::vector<float>& fine_depth, const std::vector<std::uint8_t>& water,
                     double pixel_m, float threshold_m);

}  // namespace sd
