#include "county/terrain.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

#include "county/rng.hpp"

namespace sd::county {
namespace {

// x of the coastline at northing y (linear between vertices, extrapolated at both ends). The
// coast runs monotonically south-west to north-east, so "x >= coast_x(y)" is the sea.
double coast_x(const std::vector<Point>& c, double y) {
  std::size_t k = 1;
  while (k + 1 < c.size() && y > c[k].y) ++k;
  const Point& a = c[k - 1];
  const Point& b = c[k];
  return a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y);
}

std::vector<Point> make_coast(Rng& rng) {
  // Shape of Haiyan's Hangzhou Bay shore: Ganpu (SW) - Qinshan - Wuyuan - Xitangqiao (NE),
  // kept seaward of the towns; interior vertices jittered per seed.
  std::vector<Point> c = {{294500, 3359500}, {297000, 3362500}, {303500, 3368000},
                          {305000, 3375000}, {307000, 3380000}, {313500, 3384500}};
  for (std::size_t k = 1; k + 1 < c.size(); ++k) c[k].x += rng.uniform(-250.0, 250.0);
  return c;
}

// Seawall = land cells within `width` 4-neighbour steps of the sea, so no other land cell
// touches the sea through a cell face (the flood solver exchanges water across faces only).
std::vector<std::uint8_t> make_wall(const Grid& g, const std::vector<std::uint8_t>& sea,
                                    int width) {
  std::vector<int> dist(g.size(), std::numeric_limits<int>::max());
  std::deque<int> q;
  for (std::size_t k = 0; k < g.size(); ++k)
    if (sea[k]) {
      dist[k] = 0;
      q.push_back(static_cast<int>(k));
    }
  const int di[4] = {1, -1, 0, 0}, dj[4] = {0, 0, 1, -1};
  while (!q.empty()) {
    const int k = q.front();
    q.pop_front();
    if (dist[k] >= width) continue;
    const int i = k % g.nx, j = k / g.nx;
    for (int d = 0; d < 4; ++d) {
      const int ii = i + di[d], jj = j + dj[d];
      if (ii < 0 || jj < 0 || ii >= g.nx || jj >= g.ny) continue;
      const auto n = g.index(ii, jj);
      if (dist[n] <= dist[k] + 1) continue;
      dist[n] = dist[k] + 1;
      q.push_back(static_cast<int>(n));
    }
  }
  std::vector<std::uint8_t> wall(g.size(), 0);
  for (std::size_t k = 0; k < g.size(); ++k) wall[k] = !sea[k] && dist[k] <= width;
  return wall;
}

struct Peak {
  Point p;
  double height, sigma;
};

std::vector<Peak> make_hills(Rng& rng) {
  // South-western hills (the real ones around Ganpu/Nanbei Lake reach ~250 m); the first
  // peak sets the ~200 m maximum. Plus the small coastal hill at Qinshan.
  std::vector<Peak> peaks;
  peaks.push_back({{rng.uniform(284000, 289000), rng.uniform(3360500, 3363500)}, 200.0, 1500.0});
  for (int k = 0; k < 5; ++k)
    peaks.push_back({{rng.uniform(281500, 290500), rng.uniform(3359500, 3365500)},
                     rng.uniform(60.0, 150.0),
                     rng.uniform(700.0, 1500.0)});
  peaks.push_back({{300200, 3368000}, 60.0, 450.0});
  return peaks;
}

double hill_height(const std::vector<Peak>& peaks, double x, double y) {
  double h = 0.0;
  for (const Peak& p : peaks) {
    const double r2 = (x - p.p.x) * (x - p.p.x) + (y - p.p.y) * (y - p.p.y);
    h = std::max(h, p.height * std::exp(-0.5 * r2 / (p.sigma * p.sigma)));
  }
  return h;
}

std::vector<Polder> make_polders(const std::vector<Town>& towns, Rng& rng) {
  // Low-lying polders (1-2 m) next to the towns flagged low_lying, plus one in open country.
  std::vector<Polder> ps;
  for (const Town& t : towns) {
    if (!t.low_lying) continue;
    const double a = rng.uniform(0.0, 6.283185307179586);
    const double r = t.half_size_m + rng.uniform(300.0, 900.0);
    ps.push_back({{t.centre.x + r * std::cos(a), t.centre.y + r * std::sin(a)},
                  rng.uniform(1500.0, 2300.0),
                  t.short_name + " polder"});
  }
  ps.push_back({{rng.uniform(289000, 293000), rng.uniform(3373000, 3377000)},
                rng.uniform(1500.0, 2200.0),
                "Central polder"});
  return ps;
}

void fill_land_and_sea(const Grid& g, std::uint64_t seed, const std::vector<Point>& coast,
                       const std::vector<Peak>& peaks, const std::vector<Polder>& polders,
                       Terrain& t) {
  const ValueNoise broad(seed ^ 0x11, 4000.0), fine(seed ^ 0x22, 1200.0), rough(seed ^ 0x33, 600.0);
  for (int j = 0; j < g.ny; ++j) {
    const double y = g.cy(j), cx = coast_x(coast, y);
    for (int i = 0; i < g.nx; ++i) {
      const double x = g.cx(i);
      const auto k = g.index(i, j);
      const double d = cx - x;  // > 0 on land: distance (along x) from the shore
      if (t.sea[k]) {
        // Shallow bay floor deepening offshore, -2 m at the wall to -6 m 5 km out.
        t.dem[k] = static_cast<float>(-2.0 - 4.0 * std::min(1.0, -d / 5000.0) + 0.2 * fine(x, y));
        t.landuse[k] = kWater;
        continue;
      }
      // Coastal plain 2-5 m, a little higher on the old shore ridge near the sea.
      double z = 3.2 + 0.9 * broad(x, y) + 0.4 * fine(x, y) + 1.2 * std::exp(-d / 1500.0);
      for (const Polder& p : polders) {
        const double r = std::hypot(x - p.centre.x, y - p.centre.y) / p.radius_m;
        if (r < 1.3) z = std::min(z, 1.0 + 1.0 * r * r + 0.15 * fine(x, y));
      }
      z = std::clamp(z, 0.4, 7.5);
      const double hill = hill_height(peaks, x, y) * (1.0 + 0.15 * rough(x, y));
      z = std::max(z, hill);
      t.dem[k] = static_cast<float>(z);
      t.landuse[k] = hill > 12.0 ? kForest : kRural;
      if (t.wall[k]) t.dem[k] = static_cast<float>(std::max(z, kSeawallCrest_m));
    }
  }
}

void paint_towns(const Grid& g, std::uint64_t seed, const std::vector<Town>& towns, Terrain& t) {
  const ValueNoise edge(seed ^ 0x44, 700.0);
  // Industrial zones beside three towns: the Xitangqiao chemical/industrial park, the Wuyuan
  // economic development zone and the Qinshan nuclear power base (offsets from town centre).
  struct Zone {
    int town;
    double dx, dy, hw, hh;
  };
  const Zone zones[] = {
      {1, -700, 1700, 800, 500}, {0, 0, 3000, 1200, 700}, {3, 1400, -600, 500, 500}};
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const auto k = g.index(i, j);
      if (t.sea[k] || t.wall[k]) continue;
      const double x = g.cx(i), y = g.cy(j);
      for (const Zone& z : zones) {
        const Point& c = towns[z.town].centre;
        if (std::fabs(x - c.x - z.dx) <= z.hw && std::fabs(y - c.y - z.dy) <= z.hh)
          t.landuse[k] = kIndustrial;
      }
      for (const Town& tw : towns) {
        const double h = tw.half_size_m * (1.0 + 0.12 * edge(x, y)) + 0.5 * g.cell;
        if (std::fabs(x - tw.centre.x) <= h && std::fabs(y - tw.centre.y) <= h)
          t.landuse[k] = kUrban;
      }
    }
}

