#include "io/h5.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <type_traits>

#include "core/error.hpp"
#include "io/fault_injection.hpp"
#include "io/h5_checksum.hpp"
#include "io/output_guard.hpp"
#include "io/temp_files.hpp"

namespace sd::h5 {
namespace {

// Set when HDF5 could not close a file even on the discard path (see File::discard).
std::atomic<bool> g_close_failed{false};

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error("HDF5: " + what);
}

// The operating system's reason behind the HDF5 error on the stack: the POSIX (sec2) driver
// records "errno = 28, error message = 'No space left on device'" in its message. Falls back
// to `err` (errno right after the failing call) when the stack has none.
std::string os_reason(int err) {
  std::string found;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_DOWNWARD,
      [](unsigned, const H5E_error2_t* e, void* data) -> herr_t {
        auto& out = *static_cast<std::string*>(data);
        const std::string d = e->desc ? e->desc : "";
        const auto k = d.find("error message = '");
        if (k != std::string::npos && out.empty()) {
          const auto b = k + 17;
          out = d.substr(b, d.find('\'', b) - b);
        }
        return 0;
      },
      &found);
  H5Eclear2(H5E_DEFAULT);
  if (found.empty() && err != 0) found = std::strerror(err);
  return found;
}

// The file an object lives in, for messages ("" if unknown).
std::string file_of(hid_t loc) {
  const ssize_t n = H5Fget_name(loc, nullptr, 0);
  if (n <= 0) return "";
  std::string name(static_cast<std::size_t>(n) + 1, '\0');
  H5Fget_name(loc, name.data(), name.size());
  name.resize(static_cast<std::size_t>(n));
  return name;
}

// A failed write: names the object, the file and the reason ("No space left on device").
[[noreturn]] void fail_write(hid_t loc, const std::string& what) {
  const int err = errno;
  std::string msg = "HDF5: " + what;
  const std::string file = file_of(loc);
  if (!file.empty()) msg += " in " + file;
  const std::string why = os_reason(err);
  if (!why.empty()) msg += ": " + why;
  throw IoError(msg);
}

// Runs an HDF5 write call unless the fault-injection seam fails it first; errno is cleared so
// a failure's reason is the call's own.
template <class F>
bool write_ok(F&& call) {
  if (io::fault::inject(io::fault::Op::Write)) return false;
  errno = 0;
  return call() >= 0;
}

Handle create_dataset(hid_t loc, const std::string& name, hid_t type, hid_t space, hid_t dcpl) {
  Handle lcpl(H5Pcreate(H5P_LINK_CREATE));
  H5Pset_create_intermediate_group(lcpl, 1);
  // No chunk cache for writing: every chunk we write is whole (frames are one chunk thick),
  // so it goes to disk inside H5Dwrite, where a full disk is reported and handled. A dirty
  // cached chunk would instead be flushed by H5Dclose, and HDF5 1.10 crashes (SIGSEGV in
  // H5D_close) when that flush fails.
  Handle dapl(H5Pcreate(H5P_DATASET_ACCESS));
  H5Pset_chunk_cache(dapl, 0, 0, 1.0);
  errno = 0;
  Handle ds(H5Dcreate2(loc, name.c_str(), type, space, lcpl, dcpl, dapl));
  if (!ds.valid()) fail_write(loc, "cannot create dataset '" + name + "'");
  return ds;
}

}  // namespace

File File::create(const std::string& path) {
  quiet_errors();
  io::check_not_input(path);
  io::remove_stale_temps(std::filesystem::path(path).parent_path().string());
  File f;
  f.path_ = path;
  f.temp_ = io::temp_name_for(path);
  io::register_temp(f.temp_);
  // A user block for the checksum seal written on commit (io/h5_checksum).
  Handle fcpl(H5Pcreate(H5P_FILE_CREATE));
  H5Pset_userblock(fcpl, kSealBytes);
  // Strong close: closing the file closes every object still open in it, so an error path
  // (exception unwinding with datasets held elsewhere) never leaves the file open for HDF5's
  // exit handler to flush again onto a full disk (that flush crashed in H5F__close_cb).
  Handle fapl(H5Pcreate(H5P_FILE_ACCESS));
  H5Pset_fclose_degree(fapl, H5F_CLOSE_STRONG);
  errno = 0;
  f.h_ = Handle(H5Fcreate(f.temp_.c_str(), H5F_ACC_TRUNC, fcpl, fapl));
  if (!f.h_.valid()) throw IoError("cannot create " + f.temp_ + ": " + os_reason(errno));
  return f;
}

