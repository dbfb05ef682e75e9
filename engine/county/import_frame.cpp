#include "county/import_frame.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/error.hpp"

namespace sd::county {
namespace {

OGRSpatialReference lonlat_srs() {
  OGRSpatialReference s;
  s.importFromEPSG(4326);
  s.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return s;
}

}  // namespace

std::string LonLatBox::str() const {
  char b[160];
  std::snprintf(b, sizeof b, "W,S,E,N = %.5f,%.5f,%.5f,%.5f", w, s, e, n);
  return b;
}

LonLatBox intersect(const LonLatBox& a, const LonLatBox& b) {
  return {std::max(a.w, b.w), std::max(a.s, b.s), std::min(a.e, b.e), std::min(a.n, b.n)};
}

Projector::Projector(const std::string& target_wkt) {
  OGRSpatialReference ll = lonlat_srs(), t;
  t.importFromWkt(target_wkt.c_str());
  t.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  fwd_ = OGRCreateCoordinateTransformation(&ll, &t);
  inv_ = OGRCreateCoordinateTransformation(&t, &ll);
  if (!fwd_ || !inv_)
    throw InputError("no coordinate transformation from WGS 84 to the target CRS");
}

Projector::~Projector() {
  OGRCoordinateTransformation::DestroyCT(fwd_);
  OGRCoordinateTransformation::DestroyCT(inv_);
}

void Projector::forward(double lon, double lat, double& x, double& y) const {
  x = lon;
  y = lat;
  if (!fwd_->Transform(1, &x, &y)) x = y = NAN;
}

void Projector::inverse(double x, double y, double& lon, double& lat) const {
  lon = x;
  lat = y;
  if (!inv_->Transform(1, &lon, &lat)) lon = lat = NAN;
}

ImportFrame make_frame(const LonLatBox& aoi, const std::string& crs, double cell_m) {
  if (!(cell_m >= 5 && cell_m <= 1000))
    throw InputError("--cell-m: " + std::to_string(cell_m) + " is outside 5..1000 m");
  ImportFrame f;
  f.aoi = aoi;
  OGRSpatialReference t;
  if (crs.empty() || crs == "auto") {
    // UTM zone of the centre (zones are 6 degrees wide from 180 W; north/south by latitude).
    const double lon = (aoi.w + aoi.e) / 2, lat = (aoi.s + aoi.n) / 2;
    const int zone = std::clamp(static_cast<int>(std::floor((lon + 180) / 6)) + 1, 1, 60);
    const int epsg = (lat >= 0 ? 32600 : 32700) + zone;
    t.importFromEPSG(epsg);
    f.crs_name = "EPSG:" + std::to_string(epsg);
  } else {
    if (t.SetFromUserInput(crs.c_str()) != OGRERR_NONE)
      throw InputError("--crs: '" + crs + "' is not a CRS PROJ knows");
    if (!t.IsProjected()) throw InputError("--crs: '" + crs + "' is not a projected (metric) CRS");
    const char* auth = t.GetAuthorityName(nullptr);
    const char* code = t.GetAuthorityCode(nullptr);
    f.crs_name = auth && code ? std::string(auth) + ":" + code : crs;
  }
  char* wkt = nullptr;
  t.exportToWkt(&wkt);
  f.crs_wkt = wkt;
  CPLFree(wkt);
  f.proj = std::make_unique<Projector>(f.crs_wkt);
  // Bounds of the densified AOI outline in the target CRS, snapped outward to whole cells.
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
  for (int k = 0; k <= 20; ++k) {
    const double u = k / 20.0;
    const double pts[4][2] = {{aoi.w + u * (aoi.e - aoi.w), aoi.s},
                              {aoi.w + u * (aoi.e - aoi.w), aoi.n},
                              {aoi.w, aoi.s + u * (aoi.n - aoi.s)},
                              {aoi.e, aoi.s + u * (aoi.n - aoi.s)}};
    for (const auto& p : pts) {
      double x, y;
      f.proj->forward(p[0], p[1], x, y);
      if (!std::isfinite(x)) throw InputError("--crs: the area does not project into " + crs);
      x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
    }
  }
  x0 = std::floor(x0 / cell_m) * cell_m;
  y1 = std::ceil(y1 / cell_m) * cell_m;
  f.grid.x0 = x0;
  f.grid.y0 = y1;
  f.grid.cell = cell_m;
  f.grid.nx = static_cast<int>(std::ceil((x1 - x0) / cell_m));
  f.grid.ny = static_cast<int>(std::ceil((y1 - y0) / cell_m));
  if (static_cast<double>(f.grid.nx) * f.grid.ny > 5e7)
    throw InputError("the area " + aoi.str() + " at " + std::to_string(cell_m) +
                     " m cells is more than 5e7 cells; use a larger --cell-m or a smaller --bbox");
  return f;
}

LonLatBox parse_bbox(const std::string& text) {
  LonLatBox b;
  char c1 = 0, c2 = 0, c3 = 0;
  std::istringstream in(text);
  in >> b.w >> c1 >> b.s >> c2 >> b.e >> c3 >> b.n;
  if (!in || c1 != ',' || c2 != ',' || c3 != ',' || b.empty() || b.w < -180 || b.e > 180 ||
      b.s < -90 || b.n > 90)
    throw InputError("--bbox: '" + text + "' is not W,S,E,N in degrees with W < E and S < N");
  return b;
}

}  // namespace sd::county
