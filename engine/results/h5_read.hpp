#pragma once
// The read side of the HDF5 layer, shared by the results writer (engine/io/h5, which adds the
// write side) and by every reader of results files: `stormdrill info`, `report`, `export` and
// the viewer. It depends on HDF5 alone (target sd_results), so the viewer links it without
// linking any solver.
//
// Thread safety: Debian's libhdf5 is built without --enable-threadsafe, so every call here
// holds api_lock(), one process-wide recursive mutex (the viewer's prefetch thread and UI
// thread both read). HDF5 itself is process-global state; the lock only mirrors that.
#include <hdf5.h>

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace sd::h5 {

std::recursive_mutex& api_lock();

// An owned hid_t; the right H5*close is chosen from the object type.
class Handle {
 public:
  Handle() = default;
  explicit Handle(hid_t id) : id_(id) {}
  ~Handle() { reset(); }
  Handle(Handle&& o) noexcept : id_(o.id_) { o.id_ = H5I_INVALID_HID; }
  Handle& operator=(Handle&& o) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  hid_t id() const { return id_; }
  hid_t get() const { return id_; }
  operator hid_t() const { return id_; }
  bool valid() const { return id_ >= 0; }
  void reset();
  hid_t release();  // gives up ownership without closing

 private:
  hid_t id_ = H5I_INVALID_HID;
};

// Silences HDF5's own error printing once per process (we report errors ourselves).
void quiet_errors();

// The HDF5 memory type of T (double, float, int32_t, int64_t, uint8_t).
template <class T>
hid_t native_type();
// A fixed-length UTF-8 string type of `len` bytes, NUL-padded.
Handle string_type(std::size_t len);

Handle open_group(hid_t loc, const std::string& path);  // throws naming the group
bool exists(hid_t loc, const std::string& path);        // link exists and resolves

// Attributes (scalar). The throwing forms name the attribute; find_* give nullopt when the
// attribute is missing or of another class.
bool has_attr(hid_t obj, const std::string& name);
double attr_double(hid_t obj, const std::string& name);
std::int64_t attr_int(hid_t obj, const std::string& name);
std::string attr_string(hid_t obj, const std::string& name);
std::optional<std::string> find_attr_string(hid_t obj, const std::string& name);
std::optional<double> find_attr_double(hid_t obj, const std::string& name);

// Dataset shape, by name or of an open dataset; whether a dataset holds strings.
std::vector<hsize_t> shape(hid_t loc, const std::string& name);
std::vector<hsize_t> dims(hid_t dset);
bool is_string(hid_t dset);

// Whole datasets, converted by HDF5 to T (any integer or float type converts to double).
template <class T>
std::vector<T> read_vector(hid_t loc, const std::string& name);
std::vector<std::string> read_strings(hid_t loc, const std::string& name);  // fixed or variable
std::string read_string(hid_t loc, const std::string& name);                // scalar string
template <class T>
std::vector<T> read_matrix(hid_t loc, const std::string& name, std::size_t& rows,
                           std::size_t& cols);
// Frame k of a (T, ...) dataset into out (resized).
template <class T>
void read_frame(hid_t loc, const std::string& name, hsize_t k, std::vector<T>& out);

}  // namespace sd::h5
