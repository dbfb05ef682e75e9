#include "network/road_surface.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace sd::net {
namespace {

constexpr float kNeverWet = std::numeric_limits<float>::infinity();

bool is_land(std::uint32_t c, std::span<const float> ground, std::span<const std::uint8_t> water) {
  return !std::isnan(ground[c]) && (water.empty() || !water[c]);
}

// Ground of the first land cell walking cells [first, last) from `first` in direction `step`
// (+1 from the tail, -1 from the head); NaN when the edge has no land cell.
float bank_ground(std::span<const std::uint32_t> cells, bool from_tail,
                  std::span<const float> ground, std::span<const std::uint8_t> water) {
  const std::size_t n = cells.size();
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint32_t c = cells[from_tail ? k : n - 1 - k];
    if (is_land(c, ground, water)) return ground[c];
  }
  return std::numeric_limits<float>::quiet_NaN();
}

}  // namespace

RoadStructure road_structure(bool bridge, bool tunnel, int layer) {
  if (bridge || (!tunnel && layer > 0)) return RoadStructure::Bridge;
  if (tunnel || layer < 0) return RoadStructure::Tunnel;
  return RoadStructure::Ground;
}

RoadSurface road_surface(const EdgeCells& ec, std::vector<RoadStructure> structure,
                         std::span<const float> ground, std::span<const std::uint8_t> water,
                         const RoadLevelRules& rules) {
  const std::size_t edges = ec.offsets.empty() ? 0 : ec.offsets.size() - 1;
  if (structure.size() != edges)
    throw std::invalid_argument("road_surface: one structure per edge expected");
  RoadSurface rs;
  rs.structure = std::move(structure);
  rs.lift_m.assign(ec.cells.size(), 0.0f);
  for (std::size_t e = 0; e < edges; ++e) {
    const RoadStructure kind = rs.structure[e];
    if (kind == RoadStructure::Tunnel) continue;
    const std::span<const std::uint32_t> cells(ec.cells.data() + ec.offsets[e],
                                               ec.offsets[e + 1] - ec.offsets[e]);
    bool crosses_water = false;
    for (std::uint32_t c : cells) crosses_water |= !is_land(c, ground, water);
    if (kind == RoadStructure::Ground && !crosses_water) continue;
    // The higher bank; a side with no land cell (NaN) gives way to the other.
    const float a = bank_ground(cells, true, ground, water);
    const float b = bank_ground(cells, false, ground, water);
    const float bank = std::isnan(a) ? b : (std::isnan(b) ? a : std::max(a, b));
    const float deck =
        bank + (kind == RoadStructure::Bridge ? rules.bridge_deck_m : rules.culvert_deck_m);
    for (std::size_t k = 0; k < cells.size(); ++k) {
      const std::uint32_t c = cells[k];
      const bool lifted = kind == RoadStructure::Bridge || !is_land(c, ground, water);
      if (!lifted) continue;
      float& lift = rs.lift_m[ec.offsets[e] + k];
      if (std::isnan(bank))  // no land anywhere under the edge
        lift = kind == RoadStructure::Bridge ? kNeverWet : 0.0f;
      else
        lift = std::isnan(ground[c]) ? 0.0f : std::max(0.0f, deck - ground[c]);
    }
  }
  return rs;
}

void road_depths(const EdgeCells& ec, const RoadSurface& rs, std::span<const float> depth,
                 std::span<const float> baseline, double percentile, std::span<float> out) {
  auto on_road = [](float d, float lift) {
    return std::isnan(d) ? 0.0f : std::max(0.0f, d - lift);
  };
  std::vector<float> buf;
  for (std::size_t e = 0; e + 1 < ec.offsets.size(); ++e) {
    buf.clear();
    for (std::uint32_t k = ec.offsets[e]; k < ec.offsets[e + 1]; ++k) {
      const std::uint32_t c = ec.cells[k];
      const float r = on_road(depth[c], rs.lift_m[k]);
      const float r0 = baseline.empty() ? 0.0f : on_road(baseline[c], rs.lift_m[k]);
      buf.push_back(std::max(0.0f, r - r0));
    }
    out[e] =
        nearest_rank_percentile(buf, rs.structure[e] == RoadStructure::Tunnel ? 100.0 : percentile);
  }
}

}  // namespace sd::net
