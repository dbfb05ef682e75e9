#include "hazard/fine_risk.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <istream>
#include <ostream>
#include <stdexcept>

#include "flood/flood_state.hpp"
#include "hazard/coarse_levels.hpp"

namespace sd {

FineRisk::FineRisk(const flood::subgrid::SolverTables& t, const io::Raster& fine, double ponding_m,
                   double duration_m, std::vector<std::uint8_t> debris,
                   std::vector<std::uint8_t> water)
    : t_(t),
      fine_(fine),
      ponding_(ponding_m),
      dur_(duration_m),
      first_(fine.data.size(), NAN),
      duration_(fine.data.size(), 0.0f),
      hr_(fine.data.size(), 0.0f),
      debris_(std::move(debris)),
      water_(std::move(water)) {
  if (debris_.empty()) debris_.assign(fine.data.size(), flood::kUrban);
  if (water_.empty()) water_.assign(fine.data.size(), 0);
  if (debris_.size() != fine.data.size() || water_.size() != fine.data.size())
    throw std::invalid_argument("FineRisk: debris and water need one value per fine pixel");
  blank();
  sort_rated_pixels();
  last_.resize(static_cast<std::size_t>(t.nx) * t.ny);
  last_v05_.assign(last_.size(), NAN);
  for (int i = 0; i < fine.grid.nx; ++i) sx_.push_back(flood::subgrid::pixel_stencil(i, t.ratio));
  for (int j = 0; j < fine.grid.ny; ++j) sy_.push_back(flood::subgrid::pixel_stencil(j, t.ratio));
}

void FineRisk::sort_rated_pixels() {
  const int r = t_.ratio, nx = t_.nx, ny = t_.ny;
  if (r > 256) throw std::invalid_argument("FineRisk: more than 256 x 256 pixels per cell");
  rated_start_.assign(static_cast<std::size_t>(nx) * ny + 1, 0);
  std::vector<std::uint16_t> px;
  for (int J = 0; J < ny; ++J)
    for (int I = 0; I < nx; ++I) {
      px.clear();
      for (int b = 0; b < r; ++b)
        for (int a = 0; a < r; ++a)
          if (!std::isnan(hr_[fine_.grid.index(I * r + a, J * r + b)]))
            px.push_back(static_cast<std::uint16_t>(b * r + a));
      const auto z = [&](std::uint16_t k) {
        return fine_.data[fine_.grid.index(I * r + k % r, J * r + k / r)];
      };
      std::stable_sort(px.begin(), px.end(), [&](auto a, auto b) { return z(a) < z(b); });
      rated_px_.insert(rated_px_.end(), px.begin(), px.end());
      rated_start_[static_cast<std::size_t>(J) * nx + I + 1] = rated_px_.size();
    }
}

void FineRisk::blank() {
  std::fill(first_.begin(), first_.end(), NAN);
  for (std::size_t p = 0; p < fine_.data.size(); ++p) {
    const bool out = std::isnan(fine_.data[p]);
    duration_[p] = out ? NAN : 0.0f;
    hr_[p] = out || water_[p] ? NAN : 0.0f;
  }
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

std::size_t FineRisk::mixed_run(const flood::subgrid::CellSurface& cs, const RowCell& c, int j,
                                float t, float hold) {
  const int r = t_.ratio, i0 = c.I * r;
  const double th_lo = std::min(ponding_, dur_), th_hi = std::max(ponding_, dur_);
  const float fp = static_cast<float>(ponding_), fd = static_cast<float>(dur_);
  const flood::subgrid::PixelStencil sy = sy_[static_cast<std::size_t>(j)];
  const int qy = 2 * (sy.k0 - c.J + 1);
  const std::size_t p0 = static_cast<std::size_t>(j) * fine_.grid.nx + i0;
  std::size_t flooded = 0;
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
    flooded += d >= fp && !water_[p];
  }
  return flooded;
}

namespace {

// An upper bound of the float rating d (v + 0.5) + DF of a pixel whose depth is at most
// d_hi (double): the float depth, product and sum round up by a few ulp at most, and DF does
// not fall with depth.
double rating_bound(double d_hi, float v05, std::uint8_t cls) {
  const double d = d_hi + 1e-5;
  return (d * v05 + flood::debris_factor(static_cast<float>(d), cls)) * (1.0 + 1e-5);
}

}  // namespace

void FineRisk::rate_cell(const flood::subgrid::CellSurface& cs, const RowCell& c) {
  const int r = t_.ratio;
  const std::size_t cell = static_cast<std::size_t>(c.J) * t_.nx + c.I;
  float& last_v05 = last_v05_[cell];
  // Levels and speed no higher than at the cell's last rating: no pixel's rating is higher.
  if (c.v05 <= last_v05 && cs.not_above(last_[cell])) return;
  const double hi = cs.max_level();  // tighter than the neighbourhood's: linked corners only
  for (std::size_t k = rated_start_[cell]; k < rated_start_[cell + 1]; ++k) {
    const int i = c.I * r + rated_px_[k] % r, j = c.J * r + rated_px_[k] / r;
    const std::size_t p = fine_.grid.index(i, j);
    const double zd = fine_.data[p];
    // By elevation: from here on every pixel is above the highest level (margin: the mean of
    // the levels may round above it), so its depth is <= 0 and its rating 0.
    if (!(zd < hi - ponding_ + kDecideMarginM)) break;
    // Not interpolated when its rating cannot exceed its maximum so far.
    if (!(rating_bound(hi - zd, c.v05, debris_[p]) > hr_[p])) continue;
    const flood::subgrid::PixelStencil sx = sx_[static_cast<std::size_t>(i)];
    const flood::subgrid::PixelStencil sy = sy_[static_cast<std::size_t>(j)];
    const float d =
        static_cast<float>(cs.level((sx.k0 - c.I + 1) + 2 * (sy.k0 - c.J + 1), sx.a, sy.a) - zd);
    // As the coarse raster (summary_kernel.cpp): FD2320 HR = d (v + 0.5) + DF.
    // Rated where the depth is >= the ponding depth (docs/flood-model.md, "Fine hazard
    // rating": shallower water rates under 0.15 (v + 0.5), FD2320's low class for v < 4.5 m/s).
    const float rating =
        d >= static_cast<float>(ponding_) ? d * c.v05 + flood::debris_factor(d, debris_[p]) : 0.0f;
    if (rating > hr_[p]) hr_[p] = rating;
  }
  last_[cell] = cs;
  last_v05 = c.v05;
}

namespace {

constexpr char kRiskMagic[8] = {'S', 'D', 'F', 'R', 'I', 'S', 'K', '3'};

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

// Pixel p is in the sparse record: ever above a threshold (a rating > 0 is >= the ponding depth).
bool in_record(const std::vector<float>& first, const std::vector<float>& duration,
               const std::vector<float>& hr, std::size_t p) {
  return !std::isnan(first[p]) || duration[p] > 0 || hr[p] > 0;
}
std::uint64_t record_count(const std::vector<float>& first, const std::vector<float>& duration,
                           const std::vector<float>& hr) {
  std::uint64_t count = 0;
  for (std::size_t p = 0; p < first.size(); ++p) count += in_record(first, duration, hr, p);
  return count;
}

}  // namespace

std::size_t FineRisk::record_bytes() const {
  return sizeof kRiskMagic + 2 * sizeof(std::uint64_t) +
         record_count(first_, duration_, hr_) * (sizeof(std::uint32_t) + 3 * sizeof(float));
}

// Columns, not records: the pixels (as gaps from the previous one), then each raster's values
// in pixel order; the checkpoint's shuffle + DEFLATE compresses the columns far better than
// interleaved records (the ratings are noisy floats; the gaps, times and durations are not).
void FineRisk::save(std::uint8_t* out) const {
  const std::uint64_t count = record_count(first_, duration_, hr_);
  std::memcpy(out, kRiskMagic, sizeof kRiskMagic);
  out = put(out + sizeof kRiskMagic, static_cast<std::uint64_t>(first_.size()));
  out = put(out, count);
  std::vector<std::uint32_t> px;
  px.reserve(count);
  for (std::size_t p = 0; p < first_.size(); ++p)
    if (in_record(first_, duration_, hr_, p)) px.push_back(static_cast<std::uint32_t>(p));
  std::uint32_t prev = 0;
  for (std::uint32_t p : px) {
    out = put(out, p - prev);
    prev = p;
  }
  for (const std::vector<float>* v : {&first_, &duration_, &hr_})
    for (std::uint32_t p : px) out = put(out, (*v)[p]);
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
  blank();
  std::fill(last_v05_.begin(), last_v05_.end(), NAN);  // the skips held for the old maxima
  std::vector<std::uint32_t> px(count);
  std::uint64_t p = 0;
  for (std::uint64_t k = 0; k < count; ++k) {
    std::uint32_t gap = 0;
    get(is, gap);
    p += gap;
    if (p >= n || (k > 0 && gap == 0))
      throw std::runtime_error("flood checkpoint: fine risk pixel out of range or repeated");
    px[k] = static_cast<std::uint32_t>(p);
  }
  for (std::vector<float>* v : {&first_, &duration_, &hr_})
    for (std::uint32_t q : px) get(is, (*v)[q]);
}

std::size_t FineRisk::sample(const std::vector<double>& head, const std::vector<float>& speed,
                             double t, double dt_s) {
  if (speed.size() != head.size())
    throw std::invalid_argument("FineRisk::sample: one speed per cell is needed");
  const CoarseLevels cl(t_, head);
  const flood::subgrid::Surface s = cl.surface();
  const int nx = t_.nx, ny = t_.ny, r = t_.ratio;
  const double th_lo = std::min(ponding_, dur_), th_hi = std::max(ponding_, dur_);
  const float ft = static_cast<float>(t), hold = static_cast<float>(dt_s);
  std::size_t flooded = 0;
#pragma omp parallel reduction(+ : flooded)
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
        // A cell whose highest neighbouring level stays under its lowest pixel + the lower
        // threshold changes no raster: no pixel reaches a threshold, and the rating needs the
        // ponding depth (>= th_lo). Skipping it leaves its last rating older, which can only
        // make a later rating run where it could have been skipped (same maxima).
        const double zlo = t_.cell_zlo[c], zhi = zlo + t_.cell_span[c];
        if (hi < zlo + th_lo) continue;
        const bool whole = lo >= zhi + th_hi;
        cells.push_back({I, J, lo, hi, whole, speed[c] + 0.5f});
        surfaces.emplace_back(s, I, J);
      }
      // Fine row by fine row across the coarse row: the rasters stream through memory.
      for (int j = J * r; j < (J + 1) * r; ++j) {
        const std::size_t row = static_cast<std::size_t>(j) * fine_.grid.nx;
        for (std::size_t k = 0; k < cells.size(); ++k) {
          const RowCell& c = cells[k];
          if (c.whole)
            whole_run(row + static_cast<std::size_t>(c.I) * r, ft, hold);
          else
            flooded += mixed_run(surfaces[k], c, j, ft, hold);
        }
      }
      for (std::size_t k = 0; k < cells.size(); ++k) {
        rate_cell(surfaces[k], cells[k]);
        // A cell under water whole: every land pixel is flooded (the rated pixels).
        const std::size_t c = static_cast<std::size_t>(J) * nx + cells[k].I;
        if (cells[k].whole) flooded += rated_start_[c + 1] - rated_start_[c];
      }
    }
  }
  return flooded;
}

}  // namespace sd
