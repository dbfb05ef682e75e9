#pragma once
// Burning vector features into the scenario grid: polygons by the even-odd rule at cell
// centres (a cell belongs to a polygon when its centre does), lines by sampling every
// segment at a quarter cell so a line marks every cell it passes through.
#include <cstddef>
#include <functional>
#include <vector>

#include "core/grid.hpp"
#include "county/import_frame.hpp"
#include "county/import_osm.hpp"

namespace sd::county {

using CellFn = std::function<void(std::size_t cell)>;

// rings in lon/lat, projected with the frame; calls fn once per cell inside.
void fill_area(const ImportFrame& f, const OsmArea& area, const CellFn& fn);

// Calls fn for each cell the polyline passes through (a cell may be given more than once).
void trace_line(const ImportFrame& f, const std::vector<LonLat>& pts, const CellFn& fn);

}  // namespace sd::county
