// Sub-grid local-inertial scheme: table flattening, the face and head kernels. Formulation
// and references in subgrid_inertial.hpp; the time loop is State::advance_to (flood_state.cpp).
#include "flood/subgrid_inertial.hpp"

#include <omp.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "flood/subgrid_downscale.hpp"
#include "flood/subgrid_tables.hpp"
#include "flood/subgrid_walled.hpp"

namespace sd::flood::subgrid {
namespace {

void resize_faces(SolverTables::Faces& f, std::size_t n, int levels) {
  const auto nl = n * static_cast<std::size_t>(levels);
  f.zlo.assign(n, std::numeric_limits<double>::infinity());
  for (auto* v : {&f.span, &f.inv_step, &f.open, &f.zm_off, &f.ntop2}) v->assign(n, 0.0f);
  f.hm.assign(nl, 0.0f);
  f.n2e.assign(nl, 0.0f);
}

// Face table k: h_m as tabulated; n_eff^2 = (h_m^{5/3} / K)^2 per level (level 0, where both
// vanish, takes level 1's value). Above the top every open strip is wet and K is the
// table's extension open (zeta - z_mean)^{5/3} / n_top, i.e. n_eff^2 = open^{4/3} n_top^2,
// which for one strip is its own n^2 (n2_mean, exact: the ordinary solver's face n^2).
void store_face(SolverTables::Faces& f, std::size_t k, const FaceTable& t, int levels) {
  if (t.h_mean.empty()) return;  // every strip blocked: zlo stays +inf
  const auto L = static_cast<std::size_t>(levels);
  const double span = t.z_hi - t.z_lo;
  f.zlo[k] = t.z_lo;
  f.span[k] = static_cast<float>(span);
  f.inv_step[k] = span > 0 ? static_cast<float>(static_cast<double>(levels - 1) / span) : 0.0f;
  f.open[k] = static_cast<float>(t.open);
  f.zm_off[k] = static_cast<float>(t.z_mean - t.z_lo);
  float* hm = f.hm.data() + k * L;
  float* n2 = f.n2e.data() + k * L;
  for (std::size_t l = 1; l < L; ++l) {
    hm[l] = static_cast<float>(t.h_mean[l]);
    const double ne = t.conv[l] > 0 ? std::pow(t.h_mean[l], 5.0 / 3.0) / t.conv[l] : 0.0;
    n2[l] = static_cast<float>(ne * ne);
  }
  n2[0] = n2[1];
  f.ntop2[k] = span > 0 ? n2[L - 1] : static_cast<float>(std::pow(t.open, 4.0 / 3.0) * t.n2_mean);
}

// Mean n^2 over the valid pixels of cell (I, J).
float mean_n2(const FineDem& f, int I, int J) {
  double s = 0.0;
  int n = 0;
  for (int b = 0; b < f.ratio; ++b)
    for (int a = 0; a < f.ratio; ++a) {
      const std::size_t p = static_cast<std::size_t>(J * f.ratio + b) * f.nfx + I * f.ratio + a;
      if (!std::isfinite(f.z[p])) continue;
      s += f.manning[p] * f.manning[p];
      ++n;
    }
  return n > 0 ? static_cast<float>(s / n) : 0.0f;
}

}  // namespace

TablesPtr build_solver_tables(const std::vector<float>& fine, int nfx, int nfy, double fine_m,
                              int ratio, const std::vector<float>& manning, float n_uniform,
                              int levels, int threads) {
  check_fine_dem(FineDem{fine, nfx, nfy, fine_m, ratio, manning, n_uniform, levels});
  if (levels < 2) throw std::invalid_argument("sub-grid tables: need at least 2 levels");
  auto T = std::make_shared<SolverTables>();
  T->nx = nfx / ratio;
  T->ny = nfy / ratio;
  T->ratio = ratio;
  // Tables of the hydraulic DEM: walled depressions raised to their rim (subgrid_walled.hpp).
  WalledPixels walled = find_walled_pixels(fine, nfx, nfy, ratio, kWallM, kWallMarginPx, threads);
  T->walled_pixel = std::move(walled.pixel);
  T->walled_rim = std::move(walled.rim);
  const std::vector<float> zeff =
      T->walled_pixel.empty() ? std::vector<float>{} : hydraulic_dem(*T, fine);
  const FineDem f{zeff.empty() ? fine : zeff, nfx, nfy, fine_m, ratio, manning, n_uniform, levels};
  T->levels = levels;
  T->fine_m = fine_m;
  const auto nx = static_cast<std::size_t>(T->nx), ny = static_cast<std::size_t>(T->ny);
  const auto L = static_cast<std::size_t>(levels);
  const double cell_area = fine_m * fine_m * ratio * ratio;
  T->cell_zlo.assign(nx * ny, std::numeric_limits<double>::quiet_NaN());
  T->cell_span.assign(nx * ny, 0.0);
  T->cell_frac.assign(nx * ny, 1.0);
  T->cell_vol.assign(nx * ny * L, 0.0);
  resize_faces(T->fx, (nx + 1) * ny, levels);
  resize_faces(T->fy, nx * (ny + 1), levels);
  if (!manning.empty()) T->cell_n2.assign(nx * ny, 0.0f);
  const int nth = threads > 0 ? threads : omp_get_max_threads();
  // Rows write disjoint parts of the arrays: the result does not depend on the thread count.
#pragma omp parallel for schedule(dynamic, 1) num_threads(nth)
  for (int J = 0; J < T->ny; ++J) {
    const auto Ju = static_cast<std::size_t>(J);
    build_table_row(
        f, J,
        [&](int I, VolumeTable&& t) {
          const std::size_t c = Ju * nx + static_cast<std::size_t>(I);
          if (t.vol.empty()) return;  // no valid pixel: an inactive cell
          T->cell_zlo[c] = t.z_lo;
          T->cell_span[c] = t.z_hi - t.z_lo;
          T->cell_frac[c] = t.area / cell_area;
          for (std::size_t l = 0; l < L; ++l) T->cell_vol[c * L + l] = t.vol[l] / cell_area;
          if (!manning.empty()) T->cell_n2[c] = mean_n2(f, I, J);
        },
        [&](int I, FaceTable&& t) {
          store_face(T->fx, Ju * (nx + 1) + static_cast<std::size_t>(I), t, levels);
        },
        [&](int I, FaceTable&& t) {
          store_face(T->fy, Ju * nx + static_cast<std::size_t>(I), t, levels);
        });
  }
  return T;
}

std::vector<float> coarse_bed(const SolverTables& t) {
  std::vector<float> bed(t.cell_zlo.size());
  for (std::size_t c = 0; c < bed.size(); ++c) bed[c] = static_cast<float>(t.cell_zlo[c]);
  return bed;
}

}  // namespace sd::flood::subgrid

