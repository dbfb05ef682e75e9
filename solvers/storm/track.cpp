#include "storm/track.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace sd::storm {
namespace {

int known_fields(const TrackPoint& p) {
  return !std::isnan(p.pc_hpa) + !std::isnan(p.vmax_ms) + !std::isnan(p.rmax_km) +
         !std::isnan(p.r30_km[0]);
}

void fill_missing(double& v, double other) {
  if (std::isnan(v)) v = other;
}

// Merges fixes with the same time into the most complete one.
std::vector<TrackPoint> merge_same_time(const std::vector<TrackPoint>& pts) {
  std::vector<TrackPoint> out;
  for (const TrackPoint& p : pts) {
    if (!out.empty() && out.back().t == p.t) {
      TrackPoint& q = out.back();
      const bool landfall = q.landfall || p.landfall;
      TrackPoint base = known_fields(p) > known_fields(q) ? p : q;
      const TrackPoint& other = known_fields(p) > known_fields(q) ? q : p;
      fill_missing(base.pc_hpa, other.pc_hpa);
      fill_missing(base.vmax_ms, other.vmax_ms);
      fill_missing(base.rmax_km, other.rmax_km);
      base.landfall = landfall;
      q = base;
    } else {
      out.push_back(p);
    }
  }
  return out;
}

// Linear-in-time fill of a field missing at some fixes; throws when missing everywhere.
void fill_gaps(std::vector<TrackPoint>& pts, double TrackPoint::*field, const char* name) {
  std::vector<std::size_t> known;
  for (std::size_t k = 0; k < pts.size(); ++k)
    if (!std::isnan(pts[k].*field)) known.push_back(k);
  if (known.empty()) throw std::invalid_argument(std::string("track has no ") + name + " values");
  for (std::size_t k = 0; k < pts.size(); ++k) {
    if (!std::isnan(pts[k].*field)) continue;
    const auto hi = std::lower_bound(known.begin(), known.end(), k);
    if (hi == known.begin()) {
      pts[k].*field = pts[*hi].*field;
      continue;
    }
    if (hi == known.end()) {
      pts[k].*field = pts[known.back()].*field;
      continue;
    }
    const TrackPoint& a = pts[*(hi - 1)];
    const TrackPoint& b = pts[*hi];
    const double w = (pts[k].t - a.t) / (b.t - a.t);
    pts[k].*field = a.*field + w * (b.*field - a.*field);
  }
}

// Fritsch & Carlson (1980) monotone cubic Hermite slope at fix k.
double pchip_slope(const std::vector<TrackPoint>& p, std::size_t k, double TrackPoint::*f) {
  const std::size_t n = p.size();
  auto secant = [&](std::size_t i) { return (p[i + 1].*f - p[i].*f) / (p[i + 1].t - p[i].t); };
  if (k == 0) return secant(0);
  if (k == n - 1) return secant(n - 2);
  const double s0 = secant(k - 1), s1 = secant(k);
  if (s0 * s1 <= 0) return 0.0;
  const double h0 = p[k].t - p[k - 1].t, h1 = p[k + 1].t - p[k].t;
  const double w1 = 2 * h1 + h0, w2 = h1 + 2 * h0;  // weighted harmonic mean (eq. 3.3)
  return (w1 + w2) / (w1 / s0 + w2 / s1);
}

double pchip(const std::vector<TrackPoint>& p, std::size_t k, double t, double TrackPoint::*f) {
  const double h = p[k + 1].t - p[k].t, s = (t - p[k].t) / h;
  const double h00 = (1 + 2 * s) * (1 - s) * (1 - s), h10 = s * (1 - s) * (1 - s);
  const double h01 = s * s * (3 - 2 * s), h11 = s * s * (s - 1);
  return h00 * (p[k].*f) + h10 * h * pchip_slope(p, k, f) + h01 * (p[k + 1].*f) +
         h11 * h * pchip_slope(p, k + 1, f);
}

std::size_t segment(const Track& tr, double t) {
  const auto& p = tr.points;
  auto it = std::upper_bound(p.begin(), p.end(), t,
                             [](double v, const TrackPoint& q) { return v < q.t; });
  std::size_t k = it == p.begin() ? 0 : static_cast<std::size_t>(it - p.begin()) - 1;
  return std::min(k, p.size() - 2);
}

LatLon position(const Track& tr, double t) {
  t = std::clamp(t, tr.start(), tr.end());
  const std::size_t k = segment(tr, t);
  const TrackPoint& a = tr.points[k];
  const TrackPoint& b = tr.points[k + 1];
  return along_great_circle({a.lat, a.lon}, {b.lat, b.lon}, (t - a.t) / (b.t - a.t));
}

double mean_known(const std::array<double, 4>& r) {
  double s = 0;
  int n = 0;
  for (double v : r)
    if (!std::isnan(v)) {
      s += v;
      ++n;
    }
  return n ? s / n : kNaN;
}

}  // namespace

