// Road passability from depth: max depth under each segment, GB 51222 ponding and closure
// thresholds, Pregnolato et al. (2017) speed factor.
#include <gtest/gtest.h>

#include <cmath>

#include "flood/road_passability.hpp"

namespace {
using namespace sd::flood;

TEST(FloodRoads, SegmentDepthStateAndSpeedFactor) {
  const sd::Grid g{10, 10, 0.0, 100.0, 10.0};
  std::vector<float> depth(g.size(), 0.0f);
  depth[g.index(5, 2)] = 0.2f;   // on the first road
  depth[g.index(1, 7)] = 0.35f;  // on the second
  depth[g.index(9, 9)] = std::nanf("");
  RoadCells roads;
  roads.add_segment(g, 5.0, 75.0, 95.0, 75.0);  // row 2, west to east
  roads.add_segment(g, 15.0, 95.0, 15.0, 5.0);  // column 1, north to south
  roads.add_segment(g, 95.0, 5.0, 95.0, 15.0);  // rows 8-9 of column 9 (one NaN cell)
  ASSERT_EQ(roads.segments(), 3u);
  EXPECT_EQ(roads.offsets[1] - roads.offsets[0], 10u);  // each crossed cell once
  RoadState st;
  road_passability(roads, depth.data(), st);
  EXPECT_FLOAT_EQ(st.depth_m[0], 0.2f);
  EXPECT_EQ(st.state[0], 1);  // slowed: above the 0.15 m ponding depth
  EXPECT_NEAR(st.speed_factor[0], (0.0009 * 200 * 200 - 0.5529 * 200 + 86.9448) / 86.9448, 1e-6);
  EXPECT_EQ(st.state[1], 2);  // closed at 0.35 m
  EXPECT_EQ(st.speed_factor[1], 0.0f);
  EXPECT_EQ(st.state[2], 0);
  EXPECT_EQ(st.speed_factor[2], 1.0f);
  EXPECT_FLOAT_EQ(pregnolato_speed_factor(0.0f), 1.0f);
  EXPECT_EQ(pregnolato_speed_factor(0.3f), 0.0f);
}

}  // namespace
