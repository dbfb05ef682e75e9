#include "core/h5.hpp"

#include <stdexcept>

namespace sd::viz {

std::recursive_mutex& h5_lock() {
  static std::recursive_mutex m;
  return m;
}

Hid& Hid::operator=(Hid&& o) noexcept {
  if (this != &o) {
    reset();
    id_ = o.id_;
    o.id_ = H5I_INVALID_HID;
  }
  return *this;
}

void Hid::reset() {
  if (id_ < 0) return;
  std::lock_guard lk(h5_lock());
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

void h5_quiet() {
  std::lock_guard lk(h5_lock());
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

bool h5_exists(hid_t loc, const std::string& path) {
  std::lock_guard lk(h5_lock());
  // Check each component: H5Lexists fails (not false) when an intermediate group is missing.
  std::string prefix;
  std::size_t pos = 0;
  while (pos != std::string::npos) {
    const std::size_t next = path.find('/', pos + 1);
    prefix = path.substr(0, next);
    if (!prefix.empty() && prefix != "/" && H5Lexists(loc, prefix.c_str(), H5P_DEFAULT) <= 0)
      return false;
    pos = next;
  }
  return H5Oexists_by_name(loc, path.c_str(), H5P_DEFAULT) > 0;
}

bool h5_has_attr(hid_t obj, const std::string& name) {
  std::lock_guard lk(h5_lock());
  return H5Aexists(obj, name.c_str()) > 0;
}

namespace {

std::string read_string_value(hid_t obj, hid_t type, bool is_attr) {
  if (H5Tis_variable_str(type) > 0) {
    char* s = nullptr;
    Hid mt(H5Tcopy(H5T_C_S1));
    H5Tset_size(mt.get(), H5T_VARIABLE);
    const herr_t rc = is_attr ? H5Aread(obj, mt.get(), &s)
                              : H5Dread(obj, mt.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &s);
    std::string out = (rc >= 0 && s) ? std::string(s) : std::string();
    if (s) H5free_memory(s);
    return out;
  }
  const std::size_t n = H5Tget_size(type);
  std::vector<char> buf(n + 1, '\0');
  Hid mt(H5Tcopy(type));
  const herr_t rc = is_attr ? H5Aread(obj, mt.get(), buf.data())
                            : H5Dread(obj, mt.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data());
  if (rc < 0) return {};
  return std::string(buf.data());  // stops at the NUL padding
}

}  // namespace

std::optional<std::string> h5_attr_string(hid_t obj, const std::string& name) {
  std::lock_guard lk(h5_lock());
  if (H5Aexists(obj, name.c_str()) <= 0) return std::nullopt;
  Hid a(H5Aopen(obj, name.c_str(), H5P_DEFAULT));
  Hid t(H5Aget_type(a.get()));
  if (H5Tget_class(t.get()) != H5T_STRING) return std::nullopt;
  return read_string_value(a.get(), t.get(), true);
}

std::optional<double> h5_attr_double(hid_t obj, const std::string& name) {
  std::lock_guard lk(h5_lock());
  if (H5Aexists(obj, name.c_str()) <= 0) return std::nullopt;
  Hid a(H5Aopen(obj, name.c_str(), H5P_DEFAULT));
  Hid t(H5Aget_type(a.get()));
  const H5T_class_t c = H5Tget_class(t.get());
  if (c != H5T_INTEGER && c != H5T_FLOAT) return std::nullopt;
  Hid s(H5Aget_space(a.get()));
  if (H5Sget_simple_extent_npoints(s.get()) != 1) return std::nullopt;
  double v = 0;
  if (H5Aread(a.get(), H5T_NATIVE_DOUBLE, &v) < 0) return std::nullopt;
  return v;
}

std::vector<hsize_t> h5_dims(hid_t dset) {
  std::lock_guard lk(h5_lock());
  Hid s(H5Dget_space(dset));
  const int rank = H5Sget_simple_extent_ndims(s.get());
  if (rank < 0) return {};
  std::vector<hsize_t> d(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(s.get(), d.data(), nullptr);
  return d;
}

bool h5_is_string(hid_t dset) {
  std::lock_guard lk(h5_lock());
  Hid t(H5Dget_type(dset));
  return H5Tget_class(t.get()) == H5T_STRING;
}

std::vector<double> h5_read_doubles(hid_t loc, const std::string& path) {
  std::lock_guard lk(h5_lock());
  Hid d(H5Dopen2(loc, path.c_str(), H5P_DEFAULT));
  if (!d.valid()) throw std::runtime_error("cannot open dataset " + path);
  Hid s(H5Dget_space(d.get()));
  const hssize_t n = H5Sget_simple_extent_npoints(s.get());
  std::vector<double> out(static_cast<std::size_t>(std::max<hssize_t>(n, 0)));
  if (!out.empty() &&
      H5Dread(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0)
    throw std::runtime_error("cannot read dataset " + path + " (truncated or corrupt?)");
  return out;
}

std::vector<std::string> h5_read_strings(hid_t loc, const std::string& path) {
  std::lock_guard lk(h5_lock());
  Hid d(H5Dopen2(loc, path.c_str(), H5P_DEFAULT));
  if (!d.valid()) throw std::runtime_error("cannot open dataset " + path);
  Hid t(H5Dget_type(d.get()));
  Hid s(H5Dget_space(d.get()));
  const auto n =
      static_cast<std::size_t>(std::max<hssize_t>(H5Sget_simple_extent_npoints(s.get()), 0));
  std::vector<std::string> out(n);
  if (n == 0) return out;
  if (H5Tis_variable_str(t.get()) > 0) {
    std::vector<char*> ptrs(n, nullptr);
    Hid mt(H5Tcopy(H5T_C_S1));
    H5Tset_size(mt.get(), H5T_VARIABLE);
    if (H5Dread(d.get(), mt.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()) < 0)
      throw std::runtime_error("cannot read dataset " + path);
    for (std::size_t k = 0; k < n; ++k) out[k] = ptrs[k] ? ptrs[k] : "";
    H5Dvlen_reclaim(mt.get(), s.get(), H5P_DEFAULT, ptrs.data());
    return out;
  }
  const std::size_t w = H5Tget_size(t.get());
  std::vector<char> buf(n * w);
  if (H5Dread(d.get(), t.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()) < 0)
    throw std::runtime_error("cannot read dataset " + path);
  for (std::size_t k = 0; k < n; ++k) {
    const char* p = buf.data() + k * w;
    std::size_t len = 0;
    while (len < w && p[len] != '\0') ++len;
    out[k] = std::string(p, len);
  }
  return out;
}

}  // namespace sd::viz
