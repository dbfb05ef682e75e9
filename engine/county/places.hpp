#pragma once
// Where the default county sits on the Earth: the model extent in UTM 51N and the nine
// towns/sub-districts of Haiyan County with approximate real positions and populations.
#include <vector>

#include "core/grid.hpp"
#include "county/county.hpp"

namespace sd::county {

// The 32 x 29 km model extent (west edge 281 km E, north edge 3388.5 km N, EPSG:32651) at
// `cell_m` resolution. Throws sd::InputError when cell_m is not in [10, 1000] m.
Grid county_grid(double cell_m);

// WKT of EPSG:32651 (WGS 84 / UTM zone 51N), from the PROJ database via GDAL OSR.
std::string utm51n_wkt();

// WGS 84 longitude/latitude (degrees) to UTM 51N metres.
Point lonlat_to_utm(double lon_deg, double lat_deg);

// The county seat first, then the other eight towns/sub-districts.
std::vector<Town> haiyan_towns();

}  // namespace sd::county
