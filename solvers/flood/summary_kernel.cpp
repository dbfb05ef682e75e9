#include "flood/summary_kernel.hpp"

#include <cmath>
#include <cstddef>

namespace sd::flood::detail {
namespace {

// FD2320 debris factor (DEFRA/EA 2006, table 3.1), branch-free: 0 up to 0.25 m; 0.25-0.75 m:
// 0 pasture/arable, 0.5 woodland, 1 urban; above 0.75 m: 0.5 pasture/arable, 1 otherwise.
inline float debris(float d, unsigned cls) {
  const float mid = cls == 0u ? 0.0f : (cls == 1u ? 0.5f : 1.0f);
  const float deep = cls == 0u ? 0.5f : 1.0f;
  return d <= 0.25f ? 0.0f : (d <= 0.75f ? mid : deep);
}

template <bool kDebris>
__attribute__((target_clones("avx512f", "avx2", "default"))) void summary_impl(
    int j, int i0, int i1, const SummaryParams& p, const double* h, const float* qx,
    const float* qy, const std::uint8_t* dc, const SummaryRow& o) {
  const int nx = p.nx;
  const std::ptrdiff_t s = static_cast<std::ptrdiff_t>(j) * nx;
  const double* hr = h + s;
  const float* qw = qx + static_cast<std::ptrdiff_t>(j) * (nx + 1);
  const float* qn = qy + s;
  const float* qs = qy + s + nx;
  float* __restrict maxd = o.maxd + s;
  float* __restrict tmax = o.tmax + s;
  float* __restrict first = o.first + s;
  float* __restrict dur = o.dur + s;
  float* __restrict maxv = o.maxv + s;
  float* __restrict hzr = o.hr + s;
  const float t = p.t, span = p.span, pond = p.pond, thr = p.thr, vmin = p.vmin;
#pragma omp simd
  for (int i = i0; i < i1; ++i) {
    const float d = static_cast<float>(hr[i]);
    const bool deeper = d > maxd[i];
    maxd[i] = deeper ? d : maxd[i];
    tmax[i] = deeper ? t : tmax[i];
    const bool never = first[i] != first[i];  // NaN: not reached yet
    first[i] = (never && d >= pond) ? t : first[i];
    dur[i] += d > thr ? span : 0.0f;
    const float dd = d > vmin ? d : 1.0f;
    const float u = 0.5f * (qw[i] + qw[i + 1]) / dd;
    const float w = 0.5f * (qn[i] + qs[i]) / dd;
    const float v = d > vmin ? std::sqrt(u * u + w * w) : 0.0f;
    maxv[i] = v > maxv[i] ? v : maxv[i];
    const unsigned cls = kDebris ? dc[s + i] : 2u;
    const float rating = d > 0.0f ? d * (v + 0.5f) + debris(d, cls) : 0.0f;
    hzr[i] = rating > hzr[i] ? rating : hzr[i];
  }
}

}  // namespace

void summary_span(int j, int i0, int i1, const SummaryParams& p, const double* h, const float* qx,
                  const float* qy, const std::uint8_t* debris, const SummaryRow& out) {
  if (debris)
    summary_impl<true>(j, i0, i1, p, h, qx, qy, debris, out);
  else
    summary_impl<false>(j, i0, i1, p, h, qx, qy, nullptr, out);
}

}  // namespace sd::flood::detail
