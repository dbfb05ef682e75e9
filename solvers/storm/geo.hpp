#pragma once
// Spherical-earth geometry for storm tracks: great-circle distance, initial bearing, points
// along a great circle and destination points (standard spherical trigonometry, e.g.
// Snyder 1987, "Map Projections — A Working Manual", USGS PP 1395, ch. 5). Degrees in/out.
#include <cmath>
#include <numbers>

namespace sd::storm {

inline constexpr double kEarthRadiusKm = 6371.0;  // mean radius (IUGG)
inline constexpr double kDeg = std::numbers::pi / 180.0;

struct LatLon {
  double lat = 0.0;
  double lon = 0.0;
};

// Haversine distance (km); well conditioned for the short distances that matter here.
double distance_km(LatLon a, LatLon b);
// Initial bearing from a to b, degrees clockwise from north in [0, 360).
double bearing_deg(LatLon a, LatLon b);
// The point a fraction w in [0, 1] of the way from a to b along the great circle.
LatLon along_great_circle(LatLon a, LatLon b, double w);
// The point reached going dist_km from a on initial bearing bearing_deg.
LatLon destination(LatLon a, double bearing_deg, double dist_km);

}  // namespace sd::storm
