#pragma once
// CF georeferencing of the rasters in an HDF5 group, written so that the file is also a valid
// netCDF-4 file and GDAL's netCDF driver places every raster on the map:
//   gdalinfo 'NETCDF:"RUN.h5":/hazard/max_depth'
// The group gets 1-D coordinate variables `x` and `y` (cell centres) and, when it holds time
// series, `time`, all HDF5 dimension scales (netCDF-4 dimensions), attached to every (y, x)
// and (time, y, x) dataset of the group; a scalar `crs` variable carries the WKT as `crs_wkt`
// (CF 1.7 §5.6) and `spatial_ref` (GDAL's name), and each raster names it in `grid_mapping`.
// References: CF Conventions 1.10 §4 (coordinate types), §5.6 (grid mappings); netCDF-4 /
// HDF5 interoperability (netCDF Users Guide, "Interoperability with HDF5"); HDF5 Dimension
// Scale specification (H5DS).
#include <hdf5.h>

#include <string>

#include "core/grid.hpp"

namespace sd::h5::cf {

struct Georef {
  Grid grid;
  std::string crs_wkt;     // empty: no `crs` variable (coordinates only)
  std::string time_units;  // CF units of the group's `time` variable, e.g. "seconds since ..."
};

// Georeferences every raster of `group` whose shape is (ny, nx) or (T, ny, nx) (then `time`
// must be a 1-D dataset of length T in the group). Idempotent: coordinate variables and
// attachments already present are kept, so a copied or older group can be completed.
void georeference_group(hid_t group, const Georef& g);

// Deletes the dimension-scale attachments (DIMENSION_LIST, REFERENCE_LIST) of every dataset of
// `group`. H5Ocopy copies these object references verbatim, so in a copied group they point
// into the source file; clear them, then georeference_group() attaches the copies.
void clear_attachments(hid_t group);

// "seconds since YYYY-MM-DD HH:MM:SS" (UTC) for an ISO 8601 start time with offset, or "s"
// when the start is unknown or unparsable.
std::string seconds_since(const std::string& start_iso);

}  // namespace sd::h5::cf
