// Rain on a dry raised block beside a street (issue 12: the step-cap defect). With the default
// 10 s step cap the first steps on the dry town dumped the roof's first rain over the 4 m wall
// in one step: a transient spike of water at the wall foot that a 1 s cap does not show.
#include <gtest/gtest.h>

#include <cstdio>

#include "flood/flood_model.hpp"
#include "flood/flood_state.hpp"
#include "flood/rain_source.hpp"
#include "flood_fixtures.hpp"

namespace {
using namespace sd::flood;

// 40 x 20 cells of 2 m: a street falling 1:400 eastward, a 4 m block over columns 10..29,
// rows 5..14. Returns the max depth over the run at the street cell at the block's west foot.
float wall_foot_max(double dt_max, std::uint64_t* steps = nullptr) {
  auto s = sdt::spec_from(40, 20, 2.0, [](double x, double) { return 1.0 - x / 400.0; });
  for (int j = 5; j < 15; ++j)
    for (int i = 10; i < 30; ++i) s.bed[s.grid.index(i, j)] += 4.0f;
  s.manning_uniform = 0.03f;
  s.options.dt_max = dt_max;
  s.options.threads = 1;
  State st(build_model(s));
  const auto rain = UniformRain::block(60.0, 0.5);
  st.set_rain(&rain);
  float m = 0;
  const auto& g = s.grid;
  for (double t = 10; t <= 600; t += 10) {
    st.advance_to(t);
    m = std::max(m, static_cast<float>(st.depth()[g.index(9, 10)]));
  }
  if (steps) *steps = st.steps();
  return std::max(m, st.summary().max_depth[g.index(9, 10)]);
}

TEST(FloodWallSpill, RoofRainDoesNotSpikeAtTheWallFootWithTheDefaultStepCap) {
  std::uint64_t s10 = 0, s1 = 0;
  const float d10 = wall_foot_max(10.0, &s10), d1 = wall_foot_max(1.0, &s1);
  std::printf("wall foot max depth: cap 10 s %.5f m (%llu steps), cap 1 s %.5f m (%llu steps)\n",
              d10, static_cast<unsigned long long>(s10), d1, static_cast<unsigned long long>(s1));
  EXPECT_NEAR(d10, d1, 0.1 * d1 + 1e-3);
}

}  // namespace