// A meandering polyline from a to b: perpendicular sine offset that vanishes at both ends.
std::vector<Point> meander(Point a, Point b, double amp, Rng& rng) {
  const double len = std::hypot(b.x - a.x, b.y - a.y);
  const double nx = -(b.y - a.y) / len, ny = (b.x - a.x) / len;
  const double waves = rng.uniform(1.5, 3.5), phase = rng.uniform(0.0, 6.283185307179586);
  const double a1 = rng.uniform(0.5, 1.0) * amp;
  const int n = std::max(2, static_cast<int>(len / 100.0));
  std::vector<Point> pts;
  for (int s = 0; s <= n; ++s) {
    const double u = static_cast<double>(s) / n;
    const double off =
        a1 * std::sin(3.141592653589793 * u) * std::sin(6.283185307179586 * waves * u + phase);
    pts.push_back({a.x + (b.x - a.x) * u + nx * off, a.y + (b.y - a.y) * u + ny * off});
  }
  return pts;
}

// Burns a channel along pts into land cells, 4-connected (a diagonal step also burns the
// corner cell so water can follow it across faces). Stops at the first seawall cell, which
// it returns as the outfall (-1 when the path never meets the wall).
long burn_channel(const Grid& g, const std::vector<Point>& pts, int width, Terrain& t) {
  int pi = -1, pj = -1;
  auto burn = [&](int i, int j) {
    for (int dj = -(width - 1) / 2; dj <= width / 2; ++dj)
      for (int di = -(width - 1) / 2; di <= width / 2; ++di) {
        const int ii = i + di, jj = j + dj;
        if (ii < 0 || jj < 0 || ii >= g.nx || jj >= g.ny) continue;
        const auto k = g.index(ii, jj);
        if (t.sea[k] || t.wall[k]) continue;
        t.canal[k] = 1;
        t.dem[k] = static_cast<float>(kCanalBed_m);
        t.landuse[k] = kWater;
      }
  };
  for (std::size_t s = 0; s + 1 < pts.size(); ++s) {
    const double len = std::hypot(pts[s + 1].x - pts[s].x, pts[s + 1].y - pts[s].y);
    const int steps = std::max(1, static_cast<int>(std::ceil(len / (0.25 * g.cell))));
    for (int q = 0; q <= steps; ++q) {
      const double u = static_cast<double>(q) / steps;
      int i, j;
      if (!g.locate(pts[s].x + (pts[s + 1].x - pts[s].x) * u,
                    pts[s].y + (pts[s + 1].y - pts[s].y) * u, i, j))
        continue;
      if (i == pi && j == pj) continue;
      if (pi >= 0 && i != pi && j != pj) {
        const auto corner = g.index(i, pj);
        if (t.wall[corner]) return static_cast<long>(corner);
        burn(i, pj);
      }
      const auto k = g.index(i, j);
      if (t.wall[k] || t.sea[k]) return t.wall[k] ? static_cast<long>(k) : -1;
      burn(i, j);
      pi = i;
      pj = j;
    }
  }
  return -1;
}

