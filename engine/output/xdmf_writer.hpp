#pragma once
// XDMF 3 sidecar (RUN.xmf beside RUN.h5) so ParaView and VisIt open the hazard's time series
// straight from the HDF5 file: one uniform grid per frame, every time-varying raster as a
// cell-centred attribute (a hyperslab of the (T, ny, nx) dataset).
// Geometry is a 2DRectMesh whose y edges run north to south, the order the rows are stored
// in, so the map appears north-up without flipping data. Coordinates and times are written
// with the shortest text that reads back to the same double (5210037.5, never 5.21004e+06).
#include <string>
#include <vector>

#include "core/grid.hpp"

namespace sd {

// `series`: dataset names under /hazard of `h5_name` (relative to the .xmf), e.g. depth, rain.
void write_xdmf(const std::string& xmf_path, const std::string& h5_name, const Grid& grid,
                const std::vector<double>& times, const std::vector<std::string>& series);

}  // namespace sd
