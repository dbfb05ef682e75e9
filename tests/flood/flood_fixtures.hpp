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

// One row: cells 0..7 urban land (bed 1 m) whose sewers drain 200 mm/h to outfall 0, cell 8
// a wall, cell 9 a canal (bed -2 m), the outfall; 10 m cells, closed edges. The land side of
// the outfall's gate is cell 7.
inline sd::flood::ModelSpec polder_spec() {
  auto s = flat_spec(10, 1, 10.0, 1.0f);
  s.blocked.assign(10, 0);
  s.blocked[8] = 1;
  s.bed[9] = -2.0f;
  s.drainage_mmph.assign(10, 0.0f);
  s.drainage_outfall.assign(10, -1);
  for (std::size_t c = 0; c < 8; ++c) s.drainage_mmph[c] = 200.0f, s.drainage_outfall[c] = 0;
  s.outfalls.push_back(sd::flood::Outfall{9, {}});
  return s;
}

inline double total_volume(const sd::flood::State& st) {
  double v = 0;
  for (double h : st.depth()) v += h;
  return v * st.model().grid().cell_area();
}

}  // namespace sdt
