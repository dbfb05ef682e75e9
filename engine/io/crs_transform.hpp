#pragma once
// Coordinates from files into the DEM's CRS (issue 13 §1): roads and points may come in any
// CRS GDAL/PROJ knows (a WKT, "EPSG:n" or PROJ string in a sidecar, or the OGR layer's own)
// and are transformed with OGRCoordinateTransformation in traditional GIS order (x = lon,
// y = lat for geographic CRSs). Coordinates whose CRS is unknown are taken as the DEM's, but
// only when they can be: if their extent does not overlap the DEM's at all (lon/lat degrees
// under a UTM DEM, say) it is an error naming the file, both extents and both CRSs.
#include <string>
#include <vector>

#include "core/grid.hpp"

namespace sd::io {

struct Extent {
  double xmin = 0, ymin = 0, xmax = 0, ymax = 0;
  bool overlaps(const Extent& o) const;
  std::string str() const;  // "x 9.47 .. 9.64, y 47.04 .. 47.27"
};

Extent extent_of(const std::vector<double>& x, const std::vector<double>& y);
Extent extent_of(const Grid& grid);

// True when both CRSs describe the same system, or either is empty (undeclared).
bool same_crs(const std::string& a, const std::string& b);
// A short name for messages: "WGS 84 / UTM zone 32N (EPSG:32632)"; "none declared" when empty.
std::string crs_label(const std::string& crs);
// The CRS as WKT, or an empty string when GDAL cannot interpret it.
std::string crs_to_wkt(const std::string& crs);

// Transforms the points in place. Throws sd::InputError naming `what` when either CRS is not
// understood or a point cannot be transformed.
void transform_points(std::vector<double>& x, std::vector<double>& y, const std::string& from_crs,
                      const std::string& to_crs, const std::string& what);

// Brings points read from `source` (CRS `crs`, empty when unknown) into the DEM's CRS and
// sets `crs` to it. Throws sd::InputError when the result does not overlap the DEM grid;
// `hint` (e.g. "declare the CRS in nodes.csv.crs") ends the message when the CRS was unknown.
void to_dem_crs(std::vector<double>& x, std::vector<double>& y, std::string& crs,
                const std::string& dem_crs, const Grid& dem_grid, const std::string& source,
                const std::string& hint);

}  // namespace sd::io
