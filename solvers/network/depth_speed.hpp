#pragma once
// Depth–disruption function for vehicles on flooded roads.
// Pregnolato, Ford, Wilkinson & Dawson (2017), "The impact of flooding on road transport:
// A depth-disruption function", Transportation Research Part D 55:67-81, eq. (4):
//   v [km/h] = 0.0009 w^2 - 0.5529 w + 86.9448,  w = water depth in mm,
// fitted for 0 <= w <= 300 mm. The curve never reaches zero, so the closure at 300 mm
// (the depth at which a car is no longer controllable) is an explicit rule here.
namespace sd::net {

enum class VehicleKind { Car, Truck, Boat };

struct VehicleProfile {
  VehicleKind kind = VehicleKind::Car;
  // Car and truck: the road closes at this depth. A high-clearance truck uses the same
  // curve stretched to its own closure depth (w_eff = w * 0.3 m / close_depth_m): an
  // assumption documented in docs/network.md, not part of the paper.
  double close_depth_m = 0.3;
  // Boat: a road is usable only with at least this much water, at this speed.
  double boat_min_depth_m = 0.3;
  double boat_speed_kph = 10.0;

  static VehicleProfile car() { return {}; }
  static VehicleProfile truck(double close_depth_m = 0.6) {
    return {VehicleKind::Truck, close_depth_m, 0.3, 10.0};
  }
  static VehicleProfile boat(double min_depth_m = 0.3, double speed_kph = 10.0) {
    return {VehicleKind::Boat, 0.3, min_depth_m, speed_kph};
  }
};

// Pregnolato et al. (2017) curve, km/h, for depth in millimetres (clamped to [0, 300]).
double pregnolato_speed_kph(double depth_mm);

// Speed of `vehicle` on a road of free-flow speed `free_kph` under `depth_m` of water:
// min(curve, free_kph) for cars/trucks, 0 when closed (NaN depth counts as dry).
double flooded_speed_kph(double free_kph, double depth_m, const VehicleProfile& vehicle);

}  // namespace sd::net
