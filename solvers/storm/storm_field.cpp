#include "storm/storm_field.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "storm/rain_profile.hpp"

namespace sd::storm {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kTableDrKm = 0.1;
// Below this many cells a parallel region costs more than it saves (and on a busy machine
// spinning OpenMP threads can slow a small grid tenfold).
constexpr std::size_t kMinParallelCells =
    16384;  // radial table step; profiles vary on the Rm (>= 5 km) scale

// Box mean of the DEM over (2h+1)^2 cells via an integral image (NaN counts as sea level):
// orographic lifting acts on the slope of the terrain at a few km, not of single DEM cells.
std::vector<double> smooth(const Grid& g, const std::vector<float>& z, double sea, int h) {
  const int nx = g.nx, ny = g.ny;
  std::vector<double> s(static_cast<std::size_t>(nx + 1) * (ny + 1), 0.0);
  auto S = [&](int i, int j) -> double& { return s[static_cast<std::size_t>(j) * (nx + 1) + i]; };
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      const float v = z[g.index(i, j)];
      const double e = std::isnan(v) ? sea : std::max<double>(v, sea);
      S(i + 1, j + 1) = e + S(i, j + 1) + S(i + 1, j) - S(i, j);
    }
  std::vector<double> out(g.size());
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      const int a = std::max(0, i - h), b = std::min(nx, i + h + 1);
      const int c = std::max(0, j - h), d = std::min(ny, j + h + 1);
      out[g.index(i, j)] = (S(b, d) - S(a, d) - S(b, c) + S(a, c)) / ((b - a) * (d - c));
    }
  return out;
}

// Bretschneider (1972) inflow angle: 10 deg inside Rm, ramping to the outer value by 1.2 Rm.
double inflow_rad(double r, double rm, double outer_deg) {
  const double deg =
      r < rm ? 10.0 : (r < 1.2 * rm ? 10.0 + (outer_deg - 10.0) * (r / rm - 1.0) / 0.2 : outer_deg);
  return deg * kPi / 180.0;
}

}  // namespace

// Radial profiles tabulated over the span of radii the grid covers at this instant.
struct RadialTables {
  double r0 = 0.0;
  std::vector<float> wind, rain;
  std::vector<float> band_re, band_im;  // band weight x exp(-i n ln(r/Rm) / tan(pitch))
  double lookup(const std::vector<float>& v, double r) const {
    const double x = std::max(0.0, (r - r0) / kTableDrKm);
    const std::size_t k = static_cast<std::size_t>(x);
    if (k + 1 >= v.size()) return v.back();
    const double w = x - static_cast<double>(k);
    return v[k] + w * (v[k + 1] - v[k]);
  }
};

StormField::StormField(const Track& track, const StormParams& params, const Grid& grid,
                       std::vector<double> lon_deg, std::vector<double> lat_deg,
                       std::vector<float> elevation)
    : params_(params), grid_(grid), lon_(std::move(lon_deg)), lat_(std::move(lat_deg)) {
  const std::size_t n = grid_.size();
  if (lon_.size() != n || lat_.size() != n || (!elevation.empty() && elevation.size() != n))
    throw std::invalid_argument("StormField: lon/lat/elevation sizes differ from the grid");
  double sum = 0;
  for (double v : lat_) sum += v;
  lat_mean_ = n ? sum / static_cast<double>(n) : 0.0;
  if (n) {
    lon_lo_ = *std::min_element(lon_.begin(), lon_.end());
    lon_hi_ = *std::max_element(lon_.begin(), lon_.end());
    lat_lo_ = *std::min_element(lat_.begin(), lat_.end());
    lat_hi_ = *std::max_element(lat_.begin(), lat_.end());
  }
  if (!elevation.empty()) {
    land_.resize(n);
    for (std::size_t c = 0; c < n; ++c)
      land_[c] =
          std::isnan(elevation[c]) ? NAN : (elevation[c] > params_.sea_level_m ? 1.0f : 0.0f);
    const int h = std::max(1, static_cast<int>(std::lround(1000.0 / grid_.cell)));
    const std::vector<double> zs = smooth(grid_, elevation, params_.sea_level_m, h);
    dhdx_.assign(n, 0.0f);
    dhdy_.assign(n, 0.0f);
    for (int j = 1; j + 1 < grid_.ny; ++j)
      for (int i = 1; i + 1 < grid_.nx; ++i) {
        const std::size_t c = grid_.index(i, j);
        dhdx_[c] = static_cast<float>((zs[c + 1] - zs[c - 1]) / (2 * grid_.cell));
        dhdy_[c] = static_cast<float>((zs[c - grid_.nx] - zs[c + grid_.nx]) / (2 * grid_.cell));
      }
  }
  Track t = clean_track(track);
  LandPredicate over_land;
  if (!land_.empty()) over_land = [this](double la, double lo) { return is_land(la, lo); };
  const double lf = detect_landfall(t, over_land);
  DecayParams dp = params_.decay;
  dp.penv_hpa = params_.penv_hpa;
  // Beyond the DEM we cannot see land; after landfall assume the storm stays over it.
  const LandPredicate after_landfall = [this](double la, double lo) {
    return land_.empty() || !inside(la, lo) || is_land(la, lo);
  };
  t = apply_inland_decay(t, lf, after_landfall, dp);
  track_ = convert_averaging(std::move(t), Averaging::ten_min);
  landfall_t_ = lf - params_.epoch_s;
}

