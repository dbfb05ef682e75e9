#include "io/raster_io.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <memory>
#include <mutex>

#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "io/fault_injection.hpp"
#include "io/output_guard.hpp"

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

// "what PATH: reason" from the OS error when there is one, else GDAL's last message.
std::string gdal_error(const std::string& what, const std::string& path, int err) {
  if (err != 0 && err != ENOENT) return io_error(what, path, err);
  const std::string msg = CPLGetLastErrorMsg();
  return what + " " + path + ": " + (msg.empty() ? "write error" : msg);
}

std::string lower_ext(const std::string& path) {
  std::string e = std::filesystem::path(path).extension().string();
  for (auto& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

// ESRI ASCII written by hand: GDAL's AAIGrid driver rounds floats unless told otherwise and
// we need >= 7 significant digits so volumes can be recomputed from the file.
void write_ascii(const std::string& tmp, const Raster& r) {
  std::FILE* f = std::fopen(tmp.c_str(), "w");
  if (!f) throw IoError(io_error("cannot create", tmp, errno));
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
  errno = 0;
  bool ok = !fault::inject(fault::Op::Write) && std::fflush(f) == 0 && std::ferror(f) == 0;
  int err = errno;
  if (std::fclose(f) != 0 && ok) ok = false, err = errno;
  if (!ok) throw IoError(io_error("cannot write", tmp, err ? err : EIO));
}

// GDAL reports write errors through its error state, not return values, on close (GDAL 3.6's
// GDALClose returns void): an error raised while the dataset flushes and closes means the file
// is incomplete. The GTiff driver picks the format, so the temporary needs no .tif extension.
void write_geotiff(const std::string& tmp, const Raster& r) {
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
  if (!drv) throw std::runtime_error("GDAL has no GTiff driver");
  char** opts = nullptr;
  opts = CSLSetNameValue(opts, "TILED", "YES");
  opts = CSLSetNameValue(opts, "COMPRESS", "DEFLATE");
  opts = CSLSetNameValue(opts, "PREDICTOR", "3");
  const Grid& g = r.grid;
  CPLErrorReset();
  errno = 0;
  DatasetPtr ds(drv->Create(tmp.c_str(), g.nx, g.ny, 1, GDT_Float32, opts));
  CSLDestroy(opts);
  if (!ds) throw IoError(gdal_error("cannot create", tmp, errno));
  double gt[6] = {g.x0, g.cell, 0.0, g.y0, 0.0, -g.cell};
  ds->SetGeoTransform(gt);
  if (!r.crs_wkt.empty()) ds->SetProjection(r.crs_wkt.c_str());
  GDALRasterBand* band = ds->GetRasterBand(1);
  band->SetNoDataValue(-9999.0);
  std::vector<float> buf(r.data);
  for (auto& v : buf)
    if (std::isnan(v)) v = -9999.0f;
  if (fault::inject(fault::Op::Write) || band->RasterIO(GF_Write, 0, 0, g.nx, g.ny, buf.data(),
                                                        g.nx, g.ny, GDT_Float32, 0, 0) != CE_None)
    throw IoError(gdal_error("cannot write", tmp, errno));
  CPLErrorReset();
  errno = 0;
  const bool flushed = !fault::inject(fault::Op::Flush) && band->FlushCache(false) == CE_None;
  const int err = errno;
  GDALClose(ds.release());
  if (!flushed || CPLGetLastErrorType() >= CE_Failure)
    throw IoError(gdal_error("cannot write", tmp, err ? err : errno));
}

long long file_bytes(const std::string& path) {
  VSIStatBufL st;
  return VSIStatL(path.c_str(), &st) == 0 ? static_cast<long long>(st.st_size) : -1;
}

// Refuses a raster before its cells are allocated: more cells than `max_cells`, or an ESRI
// ASCII grid whose file cannot hold the values its header declares (each value takes at least
// a digit and a separator), which GDAL would only find after the allocation.
void check_size(const std::string& path, GDALDataset& ds, long long max_cells) {
  const long long nx = ds.GetRasterXSize(), ny = ds.GetRasterYSize();
  const long long cells = nx * ny;
  if (nx <= 0 || ny <= 0) throw InputError(path + ": raster has no cells");
  if (cells > max_cells)
    throw InputError(path + ": raster is " + std::to_string(nx) + " x " + std::to_string(ny) +
                     " = " + std::to_string(cells) + " cells, more than the " +
                     std::to_string(max_cells) +
                     " stormdrill reads; crop or resample it (gdal_translate -projwin / -tr)");
  const char* driver = ds.GetDriver() ? ds.GetDriver()->GetDescription() : "";
  const long long bytes = file_bytes(path);
  if (std::string(driver) == "AAIGrid" && bytes >= 0 && bytes < 2 * cells - 1)
    throw InputError(path + ": the header declares " + std::to_string(nx) + " x " +
                     std::to_string(ny) + " values but the file has only " + std::to_string(bytes) +
                     " bytes (truncated?)");
}

}  // namespace

Raster read_raster(const std::string& path, long long max_cells) {
  ensure_gdal();
  // GDAL virtual paths (/vsimem/, /vsizip/, ...) are not on the file system.
  if (path.rfind("/vsi", 0) != 0 && !std::filesystem::exists(path))
    throw InputError(path + ": file not found");
  DatasetPtr ds(static_cast<GDALDataset*>(GDALOpen(path.c_str(), GA_ReadOnly)));
  if (!ds) throw InputError(path + ": not a raster GDAL can read (" + CPLGetLastErrorMsg() + ")");
  note_input(path);
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
  check_size(path, *ds, max_cells);
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
  if (ext != ".asc" && ext != ".tif" && ext != ".tiff")
    throw InputError(path + ": unknown raster extension '" + ext + "' (use .tif or .asc)");
  AtomicFile f(path);
  if (ext == ".asc")
    write_ascii(f.temp_path(), r);
  else
    write_geotiff(f.temp_path(), r);
  f.commit();
  // .prj sidecar carries the CRS for ASCII grids (GDAL reads it back).
  if (ext == ".asc" && !r.crs_wkt.empty())
    write_text_atomic(std::filesystem::path(path).replace_extension(".prj").string(), r.crs_wkt);
}

Raster with_values(const Raster& like, std::vector<float> values) {
  Raster r;
  r.grid = like.grid;
  r.crs_wkt = like.crs_wkt;
  r.data = std::move(values);
  return r;
}

}  // namespace sd::io
