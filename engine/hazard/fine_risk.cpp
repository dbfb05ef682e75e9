#include "hazard/fine_risk.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <istream>
#include <ostream>
#include <stdexcept>

#include "hazard/coarse_levels.hpp"

namespace sd {

FineRisk::FineRisk(const flood::subgrid::SolverTables& t, const io::Raster& fine, double ponding_m,
                   double duration_m)
    : t_(t),
      fine_(fine),
      ponding_(ponding_m),
      dur_(duration_m),
      first_(fine.data.size(), NAN),
      duration_(fine.data.size(), 0.0f) {
  for (std::size_t p = 0; p < fine.data.size(); ++p)
    if (std::isnan(fine.data[p])) duration_[p] = NAN;
  for (int i = 0; i < fine.grid.nx; ++i) sx_.push_back(flood::subgrid::pixel_stencil(i, t.ratio));
  for (int j = 0; j < fine.grid.ny; ++j) sy_.push_back(flood::subgrid::pixel_stencil(j, t.ratio));
}

namespace {

// A pixel is decided from the cell's level bounds only when they clear a threshold by this
// much: far above the rounding of the interpolated level (a few ulp of ~10 m) and of the
// float depth and thresholds (~1e-8 m), so the decision is the one the exact level gives.
constexpr double kDecideMarginM = 1e-6;

}  // namespace

void FineRisk::whole_run(std::size_t p0, float t, float hold) {
  const int r = t_.ratio;
  const float* z = fine_.data.data() + p0;
  float* first = first_.data() + p0;
  float* dur = duration_.data() + p0;
  for (int i = 0; i < r; ++i) {  // branch-free, so the compiler vectorises it
    const bool in = !std::isnan(z[i]);
    first[i] = in && std::isnan(first[i]) ? t : first[i];
    dur[i] = in ? dur[i] + hold : dur[i];
  }
}

void FineRisk::mixed_run(const flood::subgrid::CellSurface& cs, const RowCell& c, int j, float t,
                         float hold) {
  const int r = t_.ratio, i0 = c.I * r;
  const double th_lo = std::min(ponding_, dur_), th_hi = std::max(ponding_, dur_);
  const float fp = static_cast<float>(ponding_), fd = static_cast<float>(dur_);
  const flood::subgrid::PixelStencil sy = sy_[static_cast<std::size_t>(j)];
  const int qy = 2 * (sy.k0 - c.J + 1);
  const std::size_t p0 = static_cast<std::size_t>(j) * fine_.grid.nx + i0;
  for (int i = 0; i < r; ++i) {
    const std::size_t p = p0 + i;
    const float z = fine_.data[p];
    if (std::isnan(z)) continue;
    // The level lies in [lo, hi] (a weighted mean of levels in it): decide by the bounds
    // where they clear both thresholds, interpolate only in between.
    const double zd = z;
    if (c.hi - zd < th_lo - kDecideMarginM) continue;  // under both thresholds
    float d = INFINITY;                                // above both
    if (c.lo - zd < th_hi + kDecideMarginM) {
      const flood::subgrid::PixelStencil sx = sx_[static_cast<std::size_t>(i0 + i)];
      d = static_cast<float>(cs.level(sx.k0 - c.I + 1 + qy, sx.a, sy.a) - zd);
    }
    if (d >= fp && std::isnan(first_[p])) first_[p] = t;
    if (d >= fd) duration_[p] += hold;
  }
}

namespace {

constexpr char kRiskMagic[8] = {'S', 'D', 'F', 'R', 'I', 'S', 'K', '1'};

template <class T>
std::uint8_t* put(std::uint8_t* out, const T& v) {
  std::memcpy(out, &v, sizeof v);
  return out + sizeof v;
}
template <class T>
void get(std::istream& is, T& v) {
  is.read(reinterpret_cast<char*>(&v), sizeof v);
  if (!is) throw std::runtime_error("flood checkpoint: fine risk record truncated");
}

// Pixel p is in the sparse record: ever above a threshold.
bool in_record(const std::vector<float>& first, const std::vector<float>& duration, std::size_t p) {
  return !std::isnan(first[p]) || duration[p] > 0;
}
std::uint64_t record_count(const std::vector<float>& first, const std::vector<float>& duration) {
  std::uint64_t count = 0;
  for (std::size_t p = 0; p < first.size(); ++p) count += in_record(first, duration, p);
  return count;
}

}  // namespace

std::size_t FineRisk::record_bytes() const {
  return sizeof kRiskMagic + 2 * sizeof(std::uint64_t) +
         record_count(first_, duration_) * (sizeof(std::uint32_t) + 2 * sizeof(float));
}

void FineRisk::save(std::uint8_t* out) const {
  const std::uint64_t count = record_count(first_, duration_);
  std::memcpy(out, kRiskMagic, sizeof kRiskMagic);
  out = put(out + sizeof kRiskMagic, static_cast<std::uint64_t>(first_.size()));
  out = put(out, count);
  for (std::size_t p = 0; p < first_.size(); ++p) {
    if (!in_record(first_, duration_, p)) continue;
    out = put(out, static_cast<std::uint32_t>(p));
    out = put(out, first_[p]);
    out = put(out, duration_[p]);
  }
}

void FineRisk::restore(std::istream& is) {
  char magic[8];
  is.read(magic, sizeof magic);
  if (!is || std::memcmp(magic, kRiskMagic, sizeof magic) != 0)
    throw std::runtime_error("flood checkpoint: no fine risk record (not a sub-grid checkpoint)");
  std::uint64_t n = 0, count = 0;
  get(is, n);
  get(is, count);
  if (n != first_.size() || count > n)
    throw std::runtime_error("flood checkpoint: fine risk record of " + std::to_string(n) +
                             " pixels, the fine DEM has " + std::to_string(first_.size()));
  std::fill(first_.begin(), first_.end(), NAN);
  for (std::size_t p = 0; p < duration_.size(); ++p)
    duration_[p] = std::isnan(fine_.data[p]) ? NAN : 0.0f;
  for (std::uint64_t k = 0; k < count; ++k) {
    std::uint32_t p = 0;
    get(is, p);
    if (p >= n) throw std::runtime_error("flood checkpoint: fine risk pixel out of range");
    get(is, first_[p]);
    get(is, duration_[p]);
  }
}

void FineRisk::sample(const std::vector<double>& head, double t, double dt_s) {
  const CoarseLevels cl(t_, head);
  const flood::subgrid::Surface s = cl.surface();
  const int nx = t_.nx, ny = t_.ny, r = t_.ratio;
  const double th_lo = std::min(ponding_, dur_), th_hi = std::max(ponding_, dur_);
  const float ft = static_cast<float>(t), hold = static_cast<float>(dt_s);
#pragma omp parallel
  {
    std::vector<RowCell> cells;
    std::vector<flood::subgrid::CellSurface> surfaces;  // of the cells not whole, in order
#pragma omp for schedule(static)
    for (int J = 0; J < ny; ++J) {
      cells.clear();
      surfaces.clear();
      for (int I = 0; I < nx; ++I) {
        const std::size_t c = static_cast<std::size_t>(J) * nx + I;
        if (!cl.wet[c]) continue;
        double lo = INFINITY, hi = -INFINITY;
        for (int b = std::max(0, J - 1); b <= std::min(ny - 1, J + 1); ++b)
          for (int a = std::max(0, I - 1); a <= std::min(nx - 1, I + 1); ++a) {
            const std::size_t k = static_cast<std::size_t>(b) * nx + a;
            if (!cl.wet[k]) continue;
            lo = std::min(lo, cl.level[k]);
            hi = std::max(hi, cl.level[k]);
          }
        const double zlo = t_.cell_zlo[c], zhi = zlo + t_.cell_span[c];
        if (hi < zlo + th_lo) continue;  // no pixel reaches either threshold
        const bool whole = lo >= zhi + th_hi;
        cells.push_back({I, J, lo, hi, whole});
        if (!whole) surfaces.emplace_back(s, I, J);
      }
      // Fine row by fine row across the coarse row: the rasters stream through memory.
      for (int j = J * r; j < (J + 1) * r; ++j) {
        const std::size_t row = static_cast<std::size_t>(j) * fine_.grid.nx;
        std::size_t k = 0;
        for (const RowCell& c : cells) {
          if (c.whole)
            whole_run(row + static_cast<std::size_t>(c.I) * r, ft, hold);
          else
            mixed_run(surfaces[k++], c, j, ft, hold);
        }
      }
    }
  }
}

}  // namespace sd
