#include "hazard/hazard_checkpoints.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <sstream>

#include "io/h5.hpp"

namespace sd {
namespace {

std::string name_of(double t) {
  return "t_" + std::to_string(std::llround(t));
}

// The state is mostly float32 arrays: stored as 4-byte words with the HDF5 byte-shuffle filter
// before DEFLATE (exponent bytes together), which halves the size of plain DEFLATE here.
constexpr hsize_t kChunkWords = 65536;

// The checkpoint's 4-byte words and its length in bytes.
struct Blob {
  std::vector<std::int32_t> words;
  std::size_t bytes = 0;
};

Blob read_blob(hid_t file, double t) {
  h5::Handle g = h5::open_group(file, "checkpoints");
  const std::string n = name_of(t);
  h5::Handle ds(H5Dopen2(g, n.c_str(), H5P_DEFAULT));
  if (ds.id() < 0) throw std::runtime_error("flood checkpoint " + n + ": missing");
  Blob b{h5::read_vector<std::int32_t>(g, n), static_cast<std::size_t>(h5::attr_int(ds, "bytes"))};
  if (b.words.size() * 4 < b.bytes)
    throw std::runtime_error("flood checkpoint " + n + ": truncated");
  return b;
}

// DEFLATE level 1: the blobs are tens of MB of a sub-grid run's sparse fine risk record, which
// compresses ~15x at any level; level 4 cost more CPU than the rest of the checkpoint.
constexpr unsigned kDeflateLevel = 1;

void write_blob(hid_t file, double t, const Blob& b) {
  h5::Handle g = h5::exists(file, "checkpoints") ? h5::open_group(file, "checkpoints")
                                                 : h5::create_group(file, "checkpoints");
  const auto words = static_cast<hsize_t>(b.words.size());
  const std::string n = name_of(t);
  h5::Handle space(H5Screate_simple(1, &words, nullptr));
  h5::Handle dcpl(H5Pcreate(H5P_DATASET_CREATE));
  const hsize_t chunk = std::min(words, kChunkWords);
  H5Pset_chunk(dcpl, 1, &chunk);
  H5Pset_shuffle(dcpl);
  H5Pset_deflate(dcpl, kDeflateLevel);
  h5::Handle ds(H5Dcreate2(g, n.c_str(), H5T_STD_I32LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT));
  if (ds.id() < 0 ||
      H5Dwrite(ds, H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, b.words.data()) < 0)
    throw std::runtime_error("flood checkpoint " + n + ": cannot write");
  h5::set_attr(ds, "bytes", static_cast<std::int64_t>(b.bytes));
  h5::set_attr(ds, "time_s", t);
}

}  // namespace

bool checkpoint_due(double t, double every_s, double duration_s) {
  if (!(every_s > 0) || !(t > 0) || t >= duration_s - 1e-6) return false;
  const double k = std::round(t / every_s);
  return k >= 1 && std::fabs(t - k * every_s) < 1e-6;
}

void write_checkpoint(hid_t file, double t, const flood::State& st, const FineRisk* fine) {
  std::ostringstream os;  // the solver state: small next to the fine risk record
  st.save(os);
  const std::string s = os.str();
  Blob b;
  b.bytes = s.size() + (fine ? fine->record_bytes() : 0);
  b.words.assign(std::max<std::size_t>(1, (b.bytes + 3) / 4), 0);
  auto* out = reinterpret_cast<std::uint8_t*>(b.words.data());
  std::memcpy(out, s.data(), s.size());
  if (fine) fine->save(out + s.size());
  write_blob(file, t, b);
}

std::vector<double> checkpoint_times(hid_t file) {
  std::vector<double> out;
  if (!h5::exists(file, "checkpoints")) return out;
  h5::Handle g = h5::open_group(file, "checkpoints");
  H5G_info_t info;
  if (H5Gget_info(g, &info) < 0) return out;
  for (hsize_t k = 0; k < info.nlinks; ++k) {
    char name[64] = {};
    if (H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, k, name, sizeof name, H5P_DEFAULT) <
            0 ||
        std::string(name).rfind("t_", 0) != 0)
      continue;
    out.push_back(std::strtod(name + 2, nullptr));
  }
  std::sort(out.begin(), out.end());
  return out;
}

void restore_checkpoint(hid_t file, double t, flood::State& st, FineRisk* fine) {
  const Blob b = read_blob(file, t);
  std::istringstream is(std::string(reinterpret_cast<const char*>(b.words.data()), b.bytes));
  st.restore(is);
  if (fine) fine->restore(is);
}

void copy_checkpoint(hid_t from, hid_t to, double t) {
  write_blob(to, t, read_blob(from, t));
}

}  // namespace sd
