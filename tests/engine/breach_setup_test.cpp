// A dike breach on the walled sea edge: the wall cell stays closed until the breach and the
// breach pours into the land behind it. Before the fix the wall cell was opened to let the
// inflow in, so the sea stood in it from the first step and flooded land below the sea level
// hours before the breach.
#include <gtest/gtest.h>

#include <cmath>

#include "flood/flood_state.hpp"
#include "hazard/flood_setup.hpp"

namespace {

// 8 x 6 cells of 50 m, all land at 1 m; the north edge is the sea at 3 m (a level boundary
// along land: the seawall continuing beyond the grid), a breach in the edge row at 1 h.
sd::Scenario walled_coast(double breach_x) {
  sd::Scenario s;
  s.dem.grid = sd::Grid{8, 6, 0.0, 300.0, 50.0};
  s.dem.data.assign(s.dem.grid.size(), 1.0f);
  s.duration_s = 7200;
  s.boundary = {sd::BoundaryKind::Level, sd::BoundaryKind::Closed, sd::BoundaryKind::Closed,
                sd::BoundaryKind::Closed};
  sd::Inject b;
  b.kind = sd::InjectKind::DikeBreach;
  b.t_s = 3600;
  b.x = breach_x;
  b.y = 275.0;  // row 0
  b.peak_m3s = 5.0;
  b.duration_s = 3600;
  s.injects.push_back(b);
  return s;
}

double stored_m3(const sd::flood::State& st, const sd::Grid& g) {
  std::vector<float> d(g.size());
  st.depth_f32(d.data());
  double v = 0;
  for (float x : d) v += std::isnan(x) ? 0.0 : x * g.cell_area();
  return v;
}

}  // namespace

TEST(BreachSetup, WallCellStaysClosedUntilTheBreachThenTheLandBehindFloods) {
  const sd::Scenario s = walled_coast(225.0);  // column 4
  const sd::TimeSeries sea{{0.0, 7200.0}, {3.0, 3.0}};
  sd::flood::State st(sd::setup_flood(s, sea, 1));
  st.advance_to(3500);
  EXPECT_EQ(stored_m3(st, s.dem.grid), 0.0) << "no water before the breach";
  st.advance_to(5400);
  // Triangular hydrograph 0 -> 5 m3/s at 15 min -> 0 at 1 h; by 30 min: 2250 m3 of the rise
  // and 3750 m3 of the fall (5 -> 3.33 m3/s over 15 min).
  EXPECT_NEAR(stored_m3(st, s.dem.grid), 6000.0, 60.0);
  std::vector<float> d(s.dem.grid.size());
  st.depth_f32(d.data());
  EXPECT_GT(d[s.dem.grid.index(4, 1)], 0.0f) << "the cell behind the breach is wet";
}
