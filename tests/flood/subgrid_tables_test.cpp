// Sub-grid volume and conveyance tables (issue 12 §2): exact at the ends, piecewise-linear,
// monotone inverse, brute-force agreement at the table levels, one pixel = ordinary solver.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "flood/subgrid_downscale.hpp"
#include "flood/subgrid_tables.hpp"

namespace {
using namespace sd::flood::subgrid;

std::vector<float> random_pixels(int n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(10.0f, 13.0f);
  std::vector<float> z(static_cast<std::size_t>(n));
  for (float& v : z) v = u(rng);
  return z;
}

double brute_volume(const std::vector<float>& z, double zeta, double a) {
  double v = 0;
  for (float p : z) v += std::max(0.0, zeta - p);
  return v * a;
}

TEST(SubgridTables, VolumeTableExactAtEndsAndLevelsWithMonotoneInverse) {
  const auto z = random_pixels(100, 7);  // 10 x 10 pixels of 5 m
  const auto t = build_volume_table(z.data(), 100, 25.0, 12);
  ASSERT_EQ(t.vol.size(), 12u);
  EXPECT_EQ(t.volume(t.z_lo), 0.0);
  EXPECT_NEAR(t.volume(t.z_hi), brute_volume(z, t.z_hi, 25.0), 1e-9);
  // Every table level is the brute-force volume; above the top, every pixel is wet.
  for (int k = 0; k < 12; ++k) {
    const double zeta = t.z_lo + (t.z_hi - t.z_lo) * k / 11.0;
    EXPECT_NEAR(t.volume(zeta), brute_volume(z, zeta, 25.0), 1e-9 * (1 + t.vol.back()));
  }
  EXPECT_NEAR(t.volume(t.z_hi + 2.0), brute_volume(z, t.z_hi + 2.0, 25.0), 1e-9);
  // Between levels V is convex in zeta, so the chord lies above it but within a level's worth.
  const double mid = t.z_lo + 0.5 * (t.z_hi - t.z_lo) / 11.0;
  EXPECT_GE(t.volume(mid), brute_volume(z, mid, 25.0) - 1e-9);
  // Inverse: level(volume(zeta)) == zeta, strictly increasing.
  double prev = -1;
  for (double zeta = t.z_lo + 1e-3; zeta < t.z_hi + 1.0; zeta += 0.01) {
    const double v = t.volume(zeta);
    EXPECT_GT(v, prev);
    prev = v;
    EXPECT_NEAR(t.level(v), zeta, 1e-9);
  }
  EXPECT_EQ(t.level(0.0), t.z_lo);
  EXPECT_EQ(t.wet_fraction(t.z_hi + 0.1), 1.0);
  EXPECT_GT(t.wet_fraction(t.z_lo + 0.01), 0.0);
  EXPECT_LT(t.wet_fraction(t.z_lo + 0.01), 0.2);
}

TEST(SubgridTables, OnePixelPerCellIsTheOrdinaryCell) {
  // Cells of one pixel: V = A (zeta - z); faces: h = zeta - max(z_l, z_r), K = h^{5/3} / n
  // with n^2 the mean of the two cells' n^2 (the ordinary solver's face).
  const std::vector<float> fine = {1.0f, 2.5f, 0.5f, 3.0f};  // 2 x 2 pixels of 10 m
  const std::vector<float> n = {0.02f, 0.04f, 0.03f, 0.05f};
  const auto T = build_tables(fine, 2, 2, 10.0, 1, n, 0.03f);
  ASSERT_EQ(T.nx, 2);
  const auto& c = T.cells[1];
  EXPECT_DOUBLE_EQ(c.volume(3.0), 100.0 * 0.5);
  EXPECT_DOUBLE_EQ(c.level(50.0), 3.0);
  const auto& f = T.fx[0 * 3 + 1];  // between pixels 1.0 and 2.5
  const double zeta = 3.2, h = zeta - 2.5f;
  EXPECT_NEAR(f.mean_depth(zeta), h, 1e-12);
  const double n2 = 0.5 * (double(0.02f * 0.02f) + double(0.04f * 0.04f));
  EXPECT_NEAR(f.conveyance(zeta) / (std::pow(h, 5.0 / 3.0) / std::sqrt(n2)), 1.0, 1e-6);
  EXPECT_EQ(f.mean_depth(2.4), 0.0);
  const auto& g = T.fy[1 * 2 + 0];  // between pixels 1.0 (north) and 0.5 (south)
  EXPECT_NEAR(g.mean_depth(1.7), 0.7, 1e-12);
}

TEST(SubgridTables, FaceTableBlocksWallsAndFoldsManningPerPixel) {
  // A 4-pixel face: two strips at 0 m (n 0.02 and 0.1), one at 1 m, one wall (no data).
  const float nan = std::nanf("");
  const std::vector<float> z = {0.0f, 0.0f, 1.0f, nan};
  const std::vector<float> n2 = {0.02f * 0.02f, 0.1f * 0.1f, 0.03f * 0.03f, 0.03f * 0.03f};
  const auto f = build_face_table(z.data(), n2.data(), 4, 10);
  // At 1 m: two strips 1 m deep out of four.
  EXPECT_NEAR(f.mean_depth(1.0), 0.5, 1e-12);
  EXPECT_NEAR(f.conveyance(1.0), (1.0 / 0.02f + 1.0 / 0.1f) / 4.0, 1e-6);
  // Above the top: the three open strips all wet, h_mean exact.
  EXPECT_NEAR(f.mean_depth(2.0), (2.0 + 2.0 + 1.0) / 4.0, 1e-12);
  EXPECT_GT(f.conveyance(2.0), f.conveyance(1.0));
  EXPECT_EQ(f.mean_depth(-0.5), 0.0);
}

TEST(SubgridTables, BadGridsAreRefused) {
  const std::vector<float> fine(30, 1.0f);
  EXPECT_THROW(build_tables(fine, 6, 5, 5.0, 2, {}, 0.03f), std::invalid_argument);
  EXPECT_THROW(build_tables(fine, 5, 5, 5.0, 1, {}, 0.03f), std::invalid_argument);
}

}  // namespace

