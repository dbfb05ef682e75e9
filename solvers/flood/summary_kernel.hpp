#pragma once
// Per-row update of the summary rasters (internal to sd_flood): max depth and its time,
// first time above the ponding depth, duration above a threshold, max speed and the FD2320
// hazard rating. Branch-free so it vectorises; called every step by default.
#include <cstdint>

namespace sd::flood::detail {

struct SummaryRow {
  float* maxd;
  float* tmax;
  float* first;
  float* dur;
  float* maxv;
  float* hr;
};

struct SummaryParams {
  int nx = 0;
  float t = 0, span = 0;  // sample time and the time it stands for (duration)
  float pond = 0.15f, thr = 0.15f, vmin = 0.01f;
};

// Cells [i0, i1) of row j. debris: DebrisClass per cell of the grid, or null (all urban).
void summary_span(int j, int i0, int i1, const SummaryParams& p, const double* h, const float* qx,
                  const float* qy, const std::uint8_t* debris, const SummaryRow& out);

}  // namespace sd::flood::detail
