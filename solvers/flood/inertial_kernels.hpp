#pragma once
// Row kernels of the local-inertial scheme (internal to sd_flood). Each processes one grid
// row so the State can split rows over OpenMP threads with a fixed partition: results do
// not depend on the thread count.
#include <bit>
#include <cmath>
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

// Per-step constants of the continuity update. rain_ms: per-cell rate (m/s) or null, then
// rain_m (a depth for this step) falls on every cell.
struct CellParams {
  int nx = 0;
  double dt_over_dx = 0, dt = 0, rain_m = 0;
  const float* rain_ms = nullptr;
  float g = 9.81f, h_vel = 0.01f;  // celerity: gravity, depth floor of the velocity term
};

// Continuity for the cells [i0, i1) of row j: h += dt/dx * (net inflow) + rain.
RowStats update_span(int j, int i0, int i1, const CellParams& cp, const float* qx, const float* qy,
                     const float* z, double* h);

// Every face of row j (1 <= j <= ny - 1) in one pass: the x faces 1..nx-1 (as flux_x_span)
// and the y faces 0..nx-1 between rows j - 1 and j (as flux_y_span). Same bits as the two
// calls (the same expressions per face); the row's depths and beds are loaded and converted
// once for both axes.
void faces_row(int j, const FaceParams& p, const double* h, const float* z, const float* qxo,
               const float* qyo, float* qx, float* qy);

// A double's IEEE-754 bit pattern as a signed integer whose order is the numeric order among
// non-negative values and puts every negative value below +0: max(0, x...) is the integer max
// of order_bits(x) from 0. The kernels' max reductions use it because clang vectorises an
// integer max reduction but not a double max written as a select without -ffast-math's
// no-NaN flags (-Wpass-failed in the fuzz build); GCC vectorises both. Same values.
inline std::int64_t order_bits(double v) {
  return std::bit_cast<std::int64_t>(v);
}

// Inverse cube root without pow: bit-level first guess, three Newton steps (rel. err ~1e-7).
inline float inv_cbrt(float x) {
  // 0x54a21d2a ~ (4/3) * 127 * 2^23 tuned: y0 = x^{-1/3} within ~3 %, then Newton on
  // f(y) = y^-3 - x: y <- y (4 - x y^3) / 3, error squares each step.
  const std::uint32_t i = 0x54a21d2au - std::bit_cast<std::uint32_t>(x) / 3u;
  float y = std::bit_cast<float>(i);
  y = y * (4.0f - x * y * y * y) * (1.0f / 3.0f);
  y = y * (4.0f - x * y * y * y) * (1.0f / 3.0f);
  y = y * (4.0f - x * y * y * y) * (1.0f / 3.0f);
  return y;
}

// Loop-invariant constants of a face sweep, copied to locals so the compiler sees that the
// stores to q cannot alias them.
struct FaceConst {
  float gdt_dx, gdt, h_dry, theta, half_1m_theta, dx_dt;
};

inline FaceConst face_const(const FaceParams& p) {
  return {p.g * p.dt / p.dx, p.g * p.dt, p.h_dry, p.theta, 0.5f * (1.0f - p.theta), p.dx / p.dt};
}

// A face moves at most the water its donor cell holds in one step: |q| dt / dx <= v_donor
// (v: depth, or stored volume per cell area with sub-grid tables). Where the CFL step holds
// (|u| dt / dx <= cfl < 1, u = q / h) this never binds; it binds where the surface drops
// steeply over a film the step has not seen yet: the first rain on a dry roof beside a 4 m
// wall gave g h dt^2 (4 m / dx) / dx ~ 1000 h at the default 10 s cap, which the wet/dry
// repair took back only after the step's summaries had recorded it at the wall foot
// (issue 12: a 0.16 m spike at every wall pixel of the street terrain).
inline float limit_to_donor(float q, float vl, float vr, const FaceConst& c) {
  const float out_l = vl * c.dx_dt, out_r = -(vr * c.dx_dt);
  q = q < out_l ? q : out_l;
  return q > out_r ? q : out_r;
}

// The semi-implicit local-inertial update of one face (Bates et al. 2010, eq. 11) for flow
// depth hf, surface difference deta (m, right minus left), old discharge q0, (theta-)centred
// discharge qc and Manning n^2: 0 where hf <= h_dry. Shared by the ordinary and the sub-grid
// kernels so that one fine pixel per cell gives the same bits.
inline float inertial_q(float hf, float deta, float q0, float qc, float n2, const FaceConst& c) {
  const float hc = hf > c.h_dry ? hf : c.h_dry;
  const float y = inv_cbrt(hc);
  const float y2 = y * y;
  const float hm73 = y2 * y2 * y2 * y;  // h^{-7/3}
  const float num = qc - c.gdt_dx * hc * deta;
  const float den = 1.0f + c.gdt * n2 * std::fabs(q0) * hm73;
  const float q = num / den;
  return hf > c.h_dry ? q : 0.0f;
}

}  // namespace sd::flood::detail
