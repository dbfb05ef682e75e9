#include "flood/flood_state.hpp"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <istream>
#include <limits>
#include <ostream>
#include <stdexcept>

#include "flood/active_tiles.hpp"
#include "flood/boundary_faces.hpp"
#include "flood/flux_repair.hpp"
#include "flood/inertial_kernels.hpp"
#include "flood/sources_sinks.hpp"
#include "flood/subgrid_inertial.hpp"
#include "flood/summary_kernel.hpp"

namespace sd::flood {
namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr double kMmphToMs = 1e-3 / 3600.0;

// The step toward a landing time `left` seconds ahead, given the CFL step: the remaining
// time split into equal steps no longer than the CFL step. The step then shrinks by at most
// one part in (steps left) as the landing time nears, instead of the abrupt halving to avoid
// a sliver that used to precede every landing: those jumps in dt destabilised theta = 1 and
// fed the lake-at-rest drift (issue 12).
double landing_step(double dt_cfl, double left) {
  if (left <= dt_cfl) return left;
  return left / std::ceil(left / dt_cfl);
}
}  // namespace

double Budget::error() const {
  const double net =
      rain - infiltration - drainage - pumped + delivered + inflow + boundary_in - boundary_out;
  return stored - initial - net;
}

double Budget::error_rel() const {
  const double scale = std::max({initial + rain + inflow + boundary_in + delivered, stored, 1e-12});
  return std::fabs(error()) / scale;
}

struct State::Impl {
  int threads = 1;
  // Rain window [t, win_end): the source's mean rate over it.
  double win_end = -1.0;
  double rain_uniform_ms = 0.0;
  bool rain_grid = false;
  double rain_sum_ms = 0.0;  // sum over active cells of the grid rate
  std::vector<float> rain_ms;
  std::vector<double> rain_total_m;  // per cell (grid rain)
  double rain_total_uniform_m = 0.0;
  std::vector<double> row_max, row_sum, row_min, row_cel;
  double cmax = 0.0;                    // max celerity after the last step (CFL)
  std::vector<float> qx_next, qy_next;  // double buffers: a step reads q, writes these
  std::vector<float> maxd, tmax, first, dur, maxv, hr;
  double next_stats = 0.0, last_stats = 0.0;
  SinkState sinks;
  BoundaryFaces bnd;
  std::vector<EdgeFlow> row_edge;  // W/E edge volumes per row, this step
  EdgeFlow edge_n, edge_s;
  detail::ActiveTiles tiles;
  std::vector<std::uint8_t> rain_tile;  // per tile: grid rain falls in this window
  std::vector<float> wetfrac;           // sub-grid with infiltration/drainage: per cell
  detail::HeadSegments seg;             // sub-grid: each cell's last volume-table segment
  detail::FaceSegments seg_x, seg_y;    // sub-grid: each face's last table segment
  bool rescan_history = true;           // before the first step and after a restore
};

State::State(ModelPtr model) : impl_(std::make_unique<Impl>()), model_(std::move(model)) {
  const Grid& g = model_->grid();
  const std::size_t n = g.size();
  auto& I = *impl_;
  const int req = model_->options().threads;
  const long per = std::max(1, model_->options().min_cells_per_thread);
  const long cap = std::max(1L, std::min(static_cast<long>(n) / per, static_cast<long>(g.ny)));
  I.threads = static_cast<int>(std::min<long>(req > 0 ? req : omp_get_max_threads(), cap));
  h_.assign(n, 0.0);
  qx_.assign(static_cast<std::size_t>(g.nx + 1) * static_cast<std::size_t>(g.ny), 0.0f);
  qy_.assign(static_cast<std::size_t>(g.nx) * static_cast<std::size_t>(g.ny + 1), 0.0f);
  I.row_max.assign(static_cast<std::size_t>(g.ny), 0.0);
  I.row_sum.assign(static_cast<std::size_t>(g.ny), 0.0);
  I.row_min.assign(static_cast<std::size_t>(g.ny), 0.0);
  I.row_cel.assign(static_cast<std::size_t>(g.ny), 0.0);
  I.row_edge.assign(static_cast<std::size_t>(g.ny), EdgeFlow{});
  I.qx_next = qx_;
  I.qy_next = qy_;
  I.maxd.assign(n, 0.0f);
  I.tmax.assign(n, 0.0f);
  I.first.assign(n, kNaN);
  I.dur.assign(n, 0.0f);
  I.maxv.assign(n, 0.0f);
  I.hr.assign(n, 0.0f);
  I.sinks.init(*model_);
  I.bnd.init(*model_);
  I.tiles.init(*model_, model_->options().skip_dry_tiles);
  if (model_->subgrid()) {
    head_.assign(n, 0.0);
    I.seg.init(n);
    I.seg_x.init(qx_.size());
    I.seg_y.init(qy_.size());
    if (model_->has_infiltration() || !model_->drain_groups().empty()) I.wetfrac.assign(n, 0.0f);
  }
}

