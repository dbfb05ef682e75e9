// Sub-grid local-inertial solver (issue 12 §2): one pixel per cell is the ordinary solver bit
// for bit, volume is conserved exactly, still water stays still over a sub-grid bed, and a
// sunken underpass pixel ponds long before the cell's mean depth rises.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "flood/flood_model.hpp"
#include "flood/flood_state.hpp"
#include "flood/rain_source.hpp"
#include "flood/subgrid_inertial.hpp"
#include "flood_fixtures.hpp"

namespace {
using namespace sd::flood;

std::vector<float> random_bed(int nx, int ny, unsigned seed, float lo, float hi) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(lo, hi);
  std::vector<float> z(static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny));
  for (float& v : z) v = u(rng);
  return z;
}

// The ordinary spec's bed and roughness as sub-grid tables of one pixel per cell.
ModelSpec as_subgrid(ModelSpec s, int ratio = 1) {
  const double fine_m = s.grid.cell / ratio;
  s.subgrid = subgrid::build_solver_tables(s.bed, s.grid.nx * ratio, s.grid.ny * ratio, fine_m,
                                           ratio, s.manning, s.manning_uniform);
  s.bed.clear();
  s.manning.clear();
  return s;
}

void expect_same_run(const ModelSpec& spec, const std::vector<float>& init, double t_end) {
  const auto rain = UniformRain::block(40.0, 0.2);
  State a(build_model(spec)), b(build_model(as_subgrid(spec)));
  for (State* st : {&a, &b}) {
    st->set_rain(&rain);
    st->set_depth(init);
    st->advance_to(t_end);
  }
  ASSERT_EQ(a.steps(), b.steps());
  std::size_t differ = 0;
  for (std::size_t k = 0; k < a.depth().size(); ++k) differ += a.depth()[k] != b.depth()[k];
  EXPECT_EQ(differ, 0u) << "cells whose depth is not bit-identical";
  for (std::size_t k = 0; k < a.qx().size(); ++k) ASSERT_EQ(a.qx()[k], b.qx()[k]) << k;
  const auto& sa = a.summary();
  const auto& sb = b.summary();
  for (std::size_t k = 0; k < sa.max_depth.size(); ++k) {
    if (std::isfinite(sa.max_depth[k])) {
      ASSERT_EQ(sa.max_depth[k], sb.max_depth[k]) << k;
    }
  }
  EXPECT_EQ(a.budget().stored, b.budget().stored);
  EXPECT_EQ(a.budget().infiltration, b.budget().infiltration);
}

TEST(FloodSubgrid, OnePixelPerCellIsTheOrdinarySolverBitForBit) {
  // Rough bed, holes (NaN), per-cell Manning, rain, infiltration, drainage, an open edge and
  // an initial pond, two threads and active tiles: every path of the step.
  const int nx = 70, ny = 40;
  ModelSpec s = sdt::flat_spec(nx, ny, 10.0);
  s.bed = random_bed(nx, ny, 3, 0.0f, 2.0f);
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) s.bed[s.grid.index(i, j)] += 0.02f * static_cast<float>(i);
  s.bed[s.grid.index(5, 5)] = std::nanf("");
  s.bed[s.grid.index(40, 20)] = std::nanf("");
  s.manning = random_bed(nx, ny, 4, 0.02f, 0.08f);
  s.infiltration_uniform_mmph = 5.0f;
  s.drainage_uniform_mmph = 8.0f;
  s.edges[static_cast<int>(Side::West)].kind = Edge::Kind::Open;
  s.options.threads = 2;
  s.options.min_cells_per_thread = 64;
  std::vector<float> init(s.grid.size(), 0.0f);
  for (int j = 10; j < 20; ++j)
    for (int i = 50; i < 60; ++i) init[s.grid.index(i, j)] = 1.5f;
  expect_same_run(s, init, 400.0);
  // Uniform roughness and theta = 1 (the other kernel variants).
  s.manning.clear();
  s.options.theta = 1.0;
  expect_same_run(s, init, 300.0);
}