bool StormField::inside(double lat, double lon) const {
  int i = 0, j = 0;
  return locate(lat, lon, i, j);
}

bool StormField::is_land(double lat, double lon) const {
  int i = 0, j = 0;
  return locate(lat, lon, i, j) && land_[grid_.index(i, j)] == 1.0f;
}

// Nearest cell by a local linear map from the grid centre (grid assumed near north-up in
// lon/lat, true for UTM/Gauss-Krueger near their central meridian).
bool StormField::locate(double lat, double lon, int& i, int& j) const {
  const std::size_t c0 = grid_.index(grid_.nx / 2, grid_.ny / 2);
  const double kx = kEarthRadiusKm * 1000.0 * kDeg * std::cos(lat_[c0] * kDeg);
  const double ky = kEarthRadiusKm * 1000.0 * kDeg;
  const double x = grid_.cx(grid_.nx / 2) + (lon - lon_[c0]) * kx;
  const double y = grid_.cy(grid_.ny / 2) + (lat - lat_[c0]) * ky;
  return grid_.locate(x, y, i, j);
}

StormState StormField::state_at(double t) const {
  return interpolate(track_, t + params_.epoch_s, params_.penv_hpa);
}

// Everything one frame needs per cell, computed once per fill() call.
struct StormField::Frame {
  double slon, slat, kx, ky, hsign, vtx, vty, rm, max_r;
  double cb_in, sb_in, cb_sea, sb_sea, cb_land, sb_land, outer_sea, outer_land;
  double shear_amp, cmx, cmy;
  bool bands;
  int band_n = 0;
  double rot_re = 1.0, rot_im = 0.0;  // exp(-i n phase(t))
  RadialTables tab;

  // Bretschneider inflow: constant inside Rm and beyond 1.2 Rm; the ramp is computed.
  void inflow(double r, bool land, double& cb, double& sb) const {
    if (r < rm) {
      cb = cb_in;
      sb = sb_in;
      return;
    }
    if (r >= 1.2 * rm) {
      cb = land ? cb_land : cb_sea;
      sb = land ? sb_land : sb_sea;
      return;
    }
    const double b = inflow_rad(r, rm, land ? outer_land : outer_sea);
    cb = std::cos(b);
    sb = std::sin(b);
  }
};

