#include "network/edge_cells.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

using namespace sd::net;

namespace {
// Cells hit by dense sampling of the segment: every sampled cell must be in the exact
// traversal (the traversal may add corner-touching cells, never skip crossed ones).
std::set<std::uint32_t> sampled_cells(const sd::Grid& g, double x0, double y0, double x1,
                                      double y1) {
  std::set<std::uint32_t> s;
  for (int k = 0; k <= 20000; ++k) {
    const double t = k / 20000.0;
    int i, j;
    if (g.locate(x0 + t * (x1 - x0), y0 + t * (y1 - y0), i, j))
      s.insert(static_cast<std::uint32_t>(g.index(i, j)));
  }
  return s;
}
}  // namespace

TEST(EdgeCells, HorizontalEdgeCrossesItsRowOnly) {
  const sd::Grid grid{10, 5, 0.0, 50.0, 10.0};
  // Row j=2 spans y in (20, 30]; the edge at y=25 from x=5 to x=38 crosses columns 0..3.
  const RoadGraph g({5, 38}, {25, 25}, std::vector<EdgeInput>{{0, 1, 33, 50}});
  const EdgeCells ec = rasterize_edges(g, grid);
  const std::vector<std::uint32_t> cells(ec.cells.begin(), ec.cells.end());
  EXPECT_EQ(cells, (std::vector<std::uint32_t>{20, 21, 22, 23}));
}

TEST(EdgeCells, RandomSegmentsCoverEverySampledCellAndStayInTheGrid) {
  const sd::Grid grid{40, 30, 100.0, 900.0, 25.0};
  std::mt19937 rng(1);
  std::uniform_real_distribution<double> ux(0.0, 1200.0), uy(100.0, 1000.0);
  std::vector<double> x, y;
  std::vector<EdgeInput> e;
  for (int k = 0; k < 200; ++k) {
    x.push_back(ux(rng)), y.push_back(uy(rng)), x.push_back(ux(rng)), y.push_back(uy(rng));
    e.push_back({NodeId(2 * k), NodeId(2 * k + 1), 1, 50});
  }
  const RoadGraph g(x, y, e);
  const EdgeCells ec = rasterize_edges(g, grid);
  for (EdgeId k = 0; k < g.num_edges(); ++k) {
    const std::set<std::uint32_t> got(ec.cells.begin() + ec.offsets[k],
                                      ec.cells.begin() + ec.offsets[k + 1]);
    const auto in = g.input_index()[k];
    const auto want = sampled_cells(grid, x[e[in].from], y[e[in].from], x[e[in].to], y[e[in].to]);
    for (auto c : want) EXPECT_TRUE(got.count(c)) << "edge " << k << " misses cell " << c;
    for (auto c : got) EXPECT_LT(c, grid.size());
    // No more than the two-neighbour slack of a corner crossing per sampled cell.
    EXPECT_LE(got.size(), 2 * want.size() + 1);
  }
}

TEST(EdgeCells, DepthIsMaxOrPercentileOverCrossedCellsWithNaNAsDry) {
  const sd::Grid grid{4, 1, 0.0, 1.0, 1.0};
  const RoadGraph g({0.5, 3.5, 10, 11}, {0.5, 0.5, 5, 5},
                    std::vector<EdgeInput>{{0, 1, 3, 50}, {2, 3, 1, 50}});
  const EdgeCells ec = rasterize_edges(g, grid);
  const std::vector<float> depth = {0.1f, std::nanf(""), 0.4f, 0.2f};
  std::vector<float> out(2);
  edge_depths(ec, std::span<const float>(depth), 100.0, out);
  EXPECT_FLOAT_EQ(out[0], 0.4f);
  EXPECT_FLOAT_EQ(out[1], 0.0f);  // outside the grid: dry
  edge_depths(ec, std::span<const float>(depth), 50.0, out);
  EXPECT_FLOAT_EQ(out[0], 0.1f);  // sorted {0, 0.1, 0.2, 0.4}: nearest rank 2
  const std::vector<double> dd(depth.begin(), depth.end());
  edge_depths(ec, std::span<const double>(dd), 75.0, out);
  EXPECT_FLOAT_EQ(out[0], 0.2f);
}
