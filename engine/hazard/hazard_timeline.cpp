#include "hazard/hazard_timeline.hpp"

#include <algorithm>

namespace sd {

std::size_t HazardTimeline::frame_at(double t) const {
  if (time.empty()) return 0;
  const auto it = std::upper_bound(time.begin(), time.end(), t);
  return it == time.begin() ? 0 : static_cast<std::size_t>(it - time.begin()) - 1;
}

}  // namespace sd
