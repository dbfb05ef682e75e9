#pragma once
// The outline of an imported county (`--boundary AREA.gpkg`): the polygons of a vector file's
// first layer, in any CRS. The grid covers their extent; cells whose centre lies outside every
// polygon get no data (outside the domain), so roads are cut there, assets and people outside
// are left out, and the flood is not computed there.
#include <string>
#include <vector>

#include "county/import_frame.hpp"
#include "county/import_osm.hpp"
#include "io/raster_io.hpp"

namespace sd::county {

struct BoundaryOutline {
  std::string path;
  std::vector<OsmArea> polygons;  // lon/lat; rings[0] outer, then holes
  LonLatBox extent;
};

// Reads the polygons and multipolygons of the first layer (curves are linearised). Throws
// sd::InputError naming the file when it cannot be read, has no CRS or holds no polygon.
BoundaryOutline read_boundary(const std::string& path);

// Sets every cell of `dem` whose centre is outside all polygons to NaN; returns how many
// cells that had data were excluded.
long mask_outside(const ImportFrame& f, const BoundaryOutline& b, io::Raster& dem);

}  // namespace sd::county
