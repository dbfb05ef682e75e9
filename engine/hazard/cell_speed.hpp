#pragma once
// The speed of each computational cell for the fine hazard rating (hazard/fine_risk.hpp): the
// cell-centred unit discharge |q| over the cell's mean depth V/A (State::depth()), 0 in films
// thinner than Options::velocity_min_depth_m. V/A, not the head: a 200 m cell whose water runs
// in a 10 m ditch carries the ditch's discharge over its whole width, and q / (V/A) is the mean
// velocity of that wet cross-section (as SFINCS's u = q / h_m), where q / head would spread it
// over the cell's width at the ditch's depth. With one pixel per cell V/A is the depth, and
// this is the coarse summary's speed (summary_kernel.cpp) in the same float operations.
#include <vector>

#include "flood/flood_state.hpp"

namespace sd {

// One speed (m/s) per cell of the state's grid, 0 outside the domain.
void cell_speed(const flood::State& st, std::vector<float>& speed);

}  // namespace sd
