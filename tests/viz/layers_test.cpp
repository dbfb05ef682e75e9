// Colour maps, hillshade and layer composition.
#include <gtest/gtest.h>

#include <cmath>

#include "core/layer_image.hpp"

namespace sd::viz {
namespace {

TEST(Colormap, DepthBandsChangeExactlyAtThePlanningThresholds) {
  EXPECT_EQ(depth_color(0.0f).a, 0);
  EXPECT_EQ(depth_color(NAN).a, 0);
  EXPECT_EQ(depth_color(0.149f), kDepthColors[0]);
  EXPECT_EQ(depth_color(0.15f), kDepthColors[1]);
  EXPECT_EQ(depth_color(0.299f), kDepthColors[1]);
  EXPECT_EQ(depth_color(0.3f), kDepthColors[2]);
  EXPECT_EQ(depth_color(0.5f), kDepthColors[3]);
  EXPECT_EQ(depth_color(50.0f), kDepthColors[5]);
  for (std::size_t k = 1; k < kDepthColors.size(); ++k)
    EXPECT_NE(kDepthColors[k], kDepthColors[k - 1]);
}

TEST(Colormap, BlendIsPorterDuffOver) {
  const Rgba under{100, 100, 100, 255};
  EXPECT_EQ(blend(under, Rgba{0, 0, 0, 0}), under);
  EXPECT_EQ(blend(under, Rgba{10, 20, 30, 255}), (Rgba{10, 20, 30, 255}));
  const Rgba half = blend(Rgba{0, 0, 0, 255}, Rgba{200, 100, 50, 128});
  EXPECT_NEAR(half.r, 200 * 128 / 255.0, 1);
  EXPECT_NEAR(half.g, 100 * 128 / 255.0, 1);
  EXPECT_EQ(half.a, 255);
  EXPECT_GT(diff_color(0.3f).r, diff_color(0.3f).b);  // B deeper: red
  EXPECT_GT(diff_color(-0.3f).b, diff_color(-0.3f).r);
  EXPECT_EQ(diff_color(0.01f).a, 0);
}

TEST(Hillshade, FlatGroundIsLitByTheSunAltitudeAndSlopesFacingTheSunAreBrighter) {
  GridInfo g;
  g.nx = 8;
  g.ny = 8;
  g.cell = 10;
  // Flat: illumination = cos(zenith) = sin(45 deg) -> 180 of 255.
  const auto flat = hillshade(std::vector<float>(64, 5.0f), g);
  for (auto v : flat) EXPECT_EQ(v, 180);
  // A plane rising to the south-east faces the north-west sun (azimuth 315): brighter than flat.
  std::vector<float> nw(64), se(64);
  for (int j = 0; j < 8; ++j)
    for (int i = 0; i < 8; ++i) {
      nw[static_cast<std::size_t>(j) * 8 + i] = static_cast<float>(i + j);   // rises to SE
      se[static_cast<std::size_t>(j) * 8 + i] = static_cast<float>(-i - j);  // rises to NW
    }
  EXPECT_GT(hillshade(nw, g)[27], 180);
  EXPECT_LT(hillshade(se, g)[27], 180);
  std::vector<float> holes(64, 5.0f);
  holes[9] = NAN;
  EXPECT_EQ(hillshade(holes, g)[9], 0);
  EXPECT_EQ(hillshade(holes, g)[10], 180);  // NaN neighbours act as flat, not as cliffs
}

TEST(Compose, DepthOverTerrainAndDifferenceMap) {
  GridInfo g;
  g.nx = 3;
  g.ny = 1;
  std::vector<float> depth{0.0f, 0.4f, NAN}, other{0.5f, 0.4f, 0.2f};
  std::vector<Rgba> out;
  RasterLayers L;
  L.depth = depth.data();
  compose(g, L, out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0], (Rgba{225, 225, 220, 255}));  // dry: base colour
  EXPECT_LT(std::abs(out[1].b - kDepthColors[2].b), 8);
  L.depth_other = other.data();
  compose(g, L, out);
  EXPECT_GT(out[0].r, out[0].b);                  // B is 0.5 m deeper: red
  EXPECT_EQ(out[1], (Rgba{225, 225, 220, 255}));  // same depth: no colour
  EXPECT_EQ(out[2], (Rgba{225, 225, 220, 255}));  // NaN: no colour
}

}  // namespace
}  // namespace sd::viz

namespace sd::viz {
namespace {

TEST(Compose, StrideSamplesEveryNthCellOfEveryNthRow) {
  GridInfo g;
  g.nx = 5;
  g.ny = 3;
  std::vector<float> depth(15, 0.0f);
  depth[2 * 5 + 4] = 0.4f;  // cell (4, 2): sampled at stride 2
  depth[1 * 5 + 1] = 0.4f;  // cell (1, 1): skipped at stride 2
  RasterLayers L;
  L.depth = depth.data();
  std::vector<Rgba> out;
  compose(g, L, out, 2);
  ASSERT_EQ(out.size(), 6u);  // ceil(5/2) x ceil(3/2)
  EXPECT_EQ(strided(5, 2), 3);
  int wet = 0;
  for (const Rgba& p : out) wet += p != Rgba{225, 225, 220, 255};
  EXPECT_EQ(wet, 1);
  EXPECT_NE(out[1 * 3 + 2], (Rgba{225, 225, 220, 255}));
  compose(g, L, out, 1);
  EXPECT_EQ(out.size(), 15u);
}

}  // namespace
}  // namespace sd::viz
