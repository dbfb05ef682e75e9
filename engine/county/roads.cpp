#include "county/roads.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "county/rng.hpp"

namespace sd::county {
namespace {

class Builder {
 public:
  Builder(const Grid& g, const Terrain& t) : g_(g), t_(t) {}

  bool on_sea(Point p) const {
    int i, j;
    if (!g_.locate(p.x, p.y, i, j)) return true;  // outside the model = unusable
    return t_.sea[g_.index(i, j)] != 0;
  }
  int node(Point p) {
    net.nodes.push_back({p});
    return static_cast<int>(net.nodes.size()) - 1;
  }
  void road(int a, int b, double kph, int lanes, const char* cls) {
    const Point& p = net.nodes[a].p;
    const Point& q = net.nodes[b].p;
    const double len = std::round(std::hypot(q.x - p.x, q.y - p.y) * 10.0) / 10.0;
    net.edges.push_back({a, b, len, kph, lanes, cls});
    net.edges.push_back({b, a, len, kph, lanes, cls});
  }
  // A road from node a to node b through intermediate nodes every ~1 km, jittered sideways.
  // Returns false (and adds nothing) when it would cross the sea.
  bool link(int a, int b, double kph, int lanes, const char* cls, Rng& rng, double jitter) {
    const Point p = net.nodes[a].p, q = net.nodes[b].p;
    const double len = std::hypot(q.x - p.x, q.y - p.y);
    const int n = std::max(1, static_cast<int>(std::round(len / 1000.0)));
    std::vector<Point> mids;
    for (int s = 1; s < n; ++s) {
      const double u = static_cast<double>(s) / n;
      mids.push_back({p.x + (q.x - p.x) * u + rng.uniform(-jitter, jitter),
                      p.y + (q.y - p.y) * u + rng.uniform(-jitter, jitter)});
      if (on_sea(mids.back())) return false;
    }
    int prev = a;
    for (const Point& m : mids) {
      const int id = node(m);
      road(prev, id, kph, lanes, cls);
      prev = id;
    }
    road(prev, b, kph, lanes, cls);
    return true;
  }
  int nearest(const std::vector<int>& ids, Point p) const {
    int best = -1;
    double bd = 1e300;
    for (int id : ids) {
      if (id < 0) continue;
      const double d = std::hypot(net.nodes[id].p.x - p.x, net.nodes[id].p.y - p.y);
      if (d < bd) {
        bd = d;
        best = id;
      }
    }
    return best;
  }

  RoadNetwork net;

