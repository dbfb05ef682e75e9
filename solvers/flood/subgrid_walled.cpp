#include "flood/subgrid_walled.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

namespace sd::flood::subgrid {
namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

struct Box {
  int x0, y0, x1, y1;  // [x0, x1) x [y0, y1)
  int w() const { return x1 - x0; }
  int h() const { return y1 - y0; }
};

// Spill level of every pixel of window b (row-major in b), priority-flood from its border
// (Barnes et al. 2014). The priority queue is a bucket queue on levels quantised to
// kQuantumM (coarser when the window spans more than kBuckets quanta): pixels leave it in
// the order of their bucket, first in first out within one, so a spill level can exceed the
// exact one by less than a quantum; deterministic. No-data pixels and pixels enclosed by
// them stay +inf.
constexpr double kQuantumM = 1e-3;
constexpr int kBuckets = 65536;

struct Fill {
  std::vector<float> level;
  double quantum = kQuantumM;  // levels within a quantum of the pixel's own are not depressions
};

Fill window_fill(const std::vector<float>& z, int nfx, const Box& b) {
  const int w = b.w(), h = b.h();
  const std::size_t n = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
  std::vector<float> fill(n, kInf), zw(n);
  for (int j = 0; j < h; ++j)
    std::copy_n(z.data() + static_cast<std::size_t>(b.y0 + j) * nfx + b.x0, w,
                zw.data() + static_cast<std::size_t>(j) * w);
  float lo = kInf, hi = -kInf;
  for (float v : zw)
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (!(lo <= hi)) return {fill, kQuantumM};
  const double q = std::max(kQuantumM, (static_cast<double>(hi) - lo) / (kBuckets - 2));
  const int nb = static_cast<int>((static_cast<double>(hi) - lo) / q) + 2;
  std::vector<int> head(static_cast<std::size_t>(nb), -1), tail(head), next(n, -1);
  std::vector<std::uint8_t> seen(n, 0);
  auto push = [&](int k, float f) {
    fill[static_cast<std::size_t>(k)] = f;
    seen[static_cast<std::size_t>(k)] = 1;
    const auto bk = static_cast<std::size_t>((static_cast<double>(f) - lo) / q);
    if (tail[bk] < 0)
      head[bk] = k;
    else
      next[static_cast<std::size_t>(tail[bk])] = k;
    tail[bk] = k;
  };
  auto seed = [&](int k) {
    if (!seen[static_cast<std::size_t>(k)] && std::isfinite(zw[static_cast<std::size_t>(k)]))
      push(k, zw[static_cast<std::size_t>(k)]);
  };
  for (int i = 0; i < w; ++i) seed(i), seed((h - 1) * w + i);
  for (int j = 0; j < h; ++j) seed(j * w), seed(j * w + w - 1);
  for (std::size_t cur = 0; cur < static_cast<std::size_t>(nb);) {
    const int k = head[cur];
    if (k < 0) {
      ++cur;
      continue;
    }
    head[cur] = next[static_cast<std::size_t>(k)];
    if (head[cur] < 0) tail[cur] = -1;
    const float f = fill[static_cast<std::size_t>(k)];
    const int i = k % w, j = k / w;
    const int nb4[4] = {i > 0 ? k - 1 : -1, i + 1 < w ? k + 1 : -1, j > 0 ? k - w : -1,
                        j + 1 < h ? k + w : -1};
    for (int nq : nb4) {
      if (nq < 0 || seen[static_cast<std::size_t>(nq)]) continue;
      const float zq = zw[static_cast<std::size_t>(nq)];
      if (!std::isfinite(zq)) continue;  // no data: a wall
      push(nq, zq > f ? zq : f);         // inside a depression its spill level is f
    }
  }
  return {std::move(fill), q};
}

// Walled pixels of the cells of tile `in` (whole cells), from the fill of window `win`.
void classify_tile(const std::vector<float>& z, int nfx, int ratio, double wall_m, const Box& in,
                   const Box& win, const Fill& fl,
                   std::vector<std::pair<std::uint64_t, float>>& out) {
  auto at = [&](int i, int j) {
    return std::pair<float, float>{
        z[static_cast<std::size_t>(j) * nfx + static_cast<std::size_t>(i)],
        fl.level[static_cast<std::size_t>(j - win.y0) * win.w() +
                 static_cast<std::size_t>(i - win.x0)]};
  };
  for (int cy = in.y0; cy < in.y1; cy += ratio)
    for (int cx = in.x0; cx < in.x1; cx += ratio) {
      double open_lo = std::numeric_limits<double>::infinity();
      for (int j = cy; j < cy + ratio; ++j)
        for (int i = cx; i < cx + ratio; ++i) {
          const auto [zp, fp] = at(i, j);
          if (std::isfinite(zp) && fp <= zp + fl.quantum)
            open_lo = std::min(open_lo, static_cast<double>(zp));
        }
      if (!std::isfinite(open_lo)) continue;  // the whole cell is one depression: not walled
      for (int j = cy; j < cy + ratio; ++j)
        for (int i = cx; i < cx + ratio; ++i) {
          const auto [zp, fp] = at(i, j);
          if (std::isfinite(fp) && fp > zp + fl.quantum && fp > open_lo + wall_m)
            out.emplace_back(static_cast<std::uint64_t>(j) * nfx + static_cast<std::uint64_t>(i),
                             fp);
        }
    }
}

}  // namespace

WalledPixels find_walled_pixels(const std::vector<float>& z, int nfx, int nfy, int ratio,
                                double wall_m, int margin, int threads) {
  WalledPixels w;
  if (ratio <= 1) return w;
  const int tile = ratio * std::max(1, (256 + ratio - 1) / ratio);
  const int tx = (nfx + tile - 1) / tile, ty = (nfy + tile - 1) / tile;
  std::vector<std::vector<std::pair<std::uint64_t, float>>> found(static_cast<std::size_t>(tx) *
                                                                  ty);
  const int nth = threads > 0 ? threads : omp_get_max_threads();
#pragma omp parallel for schedule(dynamic, 1) num_threads(nth)
  for (int t = 0; t < tx * ty; ++t) {
    const Box in{(t % tx) * tile, (t / tx) * tile, std::min(nfx, (t % tx + 1) * tile),
                 std::min(nfy, (t / tx + 1) * tile)};
    const Box win{std::max(0, in.x0 - margin), std::max(0, in.y0 - margin),
                  std::min(nfx, in.x1 + margin), std::min(nfy, in.y1 + margin)};
    classify_tile(z, nfx, ratio, wall_m, in, win, window_fill(z, nfx, win),
                  found[static_cast<std::size_t>(t)]);
  }
  std::vector<std::pair<std::uint64_t, float>> all;
  for (auto& f : found) all.insert(all.end(), f.begin(), f.end());
  std::sort(all.begin(), all.end());
  w.pixel.reserve(all.size());
  w.rim.reserve(all.size());
  for (const auto& [p, r] : all) {
    w.pixel.push_back(p);
    w.rim.push_back(r);
  }
  return w;
}

}  // namespace sd::flood::subgrid
