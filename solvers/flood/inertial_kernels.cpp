// The two hot loops of the local-inertial scheme. Momentum per face (Bates et al. 2010,
// eq. 11, semi-implicit friction):
//   q^{n+1} = (q^n - g h_f dt dEta/dx) / (1 + g dt n^2 |q^n| / h_f^{7/3})
// with h_f = max(eta_l, eta_r) - max(z_l, z_r). The theta form replaces the first q^n by
// theta q_i + (1 - theta)/2 (q_{i-1} + q_{i+1}) (de Almeida et al. 2012, eq. 14).
// No flux limiter here: the rare cells that a step would overdraw are repaired afterwards by
// scaling their outgoing fluxes (flux_repair.cpp), which keeps volume exact.
#include "flood/inertial_kernels.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <type_traits>

namespace sd::flood::detail {

namespace {

// One face. l/r are the cells on the negative/positive side; q0 the old discharge and qc
// the (theta-)centred one. Returns the new unit discharge (m^2/s). Branch-free so the
// sweeps vectorise.
inline float face_q(double hl, double hr, float zl, float zr, float q0, float qc, float n2,
                    const FaceConst& c) {
  const float zm = zl > zr ? zl : zr;
  const float al = static_cast<float>(hl) - (zm - zl), ar = static_cast<float>(hr) - (zm - zr);
  const float hf = al > ar ? al : ar;
  // The surface difference in double, differences first: rounding the depths to float32
  // before differencing left ~6e-8 m (1 m of water) to ~5e-7 m (10 m) of noise across every
  // face each step, the seed of the lake-at-rest drift (issue 12). Over still water it is now
  // exactly the initial surface difference; z differences of float32 values are exact in double.
  const float deta = static_cast<float>((hr - hl) + (static_cast<double>(zr) - zl));
  return limit_to_donor(inertial_q(hf, deta, q0, qc, n2, c), static_cast<float>(hl),
                        static_cast<float>(hr), c);
}

// Row pointers of the y faces between rows j - 1 (n) and j (s): depths, beds, per-cell n^2
// (null unless kCellN2) and the old discharges of faces j - 1, j, j + 1 (at the outer faces
// the boundary value).
struct YRow {
  const double *hn, *hs;
  const float *zn, *zs, *n2n, *n2s, *on, *oc, *os;
};

inline YRow y_row(int j, const FaceParams& p, const double* h, const float* z, const float* qo,
                  bool cell_n2) {
  const std::ptrdiff_t s = static_cast<std::ptrdiff_t>(j) * p.nx, nrow = s - p.nx;
  return YRow{h + nrow,
              h + s,
              z + nrow,
              z + s,
              cell_n2 ? p.n2_cell + nrow : nullptr,
              cell_n2 ? p.n2_cell + s : nullptr,
              qo + nrow,
              qo + s,
              qo + s + p.nx};
}

template <bool kCellN2, bool kTheta>
__attribute__((target_clones("avx512f", "avx2", "default"))) void flux_x_impl(
    int j, int i0, int i1, const FaceParams& p, const double* h, const float* z,
    float* __restrict qx, const float* __restrict qo) {
  const int nx = p.nx;
  const FaceConst c = face_const(p);
  const float n2u = p.n2;
  const double* hr0 = h + static_cast<std::ptrdiff_t>(j) * nx;
  const float* zr0 = z + static_cast<std::ptrdiff_t>(j) * nx;
  float* __restrict q = qx + static_cast<std::ptrdiff_t>(j) * (nx + 1);
  const float* n2c = kCellN2 ? p.n2_cell + static_cast<std::ptrdiff_t>(j) * nx : nullptr;
  const float* o = qo + static_cast<std::ptrdiff_t>(j) * (nx + 1);
#pragma omp simd
  for (int i = i0; i < i1; ++i) {
    float n2 = n2u, q0 = o[i], qc = o[i];
    if constexpr (kCellN2) n2 = 0.5f * (n2c[i - 1] + n2c[i]);
    if constexpr (kTheta) qc = c.theta * o[i] + c.half_1m_theta * (o[i - 1] + o[i + 1]);
    q[i] = face_q(hr0[i - 1], hr0[i], zr0[i - 1], zr0[i], q0, qc, n2, c);
  }
}

template <bool kCellN2, bool kTheta>
__attribute__((target_clones("avx512f", "avx2", "default"))) void flux_y_impl(
    int j, int i0, int i1, const FaceParams& p, const double* h, const float* z,
    float* __restrict qy, const float* __restrict qo) {
  const int nx = p.nx;
  const FaceConst c = face_const(p);
  const float n2u = p.n2;
  float* __restrict q = qy + static_cast<std::ptrdiff_t>(j) * nx;
  // Plain pointers, not a structured binding: clang 14 cannot capture bindings in the
  // outlined `omp simd` region (the fuzz preset builds with it).
  const YRow yr = y_row(j, p, h, z, qo, kCellN2);
  const double *hn = yr.hn, *hs = yr.hs;
  const float *zn = yr.zn, *zs = yr.zs, *n2n = yr.n2n, *n2s = yr.n2s;
  const float *on = yr.on, *oc = yr.oc, *os = yr.os;
#pragma omp simd
  for (int i = i0; i < i1; ++i) {
    float n2 = n2u, q0 = oc[i], qc = oc[i];
    if constexpr (kCellN2) n2 = 0.5f * (n2n[i] + n2s[i]);
    if constexpr (kTheta) qc = c.theta * oc[i] + c.half_1m_theta * (on[i] + os[i]);
    q[i] = face_q(hn[i], hs[i], zn[i], zs[i], q0, qc, n2, c);
  }
}

// Row extremes as integer max reductions (order_bits, inertial_kernels.hpp): max(0, h...),
// min(0, h...) = -max(0, -h...) and the max celerity.
struct RowBits {
  std::int64_t hmax = 0, neg = 0, cmax = 0;
};

inline std::int64_t bits(double v) {
  return order_bits(v);
}

inline RowStats row_stats(const RowBits& b) {
  return RowStats{std::bit_cast<double>(b.hmax), 0.0 - std::bit_cast<double>(b.neg),
                  std::bit_cast<double>(b.cmax)};
}

// Continuity of one cell (see update_span): the new depth from the old one, the four face
// discharges (west, east, north, south) and the rain depth `add`; inactive cells (z = 1e9,
// flood_model.cpp) stay dry. Also the cell's wave celerity |u| + sqrt(g h) for the CFL step:
// the velocity term keeps shallow fast sheet flow on slopes stable (sqrt(g h) alone lets dt
// exceed dx / |u| there).
struct CellNew {
  double h;
  double cel;
};

inline CellNew continuity_cell(double h0, float w, float e, float n, float so, float zc,
                               double dt_over_dx, double add, float g, float h_vel) {
  // Fluxes summed in double: each face's volume leaves one cell and enters the other
  // with the same rounding, so continuity conserves volume to double precision.
  const double net = (static_cast<double>(w) - static_cast<double>(e)) +
                     (static_cast<double>(n) - static_cast<double>(so));
  const double hraw = h0 + net * dt_over_dx + add;
  const double hn = zc < 1e8f ? hraw : 0.0;
  const float hf0 = static_cast<float>(hn);
  const float hf = hf0 > 0.0f ? hf0 : 0.0f;
  const float aw = w < 0 ? -w : w, ae = e < 0 ? -e : e, an = n < 0 ? -n : n, as = so < 0 ? -so : so;
  const float q1 = aw > ae ? aw : ae, q2 = an > as ? an : as;
  const float qm = q1 > q2 ? q1 : q2;
  const float hd = hf > h_vel ? hf : h_vel;
  return CellNew{hn, static_cast<double>(std::sqrt(g * hf) + qm / hd)};
}

template <bool kGridRain>
__attribute__((target_clones("avx512f", "avx2", "default"))) RowStats update_impl(
    int j, int i0, int i1, const CellParams& cp, const float* qx, const float* qy,
    const float* zrel, double* h) {
  const int nx = cp.nx;
  const std::ptrdiff_t s = static_cast<std::ptrdiff_t>(j) * nx;
  const float* qw = qx + static_cast<std::ptrdiff_t>(j) * (nx + 1);
  const float* qn = qy + s;
  const float* qs = qy + s + nx;
  double* hr = h + s;
  const float* zr = zrel + s;
  const float* r = kGridRain ? cp.rain_ms + s : nullptr;
  const double dtdx = cp.dt_over_dx, dt = cp.dt, rain_m = cp.rain_m;
  const float g = cp.g, h_vel = cp.h_vel;
  std::int64_t m = 0, lo = 0, c = 0;
#pragma omp simd reduction(max : m, lo, c)
  for (int i = i0; i < i1; ++i) {
    double add = rain_m;
    if constexpr (kGridRain) add = static_cast<double>(r[i]) * dt;
    const CellNew u =
        continuity_cell(hr[i], qw[i], qw[i + 1], qn[i], qs[i], zr[i], dtdx, add, g, h_vel);
    hr[i] = u.h;
    m = m > bits(u.h) ? m : bits(u.h);
    lo = lo > bits(-u.h) ? lo : bits(-u.h);
    c = c > bits(u.cel) ? c : bits(u.cel);
  }
  return row_stats(RowBits{m, lo, c});
}

// Faces 1..nx-1 (x) and 1..nx-1 (y) of row j in one pass over the row (see faces_row).
template <bool kCellN2, bool kTheta>
__attribute__((target_clones("avx512f", "avx2", "default"))) void faces_impl(
    int j, const FaceParams& p, const double* h, const float* z, const float* __restrict qxo,
    const float* __restrict qyo, float* __restrict qx, float* __restrict qy) {
  const int nx = p.nx;
  const FaceConst fc = face_const(p);
  const float n2u = p.n2;
  const std::ptrdiff_t s = static_cast<std::ptrdiff_t>(j) * nx;
  const std::ptrdiff_t xs = static_cast<std::ptrdiff_t>(j) * (nx + 1);
  // Plain pointers, not a structured binding: clang 14 cannot capture bindings in the
  // outlined `omp simd` region (the fuzz preset builds with it).
  const YRow yr = y_row(j, p, h, z, qyo, kCellN2);
  const double *hn = yr.hn, *hs = yr.hs;
  const float *zn = yr.zn, *zs = yr.zs, *n2n = yr.n2n, *n2s = yr.n2s;
  const float *on = yr.on, *oc = yr.oc, *os = yr.os;
  const float* ox = qxo + xs;
  float* __restrict qxj = qx + xs;
  float* __restrict qyj = qy + s;
#pragma omp simd
  for (int i = 1; i < nx; ++i) {
    float n2x = n2u, n2y = n2u, qcx = ox[i], qcy = oc[i];
    if constexpr (kCellN2) {
      n2x = 0.5f * (n2s[i - 1] + n2s[i]);
      n2y = 0.5f * (n2n[i] + n2s[i]);
    }
    if constexpr (kTheta) {
      qcx = fc.theta * ox[i] + fc.half_1m_theta * (ox[i - 1] + ox[i + 1]);
      qcy = fc.theta * oc[i] + fc.half_1m_theta * (on[i] + os[i]);
    }
    qxj[i] = face_q(hs[i - 1], hs[i], zs[i - 1], zs[i], ox[i], qcx, n2x, fc);
    qyj[i] = face_q(hn[i], hs[i], zn[i], zs[i], oc[i], qcy, n2y, fc);
  }
}

}  // namespace

namespace {
// Calls f(cell, theta) with std::bool_constant tags for the kernels' compile-time options:
// per-cell Manning n^2, theta < 1.
template <class F>
void with_face_options(const FaceParams& p, F&& f) {
  const bool cell = p.n2_cell != nullptr, theta = p.theta < 1.0f;
  if (cell && theta)
    f(std::true_type{}, std::true_type{});
  else if (cell)
    f(std::true_type{}, std::false_type{});
  else if (theta)
    f(std::false_type{}, std::true_type{});
  else
    f(std::false_type{}, std::false_type{});
}
}  // namespace

void flux_x_span(int j, int i0, int i1, const FaceParams& p, const double* h, const float* z,
                 float* qx, const float* qo) {
  with_face_options(p, [&](auto cell, auto theta) {
    flux_x_impl<decltype(cell)::value, decltype(theta)::value>(j, i0, i1, p, h, z, qx, qo);
  });
}

void flux_y_span(int j, int i0, int i1, const FaceParams& p, const double* h, const float* z,
                 float* qy, const float* qo) {
  with_face_options(p, [&](auto cell, auto theta) {
    flux_y_impl<decltype(cell)::value, decltype(theta)::value>(j, i0, i1, p, h, z, qy, qo);
  });
}

RowStats update_span(int j, int i0, int i1, const CellParams& cp, const float* qx, const float* qy,
                     const float* z, double* h) {
  if (cp.rain_ms) return update_impl<true>(j, i0, i1, cp, qx, qy, z, h);
  return update_impl<false>(j, i0, i1, cp, qx, qy, z, h);
}

void faces_row(int j, const FaceParams& p, const double* h, const float* z, const float* qxo,
               const float* qyo, float* qx, float* qy) {
  flux_y_span(j, 0, 1, p, h, z, qy, qyo);
  with_face_options(p, [&](auto cell, auto theta) {
    faces_impl<decltype(cell)::value, decltype(theta)::value>(j, p, h, z, qxo, qyo, qx, qy);
  });
}

}  // namespace sd::flood::detail