Track clean_track(Track track) {
  auto& pts = track.points;
  for (const TrackPoint& p : pts) {
    if (!(std::abs(p.lat) <= 90.0) || !(p.lon >= -180.0 && p.lon <= 360.0) || !std::isfinite(p.t))
      throw std::invalid_argument("track fix with time/latitude/longitude out of range");
  }
  std::stable_sort(pts.begin(), pts.end(),
                   [](const TrackPoint& a, const TrackPoint& b) { return a.t < b.t; });
  pts = merge_same_time(pts);
  if (pts.size() < 2)
    throw std::invalid_argument("track needs at least two fixes at distinct times");
  for (std::size_t k = 1; k < pts.size(); ++k) {  // unwrap across the date line
    while (pts[k].lon - pts[k - 1].lon > 180.0) pts[k].lon -= 360.0;
    while (pts[k].lon - pts[k - 1].lon < -180.0) pts[k].lon += 360.0;
  }
  fill_gaps(pts, &TrackPoint::pc_hpa, "pressure");
  fill_gaps(pts, &TrackPoint::vmax_ms, "maximum wind");
  return track;
}

Track convert_averaging(Track track, Averaging to) {
  const double f = averaging_factor(track.averaging, to);
  for (TrackPoint& p : track.points) p.vmax_ms *= f;
  track.averaging = to;
  return track;
}

double vickery_wadhera_rmax_km(double dp_hpa, double lat_deg) {
  return std::exp(3.015 - 6.291e-5 * dp_hpa * dp_hpa + 0.0337 * std::abs(lat_deg));
}

StormState interpolate(const Track& tr, double t, double penv_hpa) {
  if (tr.points.size() < 2) throw std::invalid_argument("interpolate: track has < 2 fixes");
  StormState s;
  s.t = std::clamp(t, tr.start(), tr.end());
  const std::size_t k = segment(tr, s.t);
  const TrackPoint& a = tr.points[k];
  const TrackPoint& b = tr.points[k + 1];
  const double w = (s.t - a.t) / (b.t - a.t);
  const LatLon c = position(tr, s.t);
  s.lat = c.lat;
  s.lon = c.lon;
  s.pc_hpa = pchip(tr.points, k, s.t, &TrackPoint::pc_hpa);
  s.vmax_ms = std::max(0.0, pchip(tr.points, k, s.t, &TrackPoint::vmax_ms));
  const double dp = std::max(1.0, penv_hpa - s.pc_hpa);
  if (!std::isnan(a.rmax_km) && !std::isnan(b.rmax_km)) {
    s.rmax_km = a.rmax_km + w * (b.rmax_km - a.rmax_km);
  } else {
    s.rmax_km = vickery_wadhera_rmax_km(dp, s.lat);
  }
  const double ra = mean_known(a.r30_km), rb = mean_known(b.r30_km);
  s.r30_mean_km = std::isnan(ra) ? rb : (std::isnan(rb) ? ra : ra + w * (rb - ra));
  const double t0 = std::max(tr.start(), s.t - 1800.0), t1 = std::min(tr.end(), s.t + 1800.0);
  if (t1 > t0) {
    const LatLon p0 = position(tr, t0), p1 = position(tr, t1);
    s.speed_ms = distance_km(p0, p1) * 1000.0 / (t1 - t0);
    // Heading at the centre: circular mean of the initial bearing at p0 and the final
    // bearing at p1 (the great-circle bearing turns along the way).
    const double b0 = bearing_deg(p0, p1) * kDeg, b1 = (bearing_deg(p1, p0) + 180.0) * kDeg;
    const double h = std::atan2(std::sin(b0) + std::sin(b1), std::cos(b0) + std::cos(b1)) / kDeg;
    s.heading_deg = s.speed_ms > 0 ? (h < 0 ? h + 360.0 : h) : 0.0;
    const std::size_t k0 = segment(tr, t0), k1 = segment(tr, t1);
    s.dpdt_hpa_per_h = (pchip(tr.points, k1, t1, &TrackPoint::pc_hpa) -
                        pchip(tr.points, k0, t0, &TrackPoint::pc_hpa)) /
                       ((t1 - t0) / 3600.0);
  }
  return s;
}

}  // namespace sd::storm
