// Click-to-road picking: the bucket index finds exactly the segment a brute-force scan finds
// (nearest segment, ties to the lower row), on random points over a random network.
#include <gtest/gtest.h>

#include <random>

#include "core/road_pick.hpp"

namespace sd::viz {
namespace {

struct Network {
  Table nodes, edges;
};

Network random_network(unsigned seed, int n_nodes, int n_edges) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> ux(300000, 310000), uy(3380000, 3386000);
  std::uniform_int_distribution<int> pick(0, n_nodes - 1);
  Column x{"x", false, {}, {}, {}}, y{"y", false, {}, {}, {}};
  for (int k = 0; k < n_nodes; ++k) x.num.push_back(ux(rng)), y.num.push_back(uy(rng));
  Column from{"from", false, {}, {}, {}}, to{"to", false, {}, {}, {}};
  for (int k = 0; k < n_edges; ++k) {
    const int a = pick(rng);
    // Mostly short roads to a nearby node, some long ones: the index must handle both.
    int b = pick(rng);
    from.num.push_back(a), to.num.push_back(b);
    if (k % 2 == 0) from.num.push_back(b), to.num.push_back(a), ++k;  // the reverse direction
  }
  Network n;
  n.nodes.add(x), n.nodes.add(y), n.edges.add(from), n.edges.add(to);
  return n;
}

TEST(RoadPick, PointToSegmentDistanceIsExact) {
  EXPECT_DOUBLE_EQ(point_segment_distance(5, 3, 0, 0, 10, 0), 3.0);   // above the middle
  EXPECT_DOUBLE_EQ(point_segment_distance(13, 4, 0, 0, 10, 0), 5.0);  // past the end: 3-4-5
  EXPECT_DOUBLE_EQ(point_segment_distance(2, 2, 1, 1, 1, 1), std::sqrt(2.0));  // a point
}

TEST(RoadPick, IndexAgreesWithBruteForce) {
  const Network n = random_network(7, 400, 1200);
  const RoadIndex idx(n.nodes, n.edges);
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> ux(299000, 311000), uy(3379000, 3387000);
  int found = 0;
  for (int k = 0; k < 1000; ++k) {
    const double x = ux(rng), y = uy(rng), reach = k % 3 == 0 ? 50.0 : 400.0;
    const int brute = nearest_edge_brute_force(n.nodes, n.edges, x, y, reach);
    ASSERT_EQ(idx.nearest(x, y, reach), brute) << x << " " << y << " reach " << reach;
    found += brute >= 0;
  }
  EXPECT_GT(found, 300) << "the test must exercise hits, not only misses";
}

TEST(RoadPick, ClickOnARoadPicksItAndTwoWayRoadsGiveTheLowerRow) {
  Column x{"x", false, {0, 100, 100}, {}, {}}, y{"y", false, {0, 0, 100}, {}, {}};
  Column from{"from", false, {1, 0, 1, 2}, {}, {}}, to{"to", false, {2, 1, 0, 1}, {}, {}};
  Table nodes, edges;
  nodes.add(x), nodes.add(y), edges.add(from), edges.add(to);
  const RoadIndex idx(nodes, edges);
  EXPECT_EQ(idx.nearest(50, 3, 10), 1) << "rows 1 and 2 are the same road; 1 is the lower";
  EXPECT_EQ(idx.nearest(97, 60, 10), 0) << "the vertical road, row 0 (row 3 is its reverse)";
  EXPECT_EQ(idx.nearest(50, 30, 10), -1) << "nothing within 10 m";
  EXPECT_EQ(nearest_edge_brute_force(nodes, edges, 50, 3, 10), 1);
}

}  // namespace
}  // namespace sd::viz