 private:
  const Grid& g_;
  const Terrain& t_;
};

void street_grid(Builder& b, const Town& t, int ti) {
  const int n = std::max(1, static_cast<int>(t.half_size_m / kBlock_m));
  const int w = 2 * n + 1;
  std::vector<int> ids(static_cast<std::size_t>(w) * w, -1);
  for (int v = -n; v <= n; ++v)
    for (int u = -n; u <= n; ++u) {
      const Point p{t.centre.x + u * kBlock_m, t.centre.y + v * kBlock_m};
      if (!b.on_sea(p)) ids[(v + n) * w + (u + n)] = b.node(p);
    }
  for (int v = -n; v <= n; ++v)
    for (int u = -n; u <= n; ++u) {
      const int a = ids[(v + n) * w + (u + n)];
      if (a < 0) continue;
      // Main streets through the centre are faster and wider.
      if (u < n && ids[(v + n) * w + (u + n + 1)] >= 0)
        b.road(a, ids[(v + n) * w + (u + n + 1)], v == 0 ? 40.0 : 30.0, v == 0 ? 2 : 1, "street");
      if (v < n && ids[(v + n + 1) * w + (u + n)] >= 0)
        b.road(a, ids[(v + n + 1) * w + (u + n)], u == 0 ? 40.0 : 30.0, u == 0 ? 2 : 1, "street");
    }
  b.net.town_grid.push_back(ids);
  b.net.town_grid_n.push_back(n);
  b.net.town_centre_node.push_back(ids[n * w + n]);
  if (ids[n * w + n] < 0) throw std::logic_error("town centre on the sea: " + std::to_string(ti));
}

int find(std::vector<int>& p, int x) {
  return p[x] == x ? x : p[x] = find(p, p[x]);
}

void arterials(Builder& b, const std::vector<Town>& towns, Rng& rng) {
  const int nt = static_cast<int>(towns.size());
  struct Pair {
    double d;
    int a, b;
  };
  std::vector<Pair> pairs;
  for (int a = 0; a < nt; ++a)
    for (int c = a + 1; c < nt; ++c)
      pairs.push_back(
          {std::hypot(towns[a].centre.x - towns[c].centre.x, towns[a].centre.y - towns[c].centre.y),
           a, c});
  std::sort(pairs.begin(), pairs.end(), [](const Pair& x, const Pair& y) { return x.d < y.d; });
  std::vector<int> parent(nt);
  std::iota(parent.begin(), parent.end(), 0);
  std::vector<int> degree(nt, 0);
  // Kruskal's spanning tree on distance, then extra links until every town has >= 2 (a
  // single broken arterial should not cut a town off).
  std::vector<char> added(pairs.size(), 0);
  for (int pass = 0; pass < 2; ++pass)
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      const Pair& p = pairs[k];
      if (added[k]) continue;
      if (pass == 0 && find(parent, p.a) == find(parent, p.b)) continue;
      if (pass == 1 && ((degree[p.a] >= 2 && degree[p.b] >= 2) || p.d > 12000.0)) continue;
      const int ea = b.nearest(b.net.town_grid[p.a], towns[p.b].centre);
      const int eb = b.nearest(b.net.town_grid[p.b], towns[p.a].centre);
      const int lanes = (p.a == 0 || p.b == 0) ? 2 : 1;
      if (!b.link(ea, eb, 60.0, lanes, "arterial", rng, 150.0)) continue;
      added[k] = 1;
      parent[find(parent, p.a)] = find(parent, p.b);
      ++degree[p.a];
      ++degree[p.b];
    }
}

std::vector<int> expressway(Builder& b, const std::vector<Point>& pts) {
  std::vector<int> ids;
  for (std::size_t s = 0; s + 1 < pts.size(); ++s) {
    const double len = std::hypot(pts[s + 1].x - pts[s].x, pts[s + 1].y - pts[s].y);
    const int n = std::max(1, static_cast<int>(std::round(len / 1000.0)));
    for (int q = (s == 0 ? 0 : 1); q <= n; ++q) {
      const double u = static_cast<double>(q) / n;
      ids.push_back(b.node(
          {pts[s].x + (pts[s + 1].x - pts[s].x) * u, pts[s].y + (pts[s + 1].y - pts[s].y) * u}));
      if (ids.size() > 1) b.road(ids[ids.size() - 2], ids.back(), 100.0, 2, "expressway");
    }
  }
  return ids;
}

void expressways(Builder& b, const Grid& g, const std::vector<Town>& towns, Rng& rng) {
  // G92 (Hangzhou Bay ring) across the north of the county, east towards Pinghu/Shanghai.
  const auto g92 = expressway(b, {{281000.0 + 0.5 * g.cell, 3385500},
                                  {292000, 3382500},
                                  {303000, 3383000},
                                  {312500, 3387800}});
  // G15 from the north edge to the Hangzhou Bay Bridge head at the seawall near Xitangqiao
  // (the bridge itself is outside the model). It joins G92 at a shared node.
  int join = b.nearest(g92, {309700, 3386300});
  const double head_y = 3382800;
  double head_x = 309000;
  while (!b.on_sea({head_x + 100.0, head_y}) && head_x < 313000) head_x += 100.0;
  const int top = b.node({309500, 3388500 - 0.5 * g.cell});
  b.road(top, join, 100.0, 2, "expressway");
  const int head = b.node({head_x - 100.0, head_y});
  b.link(join, head, 100.0, 2, "expressway", rng, 0.0);
  // Interchanges: each town within 4 km of an expressway gets a link road to it.
  std::vector<int> all = g92;
  for (std::size_t ti = 0; ti < towns.size(); ++ti) {
    const int x = b.nearest(all, towns[ti].centre);
    const Point& p = b.net.nodes[x].p;
    if (std::hypot(p.x - towns[ti].centre.x, p.y - towns[ti].centre.y) > 4000.0) continue;
    const int tn = b.nearest(b.net.town_grid[ti], p);
    b.link(x, tn, 50.0, 1, "arterial", rng, 100.0);
  }
}

// Keeps the nodes reachable from `root` (all roads are two-way, so reachable = strongly
// connected) and renumbers them.
void keep_component(RoadNetwork& net, int root) {
  const std::size_t n = net.nodes.size();
  std::vector<std::vector<int>> adj(n);
  for (const RoadEdge& e : net.edges) adj[e.from].push_back(e.to);
  std::vector<int> newid(n, -1), stack = {root};
  newid[root] = 0;
  std::vector<char> seen(n, 0);
  seen[root] = 1;
  while (!stack.empty()) {
    const int v = stack.back();
    stack.pop_back();
    for (int w : adj[v])
      if (!seen[w]) {
        seen[w] = 1;
        stack.push_back(w);
      }
  }
  std::vector<RoadNode> nodes;
  for (std::size_t v = 0; v < n; ++v)
    if (seen[v]) {
      newid[v] = static_cast<int>(nodes.size());
      nodes.push_back(net.nodes[v]);
    }
  std::vector<RoadEdge> edges;
  for (RoadEdge e : net.edges)
    if (seen[e.from]) {
      e.from = newid[e.from];
      e.to = newid[e.to];
      edges.push_back(e);
    }
  auto remap = [&](int& id) { id = id >= 0 ? newid[id] : -1; };
  for (auto& id : net.town_centre_node) remap(id);
  for (auto& grid : net.town_grid)
    for (auto& id : grid) remap(id);
  net.nodes = std::move(nodes);
  net.edges = std::move(edges);
}

// Roads over canals (and any sea cell a link passes) are bridges: the edge's straight
// segment, sampled every quarter cell, touches a water cell. Both directions agree because
// the test is symmetric in the end points.
void mark_bridges(const Grid& g, const Terrain& t, RoadNetwork& net) {
  for (RoadEdge& e : net.edges) {
    const Point p = net.nodes[e.from].p, q = net.nodes[e.to].p;
    const int n =
        std::max(1, static_cast<int>(std::ceil(4.0 * std::hypot(q.x - p.x, q.y - p.y) / g.cell)));
    for (int s = 0; s <= n && !e.bridge; ++s) {
      const double u = static_cast<double>(s) / n;
      int i, j;
      if (!g.locate(p.x + (q.x - p.x) * u, p.y + (q.y - p.y) * u, i, j)) continue;
      const std::size_t k = g.index(i, j);
      e.bridge = t.canal[k] || t.sea[k];
    }
  }
}

}  // namespace

RoadNetwork build_roads(const Grid& g, const Terrain& t, const std::vector<Town>& towns,
                        std::uint64_t seed) {
  Rng rng(seed ^ 0x526f616473ULL);
  Builder b(g, t);
  for (std::size_t ti = 0; ti < towns.size(); ++ti) street_grid(b, towns[ti], static_cast<int>(ti));
  arterials(b, towns, rng);
  expressways(b, g, towns, rng);
  keep_component(b.net, b.net.town_centre_node[0]);
  mark_bridges(g, t, b.net);
  return std::move(b.net);
}

}  // namespace sd::county
