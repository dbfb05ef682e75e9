#include "storm/geo.hpp"

#include <algorithm>

namespace sd::storm {

double distance_km(LatLon a, LatLon b) {
  const double p1 = a.lat * kDeg, p2 = b.lat * kDeg;
  const double dp = p2 - p1, dl = (b.lon - a.lon) * kDeg;
  const double h = std::sin(dp / 2) * std::sin(dp / 2) +
                   std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
  return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

double bearing_deg(LatLon a, LatLon b) {
  const double p1 = a.lat * kDeg, p2 = b.lat * kDeg, dl = (b.lon - a.lon) * kDeg;
  const double y = std::sin(dl) * std::cos(p2);
  const double x = std::cos(p1) * std::sin(p2) - std::sin(p1) * std::cos(p2) * std::cos(dl);
  const double deg = std::atan2(y, x) / kDeg;
  return deg < 0 ? deg + 360.0 : deg;
}

// Spherical linear interpolation of the unit vectors (Shoemake 1985).
LatLon along_great_circle(LatLon a, LatLon b, double w) {
  const double d = distance_km(a, b) / kEarthRadiusKm;
  if (d < 1e-12) return a;
  const double fa = std::sin((1 - w) * d) / std::sin(d), fb = std::sin(w * d) / std::sin(d);
  const double p1 = a.lat * kDeg, l1 = a.lon * kDeg, p2 = b.lat * kDeg, l2 = b.lon * kDeg;
  const double x = fa * std::cos(p1) * std::cos(l1) + fb * std::cos(p2) * std::cos(l2);
  const double y = fa * std::cos(p1) * std::sin(l1) + fb * std::cos(p2) * std::sin(l2);
  const double z = fa * std::sin(p1) + fb * std::sin(p2);
  return {std::atan2(z, std::hypot(x, y)) / kDeg, std::atan2(y, x) / kDeg};
}

LatLon destination(LatLon a, double bearing, double dist_km) {
  const double d = dist_km / kEarthRadiusKm, th = bearing * kDeg;
  const double p1 = a.lat * kDeg, l1 = a.lon * kDeg;
  const double p2 =
      std::asin(std::sin(p1) * std::cos(d) + std::cos(p1) * std::sin(d) * std::cos(th));
  const double l2 = l1 + std::atan2(std::sin(th) * std::sin(d) * std::cos(p1),
                                    std::cos(d) - std::sin(p1) * std::sin(p2));
  return {p2 / kDeg, l2 / kDeg};
}

}  // namespace sd::storm
