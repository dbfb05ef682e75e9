#pragma once
// A tiny portable PRNG (SplitMix64, Steele et al. 2014) and lattice value noise. std:: engines
// are portable but std:: distributions are not, and the generator must give byte-identical
// output for a seed on every platform, so all randomness goes through these.
#include <cmath>
#include <cstdint>

namespace sd::county {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  double uniform(double a, double b) { return a + (b - a) * uniform(); }

 private:
  std::uint64_t s_;
};

// Smooth value noise in [-1, 1] with features of size `scale_m`, defined in world metres so
// that the terrain looks the same at any cell size (coarse test grids sample the same field).
class ValueNoise {
 public:
  ValueNoise(std::uint64_t seed, double scale_m) : seed_(seed), scale_(scale_m) {}
  double operator()(double x, double y) const {
    const double fx = x / scale_, fy = y / scale_;
    const double ix = std::floor(fx), iy = std::floor(fy);
    const double tx = smooth(fx - ix), ty = smooth(fy - iy);
    const auto i = static_cast<std::int64_t>(ix), j = static_cast<std::int64_t>(iy);
    const double a = lattice(i, j), b = lattice(i + 1, j);
    const double c = lattice(i, j + 1), d = lattice(i + 1, j + 1);
    return (a + (b - a) * tx) + ((c + (d - c) * tx) - (a + (b - a) * tx)) * ty;
  }

 private:
  static double smooth(double t) { return t * t * (3.0 - 2.0 * t); }
  double lattice(std::int64_t i, std::int64_t j) const {
    Rng r(seed_ ^ (static_cast<std::uint64_t>(i) * 0x9E3779B185EBCA87ULL) ^
          (static_cast<std::uint64_t>(j) * 0xC2B2AE3D27D4EB4FULL));
    return 2.0 * r.uniform() - 1.0;
  }
  std::uint64_t seed_;
  double scale_;
};

}  // namespace sd::county