// Street-like fine terrain: a flat plain at 1 m with raised blocks, a channel at 0 m.
std::vector<float> streets(int nfx, int nfy) {
  std::vector<float> z(static_cast<std::size_t>(nfx) * static_cast<std::size_t>(nfy), 1.0f);
  for (int j = 0; j < nfy; ++j)
    for (int i = 0; i < nfx; ++i) {
      float& v = z[static_cast<std::size_t>(j) * nfx + i];
      if (i % 12 >= 3 && j % 12 >= 3) v = 4.0f;        // blocks between 3-pixel streets
      if (i >= nfx / 2 - 1 && i <= nfx / 2) v = 0.0f;  // a channel running north-south
      v += 0.01f * static_cast<float>(j) / nfy;
    }
  return z;
}

TEST(FloodSubgrid, VolumeIsConservedExactly) {
  const int r = 6, nx = 12, ny = 10;
  ModelSpec s;
  s.grid = sd::Grid{nx, ny, 0.0, ny * 12.0, 12.0};
  s.subgrid =
      subgrid::build_solver_tables(streets(nx * r, ny * r), nx * r, ny * r, 2.0, r, {}, 0.03f);
  State st(build_model(s));
  const auto rain = UniformRain::block(80.0, 0.25);
  st.set_rain(&rain);
  st.advance_to(1200.0);
  const auto& b = st.budget();
  EXPECT_NEAR(b.rain, 0.08 * 0.25 * nx * ny * 144.0, 1e-6);
  EXPECT_LT(std::fabs(b.error()), 1e-9 * b.rain);
  EXPECT_NEAR(b.stored, b.rain, 1e-9 * b.rain);
  // The heads are the inverse of the stored volumes.
  const auto& t = *st.model().subgrid();
  for (std::size_t c = 0; c < st.depth().size(); ++c)
    EXPECT_NEAR(subgrid::cell_vbar(t, c, st.head()[c]), st.depth()[c], 1e-12);
}

TEST(FloodSubgrid, StillWaterStaysStillOnASubgridBed) {
  // Bumpy fine bed, cells of 5 x 5 pixels; level 0.6 m leaves some bumps dry (partly wet
  // cells and faces) and 3 m covers everything.
  const int r = 5, nx = 14, ny = 9;
  const auto fine = random_bed(nx * r, ny * r, 11, 0.0f, 0.9f);
  ModelSpec s;
  s.grid = sd::Grid{nx, ny, 0.0, ny * 10.0, 10.0};
  s.subgrid = subgrid::build_solver_tables(fine, nx * r, ny * r, 2.0, r, {}, 0.03f);
  for (double level : {0.6, 3.0}) {
    State st(build_model(s));
    const auto& t = *st.model().subgrid();
    std::vector<float> vbar(s.grid.size());
    for (std::size_t c = 0; c < vbar.size(); ++c)
      vbar[c] = static_cast<float>(subgrid::cell_vbar(t, c, level - t.cell_zlo[c]));
    st.set_depth(vbar);
    std::vector<double> eta0(vbar.size());
    for (std::size_t c = 0; c < vbar.size(); ++c) eta0[c] = t.cell_zlo[c] + st.head()[c];
    st.advance_to(3600.0);
    double deta = 0, dq = 0;
    for (std::size_t c = 0; c < vbar.size(); ++c)
      deta = std::max(deta, std::fabs(t.cell_zlo[c] + st.head()[c] - eta0[c]));
    for (float q : st.qx()) dq = std::max(dq, static_cast<double>(std::fabs(q)));
    for (float q : st.qy()) dq = std::max(dq, static_cast<double>(std::fabs(q)));
    EXPECT_LE(deta, 1e-6) << "level " << level;
    EXPECT_LE(dq, 1e-6) << "level " << level;
  }
}

