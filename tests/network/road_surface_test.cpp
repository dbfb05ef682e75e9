// Bridges, culverts and tunnels over a canal (network/road_surface.hpp; issue 13 §2): a strip
// of five 10 m cells, the middle one a canal (bed -1 m) between banks at 3 m and 2.5 m, and
// three parallel roads across it from the first to the last cell.
#include <gtest/gtest.h>

#include <cmath>

#include "network/edge_cells.hpp"
#include "network/road_graph.hpp"
#include "network/road_surface.hpp"

namespace {

using namespace sd::net;

struct Canal {
  sd::Grid grid{5, 1, 0.0, 10.0, 10.0};
  std::vector<float> ground{3.0f, 3.0f, -1.0f, 2.5f, 2.5f};
  std::vector<std::uint8_t> water{0, 0, 1, 0, 0};
  RoadGraph graph;
  EdgeCells cells;
  RoadSurface surface;
  // Edge 0: untagged street (culvert rule); 1: tagged bridge; 2: tunnel.
  explicit Canal(RoadLevelRules rules = {})
      : graph({5.0, 45.0}, {5.0, 5.0},
              std::vector<EdgeInput>{{0, 1, 40, 30}, {0, 1, 40, 30}, {0, 1, 40, 30}}) {
    cells = rasterize_edges(graph, grid);
    std::vector<RoadStructure> st(3);
    for (EdgeId e = 0; e < 3; ++e) {
      const auto row = graph.input_index()[e];
      st[e] = row == 0 ? RoadStructure::Ground
                       : (row == 1 ? RoadStructure::Bridge : RoadStructure::Tunnel);
    }
    surface = road_surface(cells, st, ground, water, rules);
  }
  EdgeId edge(std::uint32_t row) const {
    for (EdgeId e = 0; e < 3; ++e)
      if (graph.input_index()[e] == row) return e;
    return 0;
  }
  // Road depths for a water depth field, over the given baseline (empty: none).
  std::vector<float> depths(const std::vector<float>& depth,
                            const std::vector<float>& baseline = {}) const {
    std::vector<float> out(3);
    road_depths(cells, surface, depth, baseline, 90.0, out);
    return {out[edge(0)], out[edge(1)], out[edge(2)]};
  }
};

// The canal at its normal stage (level 0 m: 1 m of water over the bed), nothing else wet.
const std::vector<float> kStill = {0, 0, 1.0f, 0, 0};

TEST(RoadSurface, TagsMapToStructures) {
  EXPECT_EQ(road_structure(false, false, 0), RoadStructure::Ground);
  EXPECT_EQ(road_structure(true, false, 0), RoadStructure::Bridge);
  EXPECT_EQ(road_structure(false, false, 1), RoadStructure::Bridge);
  EXPECT_EQ(road_structure(false, true, 0), RoadStructure::Tunnel);
  EXPECT_EQ(road_structure(false, false, -1), RoadStructure::Tunnel);
  EXPECT_EQ(road_structure(true, true, -1), RoadStructure::Bridge);
}

TEST(RoadSurface, CulvertRuleLiftsTheStreetToTheHigherBankOverWaterOnly) {
  const Canal c;
  const EdgeId e = c.edge(0);
  ASSERT_EQ(c.cells.offsets[e + 1] - c.cells.offsets[e], 5u);
  for (std::uint32_t k = c.cells.offsets[e]; k < c.cells.offsets[e + 1]; ++k) {
    const float want = c.cells.cells[k] == 2 ? 4.0f : 0.0f;  // max(3, 2.5) - (-1)
    EXPECT_FLOAT_EQ(c.surface.lift_m[k], want) << "cell " << c.cells.cells[k];
  }
  // A configured deck height raises it further.
  const Canal high(RoadLevelRules{1.0f, 0.5f});
  for (std::uint32_t k = high.cells.offsets[e]; k < high.cells.offsets[e + 1]; ++k)
    if (high.cells.cells[k] == 2) {
      EXPECT_FLOAT_EQ(high.surface.lift_m[k], 4.5f);
    }
}

TEST(RoadSurface, CanalUnderAStreetIsNotWaterOnTheStreet) {
  const Canal c;
  // The old coupling read the canal's 1 m as the street's depth (closed before any rain).
  std::vector<float> plain(3);
  edge_depths(c.cells, kStill, 90.0, plain);
  EXPECT_GE(plain[c.edge(0)], 0.3f);
  const auto d = c.depths(kStill);
  EXPECT_EQ(d[0], 0.0f) << "culvert/bridge rule";
  EXPECT_EQ(d[1], 0.0f) << "tagged bridge";
}

TEST(RoadSurface, BridgeOverAFullCanalStaysOpenUntilTheDeckFloods) {
  const Canal c;
  // Canal full to 2.4 m (3.4 m deep), 0.1 m below the lower bank: nothing on any deck.
  const auto full = c.depths({0, 0, 3.4f, 0, 0}, kStill);
  EXPECT_EQ(full[0], 0.0f);
  EXPECT_EQ(full[1], 0.0f);
  // Over the banks: 0.4 m everywhere (level 3.4 m). The street at bank level closes; the
  // bridge deck (3 m + 1 m) stays dry.
  const auto over = c.depths({0.4f, 0.4f, 4.4f, 0.9f, 0.9f}, kStill);
  EXPECT_NEAR(over[0], 0.9f, 1e-6f);  // 90th percentile of {0.4, 0.4, 0.4, 0.9, 0.9}
  EXPECT_EQ(over[1], 0.0f) << "the deck is 0.6 m above the water";
}

TEST(RoadSurface, TunnelFloodsFirstAtItsLowPoint) {
  const Canal c;
  // A puddle of 0.35 m in one cell beside the canal.
  const auto d = c.depths({0, 0.35f, 1.0f, 0, 0}, kStill);
  EXPECT_NEAR(d[2], 0.35f, 1e-6f);  // tunnels take the maximum above the baseline
  EXPECT_EQ(d[1], 0.0f) << "the bridge deck is above the puddle";
}

TEST(RoadSurface, DepthIsCountedAboveThePreStormState) {
  const Canal c;
  const std::vector<float> before = {0.5f, 0.5f, 1.0f, 0.5f, 0.5f};
  const auto same = c.depths(before, before);
  for (float v : same) EXPECT_EQ(v, 0.0f);
  const auto more = c.depths({0.6f, 0.6f, 1.0f, 0.6f, 0.6f}, before);
  EXPECT_NEAR(more[0], 0.1f, 1e-6f);
  // Without a baseline the same call gives the baseline road depth itself.
  EXPECT_NEAR(c.depths(before)[0], 0.5f, 1e-6f);
}

TEST(RoadSurface, StreetWithNoLandUnderItStaysOnTheWater) {
  sd::Grid g{2, 1, 0.0, 10.0, 10.0};
  const std::vector<float> ground{-1.0f, -1.0f};
  const std::vector<std::uint8_t> water{1, 1};
  const RoadGraph graph({2.0, 8.0}, {5.0, 5.0},
                        std::vector<EdgeInput>{{0, 1, 6, 30}, {1, 0, 6, 30}});
  const EdgeCells cells = rasterize_edges(graph, g);
  const RoadSurface rs = road_surface(cells, {RoadStructure::Ground, RoadStructure::Bridge}, ground,
                                      water, RoadLevelRules{});
  std::vector<float> out(2);
  road_depths(cells, rs, std::vector<float>{1.0f, 1.0f}, {}, 90.0, out);
  EXPECT_FLOAT_EQ(out[0], 1.0f) << "a road under permanent water";
  EXPECT_EQ(out[1], 0.0f) << "a bridge with no bank is never wetted";
}

}  // namespace