namespace sd::flood::detail {
namespace {

// Segment of the volume table of cell c holding vbar > 0: k = the number of interior levels
// at or below vbar (the table is non-decreasing: sums of non-decreasing terms), branch-free;
// above the top level every valid pixel is wet (with one pixel, span 0 and frac 1, the head
// is then exactly vbar: the ordinary solver's depth).
HeadSegment find_head_segment(const subgrid::SolverTables& t, std::size_t c, double vbar) {
  const int L = t.levels;
  const double* v = t.cell_vol.data() + c * static_cast<std::size_t>(L);
  const double span = t.cell_span[c];
  HeadSegment s;
  if (vbar >= v[L - 1]) {
    s.lo = v[L - 1];
    s.hi = std::numeric_limits<double>::infinity();
    s.base = span;
    s.scale = 1.0 / t.cell_frac[c];
    s.wf = static_cast<float>(t.cell_frac[c]);
    return s;
  }
  int k = 0;
  for (int l = 1; l < L - 1; ++l) k += v[l] <= vbar ? 1 : 0;
  // v[k] <= vbar < v[k + 1], so the segment has a positive width.
  const double step = span / (L - 1);
  s.lo = v[k];
  s.hi = v[k + 1];
  s.base = step * k;
  s.scale = step / (s.hi - s.lo);
  s.wf = static_cast<float>((s.hi - s.lo) / step);
  return s;
}

}  // namespace
}  // namespace sd::flood::detail

