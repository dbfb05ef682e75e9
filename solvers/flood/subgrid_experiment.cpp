#include "flood/subgrid_experiment.hpp"

#include <chrono>
#include <cmath>
#include <limits>

#include "flood/rain_source.hpp"
#include "flood/subgrid_downscale.hpp"
#include "flood/subgrid_inertial.hpp"

namespace sd::flood {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr float kArrivalM = 0.15f;

ModelSpec base_spec(const ExperimentSpec& s, int ratio) {
  ModelSpec m;
  const auto& t = s.terrain;
  m.grid = Grid{t.nx / ratio, t.ny / ratio, 0.0, t.ny * t.pixel_m, t.pixel_m * ratio};
  m.manning_uniform = s.manning;
  m.options.threads = s.threads;
  return m;
}

// Runs model m under the experiment's rain, sampling the downscaled depth at the points every
// sample_s, then downscales the max depth. zbed: level of each cell's bed (its lowest pixel
// with sub-grid tables), so the level is zbed + State::head(); crests: its faces' crests.
void run_case(const Experiment& e, ModelSpec m, const std::vector<float>& fine,
              const std::vector<double>& zbed, const std::vector<double>& crest_x,
              const std::vector<double>& crest_y, CaseResult& r) {
  const int nfx = e.spec.terrain.nx, n = static_cast<int>(e.points.size()), ratio = r.ratio;
  const Grid g = m.grid;
  State st(build_model(std::move(m)));
  const auto rain = UniformRain::block(e.spec.rain_mmph, e.spec.rain_hours);
  st.set_rain(&rain);
  r.arrival_s.assign(static_cast<std::size_t>(n), kNaN);
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<double> level(g.size());
  std::vector<std::uint8_t> wet(g.size());
  const subgrid::Surface surf{level, wet, g.nx, g.ny, ratio, &crest_x, &crest_y};
  for (double t = e.spec.sample_s; t <= e.spec.duration_s + 1e-9; t += e.spec.sample_s) {
    st.advance_to(std::min(t, e.spec.duration_s));
    for (std::size_t c = 0; c < level.size(); ++c) {
      wet[c] = st.head()[c] > 0.0;
      level[c] = zbed[c] + st.head()[c];
    }
    for (int k = 0; k < n; ++k) {
      auto& a = r.arrival_s[static_cast<std::size_t>(k)];
      const std::size_t p = e.points[static_cast<std::size_t>(k)];
      double zeta = 0;
      if (std::isnan(a) &&
          subgrid::downscaled_level(surf, static_cast<int>(p % static_cast<std::size_t>(nfx)),
                                    static_cast<int>(p / static_cast<std::size_t>(nfx)), zeta) &&
          zeta - fine[p] >= kArrivalM)
        a = st.time();
    }
  }
  r.solver_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.budget = st.budget();
  r.steps = st.steps();
  r.fine_max = subgrid::downscale_above(zbed, st.summary().max_depth, g.nx, g.ny, ratio, fine,
                                        &crest_x, &crest_y);
}

// Crests of the ordinary solver's faces: the higher bed; +inf on the domain edges.
void ordinary_crests(const std::vector<double>& z, int nx, int ny, std::vector<double>& cx,
                     std::vector<double>& cy) {
  const double inf = std::numeric_limits<double>::infinity();
  cx.assign(static_cast<std::size_t>(nx + 1) * ny, inf);
  cy.assign(static_cast<std::size_t>(nx) * (ny + 1), inf);
  auto at = [&](int i, int j) { return z[static_cast<std::size_t>(j) * nx + i]; };
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      if (i > 0) cx[static_cast<std::size_t>(j) * (nx + 1) + i] = std::max(at(i - 1, j), at(i, j));
      if (j > 0) cy[static_cast<std::size_t>(j) * nx + i] = std::max(at(i, j - 1), at(i, j));
    }
}

}  // namespace

std::vector<float> mean_bed(const std::vector<float>& fine, int nfx, int nfy, int ratio) {
  const int nx = nfx / ratio, ny = nfy / ratio;
  std::vector<float> out(static_cast<std::size_t>(nx) * ny);
  for (int J = 0; J < ny; ++J)
    for (int I = 0; I < nx; ++I) {
      double s = 0;
      int n = 0;
      for (int b = 0; b < ratio; ++b)
        for (int a = 0; a < ratio; ++a) {
          const float z = fine[static_cast<std::size_t>(J * ratio + b) * nfx + I * ratio + a];
          if (std::isfinite(z)) s += z, ++n;
        }
      out[static_cast<std::size_t>(J) * nx + I] =
          n ? static_cast<float>(s / n) : std::numeric_limits<float>::quiet_NaN();
    }
  return out;
}

Experiment run_reference(const ExperimentSpec& spec) {
  Experiment e;
  e.spec = spec;
  e.fine = street_terrain(spec.terrain);
  ModelSpec m = base_spec(spec, 1);
  m.bed = e.fine;
  m.options.dt_max = spec.dt_max_fine;
  State st(build_model(std::move(m)));
  const auto rain = UniformRain::block(spec.rain_mmph, spec.rain_hours);
  st.set_rain(&rain);
  const auto t0 = std::chrono::steady_clock::now();
  st.advance_to(spec.duration_s);
  auto& r = e.reference;
  r.solver_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.fine_max = st.summary().max_depth;
  r.budget = st.budget();
  r.steps = st.steps();
  // Points: pixels flooded 0.2-2 m deep (streets, underpasses, courtyards; not the channel),
  // evenly spaced in raster order.
  std::vector<std::size_t> cand;
  for (std::size_t p = 0; p < r.fine_max.size(); ++p)
    if (r.fine_max[p] >= 0.2f && r.fine_max[p] <= 2.0f) cand.push_back(p);
  for (int k = 0; k < spec.points && !cand.empty(); ++k)
    e.points.push_back(
        cand[(2 * k + 1) * cand.size() / (2 * static_cast<std::size_t>(spec.points))]);
  const auto& first = st.summary().first_above_ponding;
  for (std::size_t p : e.points) r.arrival_s.push_back(first[p]);
  return e;
}

CaseResult run_subgrid_case(const Experiment& e, int ratio) {
  const auto& t = e.spec.terrain;
  CaseResult r;
  r.ratio = ratio;
  const auto t0 = std::chrono::steady_clock::now();
  ModelSpec m = base_spec(e.spec, ratio);
  m.subgrid = subgrid::build_solver_tables(e.fine, t.nx, t.ny, t.pixel_m, ratio, {}, e.spec.manning,
                                           e.spec.levels, e.spec.threads);
  r.tables_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto tables = m.subgrid;
  run_case(e, std::move(m), subgrid::hydraulic_dem(*tables, e.fine), tables->cell_zlo,
           tables->fx.zlo, tables->fy.zlo, r);
  return r;
}

CaseResult run_coarse_case(const Experiment& e, int ratio) {
  const auto& t = e.spec.terrain;
  CaseResult r;
  r.ratio = ratio;
  ModelSpec m = base_spec(e.spec, ratio);
  m.bed = mean_bed(e.fine, t.nx, t.ny, ratio);
  const std::vector<double> zbed(m.bed.begin(), m.bed.end());
  std::vector<double> cx, cy;
  ordinary_crests(zbed, m.grid.nx, m.grid.ny, cx, cy);
  run_case(e, std::move(m), e.fine, zbed, cx, cy, r);
  return r;
}

}  // namespace sd::flood
