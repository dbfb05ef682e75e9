#include "results/h5_read.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace sd::h5 {
namespace {

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error("HDF5: " + what);
}

using Lock = std::lock_guard<std::recursive_mutex>;

Handle open_dataset(hid_t loc, const std::string& name) {
  Handle ds(H5Dopen2(loc, name.c_str(), H5P_DEFAULT));
  if (!ds.valid()) fail("no dataset '" + name + "'");
  return ds;
}

}  // namespace

std::recursive_mutex& api_lock() {
  static std::recursive_mutex m;
  return m;
}

template <>
hid_t native_type<double>() {
  return H5T_NATIVE_DOUBLE;
}
template <>
hid_t native_type<float>() {
  return H5T_NATIVE_FLOAT;
}
template <>
hid_t native_type<std::int32_t>() {
  return H5T_NATIVE_INT32;
}
template <>
hid_t native_type<std::int64_t>() {
  return H5T_NATIVE_INT64;
}
template <>
hid_t native_type<std::uint8_t>() {
  return H5T_NATIVE_UINT8;
}
template <>
hid_t native_type<std::uint64_t>() {
  return H5T_NATIVE_UINT64;
}

Handle string_type(std::size_t len) {
  Lock lk(api_lock());
  Handle t(H5Tcopy(H5T_C_S1));
  H5Tset_size(t, std::max<std::size_t>(len, 1));
  H5Tset_strpad(t, H5T_STR_NULLPAD);
  H5Tset_cset(t, H5T_CSET_UTF8);
  return t;
}

void quiet_errors() {
  static std::once_flag once;
  std::call_once(once, [] {
    Lock lk(api_lock());
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  });
}

Handle& Handle::operator=(Handle&& o) noexcept {
  if (this != &o) {
    reset();
    id_ = o.id_;
    o.id_ = H5I_INVALID_HID;
  }
  return *this;
}

hid_t Handle::release() {
  const hid_t id = id_;
  id_ = H5I_INVALID_HID;
  return id;
}

void Handle::reset() {
  if (id_ < 0) return;
  Lock lk(api_lock());
  switch (H5Iget_type(id_)) {
    case H5I_FILE:
      H5Fclose(id_);
      break;
    case H5I_GROUP:
      H5Gclose(id_);
      break;
    case H5I_DATASET:
      H5Dclose(id_);
      break;
    case H5I_DATASPACE:
      H5Sclose(id_);
      break;
    case H5I_DATATYPE:
      H5Tclose(id_);
      break;
    case H5I_ATTR:
      H5Aclose(id_);
      break;
    case H5I_GENPROP_LST:
      H5Pclose(id_);
      break;
    default:
      H5Idec_ref(id_);
      break;
  }
  id_ = H5I_INVALID_HID;
}

Handle open_group(hid_t loc, const std::string& path) {
  Lock lk(api_lock());
  Handle g(H5Gopen2(loc, path.c_str(), H5P_DEFAULT));
  if (!g.valid()) fail("no group '" + path + "'");
  return g;
}

bool exists(hid_t loc, const std::string& path) {
  Lock lk(api_lock());
  // Check each component: H5Lexists fails (not false) when an intermediate group is missing.
  std::size_t pos = 0;
  while (true) {
    const std::size_t next = path.find('/', pos + 1);
    const std::string prefix = path.substr(0, next);
    if (!prefix.empty() && prefix != "/" && H5Lexists(loc, prefix.c_str(), H5P_DEFAULT) <= 0)
      return false;
    if (next == std::string::npos) break;
    pos = next;
  }
  return H5Oexists_by_name(loc, path.c_str(), H5P_DEFAULT) > 0;
}

bool has_attr(hid_t obj, const std::string& name) {
  Lock lk(api_lock());
  return H5Aexists(obj, name.c_str()) > 0;
}

double attr_double(hid_t obj, const std::string& name) {
  Lock lk(api_lock());
  Handle a(H5Aopen(obj, name.c_str(), H5P_DEFAULT));
  double v = 0;
  if (!a.valid() || H5Aread(a, H5T_NATIVE_DOUBLE, &v) < 0) fail("no attribute '" + name + "'");
  return v;
}

