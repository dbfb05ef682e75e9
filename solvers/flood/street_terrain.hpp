#pragma once
// Synthetic street-scale terrain for validating the sub-grid solver (issue 12 §2): a town on
// a gentle slope with raised building blocks, streets between them, sunken underpasses
// where some streets cross, a drainage channel, and small courtyards. Deterministic for a
// seed; used by tests/flood (small) and bench/bench_subgrid (>= 1000 x 1000 pixels).
#include <vector>

namespace sd::flood {

struct StreetTerrainSpec {
  int nx = 1000, ny = 1000;  // pixels
  double pixel_m = 2.0;
  unsigned seed = 1;
};

// Elevations (m), row 0 north, nx * ny values.
std::vector<float> street_terrain(const StreetTerrainSpec& s);

}  // namespace sd::flood