TEST(FloodSubgrid, SunkenUnderpassPondsBeforeTheCellMeanRises) {
  // 2 x 2 cells of 10 x 10 pixels of 2 m, flat at 0 m, each with one underpass pixel 2 m
  // deep. 36 mm/h = 1e-5 m/s on the whole cell drains into its underpass: 0.15 m there
  // after 0.15 m * 4 m^2 / (1e-5 m/s * 400 m^2) = 150 s. The ordinary solver on the cells'
  // mean bed needs 0.15 m of mean depth: 15,000 s.
  const int r = 10, n = 2;
  std::vector<float> fine(static_cast<std::size_t>(n * r * n * r), 0.0f);
  for (int J = 0; J < n; ++J)
    for (int I = 0; I < n; ++I)
      fine[static_cast<std::size_t>((J * r + 4) * n * r + I * r + 6)] = -2.0f;
  ModelSpec s;
  s.grid = sd::Grid{n, n, 0.0, n * 20.0, 20.0};
  s.subgrid = subgrid::build_solver_tables(fine, n * r, n * r, 2.0, r, {}, 0.03f);
  State st(build_model(s));
  const auto rain = UniformRain::block(36.0, 1.0);
  st.set_rain(&rain);
  st.advance_to(300.0);
  const auto& sum = st.summary();
  for (std::size_t c = 0; c < 4; ++c) {
    EXPECT_NEAR(sum.first_above_ponding[c], 150.0, 1.0) << c;
    EXPECT_NEAR(st.head()[c], 0.30, 1e-9);     // 300 s of rain, all of it in the underpass
    EXPECT_NEAR(st.depth()[c], 0.003, 1e-12);  // the cell's mean depth: 3 mm
  }
  // Downscaled: 0.3 m in the underpass pixels, dry streets.
  const auto d = subgrid::downscale_heads(*st.model().subgrid(), sum.max_depth, fine);
  for (std::size_t p = 0; p < fine.size(); ++p)
    EXPECT_NEAR(d[p], fine[p] < -1.0f ? 0.30f : 0.0f, 1e-5) << p;
}

TEST(FloodSubgrid, ActiveTilesAndThreadsGiveTheSameBits) {
  const int r = 3, nx = 90, ny = 70;
  const auto fine = streets(nx * r, ny * r);
  ModelSpec s;
  s.grid = sd::Grid{nx, ny, 0.0, ny * 6.0, 6.0};
  s.subgrid = subgrid::build_solver_tables(fine, nx * r, ny * r, 2.0, r, {}, 0.03f);
  s.infiltration_uniform_mmph = 3.0f;
  s.options.min_cells_per_thread = 16;
  std::vector<float> init(s.grid.size(), 0.0f);
  for (int j = 5; j < 20; ++j)
    for (int i = 5; i < 25; ++i) init[s.grid.index(i, j)] = 0.8f;
  std::vector<std::vector<double>> runs;
  for (int variant = 0; variant < 3; ++variant) {
    ModelSpec v = s;
    v.options.threads = variant == 2 ? 2 : 1;
    v.options.skip_dry_tiles = variant != 0;
    State st(build_model(v));
    st.set_depth(init);
    st.advance_to(300.0);
    runs.push_back(st.depth());
  }
  EXPECT_EQ(runs[0], runs[1]);
  EXPECT_EQ(runs[0], runs[2]);
  double moved = 0;
  for (std::size_t c = 0; c < init.size(); ++c) moved += init[c] == 0.0f ? runs[0][c] : 0.0;
  EXPECT_GT(moved, 1.0);  // the water did spread into the dry streets
}

