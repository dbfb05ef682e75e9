#include "county/population.hpp"

#include <cmath>

namespace sd::county {
namespace {

// Relative residential density by land-use class (urban blocks ~20x farmland; nobody lives
// on water, seawalls or in industrial zones' plants beyond a few dormitories).
double weight(int landuse) {
  switch (landuse) {
    case kUrban:
      return 20.0;
    case kRural:
      return 1.0;
    case kForest:
      return 0.1;
    case kIndustrial:
      return 0.5;
    default:
      return 0.0;
  }
}

}  // namespace

std::vector<float> distribute_population(const Grid& g, const Terrain& t,
                                         const std::vector<Town>& towns) {
  std::vector<int> owner(g.size(), -1);
  std::vector<double> w(g.size(), 0.0), total(towns.size(), 0.0);
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const auto k = g.index(i, j);
      if (t.sea[k] || t.wall[k]) continue;
      w[k] = weight(static_cast<int>(t.landuse[k]));
      if (w[k] <= 0) continue;
      double best = 1e300;
      for (std::size_t n = 0; n < towns.size(); ++n) {
        const double d = std::hypot(g.cx(i) - towns[n].centre.x, g.cy(j) - towns[n].centre.y);
        if (d < best) {
          best = d;
          owner[k] = static_cast<int>(n);
        }
      }
      total[owner[k]] += w[k];
    }
  std::vector<float> pop(g.size(), 0.0f);
  for (std::size_t k = 0; k < g.size(); ++k)
    if (owner[k] >= 0)
      pop[k] = static_cast<float>(towns[owner[k]].population * w[k] / total[owner[k]]);
  return pop;
}

}  // namespace sd::county