File File::open_read(const std::string& path) {
  quiet_errors();
  if (!std::filesystem::exists(path)) throw InputError(path + ": file not found");
  if (H5Fis_hdf5(path.c_str()) <= 0) throw InputError(path + ": not an HDF5 file (or truncated)");
  File f;
  f.path_ = path;
  Handle fapl(H5Pcreate(H5P_FILE_ACCESS));
  f.h_ = Handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl));
  if (!f.h_.valid()) throw InputError(path + ": cannot open HDF5 file");
  return f;
}

File::~File() {
  if (!temp_.empty()) discard();
}

void File::discard() {
  if (h_.valid()) {
    // Empty the temporary first: on a full disk the close below must still write HDF5's
    // dirty metadata, and a close that fails leaves the file half-open in HDF5's tables,
    // where its exit handler crashes on it (SIGSEGV in H5F__close_cb, HDF5 1.10). Truncating
    // gives the disk back the space this file used, so the close succeeds; the file is
    // deleted right after anyway.
    void* vfd = nullptr;
    if (H5Fget_vfd_handle(h_, H5P_DEFAULT, &vfd) >= 0 && vfd) [[maybe_unused]]
      const int rc = ::ftruncate(*static_cast<int*>(vfd), 0);
    if (H5Fclose(h_.release()) < 0) g_close_failed.store(true);
  }
  H5Eclear2(H5E_DEFAULT);
  std::error_code ec;
  std::filesystem::remove(temp_, ec);
  io::unregister_temp(temp_);
  temp_.clear();
}

void File::commit() {
  if (temp_.empty()) return;
  // Reserve, flush, close. HDF5 1.10 cannot close a file whose flush failed ("slist already
  // enabled?"): the file stays in its tables and its exit handler crashes on it. So the disk
  // blocks for everything up to the end of the allocated address space (EOA) are reserved
  // first; a full disk then shows up here, before any flush, and the discard path (which
  // frees the file's space before closing) stays clean. The flush writes only below EOA.
  std::string why;
  bool ok = reserve_space(why);
  if (ok) {
    errno = 0;
    ok = !io::fault::inject(io::fault::Op::Flush) && H5Fflush(h_, H5F_SCOPE_GLOBAL) >= 0;
    if (!ok) why = os_reason(errno);
  }
  if (ok) {
    errno = 0;
    ok = H5Fclose(h_.release()) >= 0;
    if (!ok) why = os_reason(errno);
  }
  if (!ok) {
    const std::string temp = temp_;
    discard();
    throw IoError("HDF5: cannot write " + temp + (why.empty() ? "" : ": " + why));
  }
  // The seal goes last: its checksum covers every byte HDF5 wrote. It rewrites the user block,
  // whose space was allocated when the file was created, so it needs no new disk blocks.
  try {
    seal_file(temp_);
  } catch (const std::exception& e) {
    const std::string temp = temp_;
    discard();
    throw IoError(std::string("cannot seal ") + temp + ": " + e.what());
  }
  if (io::fault::inject(io::fault::Op::Rename) || std::rename(temp_.c_str(), path_.c_str()) != 0) {
    const int err = errno;
    const std::string temp = temp_;
    discard();
    throw IoError("cannot rename " + temp + " to " + path_ + ": " + std::strerror(err));
  }
  io::unregister_temp(temp_);
  temp_.clear();
}

namespace {

// Disk blocks for [0, EOA + extra) of `file` (EOA: HDF5's end of allocated address space):
// 0, or the errno of the failure. Non-POSIX drivers and file systems that cannot reserve
// count as success: there is nothing to reserve there.
int reserve_blocks(hid_t file, unsigned long long extra) {
  haddr_t eoa = 0;
  void* vfd = nullptr;
  if (H5Fget_eoa(file, &eoa) < 0 || H5Fget_vfd_handle(file, H5P_DEFAULT, &vfd) < 0 || !vfd) {
    H5Eclear2(H5E_DEFAULT);
    return 0;
  }
  const int fd = *static_cast<int*>(vfd);
  if (::fallocate(fd, 0, 0, static_cast<off_t>(eoa + extra)) == 0) return 0;
  return errno == EOPNOTSUPP || errno == ENOSYS ? 0 : errno;
}

}  // namespace

bool File::reserve_space(std::string& why) {
  if (io::fault::inject(io::fault::Op::Flush)) {
    why = std::strerror(errno);
    return false;
  }
  const int err = reserve_blocks(h_, 0);
  if (err != 0) why = std::strerror(err);
  return err == 0;
}