// The per-cell segment cache of the head inverse (detail::HeadSegments) gives the table
// inverse's bits whatever was cached before: volumes swept up, down and at random, with the
// wet fractions; dry cells get 0.
TEST(FloodSubgrid, CachedHeadSegmentsGiveTheTableInverse) {
  const int r = 4, nx = 37, ny = 5;
  const auto fine = streets(nx * r, ny * r);
  const auto t = subgrid::build_solver_tables(fine, nx * r, ny * r, 2.0, r, {}, 0.03f);
  const std::size_t n = static_cast<std::size_t>(nx) * ny;
  detail::HeadSegments seg;
  seg.init(n);
  std::vector<double> vbar(n), d(n);
  std::vector<float> wf(n);
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(-0.2, 6.0);
  for (int round = 0; round < 60; ++round) {
    for (std::size_t c = 0; c < n; ++c)
      vbar[c] = round < 20   ? 0.3 * round * (1.0 + 0.01 * c)
                : round < 40 ? 6.0 - 0.3 * (round - 20)
                             : u(rng);
    for (int j = 0; j < ny; ++j) {
      double m = 0.0;
      if (round % 2)
        m = detail::subgrid_head_span(j, 0, nx, *t, vbar.data(), d.data(), wf.data(), seg);
      else  // in two spans, as the active tiles call it
        m = std::max(
            detail::subgrid_head_span(j, 0, 13, *t, vbar.data(), d.data(), wf.data(), seg),
            detail::subgrid_head_span(j, 13, nx, *t, vbar.data(), d.data(), wf.data(), seg));
      double want_m = 0.0;
      for (int i = 0; i < nx; ++i) {
        const std::size_t c = static_cast<std::size_t>(j) * nx + i;
        const double h = subgrid::cell_head(*t, c, vbar[c]);
        ASSERT_EQ(d[c], h) << "round " << round << " cell " << c;
        want_m = std::max(want_m, h);
        // dV/dzeta / A of the segment holding the head (0 when dry)
        ASSERT_NEAR(wf[c], subgrid::cell_wet_fraction(*t, c, h), 1e-6) << c;
      }
      ASSERT_EQ(m, want_m) << "round " << round << " row " << j;
    }
  }
}

TEST(FloodSubgrid, TablesThatDoNotMatchTheGridAreRefused) {
  ModelSpec s;
  s.grid = sd::Grid{4, 4, 0.0, 40.0, 10.0};
  s.subgrid = subgrid::build_solver_tables(std::vector<float>(64, 0.0f), 8, 8, 4.0, 2, {}, 0.03f);
  EXPECT_THROW(build_model(s), std::invalid_argument);  // 8 m cells, grid says 10 m
  EXPECT_THROW(subgrid::build_solver_tables(std::vector<float>(63, 0.0f), 9, 7, 5.0, 2, {}, 0.03f),
               std::invalid_argument);
}

}  // namespace

#include "flood/flood_agreement.hpp"
#include "flood/subgrid_experiment.hpp"

namespace {
using namespace sd::flood;

TEST(FloodSubgrid, TenTimesCoarserCellsMatchTheFineRunOnStreetTerrain) {
  // The validation experiment of docs/flood-model.md at 100 x 100 pixels of 2 m (the bench
  // runs 1000 x 1000): 60 mm/h for 30 min on raised blocks, underpasses, courtyards and a
  // channel; sub-grid cells of 10 x 10 pixels against the fine run, and against the ordinary
  // solver on the same 20 m cells at their mean elevation.
  ExperimentSpec spec;
  spec.terrain = {100, 100, 2.0, 1};
  spec.duration_s = 2400.0;
  const Experiment e = run_reference(spec);
  ASSERT_EQ(e.points.size(), 20u);
  const CaseResult sub = run_subgrid_case(e, 10), coarse = run_coarse_case(e, 10);
  const auto fs = compare_depths(e.reference.fine_max, sub.fine_max, 0.15f);
  const auto fc = compare_depths(e.reference.fine_max, coarse.fine_max, 0.15f);
  EXPECT_GE(fs.fit, 0.85);
  EXPECT_GT(fs.fit, fc.fit + 0.5);    // the tables buy the extent...
  EXPECT_LT(fs.rmse, 0.2 * fc.rmse);  // ...and the depths
  EXPECT_GT(fs.both, 500);            // a real flood, not two empty maps
  int arrived = 0;
  for (double t : sub.arrival_s) arrived += !std::isnan(t);
  EXPECT_EQ(arrived, 20);  // every point the fine run floods is flooded
  for (const auto* c : {&e.reference, &sub, &coarse}) EXPECT_LT(c->budget.error_rel(), 1e-12);
}

}  // namespace
