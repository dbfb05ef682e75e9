// Supplies: shelters draw food and water every 6 hours (3 meals and 3 L of drinking water per
// person per day: Sphere Handbook 2018 minimum standards), delivered from the nearest depot
// that still has stock and can be reached; what cannot be delivered is a shortfall. Pumping
// jobs by teams without their own pumps draw a pump from the nearest stocked depot.
#include <algorithm>
#include <cmath>

#include "response/run_state.hpp"

namespace sd {
namespace {
constexpr std::size_t kFood = static_cast<std::size_t>(StockKind::Food);
constexpr std::size_t kWater = static_cast<std::size_t>(StockKind::Water);
constexpr std::size_t kPumps = static_cast<std::size_t>(StockKind::Pumps);
}  // namespace

void RunState::on_supply(double t) {
  if (s.depots.empty()) return;
  const net::NetworkState& road = *nets[0];
  for (std::size_t q = 0; q < s.shelters.size(); ++q) {
    if (shelter_occ[q] <= 0) continue;
    const double need[2] = {shelter_occ[q] * 3.0 * 0.25,
                            shelter_occ[q] * 3.0 * 0.25};  // 6 h of a day's need
    const std::size_t kind[2] = {kFood, kWater};
    router->run(road, net::Metric::Time, m.shelter_node[q], m.depot_node, net::Direction::Backward);
    for (int k = 0; k < 2; ++k) {
      double left = need[k];
      std::vector<std::size_t> order(s.depots.size());
      for (std::size_t d = 0; d < order.size(); ++d) order[d] = d;
      std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return router->cost(m.depot_node[a]) < router->cost(m.depot_node[b]);
      });
      for (std::size_t d : order) {
        if (left <= 0) break;
        if (!std::isfinite(router->cost(m.depot_node[d]))) break;
        double& stock = depot_stock[d * kStockKinds + kind[k]];
        const double give = std::min(stock, left);
        stock -= give;
        left -= give;
      }
      if (left > 1e-9) {
        supply_shortfall += left;
        (kind[k] == kFood ? food_shortfall_meals : water_shortfall_l) += left;
        log(t, EventType::Shortage, -1, -1, s.shelters[q].x, s.shelters[q].y,
            s.shelters[q].name + ": " + std::to_string(static_cast<long>(std::ceil(left))) +
                (kind[k] == kFood ? " meals" : " litres of water") + " short");
      } else {
        log(t, EventType::Delivery, -1, -1, s.shelters[q].x, s.shelters[q].y,
            s.shelters[q].name + " supplied");
      }
    }
  }
}

bool RunState::take_pump(int team, double t) {
  if (s.teams[team].kind == TeamKind::Water || s.teams[team].kind == TeamKind::Fire)
    return true;  // carry their own
  int best = -1;
  double bd = INFINITY;
  for (std::size_t d = 0; d < s.depots.size(); ++d) {
    if (depot_stock[d * kStockKinds + kPumps] < 1) continue;
    const double dx = s.depots[d].x - m.graph->x()[teams[team].node],
                 dy = s.depots[d].y - m.graph->y()[teams[team].node];
    if (dx * dx + dy * dy < bd) bd = dx * dx + dy * dy, best = static_cast<int>(d);
  }
  if (best < 0) {
    pump_shortfall += 1;
    supply_shortfall += 1;
    log(t, EventType::Shortage, team, teams[team].incident, m.graph->x()[teams[team].node],
        m.graph->y()[teams[team].node], "no pump left in any depot");
    return false;
  }
  depot_stock[best * kStockKinds + kPumps] -= 1;
  return true;
}

}  // namespace sd
