// Thin RAII + typed-read helpers over the HDF5 C API, used by every results-file reader.
//
// The Debian libhdf5 is built without --enable-threadsafe, so every HDF5 call in the viewer must
// hold h5_lock(): the frame prefetch thread and the UI thread both read files.
#pragma once

#include <hdf5.h>

#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace sd::viz {

// The one process-wide HDF5 lock (the library itself is not thread-safe in this build).
std::recursive_mutex& h5_lock();

// Owns one HDF5 identifier and closes it with the matching H5?close.
class Hid {
 public:
  Hid() = default;
  explicit Hid(hid_t id) : id_(id) {}
  Hid(const Hid&) = delete;
  Hid& operator=(const Hid&) = delete;
  Hid(Hid&& o) noexcept : id_(o.id_) { o.id_ = H5I_INVALID_HID; }
  Hid& operator=(Hid&& o) noexcept;
  ~Hid() { reset(); }
  void reset();
  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }

 private:
  hid_t id_ = H5I_INVALID_HID;
};

// Silences HDF5's own error-stack printing; the viewer reports its own, clearer messages.
void h5_quiet();

bool h5_exists(hid_t loc, const std::string& path);  // link exists and resolves
bool h5_has_attr(hid_t obj, const std::string& name);
std::optional<std::string> h5_attr_string(hid_t obj, const std::string& name);
std::optional<double> h5_attr_double(hid_t obj, const std::string& name);

std::vector<hsize_t> h5_dims(hid_t dset);
bool h5_is_string(hid_t dset);
// Whole 1-D dataset, converted by HDF5 to double (works for any integer or float type).
std::vector<double> h5_read_doubles(hid_t loc, const std::string& path);
// Whole 1-D dataset of fixed- or variable-length strings.
std::vector<std::string> h5_read_strings(hid_t loc, const std::string& path);

}  // namespace sd::viz