void reserve_for_write(hid_t loc, unsigned long long bytes, const std::string& what) {
  Handle file(H5Iget_file_id(loc));
  std::string name = "?";
  if (file.valid()) {
    const ssize_t n = H5Fget_name(file, nullptr, 0);
    if (n > 0) {
      name.assign(static_cast<std::size_t>(n) + 1, '\0');
      H5Fget_name(file, name.data(), name.size());
      name.resize(static_cast<std::size_t>(n));
    }
  }
  const auto fail = [&](int err) {
    throw IoError("HDF5: cannot write " + what + " into " + name + ": " + std::strerror(err));
  };
  if (io::fault::inject(io::fault::Op::Write)) fail(errno);
  if (!file.valid()) return;
  if (const int err = reserve_blocks(file, bytes)) fail(err);
}

bool close_failed() {
  return g_close_failed.load();
}

Handle create_group(hid_t loc, const std::string& path) {
  if (exists(loc, path)) return open_group(loc, path);
  Handle lcpl(H5Pcreate(H5P_LINK_CREATE));
  H5Pset_create_intermediate_group(lcpl, 1);
  Handle g(H5Gcreate2(loc, path.c_str(), lcpl, H5P_DEFAULT, H5P_DEFAULT));
  if (!g.valid()) fail_write(loc, "cannot create group '" + path + "'");
  return g;
}

namespace {
void write_scalar_attr(hid_t obj, const std::string& name, hid_t type, const void* v) {
  if (H5Aexists(obj, name.c_str()) > 0) H5Adelete(obj, name.c_str());
  Handle space(H5Screate(H5S_SCALAR));
  errno = 0;
  Handle a(H5Acreate2(obj, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT));
  if (!a.valid() || !write_ok([&] { return H5Awrite(a, type, v); }))
    fail_write(obj, "cannot write attribute '" + name + "'");
}
}  // namespace

void set_attr(hid_t obj, const std::string& name, double v) {
  write_scalar_attr(obj, name, H5T_NATIVE_DOUBLE, &v);
}
void set_attr(hid_t obj, const std::string& name, std::int64_t v) {
  write_scalar_attr(obj, name, H5T_NATIVE_INT64, &v);
}
void set_attr(hid_t obj, const std::string& name, int v) {
  write_scalar_attr(obj, name, H5T_NATIVE_INT, &v);
}
void set_attr(hid_t obj, const std::string& name, const char* v) {
  set_attr(obj, name, std::string(v));
}
void set_grid_attrs(hid_t obj, const Grid& g) {
  set_attr(obj, "nx", g.nx);
  set_attr(obj, "ny", g.ny);
  set_attr(obj, "x0", g.x0);
  set_attr(obj, "y0", g.y0);
  set_attr(obj, "cell", g.cell);
}
Grid grid_attrs(hid_t obj) {
  return Grid{static_cast<int>(attr_int(obj, "nx")), static_cast<int>(attr_int(obj, "ny")),
              attr_double(obj, "x0"), attr_double(obj, "y0"), attr_double(obj, "cell")};
}
void set_attr(hid_t obj, const std::string& name, const std::string& v) {
  Handle t = string_type(v.size());
  write_scalar_attr(obj, name, t, v.data());
}

void set_cf(hid_t obj, const std::string& units, const std::string& long_name) {
  set_attr(obj, "units", units);
  set_attr(obj, "long_name", long_name);
}

