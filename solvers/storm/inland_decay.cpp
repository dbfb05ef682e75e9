#include "storm/inland_decay.hpp"

#include <algorithm>
#include <cmath>

namespace sd::storm {
namespace {

constexpr double kMsToKt = 3600.0 / 1852.0;

// Knots of 1-min wind per m/s of the track's wind (KD95 was fitted to NHC 1-min winds).
double kt_per_track_unit(const Track& tr) {
  return kMsToKt * averaging_factor(tr.averaging, Averaging::one_min);
}

TrackPoint decayed_point(const TrackPoint& like, double t, LatLon c, double v, double v_ref,
                         double dp_ref, const DecayParams& p) {
  TrackPoint q = like;
  q.t = t;
  q.lat = c.lat;
  q.lon = c.lon;
  q.landfall = false;
  q.vmax_ms = v;
  const double ratio = v_ref > 0 ? v / v_ref : 1.0;
  q.pc_hpa = p.penv_hpa - dp_ref * ratio * ratio;  // dp ~ V^2 (cyclostrophic balance)
  return q;
}

}  // namespace

double kaplan_demaria_wind(double v0, double t_h, const DecayParams& p, double kt_per_unit) {
  const double v0kt = v0 * kt_per_unit;
  const double vkt = p.vb_kt + (p.reduction * v0kt - p.vb_kt) * std::exp(-p.alpha_per_h * t_h);
  return std::min(v0, vkt / kt_per_unit);
}

double detect_landfall(const Track& tr, const LandPredicate& over_land) {
  for (const TrackPoint& q : tr.points)
    if (q.landfall) return q.t;
  if (!over_land || tr.points.size() < 2) return kNaN;
  bool was_land = true;
  for (double t = tr.start(); t <= tr.end(); t += 600.0) {
    const StormState s = interpolate(tr, t);
    const bool land = over_land(s.lat, s.lon);
    if (land && (!was_land || t == tr.start())) return t;
    was_land = land;
  }
  return kNaN;
}

Track apply_inland_decay(const Track& tr, double landfall_t, const LandPredicate& over_land,
                         const DecayParams& p) {
  if (std::isnan(landfall_t) || tr.points.size() < 2) return tr;
  const double ktu = kt_per_track_unit(tr);
  const StormState at_lf = interpolate(tr, landfall_t, p.penv_hpa);
  const double v0 = at_lf.vmax_ms;
  auto land = [&](LatLon c) { return !over_land || over_land(c.lat, c.lon); };
  Track out = tr;
  out.points.clear();
  const double step = p.step_h * 3600.0;
  for (std::size_t k = 0; k + 1 < tr.points.size(); ++k) {
    const TrackPoint& a = tr.points[k];
    const TrackPoint& b = tr.points[k + 1];
    out.points.push_back(a);
    const LatLon mid = along_great_circle({a.lat, a.lon}, {b.lat, b.lon}, 0.5);
    if (a.t < landfall_t || b.t - a.t <= p.coarse_gap_h * 3600.0 || !land(mid)) continue;
    for (double t = a.t + step; t < b.t - 0.5 * step; t += step) {
      const StormState s = interpolate(tr, t, p.penv_hpa);
      const double v =
          std::min(s.vmax_ms, kaplan_demaria_wind(v0, (t - landfall_t) / 3600.0, p, ktu));
      out.points.push_back(
          decayed_point(a, t, {s.lat, s.lon}, v, s.vmax_ms, p.penv_hpa - s.pc_hpa, p));
    }
  }
  const TrackPoint last = tr.points.back();
  out.points.push_back(last);
  if (p.extend_h > 0 && last.t >= landfall_t && land({last.lat, last.lon})) {
    const StormState s = interpolate(tr, last.t, p.penv_hpa);
    for (double dt = step; dt <= p.extend_h * 3600.0 + 1e-6; dt += step) {
      const LatLon c = destination({last.lat, last.lon}, s.heading_deg, s.speed_ms * dt / 1000.0);
      const double t = last.t + dt;
      const double v =
          std::min(last.vmax_ms, kaplan_demaria_wind(v0, (t - landfall_t) / 3600.0, p, ktu));
      out.points.push_back(decayed_point(last, t, c, v, last.vmax_ms, p.penv_hpa - last.pc_hpa, p));
    }
  }
  return out;
}

}  // namespace sd::storm
