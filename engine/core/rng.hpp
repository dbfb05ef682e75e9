#pragma once
// Reproducible random streams. xoshiro256** (Blackman & Vigna 2018) seeded through
// SplitMix64, with our own uniform/exponential/Poisson/normal draws so results do not depend
// on the standard library's distribution implementations. A stream is named by (seed, ids):
// the incident stream of ensemble member m is the same for every plan (common random
// numbers), whatever thread runs it.
#include <cmath>
#include <cstdint>
#include <initializer_list>

namespace sd {

inline std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

class Rng {
 public:
  Rng(std::uint64_t seed, std::initializer_list<std::uint64_t> stream = {}) {
    std::uint64_t x = seed;
    for (auto id : stream) {
      x ^= splitmix64(x) + id * 0xD1B54A32D192ED03ull;
    }
    for (auto& w : s_) w = splitmix64(x);
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  double uniform(double a, double b) { return a + (b - a) * uniform(); }
  double exponential(double rate) { return -std::log1p(-uniform()) / rate; }
  double normal() {  // Box–Muller; one value per call keeps streams simple to reason about
    const double u1 = 1.0 - uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  // Poisson(lambda): inversion for small means, normal approximation with continuity
  // correction above 500 (error far below the sampling noise at those means).
  std::uint64_t poisson(double lambda) {
    if (lambda <= 0) return 0;
    if (lambda > 500) {
      const double v = std::floor(lambda + std::sqrt(lambda) * normal() + 0.5);
      return v < 0 ? 0 : static_cast<std::uint64_t>(v);
    }
    double p = std::exp(-lambda), f = p, u = uniform();
    std::uint64_t k = 0;
    while (u > f && k < 10000) {
      ++k;
      p *= lambda / static_cast<double>(k);
      f += p;
    }
    return k;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

}  // namespace sd
