#include "io/raster_checks.hpp"

#include <cmath>
#include <cstdio>

namespace sd::io {
namespace {

std::string pixel(const Raster& r, std::size_t k) {
  const Grid& g = r.grid;
  const int i = static_cast<int>(k % static_cast<std::size_t>(g.nx));
  const int j = static_cast<int>(k / static_cast<std::size_t>(g.nx));
  char buf[160];
  std::snprintf(buf, sizeof buf, "pixel (column %d, row %d; x %.1f, y %.1f) = %g", i, j, g.cx(i),
                g.cy(j), static_cast<double>(r.data[k]));
  return buf;
}

}  // namespace

std::optional<std::string> implausible_elevation(const Raster& dem) {
  for (std::size_t k = 0; k < dem.data.size(); ++k) {
    const float z = dem.data[k];
    if (std::isnan(z) || (z >= kMinElevationM && z <= kMaxElevationM)) continue;
    std::size_t n = 0;
    for (std::size_t q = k; q < dem.data.size(); ++q)
      n += !std::isnan(dem.data[q]) &&
           !(dem.data[q] >= kMinElevationM && dem.data[q] <= kMaxElevationM);
    return "implausible elevation at first bad " + pixel(dem, k) + " m (" + std::to_string(n) +
           " such pixels): beyond any real terrain (-11000 .. 9000 m); declare the value as "
           "the raster's NoData if it marks cells outside the domain";
  }
  return std::nullopt;
}

std::optional<std::string> bad_population(const Raster& pop) {
  for (std::size_t k = 0; k < pop.data.size(); ++k) {
    const float p = pop.data[k];
    if (std::isnan(p) || (std::isfinite(p) && p >= 0)) continue;
    return "population must be finite and >= 0: first bad " + pixel(pop, k);
  }
  return std::nullopt;
}

std::optional<std::string> dense_population(const Raster& pop) {
  const double cell_km2 = pop.grid.cell * pop.grid.cell / 1e6;
  const double limit = kMaxPlausibleDensityPerKm2 * cell_km2;
  std::size_t first = pop.data.size(), n = 0;
  for (std::size_t k = 0; k < pop.data.size(); ++k)
    if (pop.data[k] > limit) {
      if (n++ == 0) first = k;
    }
  if (n == 0) return std::nullopt;
  return std::to_string(n) +
         " pixels denser than 100,000 people per km2 (more than any real "
         "city district); first " +
         pixel(pop, first);
}

}  // namespace sd::io