double State::update_heads() {
  const auto& t = *model_->subgrid();
  auto& I = *impl_;
  const int ny = model_->grid().ny, nx = model_->grid().nx;
  float* wf = I.wetfrac.empty() ? nullptr : I.wetfrac.data();
#pragma omp parallel for schedule(static) num_threads(I.threads)
  for (int j = 0; j < ny; ++j) {
    const double m = detail::subgrid_head_span(j, 0, nx, t, h_.data(), head_.data(), wf, I.seg);
    I.row_max[static_cast<std::size_t>(j)] = m;
  }
  double hm = 0.0;
  for (double v : I.row_max) hm = std::max(hm, v);
  return hm;
}

State::~State() = default;

int State::threads() const {
  return impl_->threads;
}

void State::set_rain(const RainSource* rain) {
  rain_ = rain;
  impl_->win_end = -1.0;  // re-evaluate at the next step
}

void State::set_depth(const std::vector<float>& d) {
  if (steps_ != 0) throw std::logic_error("flood State: set_depth only before the first step");
  if (d.size() != h_.size())
    throw std::invalid_argument("flood State: initial depth has wrong size");
  const auto& act = model_->active();
  for (std::size_t k = 0; k < h_.size(); ++k)
    h_[k] = act[k] && std::isfinite(d[k]) && d[k] > 0 ? static_cast<double>(d[k]) : 0.0;
  hmax_ = *std::max_element(h_.begin(), h_.end());
  budget_.initial = budget_.stored = 0.0;
  for (double v : h_) budget_.initial += v;
  budget_.initial *= model_->grid().cell_area();
  budget_.stored = budget_.initial;
  if (model_->subgrid()) hmax_ = update_heads();
}

void State::set_pump_available(std::size_t pump, bool available) {
  impl_->sinks.pump_on.at(pump) = available ? 1 : 0;
}
bool State::pump_available(std::size_t pump) const {
  return impl_->sinks.pump_on.at(pump) != 0;
}