namespace sd::flood::subgrid {

double cell_head(const SolverTables& t, std::size_t c, double vbar) {
  if (!(vbar > 0.0)) return 0.0;
  const detail::HeadSegment s = detail::find_head_segment(t, c, vbar);
  return s.base + (vbar - s.lo) * s.scale;
}

double cell_vbar(const SolverTables& t, std::size_t c, double d) {
  if (!(d > 0.0)) return 0.0;
  const int L = t.levels;
  const double* v = t.cell_vol.data() + c * static_cast<std::size_t>(L);
  const double span = t.cell_span[c];
  if (d >= span) return v[L - 1] + (d - span) * t.cell_frac[c];
  const double x = d / span * (L - 1);
  const int k = std::min(static_cast<int>(x), L - 2);
  return v[k] + (x - k) * (v[k + 1] - v[k]);
}

double cell_wet_fraction(const SolverTables& t, std::size_t c, double d) {
  if (!(d > 0.0)) return 0.0;
  const double span = t.cell_span[c];
  if (d >= span) return t.cell_frac[c];
  const int L = t.levels;
  const double step = span / (L - 1);
  const int k = std::min(static_cast<int>(d / step), L - 2);
  const double* v = t.cell_vol.data() + c * static_cast<std::size_t>(L);
  return (v[k + 1] - v[k]) / step;
}

std::vector<float> hydraulic_dem(const SolverTables& t, const std::vector<float>& fine) {
  const auto n = static_cast<std::size_t>(t.nx) * static_cast<std::size_t>(t.ny) *
                 static_cast<std::size_t>(t.ratio) * static_cast<std::size_t>(t.ratio);
  if (fine.size() != n)
    throw std::invalid_argument("sub-grid tables: the fine DEM does not match the tables' grid");
  std::vector<float> out = fine;
  for (std::size_t k = 0; k < t.walled_pixel.size(); ++k) out[t.walled_pixel[k]] = t.walled_rim[k];
  return out;
}

std::vector<float> downscale_heads(const SolverTables& t, const std::vector<float>& head,
                                   const std::vector<float>& fine) {
  if (t.walled_pixel.empty())
    return downscale_above(t.cell_zlo, head, t.nx, t.ny, t.ratio, fine, &t.fx.zlo, &t.fy.zlo);
  return downscale_above(t.cell_zlo, head, t.nx, t.ny, t.ratio, hydraulic_dem(t, fine), &t.fx.zlo,
                         &t.fy.zlo);
}

}  // namespace sd::flood::subgrid

