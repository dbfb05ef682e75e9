#pragma once
// Row kernels of the local-inertial scheme (internal to sd_flood). Each processes one grid
// row so the State can split rows over OpenMP threads with a fixed partition: results do
// not depend on the thread count.
#include <cstdint>

namespace sd::flood::detail {

struct FaceParams {
  int nx = 0, ny = 0;
  float g = 9.81f, dt = 1.0f, dx = 1.0f;
  float h_dry = 1e-4f;
  float n2 = 0.0009f;  // uniform Manning n^2, used when n2_cell is null
  const float* n2_cell = nullptr;
  float theta = 1.0f;
};

// x faces i in [i0, i1) of row j, 1 <= i0 <= i1 <= nx - 1 (qx index j*(nx+1)+i): new
// discharges into qx from the previous step's qx_old (double-buffered, so the theta form's
// neighbours are always old).
void flux_x_span(int j, int i0, int i1, const FaceParams& p, const double* h, const float* z,
                 float* qx, const float* qx_old);
// y faces between rows j-1 and j, columns [i0, i1), j = 1..ny-1 (qy index j*nx+i, +q toward
// row j).
void flux_y_span(int j, int i0, int i1, const FaceParams& p, const double* h, const float* z,
                 float* qy, const float* qy_old);

// Row extremes after continuity: max depth, min depth (negative when the step overdrew a
// cell: see flux_repair.hpp) and max wave celerity sqrt(g h) + |q|max / max(h, h_vel) for
// the next CFL step.
struct RowStats {
  double hmax = 0, hmin = 0, cmax = 0;
};

// Continuity for the cells [i0, i1) of row j: h += dt/dx * (net inflow) + rain. rain_ms:
// per-cell rate (m/s) or null, then rain_uniform_m (a depth for this step) is used.
RowStats update_span(int j, int i0, int i1, int nx, double dt_over_dx, const float* qx,
                     const float* qy, const float* z, const float* rain_ms, double dt,
                     double rain_uniform_m, double g, double h_vel, double* h);

// Inverse cube root without pow: bit-level first guess, three Newton steps (rel. err ~1e-7).
float inv_cbrt(float x);

}  // namespace sd::flood::detail
