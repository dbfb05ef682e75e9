// Walled depressions in the sub-grid tables (issue 12 §2, subgrid_walled.hpp): a courtyard
// behind a ring of buildings that shares its coarse cell with a street takes none of the
// street's water; an underpass in the street still does.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "flood/flood_model.hpp"
#include "flood/flood_state.hpp"
#include "flood/rain_source.hpp"
#include "flood/subgrid_inertial.hpp"
#include "flood/subgrid_walled.hpp"

namespace {
using namespace sd::flood;

// 20 x 10 pixels of 2 m (two cells of 10 x 10): street at 0 m; in the west cell a ring of
// buildings (+4 m) around a 6 x 6 courtyard sunk to -0.4 m; in the east cell an underpass
// pixel 2 m deep.
constexpr int kNfx = 20, kNfy = 10, kRatio = 10;
bool courtyard(int i, int j) {
  return i >= 2 && i <= 7 && j >= 2 && j <= 7;
}
bool ring(int i, int j) {
  return i >= 1 && i <= 8 && j >= 1 && j <= 8 && !courtyard(i, j);
}
constexpr int kUnderpass = 4 * kNfx + 15;

std::vector<float> terrain() {
  std::vector<float> z(static_cast<std::size_t>(kNfx * kNfy), 0.0f);
  for (int j = 0; j < kNfy; ++j)
    for (int i = 0; i < kNfx; ++i)
      z[static_cast<std::size_t>(j * kNfx + i)] =
          courtyard(i, j) ? -0.4f : (ring(i, j) ? 4.0f : 0.0f);
  z[kUnderpass] = -2.0f;
  return z;
}

TEST(SubgridWalled, CourtyardBehindBuildingsIsWalledUnderpassIsNot) {
  const auto z = terrain();
  const auto w = subgrid::find_walled_pixels(z, kNfx, kNfy, kRatio);
  ASSERT_EQ(w.pixel.size(), 36u);  // the courtyard, raised to the ring's top
  for (std::size_t k = 0; k < w.pixel.size(); ++k) {
    const int i = static_cast<int>(w.pixel[k] % kNfx), j = static_cast<int>(w.pixel[k] / kNfx);
    EXPECT_TRUE(courtyard(i, j)) << i << "," << j;
    EXPECT_EQ(w.rim[k], 4.0f);
    if (k > 0) {
      EXPECT_LT(w.pixel[k - 1], w.pixel[k]);
    }
  }
  EXPECT_TRUE(subgrid::find_walled_pixels(z, kNfx, kNfy, 1).pixel.empty());
  // With the thread count and a margin that puts the window edge through the ring: the same.
  const auto w2 = subgrid::find_walled_pixels(z, kNfx, kNfy, kRatio, 0.5, 32, 2);
  EXPECT_EQ(w2.pixel, w.pixel);
}

TEST(SubgridWalled, StreetWaterStaysOutOfTheCourtyardAndFillsTheUnderpass) {
  // 100 mm/h for an hour: 0.1 m over both cells. Without the walled rule the west cell's
  // water (40 m^3) collected in its courtyard (144 m^2): 0.28 m there.
  const auto z = terrain();
  ModelSpec s;
  s.grid = sd::Grid{2, 1, 0.0, 20.0, 20.0};
  s.subgrid = subgrid::build_solver_tables(z, kNfx, kNfy, 2.0, kRatio, {}, 0.03f);
  State st(build_model(s));
  const auto rain = UniformRain::block(100.0, 1.0);
  st.set_rain(&rain);
  st.advance_to(3600.0);
  EXPECT_LT(st.budget().error_rel(), 1e-12);
  const auto d = subgrid::downscale_heads(*st.model().subgrid(), st.summary().max_depth, z);
  for (int j = 0; j < kNfy; ++j)
    for (int i = 0; i < kNfx; ++i) {
      const float v = d[static_cast<std::size_t>(j * kNfx + i)];
      if (courtyard(i, j)) {
        EXPECT_EQ(v, 0.0f) << i << "," << j;
      } else if (!ring(i, j)) {
        EXPECT_GT(v, 0.1f) << i << "," << j;
      }
    }
  EXPECT_GT(d[kUnderpass], 2.0f);
}

}  // namespace

namespace {

TEST(SubgridWalled, ForEachArrayRoundTripsTheTablesWithTheWalledPixels) {
  // A table cache serialises SolverTables through for_each_array: every array, by name.
  const auto z = terrain();
  const auto t = subgrid::build_solver_tables(z, kNfx, kNfy, 2.0, kRatio, {}, 0.03f);
  std::vector<std::pair<std::string, std::vector<char>>> blobs;
  subgrid::for_each_array(*t, [&](const char* name, const auto& v) {
    const auto* p = reinterpret_cast<const char*>(v.data());
    blobs.emplace_back(name, std::vector<char>(p, p + v.size() * sizeof(v[0])));
  });
  subgrid::SolverTables u;
  u.nx = t->nx, u.ny = t->ny, u.ratio = t->ratio, u.levels = t->levels, u.fine_m = t->fine_m;
  std::size_t k = 0;
  subgrid::for_each_array(u, [&](const char* name, auto& v) {
    ASSERT_EQ(blobs[k].first, name);
    v.resize(blobs[k].second.size() / sizeof(v[0]));
    std::copy(blobs[k].second.begin(), blobs[k].second.end(), reinterpret_cast<char*>(v.data()));
    ++k;
  });
  EXPECT_EQ(k, blobs.size());
  EXPECT_EQ(u.walled_pixel, t->walled_pixel);
  EXPECT_EQ(u.walled_rim.size(), 36u);
  EXPECT_EQ(subgrid::hydraulic_dem(u, z), subgrid::hydraulic_dem(*t, z));
  for (std::size_t c = 0; c < 2; ++c)
    EXPECT_EQ(subgrid::cell_head(u, c, 0.05), subgrid::cell_head(*t, c, 0.05));
  for (std::size_t f = 0; f < t->fx.hm.size(); ++f) EXPECT_EQ(u.fx.hm[f], t->fx.hm[f]);
}

}  // namespace
