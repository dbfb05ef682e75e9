#pragma once
// Landfall detection and inland decay of a track (Kaplan & DeMaria 1995, J. Appl. Meteor.
// 34, 2499-2512): after landfall the maximum wind decays as
//   V(t) = Vb + (R V0 - Vb) exp(-alpha t),  Vb = 26.7 kt, alpha = 0.095 /h, R = 0.9,
// t hours since landfall, V0 the wind at landfall (kt, 1-min). Central pressure follows
// the wind through dp ~ V^2 (cyclostrophic balance), keeping the track consistent.
#include <functional>

#include "storm/track.hpp"

namespace sd::storm {

struct DecayParams {
  double vb_kt = 26.7;
  double alpha_per_h = 0.095;
  double reduction = 0.9;     // R: the sudden drop at the coast
  double coarse_gap_h = 6.0;  // over land, gaps longer than this are filled with decay
  double extend_h = 12.0;     // extend a track that ends over land by this many hours
  double step_h = 1.0;        // spacing of inserted fixes
  double penv_hpa = 1005.0;
};

using LandPredicate = std::function<bool(double lat, double lon)>;

// Time of the first fix flagged landfall or, failing that, the first time (sampled every
// 10 min) the centre is over land. NaN when the storm never reaches land.
double detect_landfall(const Track& track, const LandPredicate& over_land);

// Kaplan-DeMaria wind (same units as v0) t_h hours after landfall.
double kaplan_demaria_wind(double v0, double t_h, const DecayParams& p, double kt_per_unit);

// Fills over-land gaps longer than coarse_gap_h and extends a track ending over land (after
// landfall) with
// fixes whose wind follows Kaplan-DeMaria from the landfall wind (never above the track's
// own value); positions continue at the last heading and speed.
Track apply_inland_decay(const Track& track, double landfall_t, const LandPredicate& over_land,
                         const DecayParams& p);

}  // namespace sd::storm
