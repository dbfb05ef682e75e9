#include "io/lonlat.hpp"

#include <ogr_spatialref.h>

#include <cmath>
#include <memory>
#include <numbers>

#include "core/error.hpp"

namespace sd::io {
namespace {

constexpr double kEarthRadiusM = 6371000.0;
constexpr double kDeg = std::numbers::pi / 180.0;

struct TransformDeleter {
  void operator()(OGRCoordinateTransformation* t) const {
    OGRCoordinateTransformation::DestroyCT(t);
  }
};

using Transform = std::unique_ptr<OGRCoordinateTransformation, TransformDeleter>;

// Grid CRS -> WGS84 lon/lat (to_wgs84) or back, both in lon, lat / x, y axis order.
Transform grid_wgs84_transform(const std::string& crs_wkt, bool to_wgs84) {
  OGRSpatialReference grid, wgs84;
  if (grid.SetFromUserInput(crs_wkt.c_str()) != OGRERR_NONE)
    throw InputError("cannot interpret the grid's CRS: " + crs_wkt.substr(0, 80));
  wgs84.SetWellKnownGeogCS("WGS84");
  grid.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  Transform ct(to_wgs84 ? OGRCreateCoordinateTransformation(&grid, &wgs84)
                        : OGRCreateCoordinateTransformation(&wgs84, &grid));
  if (!ct)
    throw InputError(to_wgs84 ? "cannot transform the grid's CRS to WGS84"
                              : "cannot transform WGS84 to the grid's CRS");
  return ct;
}

CellLonLat local_metric(const Grid& g, RefLonLat ref) {
  // Equirectangular about the grid centre: x east, y north in metres.
  const double xc = g.x0 + 0.5 * g.width(), yc = g.y0 - 0.5 * g.height();
  const double kx = kEarthRadiusM * kDeg * std::cos(ref.lat * kDeg), ky = kEarthRadiusM * kDeg;
  CellLonLat out;
  out.lon.resize(g.size());
  out.lat.resize(g.size());
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      out.lon[g.index(i, j)] = ref.lon + (g.cx(i) - xc) / kx;
      out.lat[g.index(i, j)] = ref.lat + (g.cy(j) - yc) / ky;
    }
  return out;
}

}  // namespace

CellLonLat cell_lonlat(const Grid& g, const std::string& crs_wkt, std::optional<RefLonLat> ref) {
  if (crs_wkt.empty()) {
    if (!ref)
      throw InputError("the grid has no CRS: give a reference longitude/latitude for its centre");
    return local_metric(g, *ref);
  }
  const auto ct = grid_wgs84_transform(crs_wkt, true);
  CellLonLat out;
  out.lon.resize(g.size());
  out.lat.resize(g.size());
  std::vector<double> x(static_cast<std::size_t>(g.nx)), y(x.size());
  for (int j = 0; j < g.ny; ++j) {  // one row per call: GDAL's transform is batched
    for (int i = 0; i < g.nx; ++i) {
      x[static_cast<std::size_t>(i)] = g.cx(i);
      y[static_cast<std::size_t>(i)] = g.cy(j);
    }
    if (!ct->Transform(g.nx, x.data(), y.data()))
      throw InputError("CRS transform to WGS84 failed on grid row " + std::to_string(j));
    for (int i = 0; i < g.nx; ++i) {
      out.lon[g.index(i, j)] = x[static_cast<std::size_t>(i)];
      out.lat[g.index(i, j)] = y[static_cast<std::size_t>(i)];
    }
  }
  return out;
}

void lonlat_to_grid(const Grid& g, const std::string& crs_wkt, std::optional<RefLonLat> ref,
                    std::vector<double>& x, std::vector<double>& y) {
  if (crs_wkt.empty()) {
    if (!ref)
      throw InputError("the grid has no CRS: give a reference longitude/latitude for its centre");
    // Inverse of local_metric.
    const double xc = g.x0 + 0.5 * g.width(), yc = g.y0 - 0.5 * g.height();
    const double kx = kEarthRadiusM * kDeg * std::cos(ref->lat * kDeg), ky = kEarthRadiusM * kDeg;
    for (std::size_t k = 0; k < x.size() && k < y.size(); ++k) {
      x[k] = xc + (x[k] - ref->lon) * kx;
      y[k] = yc + (y[k] - ref->lat) * ky;
    }
    return;
  }
  const auto ct = grid_wgs84_transform(crs_wkt, false);
  if (!x.empty() && !ct->Transform(static_cast<int>(x.size()), x.data(), y.data()))
    throw InputError("CRS transform from WGS84 to the grid's CRS failed");
}

CellLonLat cell_lonlat(const Raster& r, std::optional<RefLonLat> ref) {
  return cell_lonlat(r.grid, r.crs_wkt, ref);
}

}  // namespace sd::io
