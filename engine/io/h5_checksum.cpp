#include "io/h5_checksum.hpp"

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "core/word_hash.hpp"

namespace sd::h5 {
namespace {

// The seal line: magic, hash and length of the bytes after the user block; the rest of the
// user block is zeros (and is checked to be).
constexpr const char* kMagic = "stormdrill-seal v1 ";

// Hash and length of the bytes after the user block; false on a read error.
bool hash_body(std::FILE* f, std::uint64_t& hash, std::uint64_t& length) {
  if (std::fseek(f, static_cast<long>(kSealBytes), SEEK_SET) != 0) return false;
  WordHash h;
  std::vector<unsigned char> buf(1 << 20);
  length = 0;
  while (true) {
    const std::size_t n = std::fread(buf.data(), 1, buf.size(), f);
    h.bytes(buf.data(), n);
    length += n;
    if (n < buf.size()) break;
  }
  hash = h.h;
  return !std::ferror(f);
}

std::string seal_text(std::uint64_t hash, std::uint64_t length) {
  char line[96];
  std::snprintf(line, sizeof line, "%s%016" PRIx64 " %" PRIu64 "\n", kMagic, hash, length);
  return line;
}

}  // namespace

void seal_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "r+b");
  if (!f) throw std::runtime_error("cannot seal " + path + ": " + std::strerror(errno));
  std::uint64_t hash = 0, length = 0;
  bool ok = hash_body(f, hash, length);
  std::vector<char> block(kSealBytes, '\0');
  const std::string line = seal_text(hash, length);
  std::memcpy(block.data(), line.data(), line.size());
  ok = ok && std::fseek(f, 0, SEEK_SET) == 0 &&
       std::fwrite(block.data(), 1, block.size(), f) == block.size();
  const int err = errno;
  if (std::fclose(f) != 0 || !ok)
    throw std::runtime_error("cannot seal " + path + ": " + std::strerror(err ? err : EIO));
}

std::optional<std::string> seal_problem(const std::string& path, bool required) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return "cannot open: " + std::string(std::strerror(errno));
  std::vector<char> block(kSealBytes, '\0');
  const std::size_t got = std::fread(block.data(), 1, block.size(), f);
  const std::size_t magic = std::strlen(kMagic);
  if (got < magic || std::memcmp(block.data(), kMagic, magic) != 0) {
    // A file from before seals starts with the HDF5 signature; one whose superblock sits after
    // our 512-byte user block had a seal there, now damaged (found by fuzz_results: a flipped
    // bit in the magic made a corrupted file look unsealed, so it was opened unverified).
    static const char kHdf5Signature[8] = {'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};
    char at_block_end[8] = {};
    const bool sealed_layout = std::fseek(f, static_cast<long>(kSealBytes), SEEK_SET) == 0 &&
                               std::fread(at_block_end, 1, 8, f) == 8 &&
                               std::memcmp(at_block_end, kHdf5Signature, 8) == 0;
    std::fclose(f);
    if (sealed_layout) return std::string("checksum seal damaged (the file's first bytes changed)");
    if (!required) return std::nullopt;
    return std::string("no checksum seal (written by an older version, or damaged at its start)");
  }
  std::uint64_t hash = 0, length = 0;
  const bool read = hash_body(f, hash, length);
  std::fclose(f);
  if (!read) return std::string("read error while verifying its checksum");
  const std::string want = seal_text(hash, length);
  std::vector<char> expect(kSealBytes, '\0');
  std::memcpy(expect.data(), want.data(), want.size());
  if (got != kSealBytes || block != expect)
    return "checksum mismatch: the file changed after it was written (" + std::to_string(length) +
           " bytes after the header)";
  return std::nullopt;
}

std::optional<std::string> seal_hash(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return std::nullopt;
  char line[96] = {};
  const std::size_t got = std::fread(line, 1, sizeof line - 1, f);
  std::fclose(f);
  const std::size_t magic = std::strlen(kMagic);
  if (got < magic + 16 || std::memcmp(line, kMagic, magic) != 0) return std::nullopt;
  return std::string(line + magic, 16);
}

}  // namespace sd::h5
