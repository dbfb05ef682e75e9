#include "county/import_boundary.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "core/error.hpp"
#include "county/import_rasterize.hpp"

namespace sd::county {
namespace {

using DatasetPtr = std::unique_ptr<GDALDataset, void (*)(GDALDataset*)>;
using TransformPtr =
    std::unique_ptr<OGRCoordinateTransformation, void (*)(OGRCoordinateTransformation*)>;

std::vector<LonLat> ring_points(const OGRLinearRing& r) {
  std::vector<LonLat> v;
  for (int k = 0; k < r.getNumPoints(); ++k) v.push_back({r.getX(k), r.getY(k)});
  if (v.size() > 1 && v.front().lon == v.back().lon && v.front().lat == v.back().lat) v.pop_back();
  return v;
}

void add_polygon(const OGRPolygon& p, BoundaryOutline& b) {
  if (p.getExteriorRing() == nullptr) return;
  OsmArea a;
  a.rings.push_back(ring_points(*p.getExteriorRing()));
  if (a.rings[0].size() < 3) return;
  for (int k = 0; k < p.getNumInteriorRings(); ++k)
    a.rings.push_back(ring_points(*p.getInteriorRing(k)));
  for (const LonLat& q : a.rings[0]) {
    b.extent.w = std::min(b.extent.w, q.lon), b.extent.e = std::max(b.extent.e, q.lon);
    b.extent.s = std::min(b.extent.s, q.lat), b.extent.n = std::max(b.extent.n, q.lat);
  }
  b.polygons.push_back(std::move(a));
}

void add_geometry(const OGRGeometry& g, BoundaryOutline& b) {
  const OGRwkbGeometryType t = wkbFlatten(g.getGeometryType());
  if (t == wkbPolygon) {
    add_polygon(*g.toPolygon(), b);
  } else if (t == wkbMultiPolygon || t == wkbGeometryCollection) {
    for (const OGRGeometry* part : *g.toGeometryCollection()) add_geometry(*part, b);
  } else if (t == wkbCurvePolygon || t == wkbMultiSurface) {
    std::unique_ptr<OGRGeometry> lin(g.getLinearGeometry());
    if (lin) add_geometry(*lin, b);
  }
}

}  // namespace

BoundaryOutline read_boundary(const std::string& path) {
  GDALAllRegister();
  DatasetPtr ds(static_cast<GDALDataset*>(
                    GDALOpenEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr)),
                [](GDALDataset* d) { GDALClose(d); });
  if (!ds || ds->GetLayerCount() == 0)
    throw InputError(path + ": --boundary: not a vector file GDAL can read");
  OGRLayer* layer = ds->GetLayer(0);
  const OGRSpatialReference* srs = layer->GetSpatialRef();
  if (!srs)
    throw InputError(path + ": --boundary: the layer has no CRS (a Shapefile needs its .prj)");
  OGRSpatialReference src = *srs, ll;
  ll.importFromEPSG(4326);
  src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  ll.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  TransformPtr ct(OGRCreateCoordinateTransformation(&src, &ll), [](OGRCoordinateTransformation* c) {
    OGRCoordinateTransformation::DestroyCT(c);
  });
  if (!ct) throw InputError(path + ": --boundary: its CRS cannot be transformed to WGS 84");
  BoundaryOutline b{path, {}, {1e9, 1e9, -1e9, -1e9}};
  layer->ResetReading();
  while (OGRFeature* feat = layer->GetNextFeature()) {
    std::unique_ptr<OGRFeature> own(feat);
    const OGRGeometry* g = feat->GetGeometryRef();
    if (!g) continue;
    std::unique_ptr<OGRGeometry> copy(g->clone());
    if (copy->transform(ct.get()) != OGRERR_NONE)
      throw InputError(path + ": --boundary: feature " + std::to_string(feat->GetFID()) +
                       " cannot be transformed to WGS 84");
    add_geometry(*copy, b);
  }
  if (b.polygons.empty())
    throw InputError(path + ": --boundary: the first layer (" + layer->GetName() +
                     ") holds no polygon");
  return b;
}

long mask_outside(const ImportFrame& f, const BoundaryOutline& b, io::Raster& dem) {
  std::vector<std::uint8_t> inside(f.grid.size(), 0);
  for (const OsmArea& a : b.polygons) fill_area(f, a, [&](std::size_t c) { inside[c] = 1; });
  long excluded = 0;
  for (std::size_t c = 0; c < inside.size(); ++c)
    if (!inside[c]) {
      if (std::isfinite(dem.data[c])) ++excluded;
      dem.data[c] = NAN;
    }
  return excluded;
}

}  // namespace sd::county
