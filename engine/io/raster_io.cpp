#include "io/raster_io.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal_priv.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <mutex>

#include "core/error.hpp"
#include "io/atomic_file.hpp"

namespace sd::io {
namespace {

void ensure_gdal() {
  static std::once_flag once;
  std::call_once(once, [] {
    GDALAllRegister();
    CPLSetErrorHandler(CPLQuietErrorHandler);  // we report errors ourselves, with the path
  });
}

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

std::string lower_ext(const std::string& path) {
  std::string e = std::filesystem::path(path).extension().string();
  for (auto& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

// ESRI ASCII written by hand: GDAL's AAIGrid driver rounds floats unless told otherwise and
// we need >= 7 significant digits so volumes can be recomputed from the file.
void write_ascii(const std::string& tmp, const Raster& r) {
  std::FILE* f = std::fopen(tmp.c_str(), "w");
  if (!f) throw std::runtime_error("cannot write " + tmp);
  const Grid& g = r.grid;
  const double nodata = -9999.0;
  std::fprintf(
      f, "ncols %d\nnrows %d\nxllcorner %.10g\nyllcorner %.10g\ncellsize %.10g\nNODATA_value %g\n",
      g.nx, g.ny, g.x0, g.y0 - g.ny * g.cell, g.cell, nodata);
  for (int j = 0; j < g.ny; ++j) {
    for (int i = 0; i < g.nx; ++i) {
      const float v = r.data[g.index(i, j)];
      if (std::isnan(v))
        std::fprintf(f, i ? " %g" : "%g", nodata);
      else
        std::fprintf(f, i ? " %.9g" : "%.9g", static_cast<double>(v));
    }
    std::fputc('\n', f);
  }
  const bool ok = std::ferror(f) == 0;
  if (std::fclose(f) != 0 || !ok) throw std::runtime_error("write failed: " + tmp);
  if (!r.crs_wkt.empty()) {
    // .prj sidecar carries the CRS for ASCII grids (GDAL reads it back).
    std::ofstream prj(std::filesystem::path(tmp).replace_extension(".prj"));
    prj << r.crs_wkt;
  }
}

void write_geotiff(const std::string& tmp, const Raster& r) {
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
  if (!drv) throw std::runtime_error("GDAL has no GTiff driver");
  char** opts = nullptr;
  opts = CSLSetNameValue(opts, "TILED", "YES");
  opts = CSLSetNameValue(opts, "COMPRESS", "DEFLATE");
  opts = CSLSetNameValue(opts, "PREDICTOR", "3");
  const Grid& g = r.grid;
  DatasetPtr ds(drv->Create(tmp.c_str(), g.nx, g.ny, 1, GDT_Float32, opts));
  CSLDestroy(opts);
  if (!ds) throw std::runtime_error("cannot create " + tmp + ": " + CPLGetLastErrorMsg());
  double gt[6] = {g.x0, g.cell, 0.0, g.y0, 0.0, -g.cell};
  ds->SetGeoTransform(gt);
  if (!r.crs_wkt.empty()) ds->SetProjection(r.crs_wkt.c_str());
  GDALRasterBand* band = ds->GetRasterBand(1);
  band->SetNoDataValue(-9999.0);
  std::vector<float> buf(r.data);
  for (auto& v : buf)
    if (std::isnan(v)) v = -9999.0f;
  if (band->RasterIO(GF_Write, 0, 0, g.nx, g.ny, buf.data(), g.nx, g.ny, GDT_Float32, 0, 0) !=
      CE_None)
    throw std::runtime_error("write failed: " + tmp + ": " + CPLGetLastErrorMsg());
}

}  // namespace

Raster read_raster(const std::string& path) {
  ensure_gdal();
  // GDAL virtual paths (/vsimem/, /vsizip/, ...) are not on the file system.
  if (path.rfind("/vsi", 0) != 0 && !std::filesystem::exists(path))
    throw InputError(path + ": file not found");
  DatasetPtr ds(static_cast<GDALDataset*>(GDALOpen(path.c_str(), GA_ReadOnly)));
  if (!ds) throw InputError(path + ": not a raster GDAL can read (" + CPLGetLastErrorMsg() + ")");
  double gt[6];
  if (ds->GetGeoTransform(gt) != CE_None) {
    gt[0] = 0;
    gt[1] = 1;
    gt[2] = 0;
    gt[3] = ds->GetRasterYSize();
    gt[4] = 0;
    gt[5] = -1;
  }
  if (gt[2] != 0.0 || gt[4] != 0.0) throw InputError(path + ": rotated rasters are not supported");
  if (gt[1] <= 0 || gt[5] >= 0)
    throw InputError(path + ": raster must be north-up with positive cell size");
  if (std::fabs(gt[1] + gt[5]) > 1e-9 * gt[1])
    throw InputError(path + ": cells must be square (got " + std::to_string(gt[1]) + " x " +
                     std::to_string(-gt[5]) + ")");
  if (ds->GetRasterCount() < 1) throw InputError(path + ": raster has no bands");
  Raster r;
  r.grid = Grid{ds->GetRasterXSize(), ds->GetRasterYSize(), gt[0], gt[3], gt[1]};
  const char* wkt = ds->GetProjectionRef();
  if (wkt) r.crs_wkt = wkt;
  GDALRasterBand* band = ds->GetRasterBand(1);
  r.data.resize(r.grid.size());
  if (band->RasterIO(GF_Read, 0, 0, r.grid.nx, r.grid.ny, r.data.data(), r.grid.nx, r.grid.ny,
                     GDT_Float32, 0, 0) != CE_None)
    throw InputError(path + ": read failed (" + CPLGetLastErrorMsg() + ")");
  int has_nodata = 0;
  const double nodata = band->GetNoDataValue(&has_nodata);
  if (has_nodata) {
    const float nd = static_cast<float>(nodata);
    for (auto& v : r.data)
      if (v == nd || (std::isnan(nodata) && std::isnan(v)))
        v = std::numeric_limits<float>::quiet_NaN();
  }
  return r;
}

void write_raster(const std::string& path, const Raster& r) {
  ensure_gdal();
  if (r.data.size() != r.grid.size())
    throw std::runtime_error("write_raster: data/grid size mismatch");
  const std::string ext = lower_ext(path);
  // Keep the real extension on the temporary name so GDAL picks the right driver.
  const std::string tmp = path + ".part" + ext;
  if (ext == ".asc") {
    write_ascii(tmp, r);
  } else if (ext == ".tif" || ext == ".tiff") {
    write_geotiff(tmp, r);
  } else {
    throw InputError(path + ": unknown raster extension '" + ext + "' (use .tif or .asc)");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw std::runtime_error("cannot rename " + tmp + " to " + path + ": " + ec.message());
  if (ext == ".asc" && !r.crs_wkt.empty()) {
    std::filesystem::rename(std::filesystem::path(tmp).replace_extension(".prj"),
                            std::filesystem::path(path).replace_extension(".prj"), ec);
  }
}

Raster with_values(const Raster& like, std::vector<float> values) {
  Raster r;
  r.grid = like.grid;
  r.crs_wkt = like.crs_wkt;
  r.data = std::move(values);
  return r;
}

}  // namespace sd::io
