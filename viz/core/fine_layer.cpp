#include "core/fine_layer.hpp"

#include <cmath>

namespace sd::viz {

namespace {

// Evenly spaced by `step` (relative tolerance 1e-6 of the step).
bool even(const std::vector<double>& v, double step) {
  for (std::size_t k = 1; k < v.size(); ++k)
    if (std::fabs((v[k] - v[k - 1]) - step) > 1e-6 * std::fabs(step)) return false;
  return true;
}

}  // namespace

FineLayer fine_layer_from_axes(const std::vector<double>& x, const std::vector<double>& y,
                               std::vector<float> values, std::size_t rows, std::size_t cols,
                               const std::string& where) {
  auto fail = [&](const std::string& why) { throw ResultsError(where + ": /hazard/fine: " + why); };
  if (x.size() != cols || y.size() != rows)
    fail("max_depth is " + std::to_string(rows) + " x " + std::to_string(cols) + " but x has " +
         std::to_string(x.size()) + " and y " + std::to_string(y.size()) + " values");
  if (cols < 2 || rows < 2) fail("needs at least 2 x 2 cells");
  const double cell = x[1] - x[0];
  if (!(cell > 0) || !even(x, cell)) fail("x is not increasing with an even spacing");
  if (!even(y, -cell)) fail("y is not decreasing by the x spacing (square cells, row 0 north)");
  FineLayer l;
  l.nx = static_cast<int>(cols);
  l.ny = static_cast<int>(rows);
  l.cell = cell;
  l.x0 = x[0] - cell / 2;
  l.y0 = y[0] + cell / 2;
  l.max_depth = std::move(values);
  return l;
}

FineLayer read_fine_layer(const ResultsFile& f) {
  std::size_t rows = 0, cols = 0;
  auto v = f.read_matrix<float>("/hazard/fine/max_depth", rows, cols);
  if (v.empty()) return {};
  FineLayer l =
      fine_layer_from_axes(f.read_vector("/hazard/fine/x"), f.read_vector("/hazard/fine/y"),
                           std::move(v), rows, cols, f.path().string());
  std::size_t hr_rows = 0, hr_cols = 0;
  l.hazard_rating = f.read_matrix<float>("/hazard/fine/hazard_rating", hr_rows, hr_cols);
  if (!l.hazard_rating.empty() && (hr_rows != rows || hr_cols != cols))
    throw ResultsError(f.path().string() + ": /hazard/fine/hazard_rating is " +
                       std::to_string(hr_rows) + " x " + std::to_string(hr_cols) + ", max_depth " +
                       std::to_string(rows) + " x " + std::to_string(cols));
  return l;
}

float fine_value_at(const FineLayer& l, const std::vector<float>& v, double x, double y) {
  const double fi = std::floor((x - l.x0) / l.cell), fj = std::floor((l.y0 - y) / l.cell);
  if (v.empty() || !(fi >= 0 && fj >= 0 && fi < l.nx && fj < l.ny)) return NAN;
  return v[static_cast<std::size_t>(fj) * static_cast<std::size_t>(l.nx) +
           static_cast<std::size_t>(fi)];
}

bool fine_layer_visible(const FineLayer& l, double m_per_px) {
  return !l.empty() && m_per_px <= l.cell;
}

}  // namespace sd::viz
