#pragma once
// Agreement of two depth rasters on the same grid (issue 12 §2 validation): RMSE and the
// flooded-extent fit F = |A n B| / |A u B| (Bates & De Roo 2000, J. Hydrol. 236) where A, B
// are the pixels at least `threshold` deep. NaN pixels (outside the domain) are ignored.
#include <vector>

namespace sd::flood {

struct Agreement {
  double rmse = 0;         // m, over pixels valid in both
  double rmse_either = 0;  // m, over the pixels of A u B
  double fit = 1;          // F; 1 when neither raster floods
  long a = 0, b = 0, both = 0;
};

Agreement compare_depths(const std::vector<float>& reference, const std::vector<float>& model,
                         float threshold);

}  // namespace sd::flood
