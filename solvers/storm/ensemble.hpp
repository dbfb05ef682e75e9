#pragma once
// Storm ensembles from one track: each member shifts the whole track across and along its
// direction of motion, scales intensity (pressure deficit and wind together), R_max and
// rain, and gets its own band phase and burst seed. Members are a pure function of
// (seed, k): a SplitMix64 stream (Steele, Lea & Flood 2014) with Box-Muller normals, so the
// same member comes out on every platform and compiler.
#include <cstdint>

#include "storm/storm_field.hpp"
#include "storm/track.hpp"

namespace sd::storm {

struct EnsembleSpec {
  double cross_track_sd_km = 25.0;
  double along_track_sd_km = 30.0;
  double intensity_sd_frac = 0.10;  // relative sd of V_max (dp scales as V^2)
  double rmax_sd_frac = 0.20;       // log-normal
  double rain_sd_frac = 0.20;       // log-normal rain multiplier
};

struct Member {
  Track track;
  StormParams params;
  double cross_km = 0.0, along_km = 0.0, intensity_mult = 1.0, rmax_mult = 1.0;
};

// Member k (0-based) of the ensemble drawn with `seed`. Member 0 with all sd = 0 equals the
// input. R_max is made explicit (estimated where the track had none) before scaling.
Member member(const Track& track, const StormParams& params, const EnsembleSpec& spec,
              std::uint64_t seed, int k);

}  // namespace sd::storm
