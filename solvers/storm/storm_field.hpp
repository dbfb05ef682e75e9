#pragma once
// The storm-field model: a track plus parameters plus the grid's cell-centre lon/lat (and
// optionally a DEM for land/sea, roughness and orographic rain). Immutable once built; any
// number of threads may call fill() for any time. fill() evaluates the radial profiles on a
// table once per call and then runs an OpenMP loop over cells (deterministic).
//
// Per cell at time t (storm state from interpolate()):
//  wind: WindProfile (10-min surface wind at sea) along a tangent turned inward by the
//        inflow angle (Bretschneider 1972: 10 deg at the centre to 25 deg beyond 1.2 Rm),
//        plus the translation vector weighted r Rm / (r^2 + Rm^2) (Jelesnianski 1966),
//        then an overland reduction (roughness) and the gust factor for the exposure.
//  rain: R-CLIPER(V_max 1-min, r) x shear wavenumber-1 factor x orographic factor
//        [x band factor] x rain_multiplier; bursts (if any) act on blocks of frames
//        (see StormFrames).
#include <vector>

#include "core/grid.hpp"
#include "storm/inland_decay.hpp"
#include "storm/rain_structure.hpp"
#include "storm/track.hpp"
#include "storm/wind_profile.hpp"

namespace sd::storm {

struct StormParams {
  WindModel wind_model = WindModel::holland1980;
  double penv_hpa = 1005.0;       // western North Pacific environmental pressure
  double epoch_s = 0.0;           // UTC epoch seconds of scenario time t = 0
  double max_radius_km = 1000.0;  // no wind or rain beyond this radius
  // Wind
  double overland_wind_factor = 0.8;  // 10-min wind over land / at sea (Harper et al. 2010)
  double gust_factor_sea = 1.23;      // 3-s gust / 10-min mean, at sea (Harper 2010 T1.1)
  double gust_factor_land = 1.49;     // 3-s gust / 10-min mean, off-land roughness
  double inflow_deg_sea = 25.0;       // Bretschneider (1972) beyond 1.2 Rm
  double inflow_deg_land = 40.0;      // rougher surface, stronger inflow
  double translation_weight = 1.0;    // scales the Jelesnianski asymmetry
  // Rain
  double rain_multiplier = 1.0;
  double shear_u_ms = 0.0, shear_v_ms = 0.0;  // 200-850 hPa environmental shear vector
  double shear_amp_per_ms = 0.04;  // wavenumber-1 amplitude per m/s shear, <= shear_amp_max
  double shear_amp_max = 0.6;
  double orographic_k = 1.0;  // rain x (1 + k w), w = V . grad(h) (m/s upslope)
  double orographic_min = 0.5, orographic_max = 3.0;
  double sea_level_m = 0.0;  // DEM cells above this are land
  RainStructure structure = RainStructure::mean;
  BandParams bands;
  BurstParams bursts;
  DecayParams decay;  // used when the track ends or is coarse over land
};

class StormField {
 public:
  // lon_deg/lat_deg: grid.size() cell centres. elevation: empty (all sea, flat), or
  // grid.size() values (NaN = outside the domain: rain and wind NaN there). Cleans the track,
  // detects landfall (agency flag or DEM land), applies inland decay, converts to 10-min wind.
  StormField(const Track& track, const StormParams& params, const Grid& grid,
             std::vector<double> lon_deg, std::vector<double> lat_deg,
             std::vector<float> elevation = {});

  // Rain rate (mm/h, mean or banded structure) and 10-min mean wind (m/s) at scenario time
  // t (s) into grid.size() arrays; gust (optional) gets the 3-s gust. Zero outside the
  // track's time span. Thread-safe.
  void fill(double t, float* rain_mmph, float* wind_ms, float* gust_ms = nullptr) const;

  StormState state_at(double t) const;  // storm centre etc. at scenario time t
  double t_begin() const { return track_.start() - params_.epoch_s; }  // scenario seconds
  double t_end() const { return track_.end() - params_.epoch_s; }      // incl. decay extension
  double landfall_t() const { return landfall_t_; }  // scenario seconds; NaN = none
  const Grid& grid() const { return grid_; }
  const StormParams& params() const { return params_; }
  const Track& track() const { return track_; }  // cleaned, decayed, 10-min wind

 private:
  struct Frame;  // per-fill constants and radial tables
  Frame frame(double t) const;
  void band_tables(Frame& f, double t) const;
  void cell(const Frame& f, std::size_t c, float* rain, float* wind, float* gust) const;
  bool is_land(double lat, double lon) const;
  bool inside(double lat, double lon) const;
  bool locate(double lat, double lon, int& i, int& j) const;
  Track track_;
  StormParams params_;
  Grid grid_;
  std::vector<double> lon_, lat_;
  std::vector<float> land_;         // 1 land, 0 sea, NaN outside (empty: all sea)
  std::vector<float> dhdx_, dhdy_;  // DEM slope east/north (empty: flat)
  double lat_mean_ = 0.0;
  double lon_lo_ = 0.0, lon_hi_ = 0.0, lat_lo_ = 0.0, lat_hi_ = 0.0;  // cell-centre box
  double landfall_t_ = kNaN;
};

// Frame source with the burst structure: holds a cache of one conservation block of frames
// (state; one per thread/run). Blocks of ~bursts.block_h (a whole number of frames) start at
// multiples of their length from t = 0; the
// block's mean rain is sampled at interval midpoints, bursts applied, and each frame's rate
// held over its interval, so block totals equal the mean field's. Without bursts it
// forwards to StormField::fill. Wind is always evaluated at t itself.
class StormFrames {
 public:
  StormFrames(const StormField& field, double frame_dt_s = 600.0);
  void fill(double t, float* rain_mmph, float* wind_ms, float* gust_ms = nullptr);

 private:
  void load_block(long b);
  const StormField& field_;
  double dt_;
  double span_ = 0.0;  // block length: nt_ frames
  long block_ = -1;
  int nt_ = 0;
  std::vector<float> rain_;  // nt_ frames of the current block
};

// Running storm statistics over frames of equal spacing dt_s.
class StormAccumulator {
 public:
  StormAccumulator(std::size_t cells, double dt_s);
  void add(const float* rain_mmph, const float* wind_ms);  // one frame
  const std::vector<float>& total_mm() const { return total_; }
  const std::vector<float>& max_wind_ms() const { return max_wind_; }
  const std::vector<float>& max_hourly_mm() const { return max_1h_; }
  const std::vector<float>& max_10min_mm() const { return max_10m_; }
  int frames() const { return frames_; }

 private:
  void window(const float* rain, std::vector<float>& ring, std::vector<float>& sum,
              std::vector<float>& mx, int len, double window_s);
  double dt_;
  int frames_ = 0;
  int len_1h_, len_10m_;
  std::vector<float> total_, max_wind_, max_1h_, max_10m_;
  std::vector<float> ring_1h_, sum_1h_, ring_10m_, sum_10m_;
};

}  // namespace sd::storm