void State::advance_to(double t_end) {
  if (!(t_end > t_)) return;
  const auto wall0 = std::chrono::steady_clock::now();
  const Model& M = *model_;
  const Grid& g = M.grid();
  const Options& o = M.options();
  auto& I = *impl_;
  const int nx = g.nx, ny = g.ny;
  const double dx = g.cell, area = g.cell_area();
  const auto& act = M.active();

  detail::FaceParams fp;
  fp.nx = nx;
  fp.ny = ny;
  fp.g = static_cast<float>(o.g);
  fp.dx = static_cast<float>(dx);
  fp.h_dry = o.h_dry;
  fp.n2 = M.spec().manning_uniform * M.spec().manning_uniform;
  fp.n2_cell = M.n2().empty() ? nullptr : M.n2().data();
  fp.theta = static_cast<float>(o.theta);
  // Sub-grid: faces, edges, tiles and summaries see the head above each cell's lowest pixel;
  // continuity still updates h_ (volume per cell area).
  const subgrid::SolverTables* sgt = M.subgrid();
  detail::SubgridFaces sfx, sfy;
  if (sgt) {
    auto view = [&](const subgrid::SolverTables::Faces& f, bool x) {
      return detail::SubgridFaces{M.subgrid_face_z(x).data(),
                                  f.span.data(),
                                  f.inv_step.data(),
                                  f.open.data(),
                                  f.zm_off.data(),
                                  f.ntop2.data(),
                                  f.hm.data(),
                                  f.n2e.data(),
                                  sgt->levels};
    };
    sfx = view(sgt->fx, true);
    sfy = view(sgt->fy, false);
    I.seg_x.attach(sfx);
    I.seg_y.attach(sfy);
  }
  const std::vector<double>& lev_v = sgt ? head_ : h_;
  const double* lev = lev_v.data();
  float* wetfrac = I.wetfrac.empty() ? nullptr : I.wetfrac.data();
  const bool sinks_on = SinkState::active(M);
  I.tiles.rescan(lev_v, I.rescan_history);
  I.rescan_history = false;

  while (t_ < t_end) {
    // 1. Rain window: a mean rate over [t, win_end), win_end on the source's breaks.
    //    Without a rain source there is no window: steps need not land on refresh times.
    if (!rain_) {
      I.win_end = kInf;
      I.rain_uniform_ms = 0.0;
      I.rain_grid = false;
    } else if (t_ >= I.win_end) {
      const double w1 = std::min({t_ + o.rain_refresh_s, t_end, rain_->next_break(t_)});
      I.win_end = w1;
      I.rain_uniform_ms = 0.0;
      I.rain_grid = !rain_->uniform();
      if (rain_->uniform()) {
        I.rain_uniform_ms = rain_->uniform_mmph(t_, w1) * kMmphToMs;
        I.rain_total_uniform_m += I.rain_uniform_ms * (w1 - t_);
      } else if (I.rain_grid) {
        I.rain_ms.resize(h_.size());
        I.rain_total_m.resize(h_.size(), 0.0);
        rain_->fill_mmph(t_, w1, I.rain_ms.data());
        double s = 0.0;
        for (std::size_t k = 0; k < h_.size(); ++k) {
          const float r =
              act[k] && std::isfinite(I.rain_ms[k]) ? std::max(I.rain_ms[k], 0.0f) : 0.0f;
          I.rain_ms[k] = static_cast<float>(r * kMmphToMs);
          s += I.rain_ms[k];
          I.rain_total_m[k] += static_cast<double>(I.rain_ms[k]) * (w1 - t_);
        }
        I.rain_sum_ms = s;
        I.tiles.rain_tiles(I.rain_ms.data(), I.rain_tile);
      }
    }
    // 2. Adaptive step (Bates et al. 2010, eq. 12), landing exactly on the window end.
    const double hcfl =
        std::max({hmax_, I.bnd.max_ghost_depth(M, t_), static_cast<double>(o.h_dry)});
    const double cel = std::max(std::sqrt(o.g * hcfl), I.cmax);
    const double land = std::min(I.win_end, t_end);
    const double dt = landing_step(std::min(o.cfl * dx / cel, o.dt_max), land - t_);
    const double t_new = dt == land - t_ ? land : t_ + dt;
    fp.dt = static_cast<float>(dt);
    // 3. One fused sweep per thread over its block of rows: momentum for row j (x faces, the
    //    y faces to row j-1, edge faces), then continuity + rain and the summary rasters for
    //    row j-1, whose fluxes are now all known, while its data is still in cache. The y faces
    //    on block tops and the N/S edges are computed first, from the depths before the step.
    //    Every flux uses only pre-step depths, so the result does not depend on the partition.
    const double dtdx = dt / dx;
    const double rain_m = I.rain_uniform_ms * dt;
    const float* rain_grid = I.rain_grid ? I.rain_ms.data() : nullptr;
    double* h = h_.data();
    const float* qxo = qx_.data();
    const float* qyo = qy_.data();
    float* qx = I.qx_next.data();
    float* qy = I.qy_next.data();
    const float* z = M.z_rel().data();
    const bool stats_now = t_new >= I.next_stats || t_new >= t_end;
    detail::SummaryParams sp;
    sp.nx = nx;
    sp.t = static_cast<float>(t_new);
    sp.span = static_cast<float>(t_new - I.last_stats);
    sp.pond = o.ponding_m;
    sp.thr = o.duration_threshold_m;
    sp.vmin = o.velocity_min_depth_m;
    const std::uint8_t* dcl =
        M.spec().debris_class.empty() ? nullptr : M.spec().debris_class.data();
    const detail::SummaryRow sum_out{I.maxd.data(), I.tmax.data(), I.first.data(),
                                     I.dur.data(),  I.maxv.data(), I.hr.data()};
    I.bnd.begin_step(M, t_, dt);
    I.tiles.plan(I.rain_uniform_ms > 0.0, I.rain_grid ? &I.rain_tile : nullptr, stats_now);
    const auto& tl = I.tiles;
    auto x_faces = [&](int j) {
      for (const auto& s : tl.x_faces(j)) {
        if (sgt)
          detail::subgrid_flux_x_span(j, s.i0, s.i1, fp, sfx, lev, h, z, qx, qxo);
        else
          detail::flux_x_span(j, s.i0, s.i1, fp, h, z, qx, qxo);
      }
      float* row = qx + static_cast<std::ptrdiff_t>(j) * (nx + 1);
      for (const auto& s : tl.x_zero(j)) std::fill(row + s.i0, row + s.i1, 0.0f);
    };
    auto y_faces = [&](int j) {
      for (const auto& s : tl.y_faces(j)) {
        if (sgt)
          detail::subgrid_flux_y_span(j, s.i0, s.i1, fp, sfy, lev, h, z, qy, qyo);
        else
          detail::flux_y_span(j, s.i0, s.i1, fp, h, z, qy, qyo);
      }
      float* row = qy + static_cast<std::ptrdiff_t>(j) * nx;
      for (const auto& s : tl.y_zero(j)) std::fill(row + s.i0, row + s.i1, 0.0f);
    };
    detail::CellParams cp;
    cp.nx = nx;
    cp.dt_over_dx = dtdx;
    cp.dt = dt;
    cp.rain_m = rain_grid ? 0.0 : rain_m;
    cp.rain_ms = rain_grid;
    cp.g = static_cast<float>(o.g);
    cp.h_vel = o.velocity_min_depth_m;
    // Row j - 1's stats, extremes, tile flags and summaries once its continuity is done.
    auto close_row = [&](int r, const detail::RowStats& rs) {
      const auto ru = static_cast<std::size_t>(r);
      I.row_max[ru] = rs.hmax;
      I.row_min[ru] = rs.hmin;
      I.row_cel[ru] = rs.cmax;
      I.tiles.record_row(r, lev);
      for (const auto& s : tl.stats(r))
        detail::summary_span(r, s.i0, s.i1, sp, lev, qx, qy, dcl, sum_out);
    };
    auto finish_row = [&](int r) {
      detail::RowStats rs;
      for (const auto& s : tl.cells(r)) {
        const auto a = detail::update_span(r, s.i0, s.i1, cp, qx, qy, z, h);
        rs.hmax = std::max(rs.hmax, a.hmax);
        rs.hmin = std::min(rs.hmin, a.hmin);
        rs.cmax = std::max(rs.cmax, a.cmax);
        // Heads of the row right after its continuity, once no face still needs the old ones.
        if (sgt) {
          const double hd =
              detail::subgrid_head_span(r, s.i0, s.i1, *sgt, h, head_.data(), wetfrac, I.seg);
          rs.hmax = std::max(rs.hmax, hd);
        }
      }
      close_row(r, rs);
    };
    // Rows whose every x and y face is computed (fully wet, or the dense sweep) take the
    // one-pass face kernel: the same bits as x_faces + y_faces (faces_row).
    auto whole = [](const std::vector<detail::Span>& v, int i0, int i1) {
      return v.size() == 1 && v[0].i0 == i0 && v[0].i1 == i1;
    };
    auto fusable = [&](int j) {
      return !sgt && nx > 1 && whole(tl.x_faces(j), 1, nx) && whole(tl.y_faces(j), 0, nx) &&
             tl.x_zero(j).empty() && tl.y_zero(j).empty();
    };
#pragma omp parallel num_threads(I.threads)
    {
      const long nth = omp_get_num_threads(), tid = omp_get_thread_num();
      const int j0 = static_cast<int>(ny * tid / nth), j1 = static_cast<int>(ny * (tid + 1) / nth);
      if (j0 > 0 && j0 < j1) y_faces(j0);
      if (tid == 0) I.edge_n = I.bnd.apply_side(M, 0, dt, lev_v, qyo, qy);
      if (tid == nth - 1) I.edge_s = I.bnd.apply_side(M, 2, dt, lev_v, qyo, qy);
#pragma omp barrier
      for (int j = j0; j < j1; ++j) {
        if (j > j0 && fusable(j)) {
          detail::faces_row(j, fp, h, z, qxo, qyo, qx, qy);
          I.row_edge[static_cast<std::size_t>(j)] = I.bnd.apply_row(M, j, dt, lev_v, qxo, qx);
          finish_row(j - 1);
          continue;
        }
        x_faces(j);
        if (j > j0) y_faces(j);
        I.row_edge[static_cast<std::size_t>(j)] = I.bnd.apply_row(M, j, dt, lev_v, qxo, qx);
        if (j > j0) finish_row(j - 1);
      }
      if (j0 < j1) finish_row(j1 - 1);
    }
    qx_.swap(I.qx_next);
    qy_.swap(I.qy_next);
    for (const EdgeFlow* f : {&I.edge_n, &I.edge_s}) {
      budget_.boundary_in += f->in;
      budget_.boundary_out += f->out;
    }
    for (const EdgeFlow& f : I.row_edge) {
      budget_.boundary_in += f.in;
      budget_.boundary_out += f.out;
    }
    budget_.rain +=
        (I.rain_grid ? I.rain_sum_ms : I.rain_uniform_ms * static_cast<double>(M.active_cells())) *
        dt * area;
    double hm = 0.0;
    I.cmax = 0.0;
    for (double v : I.row_max) hm = std::max(hm, v);
    for (double v : I.row_cel) I.cmax = std::max(I.cmax, v);
    // Sub-grid: the repair and the sinks move volume, so the heads (and the wet fractions the
    // sinks use) follow; after the sinks every cell, as they act on films in skipped tiles.
    if (repair_negative_depths(M, dt, I.row_min, h_, qx_, qy_, budget_) > 0 && sgt)
      hm = std::max(hm, update_heads());
    // 4. Sinks and point sources: infiltration, drainage with flap gates, pumps, inflows.
    hm = std::max(hm, I.sinks.apply(M, t_, dt, I.threads, h_, budget_,
                                    {sgt ? head_.data() : nullptr, wetfrac}));
    if (sgt && sinks_on) hm = std::max(hm, update_heads());
    hmax_ = hm;
    t_ = t_new;
    ++steps_;
    if (stats_now) {
      I.last_stats = t_;
      I.next_stats = t_ + o.stats_interval_s;
    }
  }
  // Stored volume: an independent sum of the depths (checks the budget, not derived from it).
  for (int j = 0; j < ny; ++j) {
    double s = 0.0;
    const double* hr = h_.data() + static_cast<std::size_t>(j) * nx;
    for (int i = 0; i < nx; ++i) s += hr[i];
    I.row_sum[static_cast<std::size_t>(j)] = s;
  }
  double stored = 0.0;
  for (double s : I.row_sum) stored += s;
  budget_.stored = stored * area;
  wall_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
}

