#include "io/h5_cf.hpp"

#include <hdf5_hl.h>

#include <cstdio>
#include <ctime>
#include <stdexcept>
#include <vector>

#include "core/iso_time.hpp"
#include "io/h5.hpp"

namespace sd::h5::cf {
namespace {

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error("HDF5 (CF georeferencing): " + what);
}

Handle open_ds(hid_t group, const std::string& name) {
  Handle d(H5Dopen2(group, name.c_str(), H5P_DEFAULT));
  if (!d.valid()) fail("cannot open dataset '" + name + "'");
  return d;
}

// A 1-D coordinate variable made a dimension scale of the same name (CF §4.1/§4.2: x and y
// are "projection_x/y_coordinate" unless the CRS is geographic; cell centres, as CF requires).
void coordinate(hid_t group, const char* name, const std::vector<double>& v, const char* axis,
                const char* standard_name, const char* units) {
  if (!exists(group, name)) {
    write_vector(group, name, v);
    Handle d = open_ds(group, name);
    set_attr(d, "standard_name", standard_name);
    set_attr(d, "long_name", std::string(axis[0] == 'X' ? "x" : "y") + " of cell centre");
    set_attr(d, "units", units);
    set_attr(d, "axis", axis);
  }
  Handle d = open_ds(group, name);
  if (H5DSis_scale(d) <= 0 && H5DSset_scale(d, name) < 0)
    fail(std::string("cannot make '") + name + "' a dimension scale");
}

bool geographic(const std::string& wkt) {
  return wkt.rfind("GEOGCS", 0) == 0 || wkt.rfind("GEOGCRS", 0) == 0 ||
         wkt.rfind("GEODCRS", 0) == 0;
}

void crs_variable(hid_t group, const Georef& g) {
  if (g.crs_wkt.empty() || exists(group, "crs")) return;
  Handle space(H5Screate(H5S_SCALAR));
  Handle d(
      H5Dcreate2(group, "crs", H5T_NATIVE_INT32, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
  const std::int32_t zero = 0;
  if (!d.valid() || H5Dwrite(d, H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, &zero) < 0)
    fail("cannot write 'crs'");
  set_attr(d, "crs_wkt", g.crs_wkt);      // CF 1.7 §5.6
  set_attr(d, "spatial_ref", g.crs_wkt);  // the name GDAL writes and reads first
  char gt[160];
  std::snprintf(gt, sizeof gt, "%.17g %.17g 0 %.17g 0 %.17g", g.grid.x0, g.grid.cell, g.grid.y0,
                -g.grid.cell);
  set_attr(d, "GeoTransform", std::string(gt));  // GDAL's own, consistent with x and y
  set_attr(d, "long_name", "coordinate reference system of the grid");
}

void attach(hid_t ds, hid_t group, const char* scale, unsigned dim) {
  Handle s = open_ds(group, scale);
  const htri_t on = H5DSis_attached(ds, s, dim);
  if (on < 0 || (on == 0 && H5DSattach_scale(ds, s, dim) < 0))
    fail(std::string("cannot attach dimension scale '") + scale + "'");
}

std::vector<std::string> dataset_names(hid_t group) {
  std::vector<std::string> names;
  auto cb = [](hid_t loc, const char* name, const H5L_info_t*, void* data) -> herr_t {
    H5O_info_t info;
    if (H5Oget_info_by_name(loc, name, &info, H5P_DEFAULT) >= 0 && info.type == H5O_TYPE_DATASET)
      static_cast<std::vector<std::string>*>(data)->push_back(name);
    return 0;
  };
  hsize_t idx = 0;
  H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, &idx, cb, &names);
  return names;
}

}  // namespace

void clear_attachments(hid_t group) {
  for (const auto& name : dataset_names(group)) {
    Handle d = open_ds(group, name);
    for (const char* a : {"DIMENSION_LIST", "REFERENCE_LIST"})
      if (H5Aexists(d, a) > 0 && H5Adelete(d, a) < 0)
        fail("cannot remove '" + std::string(a) + "' of '" + name + "'");
  }
}

std::string seconds_since(const std::string& start_iso) {
  const auto epoch = parse_iso8601(start_iso);
  if (!epoch) return "s";
  const std::time_t t = static_cast<std::time_t>(*epoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "seconds since %Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

void georeference_group(hid_t group, const Georef& g) {
  const Grid& gr = g.grid;
  const auto nx = static_cast<hsize_t>(gr.nx), ny = static_cast<hsize_t>(gr.ny);
  std::vector<double> xs(nx), ys(ny);
  for (int i = 0; i < gr.nx; ++i) xs[static_cast<std::size_t>(i)] = gr.cx(i);
  for (int j = 0; j < gr.ny; ++j) ys[static_cast<std::size_t>(j)] = gr.cy(j);
  const bool geo = geographic(g.crs_wkt);
  coordinate(group, "x", xs, "X", geo ? "longitude" : "projection_x_coordinate",
             geo ? "degrees_east" : "m");
  coordinate(group, "y", ys, "Y", geo ? "latitude" : "projection_y_coordinate",
             geo ? "degrees_north" : "m");
  crs_variable(group, g);
  hsize_t frames = 0;
  const bool has_time = exists(group, "time") && shape(group, "time").size() == 1;
  if (has_time) {
    frames = shape(group, "time")[0];
    Handle t = open_ds(group, "time");
    if (!has_attr(t, "units")) set_attr(t, "units", g.time_units.empty() ? "s" : g.time_units);
    if (!has_attr(t, "standard_name")) set_attr(t, "standard_name", "time");
    if (!has_attr(t, "axis")) set_attr(t, "axis", "T");
    if (H5DSis_scale(t) <= 0 && H5DSset_scale(t, "time") < 0)
      fail("cannot make 'time' a dimension scale");
  }
  const bool has_crs = exists(group, "crs");
  for (const auto& name : dataset_names(group)) {
    const auto dims = shape(group, name);
    const bool raster = dims.size() == 2 && dims[0] == ny && dims[1] == nx;
    const bool series =
        dims.size() == 3 && has_time && dims[0] == frames && dims[1] == ny && dims[2] == nx;
    if (!raster && !series) continue;
    Handle d = open_ds(group, name);
    const unsigned off = series ? 1 : 0;
    if (series) attach(d, group, "time", 0);
    attach(d, group, "y", off);
    attach(d, group, "x", off + 1);
    if (has_crs) set_attr(d, "grid_mapping", "crs");
  }
}

}  // namespace sd::h5::cf