StormField::Frame StormField::frame(double t) const {
  const StormState s = state_at(t);
  VortexParams vp;
  vp.vmax_ms = s.vmax_ms;
  vp.pc_hpa = s.pc_hpa;
  vp.penv_hpa = params_.penv_hpa;
  vp.rmax_km = s.rmax_km;
  vp.lat_deg = s.lat;
  vp.translation_ms = s.speed_ms;
  vp.dpdt_hpa_per_h = s.dpdt_hpa_per_h;
  if (!std::isnan(s.r30_mean_km)) {
    vp.r_outer_km = s.r30_mean_km;
    vp.v_outer_ms =
        30.0 * 1852.0 / 3600.0 * averaging_factor(Averaging::one_min, Averaging::ten_min);
  }
  const WindProfile wp(params_.wind_model, vp);
  // R-CLIPER was fitted to NHC 1-min winds.
  const RcliperShape rs =
      rcliper_shape(s.vmax_ms * averaging_factor(Averaging::ten_min, Averaging::one_min));
  Frame f;
  f.slon = s.lon;
  f.slat = s.lat;
  f.kx = kEarthRadiusKm * kDeg * std::cos(0.5 * (lat_mean_ + s.lat) * kDeg);
  f.ky = kEarthRadiusKm * kDeg;
  f.hsign = s.lat >= 0 ? 1.0 : -1.0;  // cyclonic rotation sense
  f.vtx = s.speed_ms * std::sin(s.heading_deg * kDeg);
  f.vty = s.speed_ms * std::cos(s.heading_deg * kDeg);
  f.rm = s.rmax_km;
  f.max_r = params_.max_radius_km;
  f.outer_sea = params_.inflow_deg_sea;
  f.outer_land = params_.inflow_deg_land;
  f.cb_in = std::cos(10 * kDeg);
  f.sb_in = std::sin(10 * kDeg);
  f.cb_sea = std::cos(f.outer_sea * kDeg);
  f.sb_sea = std::sin(f.outer_sea * kDeg);
  f.cb_land = std::cos(f.outer_land * kDeg);
  f.sb_land = std::sin(f.outer_land * kDeg);
  const double shear = std::hypot(params_.shear_u_ms, params_.shear_v_ms);
  f.shear_amp = std::min(params_.shear_amp_max, params_.shear_amp_per_ms * shear);
  // Rain maximum downshear-left in the northern hemisphere (Chen, Knaff & Marks 2006;
  // Lonfat et al. 2007): 45 deg cyclonic from the downshear direction.
  const double th_max = std::atan2(params_.shear_v_ms, params_.shear_u_ms) + f.hsign * kPi / 4;
  f.cmx = std::cos(th_max);
  f.cmy = std::sin(th_max);
  f.bands = params_.structure != RainStructure::mean;
  // Tabulate only the radii the grid spans now: nearest and farthest points of its lon/lat box.
  const double near_x = (std::clamp(s.lon, lon_lo_, lon_hi_) - s.lon) * f.kx;
  const double near_y = (std::clamp(s.lat, lat_lo_, lat_hi_) - s.lat) * f.ky;
  const double far_x = std::max(std::abs(lon_lo_ - s.lon), std::abs(lon_hi_ - s.lon)) * f.kx;
  const double far_y = std::max(std::abs(lat_lo_ - s.lat), std::abs(lat_hi_ - s.lat)) * f.ky;
  f.tab.r0 = std::max(0.0, std::hypot(near_x, near_y) - 1.0);
  const double r1 = std::min(params_.max_radius_km, std::hypot(far_x, far_y) + 1.0);
  const std::size_t nr = static_cast<std::size_t>(std::max(0.0, r1 - f.tab.r0) / kTableDrKm) + 2;
  f.tab.wind.resize(nr);
  f.tab.rain.resize(nr);
  for (std::size_t k = 0; k < nr; ++k) {
    const double r = f.tab.r0 + static_cast<double>(k) * kTableDrKm;
    f.tab.wind[k] = static_cast<float>(wp.surface_wind(r));
    f.tab.rain[k] = static_cast<float>(rcliper_rate_mmph(rs, r) * params_.rain_multiplier);
  }
  if (f.bands) band_tables(f, t);
  return f;
}

