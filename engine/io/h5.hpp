#pragma once
// Thin RAII layer over the HDF5 C API: handles that close themselves, a file that is created
// under a temporary name and renamed on commit(), typed 1-D/2-D writers and readers, string
// attributes, and an extendible (T, ...) frame writer for time series of rasters or of
// per-edge states. Layouts follow docs/results-format.md. Errors throw std::runtime_error
// naming the file and the object.
#include <hdf5.h>

#include "core/grid.hpp"
#include "results/h5_read.hpp"  // Handle and the read side (shared with every reader)

#include <cstdint>
#include <string>
#include <vector>

namespace sd::h5 {

class File {
 public:
  // New file written as `path.tmpPID`; commit() closes it and renames it to `path`.
  // Destroying an uncommitted file deletes the temporary. Throws InputError when `path` is a
  // directory or an input of this command (io/output_guard.hpp).
  static File create(const std::string& path);
  static File open_read(const std::string& path);  // throws InputError naming the path
  File(File&&) noexcept = default;
  File& operator=(File&&) noexcept = default;
  ~File();
  hid_t id() const { return h_.id(); }
  operator hid_t() const { return h_.id(); }
  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_; }
  // Flushes, closes and renames to the final name. On any failure the file is closed, the
  // temporary deleted, and std::runtime_error names the path and the OS reason.
  void commit();

 private:
  File() = default;
  void discard();                        // closes the file and deletes the temporary
  bool reserve_space(std::string& why);  // disk blocks up to EOA (see commit())
  Handle h_;
  std::string path_;
  std::string temp_;  // empty for files opened for reading or already committed
};

// Groups; "a/b/c" creates intermediate groups.
Handle create_group(hid_t loc, const std::string& path);

// Attributes (scalar).
void set_attr(hid_t obj, const std::string& name, double v);
void set_attr(hid_t obj, const std::string& name, std::int64_t v);
void set_attr(hid_t obj, const std::string& name, int v);
void set_attr(hid_t obj, const std::string& name, const std::string& v);
void set_attr(hid_t obj, const std::string& name, const char* v);
// A regular grid as the attributes nx, ny, x0, y0, cell (the results file's /grid, the
// caches' rasters), and read back.
void set_grid_attrs(hid_t obj, const Grid& g);
Grid grid_attrs(hid_t obj);

// CF-style attributes on a dataset or group.
void set_cf(hid_t obj, const std::string& units, const std::string& long_name);

// 1-D datasets (T = double, float, int32_t, int64_t, uint8_t) and fixed-length strings.
template <class T>
void write_vector(hid_t loc, const std::string& name, const std::vector<T>& v);
void write_strings(hid_t loc, const std::string& name, const std::vector<std::string>& v);
void write_string(hid_t loc, const std::string& name, const std::string& s);  // scalar string

// 2-D row-major (rows, cols) dataset, chunked and DEFLATE-compressed (rasters: rows = ny).
template <class T>
void write_matrix(hid_t loc, const std::string& name, const T* data, std::size_t rows,
                  std::size_t cols);

// Extendible (T, d1[, d2]) dataset written one frame at a time. Chunks are one frame thick
// and at most 256 x 256 wide so a reader can pull one frame or one window cheaply.
template <class T>
class FrameWriter {
 public:
  FrameWriter(hid_t loc, const std::string& name, std::vector<hsize_t> frame_dims, int deflate = 4);
  void append(const T* frame);
  hsize_t frames() const { return count_; }
  hid_t id() const { return ds_.id(); }

 private:
  Handle ds_;
  std::vector<hsize_t> dims_;
  hsize_t count_ = 0;
};

// An HDF5 external link `loc/name` -> `file_path:object_path` (file_path stored as given).
void external_link(hid_t loc, const std::string& name, const std::string& file_path,
                   const std::string& object_path);

// True when HDF5 failed to close a file even after its temporary was emptied: its exit
// handler would then crash on the half-closed file, so main() leaves with _Exit after
// reporting the error (the temporaries are already gone).
bool close_failed();

// Reserves disk blocks for `bytes` more after the end of the file that holds `loc` (its
// end-of-allocation address), so that a large write HDF5 makes next (an H5Ocopy of the hazard
// frames) cannot meet a full disk halfway: HDF5 1.10 crashes inside H5Ocopy when a write of
// the copy fails. Throws IoError naming `what` and the OS reason (ENOSPC: "No space left on
// device") when the blocks are not there. HDF5 trims the file to its EOA on close.
void reserve_for_write(hid_t loc, unsigned long long bytes, const std::string& what);

}  // namespace sd::h5
