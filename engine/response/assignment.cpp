#include "response/assignment.hpp"

#include <algorithm>
#include <limits>

namespace sd {

std::vector<int> min_cost_assignment(const std::vector<double>& cost, int rows, int cols) {
  std::vector<int> result(static_cast<std::size_t>(rows), -1);
  if (rows == 0 || cols == 0) return result;
  // Square the problem: n = max(rows, cols), padding with zero-cost dummies, and forbidden
  // pairs at a large finite cost so the method always finds a perfect matching.
  const int n = std::max(rows, cols);
  auto a = [&](int i, int j) -> double {
    if (i >= rows || j >= cols) return 0.0;
    return std::min(cost[static_cast<std::size_t>(i) * cols + j], kForbidden);
  };
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> u(n + 1, 0), v(n + 1, 0);
  std::vector<int> p(n + 1, 0), way(n + 1, 0);
  for (int i = 1; i <= n; ++i) {
    p[0] = i;
    int j0 = 0;
    std::vector<double> minv(n + 1, inf);
    std::vector<char> used(n + 1, 0);
    do {
      used[j0] = 1;
      const int i0 = p[j0];
      double delta = inf;
      int j1 = 0;
      for (int j = 1; j <= n; ++j) {
        if (used[j]) continue;
        const double cur = a(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) minv[j] = cur, way[j] = j0;
        if (minv[j] < delta) delta = minv[j], j1 = j;
      }
      for (int j = 0; j <= n; ++j) {
        if (used[j])
          u[p[j]] += delta, v[j] -= delta;
        else
          minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] != 0);
    do {
      const int j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  for (int j = 1; j <= n; ++j) {
    const int i = p[j] - 1;
    if (i >= 0 && i < rows && j - 1 < cols &&
        cost[static_cast<std::size_t>(i) * cols + (j - 1)] < kForbidden)
      result[static_cast<std::size_t>(i)] = j - 1;
  }
  return result;
}

}  // namespace sd
