#include "io/crs_transform.hpp"

#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <sstream>

#include "core/error.hpp"

namespace sd::io {
namespace {

struct TransformDeleter {
  void operator()(OGRCoordinateTransformation* t) const {
    OGRCoordinateTransformation::DestroyCT(t);
  }
};

bool import_crs(const std::string& crs, OGRSpatialReference& srs) {
  if (crs.empty() || srs.SetFromUserInput(crs.c_str()) != OGRERR_NONE) return false;
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);  // x = lon, y = lat
  return true;
}

}  // namespace

bool Extent::overlaps(const Extent& o) const {
  return xmin <= o.xmax && o.xmin <= xmax && ymin <= o.ymax && o.ymin <= ymax;
}

std::string Extent::str() const {
  std::ostringstream os;
  os.precision(10);
  os << "x " << xmin << " .. " << xmax << ", y " << ymin << " .. " << ymax;
  return os.str();
}

Extent extent_of(const std::vector<double>& x, const std::vector<double>& y) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  Extent e{kInf, kInf, -kInf, -kInf};
  for (std::size_t k = 0; k < x.size() && k < y.size(); ++k) {
    e.xmin = std::min(e.xmin, x[k]), e.xmax = std::max(e.xmax, x[k]);
    e.ymin = std::min(e.ymin, y[k]), e.ymax = std::max(e.ymax, y[k]);
  }
  return e;
}

Extent extent_of(const Grid& g) {
  return {g.x0, g.y0 - g.height(), g.x0 + g.width(), g.y0};
}

bool same_crs(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return true;
  OGRSpatialReference ra, rb;
  if (!import_crs(a, ra) || !import_crs(b, rb)) return a == b;
  return ra.IsSame(&rb);
}

std::string crs_label(const std::string& crs) {
  if (crs.empty()) return "none declared";
  OGRSpatialReference srs;
  if (!import_crs(crs, srs)) return "'" + crs.substr(0, 60) + "' (not understood)";
  std::string label = srs.GetName() ? srs.GetName() : "unnamed CRS";
  const char* auth = srs.GetAuthorityName(nullptr);
  const char* code = srs.GetAuthorityCode(nullptr);
  if (auth && code) label += std::string(" (") + auth + ":" + code + ")";
  return label;
}

std::string crs_to_wkt(const std::string& crs) {
  OGRSpatialReference srs;
  if (!import_crs(crs, srs)) return {};
  char* wkt = nullptr;
  srs.exportToWkt(&wkt);
  std::string out = wkt ? wkt : "";
  CPLFree(wkt);
  return out;
}

void transform_points(std::vector<double>& x, std::vector<double>& y, const std::string& from_crs,
                      const std::string& to_crs, const std::string& what) {
  OGRSpatialReference src, dst;
  if (!import_crs(from_crs, src))
    throw InputError(what + ": not a CRS GDAL understands: '" + from_crs.substr(0, 80) + "'");
  if (!import_crs(to_crs, dst))
    throw InputError(what + ": the DEM's CRS is not one GDAL understands");
  std::unique_ptr<OGRCoordinateTransformation, TransformDeleter> ct(
      OGRCreateCoordinateTransformation(&src, &dst));
  if (!ct)
    throw InputError(what + ": no transformation from " + crs_label(from_crs) + " to " +
                     crs_label(to_crs));
  if (x.empty()) return;
  std::vector<int> ok(x.size(), 0);
  ct->Transform(x.size(), x.data(), y.data(), nullptr, ok.data());
  for (std::size_t k = 0; k < x.size(); ++k)
    if (!ok[k] || !std::isfinite(x[k]) || !std::isfinite(y[k]))
      throw InputError(what + ": point " + std::to_string(k + 1) + " cannot be transformed from " +
                       crs_label(from_crs) + " to " + crs_label(to_crs));
}

void to_dem_crs(std::vector<double>& x, std::vector<double>& y, std::string& crs,
                const std::string& dem_crs, const Grid& dem_grid, const std::string& source,
                const std::string& hint) {
  if (x.empty()) return;
  const bool known = !crs.empty();
  if (known && dem_crs.empty()) {
    OGRSpatialReference srs;
    if (import_crs(crs, srs) && srs.IsGeographic())
      throw InputError(source + ": coordinates are in " + crs_label(crs) +
                       " (degrees) but the DEM declares no CRS, so they cannot be placed on it; "
                       "give the DEM a CRS ([region] crs) or the file projected coordinates");
  }
  if (known && !dem_crs.empty() && !same_crs(crs, dem_crs)) {
    const Extent before = extent_of(x, y);
    transform_points(x, y, crs, dem_crs, source);
    const Extent after = extent_of(x, y);
    if (!after.overlaps(extent_of(dem_grid)))
      throw InputError(source + ": after reprojection from " + crs_label(crs) + " (" +
                       before.str() + ") to the DEM's " + crs_label(dem_crs) + " (" + after.str() +
                       "), the coordinates do not overlap the DEM (" + extent_of(dem_grid).str() +
                       ")");
    crs = dem_crs;
    return;
  }
  const Extent e = extent_of(x, y), g = extent_of(dem_grid);
  if (e.overlaps(g)) {
    if (!known) crs = dem_crs;
    return;
  }
  std::string msg = source + ": coordinates (" + e.str() + ", CRS " + crs_label(crs) +
                    ") do not overlap the DEM (" + g.str() + ", CRS " + crs_label(dem_crs) + ")";
  if (!known) msg += "; they cannot be in the DEM's units. " + hint;
  throw InputError(msg);
}

}  // namespace sd::io