template <class T>
void write_vector(hid_t loc, const std::string& name, const std::vector<T>& v) {
  const hsize_t n = v.size();
  Handle space(H5Screate_simple(1, &n, nullptr));
  Handle ds = create_dataset(loc, name, native_type<T>(), space, H5P_DEFAULT);
  if (n && !write_ok([&] {
        return H5Dwrite(ds, native_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
      }))
    fail_write(loc, "cannot write '" + name + "'");
}

void write_strings(hid_t loc, const std::string& name, const std::vector<std::string>& v) {
  std::size_t len = 1;
  for (const auto& s : v) len = std::max(len, s.size());
  std::vector<char> buf(len * v.size(), '\0');
  for (std::size_t k = 0; k < v.size(); ++k)
    std::copy(v[k].begin(), v[k].end(), buf.begin() + k * len);
  Handle t = string_type(len);
  const hsize_t n = v.size();
  Handle space(H5Screate_simple(1, &n, nullptr));
  Handle ds = create_dataset(loc, name, t, space, H5P_DEFAULT);
  if (n && !write_ok([&] { return H5Dwrite(ds, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()); }))
    fail_write(loc, "cannot write '" + name + "'");
}

void write_string(hid_t loc, const std::string& name, const std::string& s) {
  Handle t = string_type(s.size());
  Handle space(H5Screate(H5S_SCALAR));
  Handle ds = create_dataset(loc, name, t, space, H5P_DEFAULT);
  if (!write_ok([&] { return H5Dwrite(ds, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, s.data()); }))
    fail_write(loc, "cannot write '" + name + "'");
}

template <class T>
void write_matrix(hid_t loc, const std::string& name, const T* data, std::size_t rows,
                  std::size_t cols) {
  const hsize_t dims[2] = {rows, cols};
  Handle space(H5Screate_simple(2, dims, nullptr));
  Handle dcpl(H5Pcreate(H5P_DATASET_CREATE));
  if (rows > 0 && cols > 0) {
    const hsize_t chunk[2] = {std::min<hsize_t>(rows, 256), std::min<hsize_t>(cols, 256)};
    H5Pset_chunk(dcpl, 2, chunk);
    H5Pset_shuffle(dcpl);
    H5Pset_deflate(dcpl, 4);
  }
  Handle ds = create_dataset(loc, name, native_type<T>(), space, dcpl);
  if (rows > 0 && cols > 0 && !write_ok([&] {
        return H5Dwrite(ds, native_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, data);
      }))
    fail_write(loc, "cannot write '" + name + "'");
}

template <class T>
FrameWriter<T>::FrameWriter(hid_t loc, const std::string& name, std::vector<hsize_t> frame_dims,
                            int deflate)
    : dims_(std::move(frame_dims)) {
  const int rank = static_cast<int>(dims_.size()) + 1;
  std::vector<hsize_t> cur(rank, 0), max(rank, H5S_UNLIMITED), chunk(rank, 1);
  for (std::size_t k = 0; k < dims_.size(); ++k) {
    cur[k + 1] = max[k + 1] = dims_[k];
    chunk[k + 1] =
        std::max<hsize_t>(1, std::min<hsize_t>(dims_[k], dims_.size() == 1 ? 4096 : 256));
  }
  Handle space(H5Screate_simple(rank, cur.data(), max.data()));
  Handle dcpl(H5Pcreate(H5P_DATASET_CREATE));
  H5Pset_chunk(dcpl, rank, chunk.data());
  if (deflate > 0) {
    H5Pset_shuffle(dcpl);
    H5Pset_deflate(dcpl, static_cast<unsigned>(deflate));
  }
  if constexpr (std::is_floating_point_v<T>) {
    const T fill = std::numeric_limits<T>::quiet_NaN();
    H5Pset_fill_value(dcpl, native_type<T>(), &fill);
  }
  ds_ = create_dataset(loc, name, native_type<T>(), space, dcpl);
}

template <class T>
void FrameWriter<T>::append(const T* frame) {
  const int rank = static_cast<int>(dims_.size()) + 1;
  std::vector<hsize_t> ext(rank), start(rank, 0), count(rank);
  ext[0] = count_ + 1;
  count[0] = 1;
  start[0] = count_;
  for (std::size_t k = 0; k < dims_.size(); ++k) ext[k + 1] = count[k + 1] = dims_[k];
  if (H5Dset_extent(ds_, ext.data()) < 0) fail_write(ds_, "cannot extend frames");
  Handle fspace(H5Dget_space(ds_));
  H5Sselect_hyperslab(fspace, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr);
  Handle mspace(H5Screate_simple(rank, count.data(), nullptr));
  if (!write_ok(
          [&] { return H5Dwrite(ds_, native_type<T>(), mspace, fspace, H5P_DEFAULT, frame); }))
    fail_write(ds_, "cannot write frame " + std::to_string(count_));
  ++count_;
}

void external_link(hid_t loc, const std::string& name, const std::string& file_path,
                   const std::string& object_path) {
  if (H5Lcreate_external(file_path.c_str(), object_path.c_str(), loc, name.c_str(), H5P_DEFAULT,
                         H5P_DEFAULT) < 0)
    fail("cannot create external link '" + name + "'");
}

#define SD_H5_INSTANTIATE(T)                                                                    \
  template void write_vector<T>(hid_t, const std::string&, const std::vector<T>&);              \
  template void write_matrix<T>(hid_t, const std::string&, const T*, std::size_t, std::size_t); \
  template class FrameWriter<T>;
SD_H5_INSTANTIATE(double)
SD_H5_INSTANTIATE(float)
SD_H5_INSTANTIATE(std::int32_t)
SD_H5_INSTANTIATE(std::int64_t)
SD_H5_INSTANTIATE(std::uint8_t)
SD_H5_INSTANTIATE(std::uint64_t)
#undef SD_H5_INSTANTIATE

}  // namespace sd::h5
