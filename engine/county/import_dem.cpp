#include "county/import_dem.hpp"

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_alg.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "core/error.hpp"

namespace sd::county {
namespace {

constexpr float kNoData = -32768.0f;  // the SRTM void value, used inside the warp too

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         std::equal(suffix.rbegin(), suffix.rend(), s.rbegin(),
                    [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

// "x.hgt.zip" -> "/vsizip/x.hgt.zip/x.hgt" (the first raster-looking member).
std::string gdal_name(const std::string& path) {
  if (!ends_with(path, ".zip")) return path;
  const std::string root = "/vsizip/" + path;
  char** list = VSIReadDirRecursive(root.c_str());
  std::string member;
  for (int k = 0; list && list[k]; ++k) {
    const std::string m = list[k];
    if (ends_with(m, ".hgt") || ends_with(m, ".tif") || ends_with(m, ".tiff") ||
        ends_with(m, ".asc") || ends_with(m, ".dem")) {
      member = m;
      break;
    }
  }
  CSLDestroy(list);
  if (member.empty()) throw InputError(path + ": --dem: the zip holds no .hgt/.tif/.asc raster");
  return root + "/" + member;
}

struct DsCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using DsPtr = std::unique_ptr<GDALDataset, DsCloser>;

DsPtr open_raster(const std::string& gdal_path, const std::string& label) {
  GDALAllRegister();
  CPLPushErrorHandler(CPLQuietErrorHandler);
  DsPtr ds(static_cast<GDALDataset*>(
      GDALOpenEx(gdal_path.c_str(), GDAL_OF_RASTER, nullptr, nullptr, nullptr)));
  CPLPopErrorHandler();
  if (!ds) throw InputError(label + ": not a raster GDAL can read (or missing)");
  return ds;
}

// "X 0..2, Y 0..2": a raster's extent in its own units, for a message when it cannot be
// placed in WGS 84.
std::string native_extent(GDALDataset& ds, const double (&gt)[6]) {
  const double x1 = gt[0] + ds.GetRasterXSize() * gt[1], y1 = gt[3] + ds.GetRasterYSize() * gt[5];
  char b[200];
  std::snprintf(b, sizeof b, "X %g..%g, Y %g..%g in its own units", std::min(gt[0], x1),
                std::max(gt[0], x1), std::min(gt[3], y1), std::max(gt[3], y1));
  return b;
}

}  // namespace

LonLatBox raster_extent(const std::string& gdal_path, const std::string& label) {
  DsPtr ds = open_raster(gdal_path, label);
  double gt[6];
  if (ds->GetGeoTransform(gt) != CE_None) throw InputError(label + ": no geotransform");
  const OGRSpatialReference* srs = ds->GetSpatialRef();
  if (!srs || srs->IsEmpty())
    throw InputError(label + ": the raster declares no CRS (PROJ cannot place it; raster " +
                     native_extent(*ds, gt) + ")");
  OGRSpatialReference src = *srs, ll;
  src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  ll.importFromEPSG(4326);
  ll.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  CPLPushErrorHandler(CPLQuietErrorHandler);
  OGRCoordinateTransformation* ct = OGRCreateCoordinateTransformation(&src, &ll);
  CPLPopErrorHandler();
  if (!ct)
    throw InputError(label + ": its CRS is one PROJ cannot transform to WGS 84 (raster " +
                     native_extent(*ds, gt) + ")");
  const int nx = ds->GetRasterXSize(), ny = ds->GetRasterYSize();
  LonLatBox b{1e9, 1e9, -1e9, -1e9};
  CPLPushErrorHandler(CPLQuietErrorHandler);  // a failed corner is handled below, not printed
  for (int k = 0; k <= 10; ++k)
    for (int side = 0; side < 4; ++side) {
      const double u = k / 10.0;
      const double px = side < 2 ? u * nx : (side == 2 ? 0 : nx);
      const double py = side < 2 ? (side == 0 ? 0 : ny) : u * ny;
      double x = gt[0] + px * gt[1] + py * gt[2], y = gt[3] + px * gt[4] + py * gt[5];
      if (!ct->Transform(1, &x, &y)) continue;
      b.w = std::min(b.w, x), b.e = std::max(b.e, x), b.s = std::min(b.s, y),
      b.n = std::max(b.n, y);
    }
  CPLPopErrorHandler();
  OGRCoordinateTransformation::DestroyCT(ct);
  if (b.empty())
    throw InputError(label + ": its CRS is one PROJ cannot transform to WGS 84 (no corner of " +
                     "the raster transforms; raster " + native_extent(*ds, gt) + ")");
  return b;
}

DemSource open_dem(const std::vector<std::string>& paths) {
  if (paths.empty()) throw InputError("--dem: no DEM given");
  DemSource s;
  std::vector<std::string> names;
  for (const std::string& p : paths) {
    names.push_back(gdal_name(p));
    s.label += (s.label.empty() ? "" : " + ") + p;
  }
  // Union of the tiles' extents (each has a CRS PROJ knows, checked above).
  s.gdal_paths = names;
  s.extent = {1e9, 1e9, -1e9, -1e9};
  for (std::size_t k = 0; k < names.size(); ++k) {
    const LonLatBox e = raster_extent(names[k], paths[k]);
    s.extent = {std::min(s.extent.w, e.w), std::min(s.extent.s, e.s), std::max(s.extent.e, e.e),
                std::max(s.extent.n, e.n)};
  }
  return s;
}

DemResult resample_dem(const DemSource& src, const ImportFrame& f) {
  // Several tiles go to one warp call: GDAL mosaics its sources (a later tile wins where two
  // overlap), whatever their CRS, band colour interpretation or resolution.
  std::vector<DsPtr> in;
  std::vector<GDALDatasetH> handles;
  for (std::size_t k = 0; k < src.gdal_paths.size(); ++k) {
    in.push_back(open_raster(src.gdal_paths[k], src.label));
    handles.push_back(GDALDataset::ToHandle(in.back().get()));
  }
  const Grid& g = f.grid;
  const std::string te[4] = {std::to_string(g.x0), std::to_string(g.y0 - g.height()),
                             std::to_string(g.x0 + g.width()), std::to_string(g.y0)};
  const std::string tr = std::to_string(g.cell);
  const std::string nd = std::to_string(kNoData);
  // Bilinear: elevation is a continuous field sampled at points (SRTM is point-registered);
  // GDAL leaves no-data source samples out of the weights.
  const char* argv[] = {"-t_srs",      f.crs_wkt.c_str(), "-te",      te[0].c_str(), te[1].c_str(),
                        te[2].c_str(), te[3].c_str(),     "-tr",      tr.c_str(),    tr.c_str(),
                        "-r",          "bilinear",        "-ot",      "Float32",     "-of",
                        "MEM",         "-dstnodata",      nd.c_str(), nullptr};
  GDALWarpAppOptions* opt = GDALWarpAppOptionsNew(const_cast<char**>(argv), nullptr);
  int err = 0;
  CPLPushErrorHandler(CPLQuietErrorHandler);
  DsPtr out(GDALDataset::FromHandle(
      GDALWarp("", nullptr, static_cast<int>(handles.size()), handles.data(), opt, &err)));
  CPLPopErrorHandler();
  GDALWarpAppOptionsFree(opt);
  if (!out || err) throw InputError(src.label + ": --dem: cannot be resampled to the grid");
  GDALRasterBand* band = out->GetRasterBand(1);
  band->SetNoDataValue(kNoData);
  DemResult r;
  std::vector<float> v(g.size());
  auto read = [&] {
    if (band->RasterIO(GF_Read, 0, 0, g.nx, g.ny, v.data(), g.nx, g.ny, GDT_Float32, 0, 0) !=
        CE_None)
      throw InputError(src.label + ": --dem: read failed");
  };
  read();
  r.voids = std::count(v.begin(), v.end(), kNoData);
  if (r.voids > 0) {
    // Voids filled by inverse-distance interpolation from the void edge (GDALFillNodata,
    // search up to 100 cells), the method of gdal_fillnodata.
    GDALFillNodata(band, nullptr, 100, 0, 0, nullptr, nullptr, nullptr);
    read();
  }
  for (float& x : v)
    if (x == kNoData) x = NAN, ++r.unfilled;
  r.dem = io::Raster{g, std::move(v), f.crs_wkt};
  return r;
}

}  // namespace sd::county
