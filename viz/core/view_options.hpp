// `--center X,Y --zoom Z` for headless screenshots (issue 14 §4): map coordinates in the grid's
// CRS and a zoom factor relative to the fitted map. Bad values are refused with a message
// naming the flag (std::invalid_argument, exit code 2).
#pragma once

#include <string>

#include "core/results_file.hpp"

namespace sd::viz {

struct MapCenter {
  double x = 0, y = 0;
};

// "X,Y": two finite numbers separated by a comma.
MapCenter parse_center(const std::string& s);
// A finite number in [kMinZoom, kMaxZoom]; 1 = the whole grid fitted, 4 = four times closer.
inline constexpr double kMinZoom = 0.25, kMaxZoom = 256;
double parse_zoom(const std::string& s);
// The centre must lie on the grid (x0 <= x <= x0 + nx cell, y0 - ny cell <= y <= y0).
void check_center_on_grid(const MapCenter& c, const GridInfo& g);
// Metres per screen pixel of the fitted view of `g` in a w x h map (the viewer's "F").
double fitted_m_per_px(const GridInfo& g, double w, double h);

}  // namespace sd::viz
