#include "storm/ensemble.hpp"

#include <cmath>
#include <numbers>

namespace sd::storm {
namespace {

// SplitMix64 (Steele, Lea & Flood 2014): tiny, portable, well mixed.
struct SplitMix {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }  // (0,1)
  double normal() {  // Box-Muller, one value per call: simple and reproducible
    const double u1 = uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }
};

}  // namespace

Member member(const Track& track, const StormParams& params, const EnsembleSpec& spec,
              std::uint64_t seed, int k) {
  SplitMix rng{seed ^ (0xD1B54A32D192ED03ull * static_cast<std::uint64_t>(k + 1))};
  for (int i = 0; i < 4; ++i) rng.next();
  Member m;
  m.cross_km = spec.cross_track_sd_km * rng.normal();
  m.along_km = spec.along_track_sd_km * rng.normal();
  m.intensity_mult = std::max(0.3, 1.0 + spec.intensity_sd_frac * rng.normal());
  m.rmax_mult = std::exp(spec.rmax_sd_frac * rng.normal());
  const double rain_mult = std::exp(spec.rain_sd_frac * rng.normal());
  m.params = params;
  m.params.rain_multiplier *= rain_mult;
  m.params.bands.phase_deg = 360.0 * rng.uniform();
  m.params.bursts.seed = rng.next() >> 11;  // 53 bits: exact in JSON manifests
  m.track = track;
  for (std::size_t i = 0; i < track.points.size(); ++i) {
    const StormState s = interpolate(track, track.points[i].t, params.penv_hpa);
    TrackPoint& q = m.track.points[i];
    LatLon c = destination({q.lat, q.lon}, s.heading_deg, m.along_km);
    c = destination(c, s.heading_deg + 90.0, m.cross_km);  // positive = right of motion
    q.lat = c.lat;
    q.lon = c.lon;
    const double dp = std::max(0.0, params.penv_hpa - q.pc_hpa);
    q.vmax_ms *= m.intensity_mult;
    q.pc_hpa = params.penv_hpa - dp * m.intensity_mult * m.intensity_mult;  // dp ~ V^2
    q.rmax_km = s.rmax_km * m.rmax_mult;
  }
  return m;
}

}  // namespace sd::storm
