#pragma once
// The sub-grid tables of a scenario with [flood] subgrid_cell_m (scenario/subgrid_region.hpp):
// built from its fine DEM with Manning n per fine pixel (the fine land use's class, else the
// cell's class, else 0.03 as ordinary cells), folded into the face conveyance tables.
#include <string>
#include <vector>

#include "flood/subgrid_inertial.hpp"
#include "scenario/scenario.hpp"

namespace sd {

// Volume/conveyance table levels per cell and face (the flood CLI's).
inline constexpr int kTableLevels = 10;

// Manning n of pixels without a class (= setup_flood's default for cells without one).
inline constexpr float kScenarioManning = 0.03f;

// Manning n per fine pixel.
std::vector<float> fine_manning(const Scenario& s);

}  // namespace sd