namespace {
using namespace sd::flood::subgrid;

TEST(SubgridDownscale, ContinuousSurfaceHasNoStepsAndDryCellsStayDry) {
  // 4 x 3 coarse cells of 5 x 5 pixels on a flat fine bed at 0 m; the level rises linearly
  // to the east over the wet cells; the south-east cell is dry.
  const int nx = 4, ny = 3, r = 5;
  std::vector<double> level(12);
  std::vector<std::uint8_t> wet(12, 1);
  for (int J = 0; J < ny; ++J)
    for (int I = 0; I < nx; ++I) level[static_cast<std::size_t>(J * nx + I)] = 1.0 + 0.1 * I;
  wet[11] = 0;
  std::vector<float> fine(static_cast<std::size_t>(nx * r * ny * r), 0.0f);
  fine[3] = std::nanf("");
  const auto d = downscale_depth(level, wet, nx, ny, r, fine);
  const int fx = nx * r;
  // Row 0 (all neighbours wet): depth linear in x between cell centres, no jump at the edge
  // between coarse cells 0 and 1 (pixels 4 and 5).
  const double slope = 0.1 / r;
  for (int i = 3; i < 17; ++i) {
    const double x = (i + 0.5) / r - 0.5;
    if (i != 3) {
      EXPECT_NEAR(d[static_cast<std::size_t>(i)], 1.0 + 0.1 * x, 1e-6) << i;
    }
  }
  EXPECT_NEAR(d[5] - d[4], slope, 1e-6);
  EXPECT_TRUE(std::isnan(d[3]));
  // The dry coarse cell's pixels are dry; its wet neighbours do not see its level.
  for (int j = 10; j < 15; ++j)
    for (int i = 15; i < 20; ++i) EXPECT_EQ(d[static_cast<std::size_t>(j * fx + i)], 0.0f);
  // One pixel per cell: depth = level - z.
  const auto d1 = downscale_depth({2.0, 3.0}, {1, 1}, 2, 1, 1, {0.5f, 1.0f});
  EXPECT_FLOAT_EQ(d1[0], 1.5f);
  EXPECT_FLOAT_EQ(d1[1], 2.0f);
  EXPECT_THROW(downscale_depth({1.0}, {1}, 1, 1, 2, {0.0f}), std::invalid_argument);
}

}  // namespace
