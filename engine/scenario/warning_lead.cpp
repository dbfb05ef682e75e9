#include "scenario/warning_lead.hpp"

#include <sstream>

namespace sd {

std::optional<std::string> warning_lead_clipped(const Plan& plan, double landfall_s) {
  if (landfall_s < 0 || plan.warning_lead_s <= landfall_s) return std::nullopt;
  std::ostringstream os;
  os.precision(3);
  os << "plan '" << plan.name << "': warning_lead_h = " << plan.warning_lead_s / 3600
     << " h reaches before the scenario start (landfall at t = +" << landfall_s / 3600
     << " h): the warning is issued at t = 0, a lead of only " << landfall_s / 3600
     << " h; start the scenario earlier to give the plan its full lead";
  return os.str();
}

}  // namespace sd