void State::depth_f32(float* out) const {
  const auto& act = model_->active();
  const auto& d = head();
  for (std::size_t k = 0; k < d.size(); ++k) out[k] = act[k] ? static_cast<float>(d[k]) : kNaN;
}

void State::velocity(float* vx, float* vy) const {
  const Grid& g = model_->grid();
  const auto& act = model_->active();
  const float vmin = model_->options().velocity_min_depth_m;
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const std::size_t k = g.index(i, j), fx = static_cast<std::size_t>(j) * (g.nx + 1) + i;
      const float d = static_cast<float>(h_[k]);
      if (!act[k]) {
        vx[k] = vy[k] = kNaN;
      } else if (d <= vmin) {
        vx[k] = vy[k] = 0.0f;
      } else {
        vx[k] = 0.5f * (qx_[fx] + qx_[fx + 1]) / d;
        vy[k] = -0.5f * (qy_[k] + qy_[k + static_cast<std::size_t>(g.nx)]) / d;  // +y north
      }
    }
}

const Summary& State::summary() const {
  const auto& I = *impl_;
  const auto& act = model_->active();
  auto masked = [&](const std::vector<float>& v) {
    std::vector<float> out(v);
    for (std::size_t k = 0; k < out.size(); ++k)
      if (!act[k]) out[k] = kNaN;
    return out;
  };
  summary_.max_depth = masked(I.maxd);
  summary_.time_of_max_depth = masked(I.tmax);
  summary_.first_above_ponding = masked(I.first);
  summary_.duration_above = masked(I.dur);
  summary_.max_velocity = masked(I.maxv);
  summary_.hazard_rating = masked(I.hr);
  summary_.total_rain_mm.assign(h_.size(), 0.0f);
  for (std::size_t k = 0; k < h_.size(); ++k) {
    const double m = I.rain_total_m.empty() ? I.rain_total_uniform_m : I.rain_total_m[k];
    summary_.total_rain_mm[k] = act[k] ? static_cast<float>(m * 1e3) : kNaN;
  }
  return summary_;
}

