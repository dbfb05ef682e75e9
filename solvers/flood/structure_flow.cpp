#include "flood/structure_flow.hpp"

#include <algorithm>
#include <cmath>

namespace sd::flood {

double weir_discharge(double level_a, double level_b, double crest, double width_m, double coef) {
  const double up = std::max(level_a, level_b), down = std::min(level_a, level_b);
  const double hu = up - crest;
  if (hu <= 0.0 || width_m <= 0.0) return 0.0;
  double q = coef * width_m * hu * std::sqrt(hu);
  const double hd = down - crest;
  if (hd > 0.0) q *= std::pow(1.0 - std::pow(hd / hu, 1.5), 0.385);  // Villemonte
  return level_a >= level_b ? q : -q;
}

double orifice_discharge(double level_a, double level_b, double area_m2, double g, double cd) {
  const double dh = level_a - level_b;
  const double q = cd * area_m2 * std::sqrt(2.0 * g * std::abs(dh));
  return dh >= 0.0 ? q : -q;
}

}  // namespace sd::flood
