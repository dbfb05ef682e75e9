#pragma once
// Small model builders shared by the flood tests.
#include <cmath>
#include <functional>
#include <vector>

#include "flood/flood_model.hpp"
#include "flood/flood_state.hpp"

namespace sdt {

inline sd::flood::ModelSpec flat_spec(int nx, int ny, double cell, float z = 0.0f) {
  sd::flood::ModelSpec s;
  s.grid = sd::Grid{nx, ny, 0.0, ny * cell, cell};
  s.bed.assign(s.grid.size(), z);
  return s;
}

// Bed from a function of cell centre (x east, y north from the grid's SW corner).
inline sd::flood::ModelSpec spec_from(int nx, int ny, double cell,
                                      const std::function<double(double, double)>& bed) {
  auto s = flat_spec(nx, ny, cell);
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i)
      s.bed[s.grid.index(i, j)] = static_cast<float>(bed((i + 0.5) * cell, (ny - j - 0.5) * cell));
  return s;
}

inline double total_volume(const sd::flood::State& st) {
  double v = 0;
  for (double h : st.depth()) v += h;
  return v * st.model().grid().cell_area();
}

}  // namespace sdt
