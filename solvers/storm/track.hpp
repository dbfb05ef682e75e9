#pragma once
// A tropical-cyclone track: fixes in time with centre, central pressure, maximum wind (in
// the averaging period the track states) and optional size information. Readers live in
// the engine (engine/io/track_*.hpp); this is the file-free model they fill.
#include <array>
#include <limits>
#include <string>
#include <vector>

#include "storm/geo.hpp"
#include "storm/wind_averaging.hpp"

namespace sd::storm {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct TrackPoint {
  double t = 0.0;         // UTC seconds since 1970-01-01
  double lat = 0.0;       // degrees north
  double lon = 0.0;       // degrees east
  double pc_hpa = kNaN;   // central pressure
  double vmax_ms = kNaN;  // maximum sustained wind, Track::averaging
  double rmax_km = kNaN;  // radius of maximum wind (NaN = estimate it)
  std::array<double, 4> r30_km{kNaN, kNaN, kNaN, kNaN};  // 30-kt radii NE, SE, SW, NW
  std::array<double, 4> r50_km{kNaN, kNaN, kNaN, kNaN};  // 50-kt radii NE, SE, SW, NW
  bool landfall = false;  // the agency marked this fix as a landfall point
};

struct Track {
  std::string name;
  Averaging averaging = Averaging::ten_min;
  std::vector<TrackPoint> points;  // strictly increasing t after clean_track()

  double start() const { return points.empty() ? 0.0 : points.front().t; }
  double end() const { return points.empty() ? 0.0 : points.back().t; }
};

// The storm at one instant, interpolated from the track.
struct StormState {
  double t = 0.0;
  double lat = 0.0, lon = 0.0;
  double pc_hpa = 0.0;
  double vmax_ms = 0.0;       // in the track's averaging period
  double rmax_km = 0.0;       // from the track or estimated (vickery_wadhera_rmax_km)
  double r30_mean_km = kNaN;  // mean of the known 30-kt radii
  double speed_ms = 0.0;      // translation speed
  double heading_deg = 0.0;   // direction of motion, clockwise from north
  double dpdt_hpa_per_h = 0.0;
};

// Sorts by time, merges fixes sharing a time (a fix with missing fields, such as a CMA
// landfall marker row, lends its landfall flag and takes the other's values), fills
// missing pressure/wind by linear interpolation in time. Throws std::invalid_argument when
// fewer than two usable fixes remain or a latitude/longitude is out of range.
Track clean_track(Track track);

// Returns the track with every maximum wind converted to `to`.
Track convert_averaging(Track track, Averaging to);

// The storm at time t (clamped to the track's span): position along the great circle
// between fixes, pressure and wind by monotone cubic (Fritsch & Carlson 1980) interpolation
// so intensities change smoothly without overshoot, translation from positions 30 min
// either side, R_max from the track (interpolated) or Vickery & Wadhera (2008).
StormState interpolate(const Track& track, double t, double penv_hpa = 1005.0);

// Vickery & Wadhera (2008, J. Appl. Meteor. Climatol. 47, 2497-2517), eq. (11), all storms:
// ln Rmax = 3.015 - 6.291e-5 dp^2 + 0.0337 lat  (Rmax km, dp hPa).
double vickery_wadhera_rmax_km(double dp_hpa, double lat_deg);

}  // namespace sd::storm