// ---- checkpoint -------------------------------------------------------------------------
namespace {
constexpr char kMagic[8] = {'S', 'D', 'F', 'L', 'D', 'C', 'K', '1'};

template <class T>
void put(std::ostream& os, const T& v) {
  os.write(reinterpret_cast<const char*>(&v), sizeof(T));
}
template <class T>
void put_vec(std::ostream& os, const std::vector<T>& v) {
  put(os, static_cast<std::uint64_t>(v.size()));
  os.write(reinterpret_cast<const char*>(v.data()),
           static_cast<std::streamsize>(v.size() * sizeof(T)));
}
template <class T>
void get(std::istream& is, T& v) {
  is.read(reinterpret_cast<char*>(&v), sizeof(T));
  if (!is) throw std::runtime_error("flood checkpoint: truncated");
}
template <class T>
void get_vec(std::istream& is, std::vector<T>& v, std::size_t max_size) {
  std::uint64_t n = 0;
  get(is, n);
  if (n > max_size) throw std::runtime_error("flood checkpoint: array larger than the grid");
  v.resize(static_cast<std::size_t>(n));
  is.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(T)));
  if (!is) throw std::runtime_error("flood checkpoint: truncated");
}
}  // namespace

void State::save(std::ostream& os) const {
  const auto& I = *impl_;
  const Grid& g = model_->grid();
  os.write(kMagic, sizeof kMagic);
  put(os, g.nx);
  put(os, g.ny);
  put(os, t_);
  put(os, steps_);
  put(os, hmax_);
  put(os, I.cmax);
  put(os, budget_);
  put(os, I.win_end);
  put(os, I.rain_uniform_ms);
  put(os, static_cast<std::uint8_t>(I.rain_grid));
  put(os, I.rain_sum_ms);
  put(os, I.rain_total_uniform_m);
  put(os, I.next_stats);
  put(os, I.last_stats);
  put_vec(os, h_);
  put_vec(os, qx_);
  put_vec(os, qy_);
  put_vec(os, I.rain_ms);
  put_vec(os, I.rain_total_m);
  for (const auto* v : {&I.maxd, &I.tmax, &I.first, &I.dur, &I.maxv, &I.hr}) put_vec(os, *v);
  put_vec(os, I.sinks.infiltrated);
  put_vec(os, I.sinks.pump_on);
  if (!os) throw std::runtime_error("flood checkpoint: write failed");
}

