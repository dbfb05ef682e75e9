#pragma once
// Cell-centre longitude/latitude of a raster, for the storm model. A raster with a CRS is
// transformed to WGS84 with GDAL/OGR (OAMS_TRADITIONAL_GIS_ORDER: lon, lat). A raster
// without a CRS is local metric coordinates: the grid centre is placed at a reference
// lon/lat and offsets are mapped with a local equirectangular projection (adequate for a
// county-sized grid; error < 0.1 % within 100 km).
#include <optional>
#include <vector>

#include "io/raster_io.hpp"

namespace sd::io {

struct CellLonLat {
  std::vector<double> lon;  // grid.size() values, degrees east
  std::vector<double> lat;  // degrees north
};

struct RefLonLat {
  double lon = 120.9;  // Haiyan County
  double lat = 30.5;
};

// Throws sd::InputError when the raster has no CRS and no reference is given, or the CRS
// cannot be transformed to WGS84.
CellLonLat cell_lonlat(const Raster& raster, std::optional<RefLonLat> ref = std::nullopt);

// The inverse for points (the storm track in the results file): longitude/latitude in `x`/`y`
// become coordinates in the grid's CRS, or in the local metric frame of cell_lonlat when the
// grid has none. Same errors as cell_lonlat.
void lonlat_to_grid(const Grid& grid, const std::string& crs_wkt, std::optional<RefLonLat> ref,
                    std::vector<double>& x, std::vector<double>& y);
CellLonLat cell_lonlat(const Grid& grid, const std::string& crs_wkt,
                       std::optional<RefLonLat> ref = std::nullopt);

}  // namespace sd::io
