#include "storm/rain_structure.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

namespace sd::storm {
namespace {

constexpr double kPi = std::numbers::pi;

struct Rng {  // SplitMix64 (Steele, Lea & Flood 2014): portable and reproducible
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }
  double exponential(double mean) { return -mean * std::log(uniform()); }
  long poisson(double lambda) {
    if (lambda > 50) {  // normal approximation, adequate for a cell count
      const double z = std::sqrt(-2 * std::log(uniform())) * std::cos(2 * kPi * uniform());
      return std::max(0L, std::lround(lambda + std::sqrt(lambda) * z));
    }
    const double limit = std::exp(-lambda);
    long k = 0;
    for (double p = uniform(); p > limit; p *= uniform()) ++k;
    return k;
  }
};

struct Cell {
  double x, y, radius, t0, t1, gain;  // world metres, seconds from block start
};

std::vector<Cell> draw_cells(const BurstParams& p, const Grid& g, long block, double span_s) {
  Rng rng{p.seed * 0x9E3779B97F4A7C15ull +
          static_cast<std::uint64_t>(block) * 0xD1B54A32D192ED03ull};
  for (int i = 0; i < 3; ++i) rng.next();
  const double area_km2 = g.width() * g.height() / 1e6;
  const double life_s = p.cell_lifetime_min * 60.0;
  // Births over [-mean lifetime, span] so cells already alive at the block start exist.
  const double lambda = p.cells_per_1000km2_h * area_km2 / 1000.0 * (span_s + life_s) / 3600.0;
  const long n = rng.poisson(lambda);
  std::vector<Cell> cells(static_cast<std::size_t>(n));
  for (Cell& c : cells) {
    c.x = g.x0 + rng.uniform() * g.width();
    c.y = g.y0 - rng.uniform() * g.height();
    c.radius = rng.exponential(p.cell_radius_km * 1000.0);
    c.t0 = -life_s + rng.uniform() * (span_s + life_s);
    c.t1 = c.t0 + rng.exponential(life_s);
    c.gain = rng.exponential(p.cell_gain);
  }
  return cells;
}

// Adds each live cell's gain to the weights of the frames and grid cells it covers.
void paint_cells(const std::vector<Cell>& cells, const Grid& g, double dt_s, int nt, float* w) {
  const std::size_t n = g.size();
  for (const Cell& c : cells) {
    const int i0 = std::max(0, static_cast<int>(std::floor((c.x - c.radius - g.x0) / g.cell)));
    const int i1 =
        std::min(g.nx - 1, static_cast<int>(std::floor((c.x + c.radius - g.x0) / g.cell)));
    const int j0 = std::max(0, static_cast<int>(std::floor((g.y0 - c.y - c.radius) / g.cell)));
    const int j1 =
        std::min(g.ny - 1, static_cast<int>(std::floor((g.y0 - c.y + c.radius) / g.cell)));
    for (int k = 0; k < nt; ++k) {
      const double t = (k + 0.5) * dt_s;
      if (t < c.t0 || t >= c.t1) continue;
      float* wk = w + static_cast<std::size_t>(k) * n;
      for (int j = j0; j <= j1; ++j)
        for (int i = i0; i <= i1; ++i) {
          const double dx = g.cx(i) - c.x, dy = g.cy(j) - c.y;
          if (dx * dx + dy * dy <= c.radius * c.radius)
            wk[g.index(i, j)] += static_cast<float>(c.gain);
        }
    }
  }
}

}  // namespace

bool parse_rain_structure(const char* name, RainStructure& out) {
  const std::string s = name;
  if (s == "mean")
    out = RainStructure::mean;
  else if (s == "bands")
    out = RainStructure::bands;
  else if (s == "bands+bursts")
    out = RainStructure::bands_bursts;
  else
    return false;
  return true;
}

const char* rain_structure_name(RainStructure s) {
  switch (s) {
    case RainStructure::mean:
      return "mean";
    case RainStructure::bands:
      return "bands";
    case RainStructure::bands_bursts:
      return "bands+bursts";
  }
  return "mean";
}

double band_phase_rad(const BandParams& p, double t_s) {
  return p.phase_deg * kPi / 180.0 + 2.0 * kPi * t_s / (p.rotation_period_h * 3600.0);
}

double band_weight(const BandParams& p, double r_km, double rmax_km) {
  const double inner = p.inner_ratio * rmax_km;
  if (r_km <= inner || p.count <= 0) return 0.0;
  return p.contrast * std::min(1.0, (r_km - inner) / std::max(rmax_km, 1.0));
}

double band_factor(const BandParams& p, double r_km, double theta, double rmax_km, double t_s) {
  const double w = band_weight(p, r_km, rmax_km);
  if (w == 0.0) return 1.0;
  const double spiral = std::log(r_km / rmax_km) / std::tan(p.pitch_deg * kPi / 180.0);
  return 1.0 + w * std::cos(p.count * (theta - band_phase_rad(p, t_s) - spiral));
}

void apply_bursts(const BurstParams& p, const Grid& g, long block, double dt_s, int nt, float* f) {
  const std::size_t n = g.size(), total = n * static_cast<std::size_t>(nt);
  std::vector<float> w(total, 1.0f);
  paint_cells(draw_cells(p, g, block, nt * dt_s), g, dt_s, nt, w.data());
  const int tile = std::max(1, static_cast<int>(std::lround(p.block_km * 1000.0 / g.cell)));
  const int tx = (g.nx + tile - 1) / tile, ty = (g.ny + tile - 1) / tile;
  const bool big = total >= 65536;  // small blocks: threads cost more than they save
  // Tiles are independent: each is rescaled so its block total is unchanged.
#pragma omp parallel for schedule(dynamic) if (big)
  for (int b = 0; b < tx * ty; ++b) {
    const int i0 = (b % tx) * tile, i1 = std::min(g.nx, i0 + tile);
    const int j0 = (b / tx) * tile, j1 = std::min(g.ny, j0 + tile);
    double before = 0, after = 0;
    for (int k = 0; k < nt; ++k)
      for (int j = j0; j < j1; ++j)
        for (int i = i0; i < i1; ++i) {
          const std::size_t c = static_cast<std::size_t>(k) * n + g.index(i, j);
          if (std::isnan(f[c])) continue;
          before += f[c];
          after += static_cast<double>(f[c]) * w[c];
        }
    const double scale = after > 0 ? before / after : 1.0;
    for (int k = 0; k < nt; ++k)
      for (int j = j0; j < j1; ++j)
        for (int i = i0; i < i1; ++i) {
          const std::size_t c = static_cast<std::size_t>(k) * n + g.index(i, j);
          f[c] = static_cast<float>(f[c] * w[c] * scale);
        }
  }
}

}  // namespace sd::storm
