#include "network/depth_speed.hpp"

#include <algorithm>
#include <cmath>

namespace sd::net {

double pregnolato_speed_kph(double depth_mm) {
  // Pregnolato et al. (2017) eq. (4); valid on 0..300 mm, so the depth is clamped there.
  const double w = std::clamp(depth_mm, 0.0, 300.0);
  return 0.0009 * w * w - 0.5529 * w + 86.9448;
}

double flooded_speed_kph(double free_kph, double depth_m, const VehicleProfile& vehicle) {
  const double d = std::isnan(depth_m) ? 0.0 : std::max(depth_m, 0.0);
  if (vehicle.kind == VehicleKind::Boat)
    return d >= vehicle.boat_min_depth_m ? vehicle.boat_speed_kph : 0.0;
  if (d >= vehicle.close_depth_m) return 0.0;
  if (d <= 0.0) return free_kph;
  // Trucks: the car curve stretched to the truck's closure depth (assumption, see docs).
  const double w_mm = d * 1000.0 * (0.3 / vehicle.close_depth_m);
  return std::min(pregnolato_speed_kph(w_mm), free_kph);
}

}  // namespace sd::net
