#include "io/output_guard.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <vector>

#include "core/error.hpp"

namespace sd::io {
namespace {

struct Identity {
  dev_t dev;
  ino_t ino;
  std::string path;
};

struct Ledger {
  std::mutex mu;
  bool enabled = false;
  std::vector<Identity> inputs;
};

Ledger& ledger() {
  static Ledger l;
  return l;
}

const char* kind_name(FileKind k) {
  switch (k) {
    case FileKind::Hdf5:
      return "an HDF5 file";
    case FileKind::GeoTiff:
      return "a TIFF raster";
    case FileKind::Text:
      return "a text file";
  }
  return "a file";
}

// The kind of an existing, non-empty file from its first bytes: the HDF5 signature (at 0 or a
// 512-byte user-block boundary, HDF5 File Format Spec 3.0 §II.A), TIFF "II*\0"/"MM\0*" (and
// BigTIFF '+'), otherwise text if there is no NUL byte in the first 4 KiB.
FileKind sniff(const std::string& path, bool& known) {
  known = false;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return FileKind::Text;
  std::array<unsigned char, 4096> b{};
  const std::size_t n = std::fread(b.data(), 1, b.size(), f);
  std::array<unsigned char, 8> sig{};
  static const unsigned char kHdf5[8] = {0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  bool hdf5 = n >= 8 && std::memcmp(b.data(), kHdf5, 8) == 0;
  for (long off = 512; !hdf5 && off <= 8192; off *= 2)
    if (std::fseek(f, off, SEEK_SET) == 0 && std::fread(sig.data(), 1, 8, f) == 8)
      hdf5 = std::memcmp(sig.data(), kHdf5, 8) == 0;
  std::fclose(f);
  if (n == 0) return FileKind::Text;
  known = true;
  if (hdf5) return FileKind::Hdf5;
  if (n >= 4 && ((b[0] == 'I' && b[1] == 'I' && (b[2] == 42 || b[2] == 43) && b[3] == 0) ||
                 (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && (b[3] == 42 || b[3] == 43))))
    return FileKind::GeoTiff;
  if (std::find(b.begin(), b.begin() + static_cast<long>(n), 0) == b.begin() + static_cast<long>(n))
    return FileKind::Text;
  known = false;  // binary of some other format: never ours to overwrite
  return FileKind::Text;
}

}  // namespace

void enable_input_guard() {
  std::lock_guard<std::mutex> lock(ledger().mu);
  ledger().enabled = true;
}

void note_input(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return;
  std::lock_guard<std::mutex> lock(ledger().mu);
  if (!ledger().enabled) return;
  ledger().inputs.push_back({st.st_dev, st.st_ino, path});
}

FileKind kind_from_extension(const std::string& path) {
  std::string e = std::filesystem::path(path).extension().string();
  for (auto& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (e == ".h5" || e == ".hdf5" || e == ".he5") return FileKind::Hdf5;
  if (e == ".tif" || e == ".tiff") return FileKind::GeoTiff;
  return FileKind::Text;
}

void check_not_input(const std::string& path) {
  namespace fs = std::filesystem;
  if (path.empty()) throw InputError("output path is empty");
  const fs::path p(path);
  if (p.has_root_path() && p.relative_path().empty())
    throw InputError(path + ": refusing to write an output to the root folder");
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return;  // new file
  if (S_ISDIR(st.st_mode))
    throw InputError(path + ": is a directory; give a file name for the output");
  {
    std::lock_guard<std::mutex> lock(ledger().mu);
    for (const auto& in : ledger().inputs)
      if (in.dev == st.st_dev && in.ino == st.st_ino)
        throw InputError(path + ": refusing to overwrite an input of this command (" + in.path +
                         ")");
  }
}

void check_output_file(const std::string& path, FileKind kind) {
  check_not_input(path);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return;
  if (!S_ISREG(st.st_mode))
    throw InputError(path + ": exists and is not a regular file; refusing to overwrite it");
  if (st.st_size == 0) return;
  bool known = false;
  const FileKind have = sniff(path, known);
  if (!known || have != kind)
    throw InputError(path + ": exists and is " +
                     (known ? kind_name(have) : "an unknown binary file") + ", not " +
                     kind_name(kind) + "; refusing to overwrite it (remove it first)");
}

void check_output_folder(const std::string& dir, bool force) {
  namespace fs = std::filesystem;
  const fs::path p(dir);
  if (p.has_root_path() && p.relative_path().empty())
    throw InputError(dir + ": refusing to write outputs into the root folder");
  std::error_code ec;
  if (!fs::exists(p, ec)) return;
  if (!fs::is_directory(p, ec)) throw InputError(dir + ": exists and is not a directory");
  if (!force && !fs::is_empty(p, ec))
    throw InputError(dir + ": folder is not empty; use --force to write into it anyway");
}

void check_not_in_cache(const std::string& path, const std::string& cache_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dir = fs::weakly_canonical(fs::absolute(cache_dir), ec);
  if (ec) return;
  const fs::path out = fs::weakly_canonical(fs::absolute(path), ec);
  if (ec) return;
  if (out.parent_path() == dir)
    throw InputError(path + ": this is inside the hazard cache folder " + cache_dir +
                     ", whose files stormdrill reads, evicts and replaces; write the output "
                     "elsewhere");
}

}  // namespace sd::io
