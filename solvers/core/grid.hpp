#pragma once
// A regular raster of square cells, north-up. Row 0 is the northern row (GDAL order), so
// world y decreases with the row index. Cell (i, j) is column i, row j; its flat index is
// j * nx + i. This is the only grid description shared between solvers and the engine.
#include <cmath>
#include <cstddef>

namespace sd {

struct Grid {
  int nx = 0;         // columns (west to east)
  int ny = 0;         // rows (north to south)
  double x0 = 0.0;    // world x of the western edge
  double y0 = 0.0;    // world y of the northern edge
  double cell = 1.0;  // cell size in metres (square cells)

  std::size_t size() const { return static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny); }
  std::size_t index(int i, int j) const { return static_cast<std::size_t>(j) * nx + i; }
  double cx(int i) const { return x0 + (i + 0.5) * cell; }
  double cy(int j) const { return y0 - (j + 0.5) * cell; }
  double cell_area() const { return cell * cell; }
  double width() const { return nx * cell; }
  double height() const { return ny * cell; }
  // Column/row holding world point (x, y); false when outside the grid.
  bool locate(double x, double y, int& i, int& j) const {
    const double fi = std::floor((x - x0) / cell);
    const double fj = std::floor((y0 - y) / cell);
    if (fi < 0 || fj < 0 || fi >= nx || fj >= ny) return false;
    i = static_cast<int>(fi);
    j = static_cast<int>(fj);
    return true;
  }
};

}  // namespace sd
