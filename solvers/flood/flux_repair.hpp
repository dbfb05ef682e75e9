#pragma once
// Wet/dry repair (internal to sd_flood). The explicit step can ask a nearly dry cell for more
// water than it holds. Instead of clipping depths (which creates water) or capping every
// face at a fixed share of its donor (which caps the Froude number near dx/dt), the cells
// left negative are repaired after continuity: their outgoing fluxes are scaled down just
// enough to leave them at zero, and the water not sent is taken back from the receivers
// (or from the boundary outflow). Receivers driven negative are repaired in turn. Serial
// and in fixed row order, so the result does not depend on the thread count; it touches
// only the few cells at a drying front.
#include <cstdint>
#include <vector>

#include "flood/flood_model.hpp"

namespace sd::flood {
struct Budget;

// row_min[j] < 0 flags rows holding a negative depth. Returns the number of cells repaired.
std::size_t repair_negative_depths(const Model& m, double dt, const std::vector<double>& row_min,
                                   std::vector<double>& h, std::vector<float>& qx,
                                   std::vector<float>& qy, Budget& b);

}  // namespace sd::flood