namespace sd::flood::detail {
namespace {

// One sub-grid face: l/r the cells on the negative/positive side, k the face's index in the
// row view f. Reads the face's cached table segment (SubgridFaces::seg), not the table: the
// face level moves little per step, and streaming every face's whole table through the cache
// each step was most of the sub-grid flux's cost. Where the table is used and the level has
// left the cached segment s_c, seg[k] becomes ~s (negative: the segment s to load) and the
// caller loads it and calls again (redo_missed_faces). The result is a pure function of the
// segment's table values, so it does not depend on the cache's history. Branch-free (the
// table and the above-the-top depth are both formed, one is selected) so the sweeps
// vectorise like the ordinary kernel.
inline float subgrid_face_q(double dl, double dr, double vl, double vr, float zl, float zr,
                            const SubgridFaces& f, int k, float q0, float qc, const FaceConst& c) {
  const float zf = f.z[k];
  // Water above the face bottom from each side; written as the ordinary face_q writes
  // h_f, so one pixel per cell (zf = max(zl, zr)) gives the same bits.
  const float al = static_cast<float>(dl) - (zf - zl), ar = static_cast<float>(dr) - (zf - zr);
  const float hx = al > ar ? al : ar;
  const float x = hx * f.inv_step[k];
  const float top = static_cast<float>(f.levels - 2);
  // s = min(int(x), L - 2) wherever the table is used (hx > 0); |x| keeps the unused ones in
  // range without a constant arm (a select against 0 made the compiler branch).
  const float xa = std::fabs(x);
  const int s = static_cast<int>(xa < top ? xa : top);
  const int sc = f.seg[k];
  const float w = x - static_cast<float>(sc);
  // Every open strip wet (always, for one strip). Loads before the selects: a load under a
  // condition is control flow the vectoriser does not if-convert.
  const float span = f.span[k], open = f.open[k], zm_off = f.zm_off[k], ntop2 = f.ntop2[k];
  const bool above = hx >= span;
  const float h_top = open * (hx - zm_off), h_tab = f.h0[k] + w * f.dh[k];
  const float n_tab = f.n0[k] + w * f.dn[k];
  const float hm = above ? h_top : h_tab;
  const float n2 = above ? ntop2 : n_tab;
  // Surface difference in double, as the ordinary kernel (still water stays exactly still).
  const float deta = static_cast<float>((dr - dl) + (static_cast<double>(zr) - zl));
  const float q = limit_to_donor(inertial_q(hm, deta, q0, qc, n2, c), static_cast<float>(vl),
                                 static_cast<float>(vr), c);
  f.seg[k] = hx > 0.0f && !above && s != sc ? ~s : sc;
  return hx > 0.0f ? q : 0.0f;
}

// The face tables and segment caches from face `first` on (one row's faces).
SubgridFaces row_view(const SubgridFaces& f, std::ptrdiff_t first) {
  SubgridFaces r = f;
  for (const float** p : {&r.z, &r.span, &r.inv_step, &r.open, &r.zm_off, &r.ntop2}) *p += first;
  r.hm += first * f.levels;
  r.n2e += first * f.levels;
  r.seg += first;
  for (float** p : {&r.h0, &r.dh, &r.n0, &r.dn}) *p += first;
  return r;
}

// After a sweep that found levels outside their cached segments (seg < 0; rare: levels move
// little per step): load those segments (h1 - h0 as the lerp forms it) and compute those faces
// again; face(i) as in the sweep.
template <class Face>
void redo_missed_faces(const SubgridFaces& f, int i0, int i1, float* q, const Face& face) {
  for (int i = i0; i < i1; ++i) {
    if (f.seg[i] >= 0) continue;
    const int s = ~f.seg[i];
    const std::ptrdiff_t at = static_cast<std::ptrdiff_t>(i) * f.levels + s;
    f.seg[i] = s;
    f.h0[i] = f.hm[at];
    f.dh[i] = f.hm[at + 1] - f.hm[at];
    f.n0[i] = f.n2e[at];
    f.dn[i] = f.n2e[at + 1] - f.n2e[at];
    q[i] = face(i);
  }
}

// Faces [i0, i1) of one row (view f): one vectorised sweep over the cached segments, then the
// faces whose level left its segment. Always inlined, so the loop is compiled for the
// caller's target clone.
template <class Face>
[[gnu::always_inline]] inline void sweep_faces(const SubgridFaces& f, int i0, int i1,
                                               float* __restrict q, const Face& face) {
  int any = 0;
#pragma omp simd reduction(| : any)
  for (int i = i0; i < i1; ++i) {
    q[i] = face(i);
    any |= f.seg[i] < 0 ? 1 : 0;
  }
  if (any) redo_missed_faces(f, i0, i1, q, face);
}

template <bool kTheta>
__attribute__((target_clones("avx512f", "avx2", "default"))) void subgrid_flux_x_impl(
    int j, int i0, int i1, const FaceParams& p, const SubgridFaces& f, const double* d,
    const double* v, const float* z, float* __restrict qx, const float* __restrict qo) {
  const int nx = p.nx;
  const FaceConst c = face_const(p);
  const std::ptrdiff_t s = static_cast<std::ptrdiff_t>(j) * nx;
  const std::ptrdiff_t fs = static_cast<std::ptrdiff_t>(j) * (nx + 1);
  const SubgridFaces ft = row_view(f, fs);
  const double* dr = d + s;
  const double* vr = v + s;
  const float* zr = z + s;
  const float* o = qo + fs;
  float* __restrict q = qx + fs;
  auto face = [&](int i) __attribute__((always_inline)) {
    const float q0 = o[i];
    float qc = q0;
    if constexpr (kTheta) qc = c.theta * o[i] + c.half_1m_theta * (o[i - 1] + o[i + 1]);
    return subgrid_face_q(dr[i - 1], dr[i], vr[i - 1], vr[i], zr[i - 1], zr[i], ft, i, q0, qc, c);
  };
  sweep_faces(ft, i0, i1, q, face);
}

template <bool kTheta>
__attribute__((target_clones("avx512f", "avx2", "default"))) void subgrid_flux_y_impl(
    int j, int i0, int i1, const FaceParams& p, const SubgridFaces& f, const double* d,
    const double* v, const float* z, float* __restrict qy, const float* __restrict qo) {
  const int nx = p.nx;
  const FaceConst c = face_const(p);
  const std::ptrdiff_t s = static_cast<std::ptrdiff_t>(j) * nx, nrow = s - nx;
  const SubgridFaces ft = row_view(f, s);
  const float* on = qo + s - nx;
  const float* oc = qo + s;
  const float* os = qo + s + nx;
  float* __restrict q = qy + s;
  auto face = [&](int i) __attribute__((always_inline)) {
    const float q0 = oc[i];
    float qc = q0;
    if constexpr (kTheta) qc = c.theta * oc[i] + c.half_1m_theta * (on[i] + os[i]);
    return subgrid_face_q(d[nrow + i], d[s + i], v[nrow + i], v[s + i], z[nrow + i], z[s + i], ft,
                          i, q0, qc, c);
  };
  sweep_faces(ft, i0, i1, q, face);
}

}  // namespace

void subgrid_flux_x_span(int j, int i0, int i1, const FaceParams& p, const SubgridFaces& f,
                         const double* d, const double* v, const float* z, float* qx,
                         const float* qo) {
  if (p.theta < 1.0f)
    subgrid_flux_x_impl<true>(j, i0, i1, p, f, d, v, z, qx, qo);
  else
    subgrid_flux_x_impl<false>(j, i0, i1, p, f, d, v, z, qx, qo);
}

void subgrid_flux_y_span(int j, int i0, int i1, const FaceParams& p, const SubgridFaces& f,
                         const double* d, const double* v, const float* z, float* qy,
                         const float* qo) {
  if (p.theta < 1.0f)
    subgrid_flux_y_impl<true>(j, i0, i1, p, f, d, v, z, qy, qo);
  else
    subgrid_flux_y_impl<false>(j, i0, i1, p, f, d, v, z, qy, qo);
}

namespace {

// One sweep over cells [c0, c1): the heads of cells whose volume is in their cached segment
// (branch-free, vectorised), 0 for dry cells; for the others a head from the stale segment,
// which the caller replaces. Returns 1 when there are such cells. (The row max is taken in a
// separate sweep: fused with this loop's | reduction, GCC 12's AVX-512 clone lost part of a
// max reduction; test CachedHeadSegmentsGiveTheTableInverse.)
template <bool kWetFrac>
__attribute__((target_clones("avx512f", "avx2", "default"))) int head_sweep(
    std::size_t c0, std::size_t c1, const double* __restrict vbar, double* __restrict d,
    float* __restrict wetfrac, const double* __restrict lo, const double* __restrict hi,
    const double* __restrict base, const double* __restrict scale, const float* __restrict wf) {
  int any = 0;
#pragma omp simd reduction(| : any)
  for (std::size_t c = c0; c < c1; ++c) {
    const double v = vbar[c];
    const bool wet = v > 0.0;
    d[c] = wet ? base[c] + (v - lo[c]) * scale[c] : 0.0;
    if constexpr (kWetFrac) wetfrac[c] = wet ? wf[c] : 0.0f;
    any |= wet && !(lo[c] <= v && v < hi[c]) ? 1 : 0;
  }
  return any;
}

__attribute__((target_clones("avx512f", "avx2", "default"))) double span_max(
    const double* __restrict d, std::size_t c0, std::size_t c1) {
  std::int64_t m = 0;  // heads are >= 0: the max of their order bits (inertial_kernels.hpp)
#pragma omp simd reduction(max : m)
  for (std::size_t c = c0; c < c1; ++c) {
    const std::int64_t b = order_bits(d[c]);
    m = m > b ? m : b;
  }
  return std::bit_cast<double>(m);
}

}  // namespace

double subgrid_head_span(int j, int i0, int i1, const subgrid::SolverTables& t, const double* vbar,
                         double* d, float* wetfrac, HeadSegments& seg) {
  const std::size_t s = static_cast<std::size_t>(j) * static_cast<std::size_t>(t.nx);
  const std::size_t c0 = s + static_cast<std::size_t>(i0), c1 = s + static_cast<std::size_t>(i1);
  const int miss = wetfrac
                       ? head_sweep<true>(c0, c1, vbar, d, wetfrac, seg.lo.data(), seg.hi.data(),
                                          seg.base.data(), seg.scale.data(), seg.wf.data())
                       : head_sweep<false>(c0, c1, vbar, d, wetfrac, seg.lo.data(), seg.hi.data(),
                                           seg.base.data(), seg.scale.data(), seg.wf.data());
  // Cells whose volume left its segment (rare: levels move little per step): search their
  // tables, same formula.
  for (std::size_t c = c0; miss && c < c1; ++c) {
    const double v = vbar[c];
    if (!(v > 0.0) || (seg.lo[c] <= v && v < seg.hi[c])) continue;
    const HeadSegment g = find_head_segment(t, c, v);
    seg.lo[c] = g.lo;
    seg.hi[c] = g.hi;
    seg.base[c] = g.base;
    seg.scale[c] = g.scale;
    seg.wf[c] = g.wf;
    d[c] = g.base + (v - g.lo) * g.scale;
    if (wetfrac) wetfrac[c] = g.wf;
  }
  return span_max(d, c0, c1);
}

}  // namespace sd::flood::detail
