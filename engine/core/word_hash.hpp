#pragma once
// A word-at-a-time multiplicative hash (the 64-bit golden-ratio multiplier of Knuth's
// multiplicative hashing, with a xor-shift to spread high bits down). Not cryptographic: it
// detects accidental change, as a storage checksum or a cache key must, at memory speed
// (the byte-wise FNV-1a of hazard/hazard_cache is ~8x slower on the 37 MB fine terrains).
// The results-file seal (io/h5_checksum) is defined by it: do not change the arithmetic.
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace sd {

struct WordHash {
  std::uint64_t h = 0x9e3779b97f4a7c15ull;
  void word(std::uint64_t w) {
    h ^= w;
    h *= 0x9e3779b97f4a7c15ull;
    h ^= h >> 29;
  }
  // Whole 8-byte words, then the tail (zero-padded) marked with its length.
  void bytes(const void* data, std::size_t n) {
    const auto* c = static_cast<const unsigned char*>(data);
    std::size_t k = 0;
    for (; k + 8 <= n; k += 8) {
      std::uint64_t w;
      std::memcpy(&w, c + k, 8);
      word(w);
    }
    std::uint64_t tail = 0;
    if (n > k) std::memcpy(&tail, c + k, n - k);  // never memcpy from a null (empty) vector
    word(tail ^ (static_cast<std::uint64_t>(n - k) << 56));
  }
};

}  // namespace sd
