#include "county/import_rasterize.hpp"

#include <algorithm>
#include <cmath>

namespace sd::county {

void fill_area(const ImportFrame& f, const OsmArea& area, const CellFn& fn) {
  const Grid& g = f.grid;
  struct Seg {
    double x0, y0, x1, y1;
  };
  std::vector<Seg> segs;
  double ymin = 1e300, ymax = -1e300;
  for (const auto& ring : area.rings) {
    std::vector<double> xs(ring.size()), ys(ring.size());
    for (std::size_t k = 0; k < ring.size(); ++k)
      f.proj->forward(ring[k].lon, ring[k].lat, xs[k], ys[k]);
    for (std::size_t k = 0; k < ring.size(); ++k) {
      const std::size_t m = (k + 1) % ring.size();
      if (!std::isfinite(xs[k]) || !std::isfinite(xs[m])) continue;
      segs.push_back({xs[k], ys[k], xs[m], ys[m]});
      ymin = std::min(ymin, ys[k]);
      ymax = std::max(ymax, ys[k]);
    }
  }
  if (segs.empty()) return;
  // Rows whose centre lies within the polygon's y range (row j centre: y0 - (j + 0.5) cell).
  const int j0 = std::max(0, static_cast<int>(std::floor((g.y0 - ymax) / g.cell - 0.5)));
  const int j1 = std::min(g.ny - 1, static_cast<int>(std::ceil((g.y0 - ymin) / g.cell - 0.5)));
  std::vector<double> cross;
  for (int j = j0; j <= j1; ++j) {
    const double y = g.cy(j);
    cross.clear();
    for (const Seg& s : segs)
      if ((s.y0 <= y) != (s.y1 <= y))
        cross.push_back(s.x0 + (y - s.y0) / (s.y1 - s.y0) * (s.x1 - s.x0));
    std::sort(cross.begin(), cross.end());
    for (std::size_t k = 0; k + 1 < cross.size(); k += 2) {
      // Columns whose centre lies in [cross[k], cross[k+1]).
      const int i0 = std::max(0, static_cast<int>(std::ceil((cross[k] - g.x0) / g.cell - 0.5)));
      const int i1 =
          std::min(g.nx - 1, static_cast<int>(std::ceil((cross[k + 1] - g.x0) / g.cell - 0.5)) - 1);
      for (int i = i0; i <= i1; ++i) fn(g.index(i, j));
    }
  }
}

void trace_line(const ImportFrame& f, const std::vector<LonLat>& pts, const CellFn& fn) {
  const Grid& g = f.grid;
  double px = NAN, py = NAN;
  for (const LonLat& p : pts) {
    double x, y;
    f.proj->forward(p.lon, p.lat, x, y);
    if (std::isfinite(px) && std::isfinite(x)) {
      const double len = std::hypot(x - px, y - py);
      const int steps = std::max(1, static_cast<int>(std::ceil(len / (g.cell / 4))));
      for (int s = 0; s <= steps; ++s) {
        const double u = static_cast<double>(s) / steps;
        int i, j;
        if (g.locate(px + u * (x - px), py + u * (y - py), i, j)) fn(g.index(i, j));
      }
    }
    px = x;
    py = y;
  }
}

}  // namespace sd::county
