#include "flood/flood_agreement.hpp"

#include <cmath>
#include <stdexcept>

namespace sd::flood {

Agreement compare_depths(const std::vector<float>& reference, const std::vector<float>& model,
                         float threshold) {
  if (reference.size() != model.size())
    throw std::invalid_argument("compare_depths: rasters of different sizes");
  Agreement r;
  double se = 0, se_u = 0;
  long n = 0;
  for (std::size_t p = 0; p < reference.size(); ++p) {
    const float x = reference[p], y = model[p];
    if (!std::isfinite(x) || !std::isfinite(y)) continue;
    se += (static_cast<double>(x) - y) * (static_cast<double>(x) - y);
    ++n;
    const bool in_a = x >= threshold, in_b = y >= threshold;
    if (in_a || in_b) se_u += (static_cast<double>(x) - y) * (static_cast<double>(x) - y);
    r.a += in_a;
    r.b += in_b;
    r.both += in_a && in_b;
  }
  r.rmse = n > 0 ? std::sqrt(se / static_cast<double>(n)) : 0.0;
  const long uni = r.a + r.b - r.both;
  r.rmse_either = uni > 0 ? std::sqrt(se_u / static_cast<double>(uni)) : 0.0;
  r.fit = uni > 0 ? static_cast<double>(r.both) / static_cast<double>(uni) : 1.0;
  return r;
}

}  // namespace sd::flood
