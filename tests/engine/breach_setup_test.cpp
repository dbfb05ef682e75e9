// A dike breach on the walled sea edge: the wall cell stays closed until the breach and the
// breach pours into the land behind it. Before the fix the wall cell was opened to let the
// inflow in, so the sea stood in it from the first step and flooded land below the sea level
// hours before the breach.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
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

namespace {

// 12 x 12 cells of 50 m. North: the sea (rows 0-1, bed -3 m) on a level edge at 0 m. Row 2: a
// seawall at 5 m, cut at column 8 by a drainage canal (bed -1 m) that runs south through the
// whole grid, open to the sea. West of the canal a polder at 1 m behind a 4 m canal bank
// (column 7); east of it lower land at 0.5 m right on the canal. A weir breach 2 cells west of
// the canal at column 6, outside level 3 m: the lowest land within 3 cells of it is the east
// bank, beside the canal.
sd::Scenario polder_by_canal() {
  sd::Scenario s;
  const sd::Grid g{12, 12, 0.0, 600.0, 50.0};
  s.dem.grid = s.landuse.grid = g;
  s.dem.data.assign(g.size(), 1.0f);
  s.landuse.data.assign(g.size(), 2.0f);
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const std::size_t c = g.index(i, j);
      float z = i > 8 ? 0.5f : i == 7 ? 4.0f : 1.0f;
      if (j == 2) z = 5.0f;
      const bool water = j < 2 || i == 8;
      if (water) z = j < 2 ? -3.0f : -1.0f;
      s.dem.data[c] = z;
      s.landuse.data[c] = water ? static_cast<float>(sd::kWaterLanduse) : 2.0f;
    }
  s.duration_s = 3 * 3600;
  s.boundary = {sd::BoundaryKind::Level, sd::BoundaryKind::Closed, sd::BoundaryKind::Closed,
                sd::BoundaryKind::Closed};
  sd::Inject b;
  b.kind = sd::InjectKind::DikeBreach;
  b.t_s = 1800;
  b.x = 325.0;  // column 6
  b.y = 475.0;  // row 2: the wall
  b.width_m = 40;
  b.level_t_s = {0.0, 3.0 * 3600};
  b.level_m = {3.0, 3.0};
  s.injects.push_back(b);
  return s;
}

}  // namespace

// The weir pours onto the land directly behind the breach, not onto the lowest land near it.
// Before the fix it poured onto the low east bank, beside the canal, and the water ran down the
// canal to the sea: almost nothing of the inflow stayed on the land.
TEST(BreachSetup, WeirBreachFloodsThePolderBehindItNotTheCanalBeside) {
  const sd::Scenario s = polder_by_canal();
  const sd::TimeSeries sea{{0.0, 3.0 * 3600}, {0.0, 0.0}};
  sd::flood::State st(sd::setup_flood(s, sea, 1));
  st.set_depth(sd::initial_depth(s));
  const double before = stored_m3(st, s.dem.grid);
  st.advance_to(3.0 * 3600);
  const auto& b = st.budget();
  ASSERT_GT(b.inflow, 1e5) << "a 40 m breach under 2 m of head for 2.5 h";
  const double kept = stored_m3(st, s.dem.grid) - before;
  EXPECT_GT(kept, 0.9 * b.inflow) << "inflow " << b.inflow << " m3, out to sea " << b.boundary_out;
  std::vector<float> d(s.dem.grid.size());
  st.depth_f32(d.data());
  const sd::Grid& g = s.dem.grid;
  EXPECT_GT(d[g.index(6, 3)], 1.0f) << "the cell behind the breach";
  EXPECT_GT(d[g.index(1, 11)], 1.0f) << "the far corner of the polder";
  EXPECT_LT(d[g.index(10, 6)], 0.05f) << "the land across the canal stays dry";
}

namespace {

sd::Scenario polder_open_to_model_sea() {
  sd::Scenario s = polder_by_canal();
  s.injects[0].level_t_s.clear(), s.injects[0].level_m.clear();
  s.injects[0].outside_model = true;
  return s;
}

}  // namespace

// outside = "model": the weir takes its water from the sea cell beyond the wall (the level edge
// feeds it), so the breach books no inflow and the budget closes; the polder fills towards the
// sea's level, and with the sea gone low a full polder drains back through the same cell.
TEST(BreachSetup, ModelOutsideMovesWaterBetweenSeaAndPolderBothWaysConserved) {
  const sd::Scenario s = polder_open_to_model_sea();
  const sd::Grid& g = s.dem.grid;
  {
    const sd::TimeSeries sea{{0.0, 3.0 * 3600}, {3.0, 3.0}};
    sd::flood::State st(sd::setup_flood(s, sea, 1));
    st.set_depth(sd::initial_depth(s));
    st.advance_to(3.0 * 3600);
    const auto& b = st.budget();
    EXPECT_EQ(b.inflow, 0.0) << "a transfer between cells, not a source";
    EXPECT_LT(std::abs(b.error_rel()), 1e-9);
    std::vector<float> d(g.size());
    st.depth_f32(d.data());
    EXPECT_GT(d[g.index(1, 11)], 1.5f) << "the polder fills towards the sea's 3 m";
    EXPECT_LT(d[g.index(1, 11)], 2.05f) << "and not above it";
  }
  {
    const sd::TimeSeries sea{{0.0, 3.0 * 3600}, {0.0, 0.0}};
    sd::flood::State st(sd::setup_flood(s, sea, 1));
    std::vector<float> h0 = sd::initial_depth(s);
    for (int j = 3; j < g.ny; ++j)
      for (int i = 0; i < 7; ++i) h0[g.index(i, j)] = 2.0f;  // the polder full to 3 m
    st.set_depth(h0);
    const double before = stored_m3(st, g);
    st.advance_to(3.0 * 3600);
    std::vector<float> d(g.size());
    st.depth_f32(d.data());
    EXPECT_LT(d[g.index(1, 11)], 1.0f) << "the polder drains back to the low sea";
    EXPECT_LT(stored_m3(st, g), before - 1e5);
    EXPECT_EQ(st.budget().inflow, 0.0);
    EXPECT_LT(std::abs(st.budget().error_rel()), 1e-9);
  }
}

// Bad breach points are refused by name, never poured somewhere quietly.
TEST(BreachSetup, BreachInTheSeaOrModelOutsideWithoutWaterIsRefused) {
  sd::Scenario sea_point = polder_by_canal();
  for (int i = 0; i < 12; ++i)  // the whole grid water: nowhere on land to pour
    for (int j = 0; j < 12; ++j) sea_point.landuse.data[sea_point.dem.grid.index(i, j)] = 3.0f;
  const sd::TimeSeries sea{{0.0, 3.0 * 3600}, {0.0, 0.0}};
  try {
    sd::setup_flood(sea_point, sea, 1);
    ADD_FAILURE() << "a breach with no land behind it was accepted";
  } catch (const sd::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no computed land cell"), std::string::npos) << e.what();
  }
  sd::Scenario dry = polder_open_to_model_sea();
  for (float& c : dry.landuse.data) c = 2.0f;  // no water class anywhere
  try {
    sd::setup_flood(dry, sea, 1);
    ADD_FAILURE() << "outside = model with no water cell was accepted";
  } catch (const sd::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("outside = \"model\""), std::string::npos) << e.what();
  }
}