// Bands as m = 1 + Re[z^n exp(-i n phase) G(r)], z = e^{i theta}: the radial part G is
// tabulated so a cell costs a few multiplications instead of atan2, log and cos.
void StormField::band_tables(Frame& f, double t) const {
  const BandParams& b = params_.bands;
  const std::size_t nr = f.tab.wind.size();
  f.band_n = b.count;
  const double ph = b.count * band_phase_rad(b, t);
  f.rot_re = std::cos(ph);
  f.rot_im = -std::sin(ph);
  f.tab.band_re.resize(nr);
  f.tab.band_im.resize(nr);
  const double k = b.count / std::tan(b.pitch_deg * kDeg);
  for (std::size_t i = 0; i < nr; ++i) {
    const double r = f.tab.r0 + static_cast<double>(i) * kTableDrKm;
    const double w = band_weight(b, r, f.rm);
    const double a = w > 0 ? -k * std::log(r / f.rm) : 0.0;
    f.tab.band_re[i] = static_cast<float>(w * std::cos(a));
    f.tab.band_im[i] = static_cast<float>(w * std::sin(a));
  }
}

void StormField::fill(double t, float* rain, float* wind, float* gust) const {
  const std::size_t n = grid_.size();
  const double ta = t + params_.epoch_s;
  if (ta < track_.start() || ta > track_.end()) {  // no storm on the track at this time
    for (std::size_t c = 0; c < n; ++c) {
      const float v = !land_.empty() && std::isnan(land_[c]) ? NAN : 0.0f;
      rain[c] = v;
      wind[c] = v;
      if (gust) gust[c] = v;
    }
    return;
  }
  const Frame f = frame(t);
#pragma omp parallel for schedule(static) if (n >= kMinParallelCells)
  for (std::size_t c = 0; c < n; ++c) cell(f, c, rain, wind, gust);
}

void StormField::cell(const Frame& f, std::size_t c, float* rain, float* wind, float* gust) const {
  const float lc = land_.empty() ? 0.0f : land_[c];
  const double dx = (lon_[c] - f.slon) * f.kx, dy = (lat_[c] - f.slat) * f.ky;
  const double r = std::sqrt(dx * dx + dy * dy);
  if (std::isnan(lc) || r > f.max_r) {
    const float v = std::isnan(lc) ? NAN : 0.0f;
    rain[c] = wind[c] = v;
    if (gust) gust[c] = v;
    return;
  }
  const double ri = std::max(r, 1e-6), ex = dx / ri, ey = dy / ri;
  const bool on_land = lc == 1.0f;
  double cb, sb;
  f.inflow(r, on_land, cb, sb);
  const double v = f.tab.lookup(f.tab.wind, r);
  const double asym =
      params_.translation_weight * r * f.rm / (r * r + f.rm * f.rm);  // Jelesnianski 1966
  const double ux = v * (-f.hsign * ey * cb - ex * sb) + asym * f.vtx;
  const double uy = v * (f.hsign * ex * cb - ey * sb) + asym * f.vty;
  const double speed =
      std::sqrt(ux * ux + uy * uy) * (on_land ? params_.overland_wind_factor : 1.0);
  wind[c] = static_cast<float>(speed);
  if (gust)
    gust[c] =
        static_cast<float>(speed * (on_land ? params_.gust_factor_land : params_.gust_factor_sea));
  double rr = f.tab.lookup(f.tab.rain, r) * (1.0 + f.shear_amp * (ex * f.cmx + ey * f.cmy));
  if (!dhdx_.empty()) {
    const double w = ux * dhdx_[c] + uy * dhdy_[c];  // upslope vertical motion, m/s
    rr *=
        std::clamp(1.0 + params_.orographic_k * w, params_.orographic_min, params_.orographic_max);
  }
  if (f.bands && rr > 0) {
    double zr = 1.0, zi = 0.0;  // (ex + i hsign ey)^n: the cyclonic azimuth's harmonic
    for (int k = 0; k < f.band_n; ++k) {
      const double nr = zr * ex - zi * f.hsign * ey;
      zi = zr * f.hsign * ey + zi * ex;
      zr = nr;
    }
    const double pr = zr * f.rot_re - zi * f.rot_im, pi = zr * f.rot_im + zi * f.rot_re;
    const double gr = f.tab.lookup(f.tab.band_re, r), gi = f.tab.lookup(f.tab.band_im, r);
    rr *= 1.0 + (pr * gr - pi * gi);
  }
  rain[c] = static_cast<float>(rr);
}

