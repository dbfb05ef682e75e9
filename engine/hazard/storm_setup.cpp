#include "hazard/storm_setup.hpp"

#include <cmath>

#include "core/error.hpp"
#include "io/lonlat.hpp"
#include "io/track_reader.hpp"
#include "storm/design_storm.hpp"
#include "storm/ensemble.hpp"
#include "storm/wind_averaging.hpp"

namespace sd {
namespace {

// Closest approach of the track to the grid centre, in scenario seconds (used as "landfall"
// for warnings when the track never crosses the land mask).
double closest_approach_s(const storm::StormField& f, const std::vector<double>& lon,
                          const std::vector<double>& lat, const Scenario& s) {
  const std::size_t c = lon.size() / 2;
  double best = 1e300, best_t = -1;
  for (double t = std::max(0.0, f.t_begin()); t <= std::min(s.duration_s, f.t_end()); t += 600) {
    const auto st = f.state_at(t);
    const double dx = (st.lon - lon[c]) * std::cos(lat[c] * M_PI / 180), dy = st.lat - lat[c];
    if (dx * dx + dy * dy < best) best = dx * dx + dy * dy, best_t = t;
  }
  return best_t;
}

}  // namespace

MemberTrack member_track(const Scenario& s, int member, std::uint64_t ensemble_seed) {
  storm::Averaging avg;
  if (!storm::parse_averaging(s.storm.averaging, avg))
    throw InputError(s.path + ": storm.averaging: unknown period");
  MemberTrack out;
  out.track = io::read_track(s.storm.track_path, io::parse_track_format(s.storm.format), avg);
  storm::StormParams& p = out.params;
  if (!storm::parse_wind_model(s.storm.wind_model, p.wind_model))
    throw InputError(s.path + ": storm.wind_model: unknown model '" + s.storm.wind_model + "'");
  storm::parse_rain_structure(s.storm.rain_structure.c_str(), p.structure);
  p.penv_hpa = s.storm.penv_hpa;
  p.epoch_s = static_cast<double>(s.start_epoch_s);
  p.rain_multiplier = s.storm.rain_multiplier;
  p.bursts.seed = s.seed ^ 0x5EEDB0B5ull;
  if (member > 0) {
    storm::EnsembleSpec spec;
    storm::Member mb =
        storm::member(out.track, p, spec, ensemble_seed ? ensemble_seed : s.seed, member);
    out.track = std::move(mb.track);
    out.params = mb.params;
  }
  return out;
}

StormSetup setup_storm(const Scenario& s, int member, std::uint64_t ensemble_seed) {
  StormSetup out;
  if (s.storm.design) {
    const DesignStormSpec& d = *s.storm.design;
    storm::DesignStorm ds;
    ds.formula = {d.a1, d.c, d.b, d.n};
    ds.return_period_y = d.return_period_y;
    ds.duration_min = d.duration_min;
    ds.peak_ratio = d.peak_ratio;
    TimeSeries ts = storm::chicago_hyetograph(ds);
    for (auto& t : ts.t) t += d.start_s;
    // A TimeSeries holds its first value before its first sample: a storm starting at
    // start_h > 0 would rain its first step's rate from t = 0. Open it with a dry sample and
    // a 1-s ramp centred on the start (its trapezoid adds back what the plateau loses).
    if (d.start_s > 0 && !ts.t.empty()) {
      ts.t.front() += 0.5;
      ts.t.insert(ts.t.begin(), d.start_s - 0.5);
      ts.v.insert(ts.v.begin(), 0.0);
    }
    for (auto& v : ts.v) v *= d.areal_reduction * s.storm.rain_multiplier;
    out.design_mmph = ts;
    out.landfall_s = d.start_s + d.peak_ratio * d.duration_min * 60;
    return out;
  }
  auto [track, p] = member_track(s, member, ensemble_seed);
  io::CellLonLat ll = io::cell_lonlat(s.dem, io::RefLonLat{});
  std::vector<float> elev = s.dem.data;
  out.field =
      std::make_unique<storm::StormField>(track, p, s.dem.grid, ll.lon, ll.lat, std::move(elev));
  const double lf = out.field->landfall_t();
  out.landfall_s = std::isfinite(lf) ? lf : closest_approach_s(*out.field, ll.lon, ll.lat, s);
  return out;
}

}  // namespace sd