void State::restore(std::istream& is) {
  auto& I = *impl_;
  const Grid& g = model_->grid();
  char magic[8];
  is.read(magic, sizeof magic);
  if (!is || std::memcmp(magic, kMagic, sizeof magic) != 0)
    throw std::runtime_error("flood checkpoint: not a stormdrill flood checkpoint");
  int nx = 0, ny = 0;
  get(is, nx);
  get(is, ny);
  if (nx != g.nx || ny != g.ny)
    throw std::runtime_error("flood checkpoint: grid " + std::to_string(nx) + "x" +
                             std::to_string(ny) + " does not match the model's " +
                             std::to_string(g.nx) + "x" + std::to_string(g.ny));
  std::uint8_t rg = 0;
  get(is, t_);
  get(is, steps_);
  get(is, hmax_);
  get(is, I.cmax);
  get(is, budget_);
  get(is, I.win_end);
  get(is, I.rain_uniform_ms);
  get(is, rg);
  I.rain_grid = rg != 0;
  get(is, I.rain_sum_ms);
  get(is, I.rain_total_uniform_m);
  get(is, I.next_stats);
  get(is, I.last_stats);
  const std::size_t cap = (g.size() + static_cast<std::size_t>(g.nx + g.ny) + 1);
  get_vec(is, h_, cap);
  get_vec(is, qx_, cap);
  get_vec(is, qy_, cap);
  get_vec(is, I.rain_ms, cap);
  get_vec(is, I.rain_total_m, cap);
  for (auto* v : {&I.maxd, &I.tmax, &I.first, &I.dur, &I.maxv, &I.hr}) get_vec(is, *v, cap);
  get_vec(is, I.sinks.infiltrated, cap);
  get_vec(is, I.sinks.pump_on, model_->spec().pumps.size());
  if (h_.size() != g.size() || I.maxd.size() != g.size() ||
      qx_.size() != static_cast<std::size_t>(g.nx + 1) * g.ny ||
      qy_.size() != static_cast<std::size_t>(g.nx) * (g.ny + 1) ||
      I.sinks.pump_on.size() != model_->spec().pumps.size())
    throw std::runtime_error("flood checkpoint: array sizes do not match the model");
  // Faces a step never writes (closed edges) must read zero in both buffers.
  I.qx_next.assign(qx_.size(), 0.0f);
  I.qy_next.assign(qy_.size(), 0.0f);
  I.rescan_history = true;
  if (I.rain_grid) I.tiles.rain_tiles(I.rain_ms.data(), I.rain_tile);
  if (model_->subgrid()) update_heads();
}

}  // namespace sd::flood
