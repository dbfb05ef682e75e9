#include "flood/flux_repair.hpp"

#include <cmath>
#include <deque>

#include "flood/flood_state.hpp"

namespace sd::flood {
namespace {

struct Out {
  float* q;  // the face discharge
  long nb;   // receiving cell, -1 = across the domain edge
};

}  // namespace

std::size_t repair_negative_depths(const Model& m, double dt, const std::vector<double>& row_min,
                                   std::vector<double>& h, std::vector<float>& qx,
                                   std::vector<float>& qy, Budget& b) {
  const Grid& g = m.grid();
  const int nx = g.nx, ny = g.ny;
  const double dtdx = dt / g.cell, area = g.cell_area();
  std::deque<std::size_t> work;
  for (int j = 0; j < ny; ++j) {
    if (row_min[static_cast<std::size_t>(j)] >= 0.0) continue;
    for (int i = 0; i < nx; ++i)
      if (h[g.index(i, j)] < 0.0) work.push_back(g.index(i, j));
  }
  std::size_t repaired = 0;
  while (!work.empty()) {
    const std::size_t k = work.front();
    work.pop_front();
    if (h[k] >= 0.0) continue;
    ++repaired;
    const int i = static_cast<int>(k % static_cast<std::size_t>(nx)),
              j = static_cast<int>(k / static_cast<std::size_t>(nx));
    const std::size_t fx = static_cast<std::size_t>(j) * (nx + 1) + i;
    // Outgoing faces with the sign that makes q positive when leaving k.
    struct Face {
      float* q;
      float sgn;
      long nb;
    };
    const Face faces[4] = {
        {&qx[fx], -1.0f, i > 0 ? static_cast<long>(k - 1) : -1},
        {&qx[fx + 1], 1.0f, i < nx - 1 ? static_cast<long>(k + 1) : -1},
        {&qy[k], -1.0f, j > 0 ? static_cast<long>(k - static_cast<std::size_t>(nx)) : -1},
        {&qy[k + static_cast<std::size_t>(nx)], 1.0f,
         j < ny - 1 ? static_cast<long>(k + static_cast<std::size_t>(nx)) : -1}};
    for (int attempt = 0; attempt < 3 && h[k] < 0.0; ++attempt) {
      double out = 0.0;
      for (const Face& f : faces) out += std::max(0.0, static_cast<double>(f.sgn * *f.q));
      if (out <= 0.0) break;
      // Last attempt: shut every outgoing face (then h >= old depth + inflows >= 0).
      const double factor = attempt == 2 ? 0.0 : std::max(0.0, 1.0 + h[k] / (out * dtdx));
      for (const Face& f : faces) {
        const double qo = static_cast<double>(f.sgn * *f.q);
        if (qo <= 0.0) continue;
        const float qn = static_cast<float>(static_cast<double>(*f.q) * factor);
        const double back =
            (static_cast<double>(f.sgn) * (static_cast<double>(*f.q) - static_cast<double>(qn))) *
            dtdx;
        *f.q = qn;
        h[k] += back;
        if (f.nb >= 0) {
          h[static_cast<std::size_t>(f.nb)] -= back;
          if (h[static_cast<std::size_t>(f.nb)] < 0.0)
            work.push_back(static_cast<std::size_t>(f.nb));
        } else {
          b.boundary_out -= back * area;
        }
      }
    }
    if (h[k] < 0.0) h[k] = 0.0;  // only double rounding (~1e-17 m) can remain
  }
  return repaired;
}

}  // namespace sd::flood