StormFrames::StormFrames(const StormField& field, double frame_dt_s)
    : field_(field), dt_(frame_dt_s) {
  if (!(dt_ > 0)) throw std::invalid_argument("StormFrames: frame interval must be > 0");
  // A block is a whole number of frames, as close to bursts.block_h as possible.
  nt_ = std::max(1, static_cast<int>(std::lround(field_.params().bursts.block_h * 3600.0 / dt_)));
  span_ = nt_ * dt_;
}

void StormFrames::load_block(long b) {
  const std::size_t n = field_.grid().size();
  rain_.assign(n * static_cast<std::size_t>(nt_), 0.0f);
  std::vector<float> wind(n);
  for (int k = 0; k < nt_; ++k)  // midpoint samples, held over each interval
    field_.fill(b * span_ + (k + 0.5) * dt_, rain_.data() + static_cast<std::size_t>(k) * n,
                wind.data());
  apply_bursts(field_.params().bursts, field_.grid(), b, dt_, nt_, rain_.data());
  block_ = b;
}

void StormFrames::fill(double t, float* rain, float* wind, float* gust) {
  field_.fill(t, rain, wind, gust);
  if (field_.params().structure != RainStructure::bands_bursts) return;
  const long b = static_cast<long>(std::floor(t / span_));
  if (b != block_) load_block(b);
  const int k = std::clamp(static_cast<int>(std::floor((t - b * span_) / dt_)), 0, nt_ - 1);
  const std::size_t n = field_.grid().size();
  std::copy_n(rain_.data() + static_cast<std::size_t>(k) * n, n, rain);
}

StormAccumulator::StormAccumulator(std::size_t cells, double dt_s)
    : dt_(dt_s),
      len_1h_(std::max(1, static_cast<int>(std::lround(3600.0 / dt_s)))),
      len_10m_(std::max(1, static_cast<int>(std::lround(600.0 / dt_s)))),
      total_(cells, 0.0f),
      max_wind_(cells, 0.0f),
      max_1h_(cells, 0.0f),
      max_10m_(cells, 0.0f),
      ring_1h_(cells * static_cast<std::size_t>(len_1h_), 0.0f),
      sum_1h_(cells, 0.0f),
      ring_10m_(cells * static_cast<std::size_t>(len_10m_), 0.0f),
      sum_10m_(cells, 0.0f) {
  if (!(dt_s > 0)) throw std::invalid_argument("StormAccumulator: dt must be > 0");
}

// Rolling sum of the last `len` frames' depths (a window shorter than one frame takes the
// rate times the window).
void StormAccumulator::window(const float* rain, std::vector<float>& ring, std::vector<float>& sum,
                              std::vector<float>& mx, int len, double window_s) {
  const double depth_per_rate = std::min(dt_, window_s) / 3600.0;
  const std::size_t n = total_.size(), slot = static_cast<std::size_t>(frames_ % len);
  float* rg = ring.data() + slot * n;
#pragma omp parallel for schedule(static) if (n >= kMinParallelCells)
  for (std::size_t c = 0; c < n; ++c) {
    const float d = static_cast<float>(rain[c] * depth_per_rate);
    sum[c] += d - rg[c];
    rg[c] = d;
    mx[c] = std::isnan(sum[c]) ? NAN : std::max(mx[c], sum[c]);
  }
}

void StormAccumulator::add(const float* rain, const float* wind) {
  const std::size_t n = total_.size();
  window(rain, ring_1h_, sum_1h_, max_1h_, len_1h_, 3600.0);
  window(rain, ring_10m_, sum_10m_, max_10m_, len_10m_, 600.0);
#pragma omp parallel for schedule(static) if (n >= kMinParallelCells)
  for (std::size_t c = 0; c < n; ++c) {
    total_[c] += static_cast<float>(rain[c] * dt_ / 3600.0);
    max_wind_[c] = std::isnan(wind[c]) ? NAN : std::max(max_wind_[c], wind[c]);
  }
  ++frames_;
}

}  // namespace sd::storm
