#pragma once
// Minimum-cost assignment of rows to columns (rows <= cols or not): the Hungarian method
// (Kuhn 1955; Munkres 1957) in the O(n^2 m) shortest-augmenting-path form with potentials.
// Entries >= kForbidden are never chosen; a row left without an allowed column gets -1.
#include <vector>

namespace sd {

inline constexpr double kForbidden = 1e15;

// cost is row-major rows x cols. Returns, per row, the chosen column or -1.
std::vector<int> min_cost_assignment(const std::vector<double>& cost, int rows, int cols);

}  // namespace sd