std::int64_t attr_int(hid_t obj, const std::string& name) {
  Lock lk(api_lock());
  Handle a(H5Aopen(obj, name.c_str(), H5P_DEFAULT));
  std::int64_t v = 0;
  if (!a.valid() || H5Aread(a, H5T_NATIVE_INT64, &v) < 0) fail("no attribute '" + name + "'");
  return v;
}

std::string attr_string(hid_t obj, const std::string& name) {
  Lock lk(api_lock());
  Handle a(H5Aopen(obj, name.c_str(), H5P_DEFAULT));
  if (!a.valid()) fail("no attribute '" + name + "'");
  Handle ft(H5Aget_type(a));
  if (H5Tget_class(ft) != H5T_STRING) fail("attribute '" + name + "' is not a string");
  if (H5Tis_variable_str(ft) > 0) {
    char* s = nullptr;
    Handle mt(H5Tcopy(H5T_C_S1));
    H5Tset_size(mt, H5T_VARIABLE);
    if (H5Aread(a, mt, &s) < 0) fail("cannot read attribute '" + name + "'");
    std::string out = s ? s : "";
    H5free_memory(s);
    return out;
  }
  const std::size_t n = H5Tget_size(ft);
  std::string out(n, '\0');
  // The file's own type as memory type: HDF5 does not convert between ASCII and UTF-8 strings,
  // and files from other writers use either.
  Handle mt(H5Tcopy(ft));
  if (H5Aread(a, mt, out.data()) < 0) fail("cannot read attribute '" + name + "'");
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::optional<std::string> find_attr_string(hid_t obj, const std::string& name) {
  Lock lk(api_lock());
  if (H5Aexists(obj, name.c_str()) <= 0) return std::nullopt;
  try {
    return attr_string(obj, name);
  } catch (const std::runtime_error&) {
    return std::nullopt;
  }
}

std::optional<double> find_attr_double(hid_t obj, const std::string& name) {
  Lock lk(api_lock());
  if (H5Aexists(obj, name.c_str()) <= 0) return std::nullopt;
  Handle a(H5Aopen(obj, name.c_str(), H5P_DEFAULT));
  Handle t(H5Aget_type(a));
  const H5T_class_t c = H5Tget_class(t);
  if (c != H5T_INTEGER && c != H5T_FLOAT) return std::nullopt;
  Handle s(H5Aget_space(a));
  if (H5Sget_simple_extent_npoints(s) != 1) return std::nullopt;
  double v = 0;
  if (H5Aread(a, H5T_NATIVE_DOUBLE, &v) < 0) return std::nullopt;
  return v;
}

std::vector<hsize_t> dims(hid_t dset) {
  Lock lk(api_lock());
  Handle space(H5Dget_space(dset));
  const int rank = H5Sget_simple_extent_ndims(space);
  std::vector<hsize_t> d(static_cast<std::size_t>(std::max(rank, 0)));
  if (rank > 0) H5Sget_simple_extent_dims(space, d.data(), nullptr);
  return d;
}

std::vector<hsize_t> shape(hid_t loc, const std::string& name) {
  Lock lk(api_lock());
  return dims(open_dataset(loc, name));
}

bool is_string(hid_t dset) {
  Lock lk(api_lock());
  Handle t(H5Dget_type(dset));
  return H5Tget_class(t) == H5T_STRING;
}

template <class T>
std::vector<T> read_vector(hid_t loc, const std::string& name) {
  Lock lk(api_lock());
  Handle ds = open_dataset(loc, name);
  Handle space(H5Dget_space(ds));
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  std::vector<T> v(static_cast<std::size_t>(std::max<hssize_t>(n, 0)));
  if (n > 0 && H5Dread(ds, native_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) < 0)
    fail("cannot read '" + name + "' (truncated or corrupt?)");
  return v;
}

std::vector<std::string> read_strings(hid_t loc, const std::string& name) {
  Lock lk(api_lock());
  Handle ds = open_dataset(loc, name);
  Handle ft(H5Dget_type(ds));
  if (H5Tget_class(ft) != H5T_STRING) fail("'" + name + "' does not hold strings");
  Handle space(H5Dget_space(ds));
  const auto n =
      static_cast<std::size_t>(std::max<hssize_t>(H5Sget_simple_extent_npoints(space), 0));
  std::vector<std::string> out(n);
  if (H5Tis_variable_str(ft) > 0) {
    std::vector<char*> ptrs(n, nullptr);
    Handle mt(H5Tcopy(H5T_C_S1));
    H5Tset_size(mt, H5T_VARIABLE);
    if (n && H5Dread(ds, mt, H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()) < 0)
      fail("cannot read '" + name + "'");
    for (std::size_t k = 0; k < n; ++k) out[k] = ptrs[k] ? ptrs[k] : "";
    if (n) H5Dvlen_reclaim(mt, space, H5P_DEFAULT, ptrs.data());
    return out;
  }
  const std::size_t len = H5Tget_size(ft);
  std::vector<char> buf(len * n);
  Handle mt(H5Tcopy(ft));  // as for attributes: no ASCII <-> UTF-8 conversion
  if (n && H5Dread(ds, mt, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()) < 0)
    fail("cannot read '" + name + "'");
  for (std::size_t k = 0; k < n; ++k) {
    const char* s = buf.data() + k * len;
    out[k] = std::string(s, strnlen(s, len));
  }
  return out;
}

std::string read_string(hid_t loc, const std::string& name) {
  Lock lk(api_lock());
  std::string out;
  for (const auto& line : read_strings(loc, name)) {
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

template <class T>
std::vector<T> read_matrix(hid_t loc, const std::string& name, std::size_t& rows,
                           std::size_t& cols) {
  Lock lk(api_lock());
  const auto d = shape(loc, name);
  if (d.size() != 2) fail("'" + name + "' is not 2-D");
  rows = d[0];
  cols = d[1];
  return read_vector<T>(loc, name);
}

template <class T>
void read_frame(hid_t loc, const std::string& name, hsize_t k, std::vector<T>& out) {
  Lock lk(api_lock());
  Handle ds = open_dataset(loc, name);
  Handle fspace(H5Dget_space(ds));
  const int rank = H5Sget_simple_extent_ndims(fspace);
  if (rank < 1) fail("'" + name + "' has no frames");
  std::vector<hsize_t> d(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(fspace, d.data(), nullptr);
  if (k >= d[0]) fail("frame " + std::to_string(k) + " out of range in '" + name + "'");
  std::vector<hsize_t> start(d.size(), 0), count(d);
  start[0] = k;
  count[0] = 1;
  std::size_t n = 1;
  for (std::size_t r = 1; r < d.size(); ++r) n *= d[r];
  out.resize(n);
  H5Sselect_hyperslab(fspace, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr);
  Handle mspace(H5Screate_simple(rank, count.data(), nullptr));
  if (H5Dread(ds, native_type<T>(), mspace, fspace, H5P_DEFAULT, out.data()) < 0)
    fail("cannot read frame of '" + name + "'");
}

#define SD_H5_READ_INSTANTIATE(T)                                                                \
  template std::vector<T> read_vector<T>(hid_t, const std::string&);                             \
  template std::vector<T> read_matrix<T>(hid_t, const std::string&, std::size_t&, std::size_t&); \
  template void read_frame<T>(hid_t, const std::string&, hsize_t, std::vector<T>&);
SD_H5_READ_INSTANTIATE(double)
SD_H5_READ_INSTANTIATE(float)
SD_H5_READ_INSTANTIATE(std::int32_t)
SD_H5_READ_INSTANTIATE(std::int64_t)
SD_H5_READ_INSTANTIATE(std::uint8_t)
SD_H5_READ_INSTANTIATE(std::uint64_t)
#undef SD_H5_READ_INSTANTIATE

}  // namespace sd::h5
