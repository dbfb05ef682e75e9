#include "debrief/fine_raster.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"
#include "results/results_schema.hpp"

namespace sd::debrief {

bool read_fine_raster(const RunView& v, const char* name, io::Raster& r) {
  const std::string group = std::string("/") + schema::fine::kGroup + "/";
  if (!v.file().has(group + name)) return false;
  std::size_t rows = 0, cols = 0;
  r.data = v.file().read_matrix<float>(group + name, rows, cols);
  const auto x = v.file().read_vector(group + "x"), y = v.file().read_vector(group + "y");
  if (x.size() != cols || y.size() != rows || cols < 2 || rows < 1)
    throw IoError(v.file().path().string() + ": " + group + name + " does not match its x/y axes");
  const double cell = x[1] - x[0];
  r.grid =
      Grid{static_cast<int>(cols), static_cast<int>(rows), x[0] - cell / 2, y[0] + cell / 2, cell};
  r.crs_wkt = v.file().grid().crs_wkt;
  return true;
}

bool fine_map(const RunView& v, const char* name, const Basemap& cells, int max_px, FineMap& out) {
  io::Raster f;
  if (!read_fine_raster(v, name, f)) return false;
  const results::GridInfo& g = v.file().grid();
  const int ratio = static_cast<int>(std::lround(g.cell / f.grid.cell));
  if (ratio < 1 || g.nx * ratio != f.grid.nx || g.ny * ratio != f.grid.ny)
    throw IoError(v.file().path().string() + ": /hazard/fine does not cover the run's grid");
  int k = 1;
  for (int d = 1; d <= ratio; ++d)
    if (ratio % d == 0 && g.nx * d <= max_px) k = d;
  const int b = ratio / k;  // fine pixels per display pixel side
  out.grid = g;
  out.grid.nx = g.nx * k;
  out.grid.ny = g.ny * k;
  out.grid.cell = g.cell / k;
  out.value.assign(out.grid.size(), NAN);
  for (int j = 0; j < f.grid.ny; ++j)
    for (int i = 0; i < f.grid.nx; ++i) {
      const float d = f.data[f.grid.index(i, j)];
      float& o = out.value[static_cast<std::size_t>(j / b) * out.grid.nx + i / b];
      if (!std::isnan(d) && !(o >= d)) o = d;
    }
  const auto spread = [&](const std::vector<float>& c) {
    std::vector<float> s;
    if (c.empty()) return s;
    s.resize(out.grid.size());
    for (int j = 0; j < out.grid.ny; ++j)
      for (int i = 0; i < out.grid.nx; ++i)
        s[static_cast<std::size_t>(j) * out.grid.nx + i] =
            c[static_cast<std::size_t>(j / k) * g.nx + i / k];
    return s;
  };
  out.base.elevation = spread(cells.elevation);
  out.base.landuse = spread(cells.landuse);
  return true;
}

}  // namespace sd::debrief
