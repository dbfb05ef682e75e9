// Fine risk rasters of a sub-grid run (hazard/fine_risk.hpp) against brute force: every fine
// pixel's downscaled level (flood::subgrid::downscaled_level) compared with the thresholds at
// every sample. FineRisk decides most pixels from their neighbourhood's level bounds and
// streams fine rows; the rasters must be the brute-force ones bit for bit. Its checkpoint
// record must restore the same rasters. The fine FD2320 hazard rating: exact on a flat plane
// of known depth, speed and debris classes; with one pixel per cell, the coarse summary's.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "flood/flood_state.hpp"
#include "flood/rain_source.hpp"
#include "flood/subgrid_downscale.hpp"
#include "flood/subgrid_inertial.hpp"
#include "hazard/cell_speed.hpp"
#include "hazard/coarse_levels.hpp"
#include "hazard/fine_risk.hpp"

namespace {

constexpr double kPonding = 0.15, kDuration = 0.3;

// 80 x 60 pixels of 10 m on 8 x 6 cells: rough ground (a few metres of relief, so cells are
// partly wet), a deep basin (cells under water whole) and a few NaN pixels.
struct Terrain {
  sd::io::Raster fine;
  sd::flood::subgrid::TablesPtr tables;
  Terrain() {
    fine.grid = sd::Grid{80, 60, 0.0, 600.0, 10.0};
    std::mt19937 rng(12);
    std::uniform_real_distribution<float> u(0.0f, 3.0f);
    fine.data.resize(fine.grid.size());
    for (int j = 0; j < 60; ++j)
      for (int i = 0; i < 80; ++i)
        fine.data[fine.grid.index(i, j)] = i < 20 && j < 20 ? -5.0f + 0.1f * u(rng) : u(rng);
    for (int k = 0; k < 40; ++k) fine.data[rng() % fine.data.size()] = NAN;
    tables = sd::flood::subgrid::build_solver_tables(fine.data, 80, 60, 10.0, 10, {}, 0.03f);
  }
};

// Heads of one sample: some cells dry, the basin deep, the rest a random level over the relief.
std::vector<double> random_heads(const sd::flood::subgrid::SolverTables& t, std::mt19937& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> head(t.cell_zlo.size(), 0.0);
  for (std::size_t c = 0; c < head.size(); ++c) {
    const double x = u(rng);
    if (x < 0.2) continue;
    head[c] = x * (t.cell_span[c] + 1.0);
  }
  return head;
}

// Speeds of one sample: a third of the cells still, the rest up to 3 m/s.
std::vector<float> random_speeds(std::size_t n, std::mt19937& rng) {
  std::uniform_real_distribution<float> u(-1.5f, 3.0f);
  std::vector<float> v(n);
  for (float& x : v) x = std::max(0.0f, u(rng));
  return v;
}

// Debris classes and permanent water per pixel, at random.
struct PixelClasses {
  std::vector<std::uint8_t> debris, water;
  PixelClasses(std::size_t n, unsigned seed) : debris(n), water(n) {
    std::mt19937 rng(seed);
    for (std::size_t p = 0; p < n; ++p) {
      debris[p] = static_cast<std::uint8_t>(rng() % 3);
      water[p] = rng() % 5 == 0;
    }
  }
};

struct Brute {
  std::vector<float> first, duration, hr;
};

// Returns the land pixels >= the ponding depth.
std::size_t brute_sample(const Terrain& tr, const PixelClasses& pc, const std::vector<double>& head,
                         const std::vector<float>& speed, double t, double dt, Brute& b) {
  const sd::CoarseLevels cl(*tr.tables, head);
  const sd::flood::subgrid::Surface s = cl.surface();
  const int r = tr.tables->ratio;
  std::size_t flooded = 0;
  for (int j = 0; j < tr.fine.grid.ny; ++j)
    for (int i = 0; i < tr.fine.grid.nx; ++i) {
      const std::size_t p = tr.fine.grid.index(i, j);
      const float z = tr.fine.data[p];
      double zeta = 0.0;
      if (std::isnan(z) || !sd::flood::subgrid::downscaled_level(s, i, j, zeta)) continue;
      const float d = static_cast<float>(zeta - z);
      if (d >= static_cast<float>(kPonding) && std::isnan(b.first[p]))
        b.first[p] = static_cast<float>(t);
      if (d >= static_cast<float>(kDuration)) b.duration[p] += static_cast<float>(dt);
      flooded += d >= static_cast<float>(kPonding) && !pc.water[p];
      if (pc.water[p]) continue;  // not rated
      const float v05 = speed[static_cast<std::size_t>(j / r) * tr.tables->nx + i / r] + 0.5f;
      const float hr = d >= static_cast<float>(kPonding)
                           ? d * v05 + sd::flood::debris_factor(d, pc.debris[p])
                           : 0.0f;
      b.hr[p] = std::max(b.hr[p], hr);
    }
  return flooded;
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

TEST(FineRisk, RastersAreThePerPixelDownscalingBitForBit) {
  const Terrain tr;
  const PixelClasses pc(tr.fine.data.size(), 5);
  sd::FineRisk risk(*tr.tables, tr.fine, kPonding, kDuration, pc.debris, pc.water);
  const std::size_t n = tr.fine.data.size();
  Brute b{std::vector<float>(n, NAN), std::vector<float>(n), std::vector<float>(n)};
  for (std::size_t p = 0; p < b.duration.size(); ++p)
    if (std::isnan(tr.fine.data[p])) b.duration[p] = b.hr[p] = NAN;
  for (std::size_t p = 0; p < n; ++p)
    if (pc.water[p]) b.hr[p] = NAN;
  std::mt19937 rng(7);
  int whole = 0, partly = 0;
  std::size_t flooded = 0;
  for (int k = 0; k < 30; ++k) {
    const std::vector<double> head = random_heads(*tr.tables, rng);
    const std::vector<float> speed = random_speeds(head.size(), rng);
    const double t = 300.0 * k, dt = 300.0 + 7.0 * k;
    const std::size_t got = risk.sample(head, speed, t, dt);
    const std::size_t want = brute_sample(tr, pc, head, speed, t, dt, b);
    EXPECT_EQ(got, want) << "flooded land pixels at sample " << k;
    flooded += want;
    for (std::size_t c = 0; c < head.size(); ++c) {
      whole += head[c] > tr.tables->cell_span[c] + kDuration;
      partly += head[c] > 0 && head[c] < tr.tables->cell_span[c];
    }
  }
  ASSERT_GT(whole, 30) << "the case must have cells under water whole";
  ASSERT_GT(partly, 300) << "and cells partly wet";
  std::size_t ponded = 0;
  for (float f : b.first) ponded += !std::isnan(f);
  ASSERT_GT(ponded, tr.fine.data.size() / 4);
  ASSERT_LT(ponded, tr.fine.data.size());
  // A recession (levels and speeds falling: cells whose levels are no higher than at their
  // last rating are skipped), then a rise again over part of the cells.
  std::vector<double> head = random_heads(*tr.tables, rng);
  std::vector<float> speed = random_speeds(head.size(), rng);
  for (int k = 30; k < 40; ++k) {
    for (std::size_t c = 0; c < head.size(); ++c) {
      head[c] *= k < 36 || c % 3 ? 0.9 : 1.3;
      speed[c] *= k < 36 || c % 2 ? 0.95f : 1.2f;
    }
    const double t = 300.0 * k;
    EXPECT_EQ(risk.sample(head, speed, t, 300.0), brute_sample(tr, pc, head, speed, t, 300.0, b));
  }
  ASSERT_GT(flooded, 0u);
  EXPECT_TRUE(same_bits(risk.first_above(), b.first));
  EXPECT_TRUE(same_bits(risk.duration(), b.duration));
  EXPECT_TRUE(same_bits(risk.hazard_rating(), b.hr));
}

TEST(FineRisk, CheckpointRecordRestoresTheRasters) {
  const Terrain tr;
  sd::FineRisk a(*tr.tables, tr.fine, kPonding, kDuration);
  std::mt19937 rng(3);
  for (int k = 0; k < 5; ++k) {
    const auto head = random_heads(*tr.tables, rng);
    a.sample(head, random_speeds(head.size(), rng), 600.0 * k, 600.0);
  }
  std::string rec(a.record_bytes(), '\0');
  a.save(reinterpret_cast<std::uint8_t*>(rec.data()));
  sd::FineRisk b(*tr.tables, tr.fine, kPonding, kDuration);
  std::istringstream is(rec);
  b.restore(is);
  EXPECT_TRUE(same_bits(a.first_above(), b.first_above()));
  EXPECT_TRUE(same_bits(a.duration(), b.duration()));
  EXPECT_TRUE(same_bits(a.hazard_rating(), b.hazard_rating()));
  std::istringstream cut(rec.substr(0, rec.size() - 5));
  EXPECT_THROW(b.restore(cut), std::runtime_error);
}

// FD2320 on a flat plane (z = 0, 4 x 3 cells of 5 x 5 pixels) under still levels: d = level,
// HR = d (v + 0.5) + DF with DF from table 3.1 by depth band and debris class.
TEST(FineRisk, HazardRatingOnAPlaneIsTheFd2320Formula) {
  const int r = 5, nx = 4, ny = 3;
  sd::io::Raster fine;
  fine.grid = sd::Grid{nx * r, ny * r, 0.0, ny * r * 2.0, 2.0};
  fine.data.assign(fine.grid.size(), 0.0f);
  const auto tables =
      sd::flood::subgrid::build_solver_tables(fine.data, nx * r, ny * r, 2.0, r, {}, 0.03f);
  // Debris class by fine column: pasture, woodland, urban, repeating.
  std::vector<std::uint8_t> debris(fine.data.size());
  for (int j = 0; j < ny * r; ++j)
    for (int i = 0; i < nx * r; ++i)
      debris[fine.grid.index(i, j)] = static_cast<std::uint8_t>(i % 3);
  sd::FineRisk risk(*tables, fine, kPonding, kDuration, debris);
  const std::vector<float> speed(nx * ny, 1.5f);
  // 0.2 m (DF 0), then 0.5 m (HR 1 + DF 0 / 0.5 / 1), then 0.1 m (under the ponding depth: not
  // rated, the maximum stays),
  // then 1.0 m at 0.4 m/s (HR 0.9 + DF 0.5 / 1 / 1): the maximum is the 1.0 m sample's for
  // pasture (1.4 > 1.0) and woodland (1.9 > 1.5), the 0.5 m sample's for urban (2.0 > 1.9).
  risk.sample(std::vector<double>(nx * ny, 0.2), speed, 0, 60);
  for (float h : risk.hazard_rating()) ASSERT_FLOAT_EQ(h, 0.2f * 2.0f);
  risk.sample(std::vector<double>(nx * ny, 0.5), speed, 60, 60);
  risk.sample(std::vector<double>(nx * ny, 0.1), speed, 120, 60);
  const std::vector<float> slow(nx * ny, 0.4f);
  risk.sample(std::vector<double>(nx * ny, 1.0), slow, 180, 60);
  const float want[3] = {1.0f * 0.9f + 0.5f, 1.0f * 0.9f + 1.0f, 0.5f * 2.0f + 1.0f};
  for (int j = 0; j < ny * r; ++j)
    for (int i = 0; i < nx * r; ++i)
      EXPECT_FLOAT_EQ(risk.hazard_rating()[fine.grid.index(i, j)], want[i % 3]) << i << "," << j;
}

// With one pixel per cell the fine pixel is the cell: sampled at the same times as the coarse
// summary (stats at the end of each advance_to), the fine hazard rating is the coarse one
// (the fine depth is level - z, the coarse the head: equal to rounding).
TEST(FineRisk, OnePixelPerCellGivesTheCoarseHazardRating) {
  const int nx = 40, ny = 20;
  sd::io::Raster fine;
  fine.grid = sd::Grid{nx, ny, 0.0, ny * 10.0, 10.0};
  fine.data.resize(fine.grid.size());
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i)  // falling 1:50 to the west, a channel 0.6 m deep in row 10
      fine.data[fine.grid.index(i, j)] =
          0.2f * i - (j == 10 ? 0.6f : 0.0f) + 0.05f * std::abs(j - 10);
  sd::flood::ModelSpec spec;
  spec.grid = fine.grid;
  spec.subgrid = sd::flood::subgrid::build_solver_tables(fine.data, nx, ny, 10.0, 1, {}, 0.03f);
  spec.debris_class.resize(fine.grid.size());
  for (std::size_t c = 0; c < spec.debris_class.size(); ++c)
    spec.debris_class[c] = static_cast<std::uint8_t>((c * 7) % 3);
  spec.options.stats_interval_s = 1e9;  // the summary at the end of each advance_to
  sd::flood::State st(sd::flood::build_model(spec));
  const auto rain = sd::flood::UniformRain::block(150.0, 0.5);
  st.set_rain(&rain);
  sd::FineRisk risk(*spec.subgrid, fine, kPonding, kDuration, spec.debris_class);
  std::vector<float> speed;
  for (int k = 1; k <= 60; ++k) {
    st.advance_to(60.0 * k);
    sd::cell_speed(st, speed);
    risk.sample(st.head(), speed, 60.0 * k, 60.0);
  }
  const auto& coarse = st.summary().hazard_rating;
  float top = 0, vmax = 0;
  for (std::size_t c = 0; c < coarse.size(); ++c) {
    const float fine_hr = risk.hazard_rating()[c];
    if (fine_hr == 0.0f)  // water under the ponding depth is not rated on the fine pixels
      EXPECT_LE(coarse[c], 0.15f * (st.summary().max_velocity[c] + 0.5f)) << c;
    else
      EXPECT_NEAR(fine_hr, coarse[c], 1e-6f * std::max(1.0f, coarse[c])) << c;
    top = std::max(top, coarse[c]);
    vmax = std::max(vmax, st.summary().max_velocity[c]);
  }
  EXPECT_GT(top, 1.0f) << "the channel must reach a debris factor";
  EXPECT_GT(vmax, 0.2f) << "and flow";
}

}  // namespace
