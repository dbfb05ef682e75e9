#include "county/import_population.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "core/error.hpp"
#include "county/import_dem.hpp"

namespace sd::county {
namespace {

// Adds every raster pixel's people to the grid cell holding the pixel centre: exact totals,
// any CRS (a pixel finer than the cell adds up; a coarser one lands on one cell).
double sum_raster_into(const std::string& path, const ImportFrame& f, const io::Raster& dem,
                       std::vector<float>& out, double& dropped) {
  GDALAllRegister();
  std::unique_ptr<GDALDataset, void (*)(GDALDataset*)> ds(
      static_cast<GDALDataset*>(
          GDALOpenEx(path.c_str(), GDAL_OF_RASTER, nullptr, nullptr, nullptr)),
      [](GDALDataset* d) { GDALClose(d); });
  if (!ds) throw InputError(path + ": --population: not a raster GDAL can read");
  double gt[6];
  ds->GetGeoTransform(gt);
  OGRSpatialReference src = *ds->GetSpatialRef(), dst;
  src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  dst.importFromWkt(f.crs_wkt.c_str());
  dst.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation, void (*)(OGRCoordinateTransformation*)> ct(
      OGRCreateCoordinateTransformation(&src, &dst),
      [](OGRCoordinateTransformation* c) { OGRCoordinateTransformation::DestroyCT(c); });
  if (!ct) throw InputError(path + ": --population: its CRS cannot be transformed");
  GDALRasterBand* band = ds->GetRasterBand(1);
  int has_nd = 0;
  const double nd = band->GetNoDataValue(&has_nd);
  const int nx = ds->GetRasterXSize(), ny = ds->GetRasterYSize();
  std::vector<double> row(nx), xs(nx), ys(nx);
  double inside = 0;
  for (int r = 0; r < ny; ++r) {
    if (band->RasterIO(GF_Read, 0, r, nx, 1, row.data(), nx, 1, GDT_Float64, 0, 0) != CE_None)
      throw InputError(path + ": --population: read failed at row " + std::to_string(r));
    for (int c = 0; c < nx; ++c) {
      xs[c] = gt[0] + (c + 0.5) * gt[1] + (r + 0.5) * gt[2];
      ys[c] = gt[3] + (c + 0.5) * gt[4] + (r + 0.5) * gt[5];
    }
    ct->Transform(nx, xs.data(), ys.data());
    for (int c = 0; c < nx; ++c) {
      const double v = row[c];
      if (!(v > 0) || !std::isfinite(v) || (has_nd && v == nd)) continue;
      int i, j;
      if (f.grid.locate(xs[c], ys[c], i, j) && std::isfinite(dem.data[f.grid.index(i, j)])) {
        out[f.grid.index(i, j)] += static_cast<float>(v);
        inside += v;
      } else {
        dropped += v;
      }
    }
  }
  return inside;
}

}  // namespace

PopulationResult build_population(const OsmData& osm, const ImportFrame& f, const io::Raster& dem,
                                  const std::string& pop_path, double total) {
  const Grid& g = f.grid;
  PopulationResult r;
  std::vector<float> pop(g.size(), 0.0f);
  if (!pop_path.empty()) {
    r.method = "raster";
    const LonLatBox ext = raster_extent(pop_path, pop_path);
    const std::string both = "raster extent " + ext.str() + ", area " + f.aoi.str();
    if (intersect(ext, f.aoi).empty())
      throw InputError(pop_path + ": --population: the raster does not cover the area (" + both +
                       ")");
    r.source_total = sum_raster_into(pop_path, f, dem, pop, r.dropped);
    if (!(r.source_total > 0))
      throw InputError(pop_path + ": --population: nobody lives on the area in this raster (" +
                       both + ")");
  } else {
    r.method = "buildings";
    for (const OsmBuilding& b : osm.buildings) {
      if (!b.residential) continue;
      double x, y;
      int i, j;
      f.proj->forward(b.centroid.lon, b.centroid.lat, x, y);
      if (!std::isfinite(x) || !g.locate(x, y, i, j) || !std::isfinite(dem.data[g.index(i, j)]))
        continue;
      const double floor = b.footprint_m2 * (b.levels > 0 ? b.levels : kDefaultLevels);
      pop[g.index(i, j)] += static_cast<float>(floor / kFloorAreaPerPerson_m2);
      r.source_total += floor / kFloorAreaPerPerson_m2;
      ++r.residential_buildings;
    }
    if (!(r.source_total > 0) && total > 0)
      throw InputError(osm.path + ": no residential building on the area to spread " +
                       "--population-total over; give --population RASTER");
  }
  double sum = 0;
  if (total > 0 && r.source_total > 0) {
    const double k = total / r.source_total;
    for (float& v : pop) v = static_cast<float>(v * k);
  }
  for (std::size_t c = 0; c < g.size(); ++c)
    if (!std::isfinite(dem.data[c]))
      pop[c] = NAN;
    else
      sum += pop[c];
  r.total = sum;
  r.population = io::Raster{g, std::move(pop), f.crs_wkt};
  return r;
}

}  // namespace sd::county
