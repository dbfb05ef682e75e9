// Road water from the fine pixels a road crosses (sub-grid runs, hazard/fine_roads.hpp): a
// street beside a flooded underpass in the same computational cell stays open, and a road
// through the underpass closes although the cell's mean depth is a few centimetres.
#include <gtest/gtest.h>

#include <vector>

#include "flood/subgrid_inertial.hpp"
#include "hazard/fine_roads.hpp"
#include "network/road_graph.hpp"

namespace {

// 20 x 10 pixels of 10 m (two 100 m cells), ground 1 m; an underpass of 4 x 3 pixels at -2 m
// in the western cell (columns 3-6, rows 6-8).
struct Town {
  sd::io::Raster fine;
  sd::flood::subgrid::TablesPtr tables;
  Town() {
    fine.grid = sd::Grid{20, 10, 0.0, 100.0, 10.0};
    fine.data.assign(fine.grid.size(), 1.0f);
    for (int j = 6; j <= 8; ++j)
      for (int i = 3; i <= 6; ++i) fine.data[fine.grid.index(i, j)] = -2.0f;
    tables = sd::flood::subgrid::build_solver_tables(fine.data, 20, 10, 10.0, 10, {}, 0.03f);
  }
  // Edge depths of one road from (x0, y) to (x1, y) with the western cell's level at `level`
  // (the eastern cell dry).
  float road_depth(double x0, double x1, double y, double level) const {
    std::vector<sd::net::EdgeInput> e{{0, 1, x1 - x0, 40.0}};
    const sd::net::RoadGraph g({x0, x1}, {y, y}, e);
    const auto r = sd::fine_roads(g, fine, {}, {sd::net::RoadStructure::Ground}, {});
    std::vector<double> head = {level - tables->cell_zlo[0], 0.0};
    std::vector<float> px, dry(r.pixel.size(), 0.0f), out(1);
    sd::fine_road_pixel_depths(r, *tables, fine, head, px);
    sd::net::road_depths(r.cells, r.surface, px, dry, 90.0, out);
    return out[0];
  }
};

TEST(FineRoadDepth, StreetBesideADeepUnderpassStaysOpen) {
  const Town t;
  ASSERT_EQ(t.tables->cell_zlo[0], -2.0);
  // Level 0.5 m: the underpass holds 2.5 m (the cell's head, what the coarse frames show, so
  // the coarse rule would close every road in the cell); the street at 1 m is dry.
  EXPECT_EQ(t.road_depth(5, 195, 75, 0.5), 0.0f);
  EXPECT_GT(t.road_depth(35, 65, 25, 0.5), 2.4f);
}

TEST(FineRoadDepth, RoadThroughTheUnderpassClosesWhileTheCellMeanIsShallow) {
  const Town t;
  const double level = -1.6;  // 0.4 m in the underpass
  const double mean = sd::flood::subgrid::cell_vbar(*t.tables, 0, level + 2.0);
  EXPECT_NEAR(mean, 12 * 0.4 / 100, 1e-9) << "the cell's mean depth: 4.8 cm";
  EXPECT_NEAR(t.road_depth(35, 65, 25, level), 0.4f, 1e-5f) << "closed at 0.3 m";
  EXPECT_EQ(t.road_depth(5, 195, 75, level), 0.0f);
}

}  // namespace
