#pragma once
// Plausibility of input rasters, checked on load so a bad pixel is an error naming it rather
// than a quietly wrong run (an undeclared NoData of -3.4e38 in one DEM column once gave a 95 %
// mass error and exit 0).
#include <optional>
#include <string>

#include "io/raster_io.hpp"

namespace sd::io {

// Elevations beyond any real terrain or bathymetry: the Challenger Deep is -10,935 m and
// Everest 8,849 m (NOAA/GEBCO), so anything below -11,000 m or above 9,000 m is a NoData
// value the file did not declare (or a unit error).
inline constexpr double kMinElevationM = -11000.0;
inline constexpr double kMaxElevationM = 9000.0;

// People per km2 above which a population pixel draws a warning: the densest city districts
// on record (Manila's Tondo, Dhaka's old town) are near 70,000-100,000 per km2.
inline constexpr double kMaxPlausibleDensityPerKm2 = 100000.0;

// "first bad pixel (column i, row j; x, y) = v: ..." for the first elevation that is infinite
// or outside [kMinElevationM, kMaxElevationM]; NaN (declared NoData) is fine.
std::optional<std::string> implausible_elevation(const Raster& dem);

// The first population pixel that is infinite or negative (NaN = NoData = nobody is fine).
std::optional<std::string> bad_population(const Raster& pop);

// The first pixel denser than kMaxPlausibleDensityPerKm2, with the count of such pixels.
std::optional<std::string> dense_population(const Raster& pop);

}  // namespace sd::io
