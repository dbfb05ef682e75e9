#pragma once
// Whole-file checksums for the HDF5 files stormdrill writes (hazard cache entries, run, flood,
// storm and batch files). Every file is created with a 512-byte HDF5 *user block* (bytes HDF5
// itself ignores; h5dump, h5py, GDAL and netCDF skip it); after the file is closed, and before
// it is renamed to its final name, a hash of every byte after the user block is written into
// it ("sealing"). Readers verify the seal before HDF5 parses a single byte: HDF5 1.10 itself
// trusts its metadata and crashes on some flipped bytes, and a flipped data byte would be
// believed. This plays the role of PostgreSQL's page checksums: a file changed after it was
// committed (bad sector, bit flip, truncated copy, hand edit) is refused, never trusted.
#include <cstdint>
#include <optional>
#include <string>

namespace sd::h5 {

// User-block size to give H5Pset_userblock when creating a file that will be sealed.
inline constexpr std::uint64_t kSealBytes = 512;

// Writes the seal into a closed HDF5 file created with a kSealBytes user block.
// Throws std::runtime_error naming the path on an I/O error.
void seal_file(const std::string& path);

// nullopt when the file's seal matches its bytes; otherwise why not ("checksum mismatch ...",
// "truncated ..."). A file with no seal at all passes when !required (files written before
// seals existed, files from other tools).
std::optional<std::string> seal_problem(const std::string& path, bool required = true);

// The hash recorded in a file's seal (16 hex digits), identifying its content; nullopt for a
// file without a seal. A branch records its parent's (docs/drills.md).
std::optional<std::string> seal_hash(const std::string& path);

}  // namespace sd::h5
