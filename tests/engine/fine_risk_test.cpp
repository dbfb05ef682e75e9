// Fine risk rasters of a sub-grid run (hazard/fine_risk.hpp) against brute force: every fine
// pixel's downscaled level (flood::subgrid::downscaled_level) compared with the thresholds at
// every sample. FineRisk decides most pixels from their neighbourhood's level bounds and
// streams fine rows; the rasters must be the brute-force ones bit for bit. Its checkpoint
// record must restore the same rasters.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "flood/subgrid_downscale.hpp"
#include "flood/subgrid_inertial.hpp"
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

struct Brute {
  std::vector<float> first, duration;
};

void brute_sample(const Terrain& tr, const std::vector<double>& head, double t, double dt,
                  Brute& b) {
  const sd::CoarseLevels cl(*tr.tables, head);
  const sd::flood::subgrid::Surface s = cl.surface();
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
    }
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

TEST(FineRisk, RastersAreThePerPixelDownscalingBitForBit) {
  const Terrain tr;
  sd::FineRisk risk(*tr.tables, tr.fine, kPonding, kDuration);
  Brute b{std::vector<float>(tr.fine.data.size(), NAN), std::vector<float>(tr.fine.data.size())};
  for (std::size_t p = 0; p < b.duration.size(); ++p)
    if (std::isnan(tr.fine.data[p])) b.duration[p] = NAN;
  std::mt19937 rng(7);
  int whole = 0, partly = 0;
  for (int k = 0; k < 30; ++k) {
    const std::vector<double> head = random_heads(*tr.tables, rng);
    const double t = 300.0 * k, dt = 300.0 + 7.0 * k;
    risk.sample(head, t, dt);
    brute_sample(tr, head, t, dt, b);
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
  EXPECT_TRUE(same_bits(risk.first_above(), b.first));
  EXPECT_TRUE(same_bits(risk.duration(), b.duration));
}

TEST(FineRisk, CheckpointRecordRestoresTheRasters) {
  const Terrain tr;
  sd::FineRisk a(*tr.tables, tr.fine, kPonding, kDuration);
  std::mt19937 rng(3);
  for (int k = 0; k < 5; ++k) a.sample(random_heads(*tr.tables, rng), 600.0 * k, 600.0);
  std::string rec(a.record_bytes(), '\0');
  a.save(reinterpret_cast<std::uint8_t*>(rec.data()));
  sd::FineRisk b(*tr.tables, tr.fine, kPonding, kDuration);
  std::istringstream is(rec);
  b.restore(is);
  EXPECT_TRUE(same_bits(a.first_above(), b.first_above()));
  EXPECT_TRUE(same_bits(a.duration(), b.duration()));
  std::istringstream cut(rec.substr(0, rec.size() - 5));
  EXPECT_THROW(b.restore(cut), std::runtime_error);
}

}  // namespace
