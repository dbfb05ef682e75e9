#include "scenario/vocabulary.hpp"

namespace sd {

// Which incidents a kind of team can serve unless the scenario says otherwise. Follows the
// division of labour of a Chinese county emergency plan: comprehensive rescue and fire teams
// do people rescue (in water too) and pumping; professional teams restore their own utility.
std::uint32_t default_capabilities(TeamKind k) {
  using C = Capability;
  switch (k) {
    case TeamKind::CountyRescue:
      return bit(C::Rescue) | bit(C::WaterRescue) | bit(C::Pumping) | bit(C::RoadClearing) |
             bit(C::Medical);
    case TeamKind::Fire:
      return bit(C::Rescue) | bit(C::WaterRescue) | bit(C::Pumping) | bit(C::RoadClearing);
    case TeamKind::Water:
      return bit(C::Pumping);
    case TeamKind::Power:
      return bit(C::PowerRepair);
    case TeamKind::Gas:
      return bit(C::GasRepair);
    case TeamKind::Transport:
      return bit(C::RoadClearing) | bit(C::Transport);
    case TeamKind::Medical:
      return bit(C::Medical);
    case TeamKind::Volunteer:
      return bit(C::Rescue) | bit(C::Transport) | bit(C::Pumping);
  }
  return 0;
}

}  // namespace sd
