#include "flood/active_tiles.hpp"

#include <algorithm>

namespace sd::flood::detail {

void ActiveTiles::init(const Model& m, bool enabled) {
  enabled_ = enabled;
  const Grid& g = m.grid();
  const Options& o = m.options();
  nx_ = g.nx;
  ny_ = g.ny;
  ntx_ = (nx_ + kTile - 1) / kTile;
  nty_ = (ny_ + kTile - 1) / kTile;
  // Cells at most this deep are "dry" for the plan. Half of the smallest depth any face or
  // summary reacts to: below h_dry no face carries flux (so skipped faces are exactly 0), the
  // CFL celerity sqrt(g h) stays below the sqrt(g h_dry) floor of the step, and the summary
  // thresholds (ponding, duration, velocity) are not crossed.
  h_wet_ = 0.5 * std::min({static_cast<double>(o.h_dry), static_cast<double>(o.ponding_m),
                           static_cast<double>(o.duration_threshold_m),
                           static_cast<double>(o.velocity_min_depth_m)});
  const std::size_t nt = static_cast<std::size_t>(ntx_) * static_cast<std::size_t>(nty_);
  always_.assign(nt, 0);
  auto mark_cell = [&](std::size_t k) {
    const int i = static_cast<int>(k % static_cast<std::size_t>(nx_));
    const int j = static_cast<int>(k / static_cast<std::size_t>(nx_));
    always_[static_cast<std::size_t>(j / kTile) * ntx_ + static_cast<std::size_t>(i / kTile)] = 1;
  };
  const auto& spec = m.spec();
  for (const auto& in : spec.inflows) mark_cell(static_cast<std::size_t>(in.cell));
  for (const auto& of : spec.outfalls)
    if (of.cell >= 0) mark_cell(static_cast<std::size_t>(of.cell));
  for (const auto& br : spec.breaches) mark_cell(static_cast<std::size_t>(br.cell));
  for (const auto& gf : spec.gate_faults)
    if (gf.open) mark_cell(static_cast<std::size_t>(gf.inland_cell));
  // Edges that can let water in or out: their whole tile row / column of tiles.
  auto open = [&](Side s) {
    return spec.edges[static_cast<std::size_t>(s)].kind != Edge::Kind::Closed;
  };
  for (int tx = 0; tx < ntx_; ++tx) {
    if (open(Side::North)) always_[static_cast<std::size_t>(tx)] = 1;
    if (open(Side::South)) always_[static_cast<std::size_t>(nty_ - 1) * ntx_ + tx] = 1;
  }
  for (int ty = 0; ty < nty_; ++ty) {
    if (open(Side::West)) always_[static_cast<std::size_t>(ty) * ntx_] = 1;
    if (open(Side::East)) always_[static_cast<std::size_t>(ty) * ntx_ + ntx_ - 1] = 1;
  }
  wet_row_.assign(static_cast<std::size_t>(ny_) * ntx_, 0);
  for (auto* v :
       {&wet_, &active_, &fx_, &fy_, &xdirty_, &ydirty_, &touched_, &stat_, &xzero_, &yzero_})
    v->assign(nt, 0);
  for (auto* v : {&xf_, &xz_, &yf_, &yz_, &cells_, &stats_})
    v->assign(static_cast<std::size_t>(nty_), {});
}

void ActiveTiles::rescan(const std::vector<double>& h, bool reset_history) {
  for (int j = 0; j < ny_; ++j)
    for (int tx = 0; tx < ntx_; ++tx) {
      const int i0 = tx * kTile, i1 = std::min(nx_, i0 + kTile);
      const double* r = h.data() + static_cast<std::size_t>(j) * nx_;
      wet_row_[static_cast<std::size_t>(j) * ntx_ + tx] =
          std::any_of(r + i0, r + i1, [&](double v) { return v > h_wet_; }) ? 1 : 0;
    }
  if (reset_history) {
    // Face buffers may hold values from before a restore, and the summaries have not seen
    // the initial depths: zero and sample everything once.
    std::fill(xdirty_.begin(), xdirty_.end(), 2);
    std::fill(ydirty_.begin(), ydirty_.end(), 2);
    std::fill(touched_.begin(), touched_.end(), 1);
  }
}

void ActiveTiles::record_row(int j, const double* h) {
  const double* r = h + static_cast<std::size_t>(j) * nx_;
  std::uint8_t* w = wet_row_.data() + static_cast<std::size_t>(j) * ntx_;
  for (const Span& s : cells_[static_cast<std::size_t>(tr(j))])
    for (int i0 = s.i0; i0 < s.i1; i0 += kTile) {
      const int i1 = std::min(s.i1, i0 + kTile);
      // Stop at the first wet cell: a wet tile costs one comparison, not kTile.
      const double hw = h_wet_;
      int i = i0;
      while (i < i1 && !(r[i] > hw)) ++i;
      w[i0 / kTile] = i < i1 ? 1 : 0;
    }
}

void ActiveTiles::rain_tiles(const float* rain_ms, std::vector<std::uint8_t>& out) const {
  out.assign(static_cast<std::size_t>(ntx_) * nty_, 0);
  for (int j = 0; j < ny_; ++j)
    for (int i = 0; i < nx_; ++i)
      if (rain_ms[static_cast<std::size_t>(j) * nx_ + i] > 0.0f)
        out[static_cast<std::size_t>(j / kTile) * ntx_ + static_cast<std::size_t>(i / kTile)] = 1;
}

void ActiveTiles::plan(bool rain_everywhere, const std::vector<std::uint8_t>* rain_tile,
                       bool stats_now) {
  const std::size_t w = static_cast<std::size_t>(ntx_);
  for (int ty = 0; ty < nty_; ++ty)
    for (int tx = 0; tx < ntx_; ++tx) {
      std::uint8_t any = 0;
      const int j1 = std::min(ny_, (ty + 1) * kTile);
      for (int j = ty * kTile; j < j1; ++j) any |= wet_row_[static_cast<std::size_t>(j) * w + tx];
      wet_[static_cast<std::size_t>(ty) * w + tx] = any;
    }
  active_count_ = 0;
  for (int ty = 0; ty < nty_; ++ty)
    for (int tx = 0; tx < ntx_; ++tx) {
      const std::size_t t = static_cast<std::size_t>(ty) * w + tx;
      bool a =
          !enabled_ || rain_everywhere || always_[t] || wet_[t] || (rain_tile && (*rain_tile)[t]);
      a = a || (tx > 0 && wet_[t - 1]) || (tx + 1 < ntx_ && wet_[t + 1]) ||
          (ty > 0 && wet_[t - w]) || (ty + 1 < nty_ && wet_[t + w]);
      active_[t] = a ? 1 : 0;
      active_count_ += a ? 1 : 0;
    }
  for (std::size_t t = 0; t < active_.size(); ++t) {
    const std::size_t tx = t % w;
    // A face is computed when either cell's tile is: the tile owns its west and north faces.
    fx_[t] = active_[t] || (tx > 0 && active_[t - 1]);
    fy_[t] = active_[t] || (t >= w && active_[t - w]);
    // A face left out must read 0 in the buffer written this step, which still holds the
    // values of two steps ago: zero it on the first two steps it is left out.
    xzero_[t] = !fx_[t] && xdirty_[t] > 0;
    yzero_[t] = !fy_[t] && ydirty_[t] > 0;
    xdirty_[t] = fx_[t] ? 2 : static_cast<std::uint8_t>(xdirty_[t] - (xzero_[t] ? 1 : 0));
    ydirty_[t] = fy_[t] ? 2 : static_cast<std::uint8_t>(ydirty_[t] - (yzero_[t] ? 1 : 0));
    // Summaries: every cell that changed since the last sample.
    touched_[t] = touched_[t] || active_[t];
    stat_[t] = stats_now && touched_[t];
    if (stats_now) touched_[t] = 0;
  }
  build_spans();
}

namespace {
// Runs of consecutive flagged tiles in tile row ty, as index ranges [lo(tx0), hi(tx1)).
template <class Lo, class Hi>
void runs(const std::uint8_t* flag, int ntx, Lo lo, Hi hi, std::vector<Span>& out) {
  out.clear();
  for (int tx = 0; tx < ntx;) {
    if (!flag[tx]) {
      ++tx;
      continue;
    }
    const int t0 = tx;
    while (tx < ntx && flag[tx]) ++tx;
    const Span s{lo(t0), hi(tx - 1)};
    if (s.i1 > s.i0) out.push_back(s);
  }
}
}  // namespace

void ActiveTiles::build_spans() {
  const int T = kTile, nx = nx_;
  auto cell_lo = [&](int tx) { return tx * T; };
  auto cell_hi = [&](int tx) { return std::min(nx, (tx + 1) * T); };
  // Interior x faces 1..nx-1; tile tx owns faces [tx T, (tx+1) T) (its west faces).
  auto face_lo = [&](int tx) { return std::max(1, tx * T); };
  auto face_hi = [&](int tx) { return std::min(nx, (tx + 1) * T); };
  for (int ty = 0; ty < nty_; ++ty) {
    const std::size_t o = static_cast<std::size_t>(ty) * ntx_, u = static_cast<std::size_t>(ty);
    runs(fx_.data() + o, ntx_, face_lo, face_hi, xf_[u]);
    runs(xzero_.data() + o, ntx_, face_lo, face_hi, xz_[u]);
    runs(fy_.data() + o, ntx_, cell_lo, cell_hi, yf_[u]);
    runs(yzero_.data() + o, ntx_, cell_lo, cell_hi, yz_[u]);
    runs(active_.data() + o, ntx_, cell_lo, cell_hi, cells_[u]);
    runs(stat_.data() + o, ntx_, cell_lo, cell_hi, stats_[u]);
  }
}

}  // namespace sd::flood::detail