void dig_canals(const Grid& g, Rng& rng, const std::vector<Point>& coast, Terrain& t) {
  // Five main canals from the inland (north and west) edges to sluices on the seawall, and
  // three cross canals joining neighbours, like the plain's real river-canal network.
  struct Main {
    Point start;
    double outfall_y, width_m;
  };
  const Main mains[] = {{{281000, 3379000}, 3364500, 100},
                        {{287500, 3388500}, 3371500, 100},
                        {{295000, 3388500}, 3377500, 150},
                        {{301000, 3388500}, 3381500, 100},
                        {{306500, 3388500}, 3384000, 100}};
  std::vector<std::vector<Point>> paths;
  for (const Main& m : mains) {
    // Aim 400 m past the shore so the path is sure to meet the wall.
    const Point end{coast_x(coast, m.outfall_y) + 400.0, m.outfall_y};
    paths.push_back(meander(m.start, end, 700.0, rng));
    const int w = std::max(1, static_cast<int>(std::lround(m.width_m / g.cell)));
    const long out = burn_channel(g, paths.back(), std::min(w, 3), t);
    if (out >= 0)
      t.outfalls.push_back(
          {g.cx(static_cast<int>(out % g.nx)), g.cy(static_cast<int>(out / g.nx))});
  }
  const int cross[3][2] = {{0, 1}, {2, 3}, {3, 4}};
  for (const auto& c : cross) {
    const auto& pa = paths[c[0]];
    const auto& pb = paths[c[1]];
    const Point a = pa[static_cast<std::size_t>(rng.uniform(0.3, 0.5) * (pa.size() - 1))];
    const Point b = pb[static_cast<std::size_t>(rng.uniform(0.3, 0.5) * (pb.size() - 1))];
    burn_channel(g, meander(a, b, 250.0, rng), 1, t);
  }
}

}  // namespace

Terrain build_terrain(const Grid& g, const std::vector<Town>& towns, std::uint64_t seed) {
  Rng rng(seed);
  Terrain t;
  t.coast = make_coast(rng);
  const auto peaks = make_hills(rng);
  t.polders = make_polders(towns, rng);
  t.dem.assign(g.size(), 0.0f);
  t.landuse.assign(g.size(), static_cast<float>(kRural));
  t.sea.assign(g.size(), 0);
  t.canal.assign(g.size(), 0);
  t.underpass.assign(g.size(), 0);
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) t.sea[g.index(i, j)] = g.cx(i) >= coast_x(t.coast, g.cy(j));
  const int wall_cells = std::max(1, static_cast<int>(std::lround(100.0 / g.cell)));
  t.wall = make_wall(g, t.sea, wall_cells);
  fill_land_and_sea(g, seed, t.coast, peaks, t.polders, t);
  paint_towns(g, seed, towns, t);
  dig_canals(g, rng, t.coast, t);
  return t;
}

}  // namespace sd::county
