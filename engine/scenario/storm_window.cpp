#include "scenario/storm_window.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/iso_time.hpp"
#include "io/lonlat.hpp"
#include "io/track_reader.hpp"
#include "storm/geo.hpp"
#include "storm/storm_field.hpp"

namespace sd {
namespace {

constexpr double kSampleS = 600;  // the storm model's default frame interval

struct LonLatBox {
  double lon_lo = 1e300, lon_hi = -1e300, lat_lo = 1e300, lat_hi = -1e300;
  bool empty() const { return lon_lo > lon_hi; }
  // Great-circle distance (km) from a point to the nearest point of the box (the box is a
  // county, small enough that clamping lon and lat separately finds that point).
  double distance_km(double lat, double lon) const {
    const storm::LatLon p{lat, lon};
    const storm::LatLon q{std::clamp(lat, lat_lo, lat_hi), std::clamp(lon, lon_lo, lon_hi)};
    return storm::distance_km(p, q);
  }
};

LonLatBox domain_box(const Scenario& s) {
  LonLatBox b;
  if (s.dem.data.empty()) return b;
  const io::CellLonLat ll = io::cell_lonlat(s.dem, io::RefLonLat{});
  for (std::size_t c = 0; c < s.dem.data.size(); ++c) {
    if (std::isnan(s.dem.data[c])) continue;
    b.lon_lo = std::min(b.lon_lo, ll.lon[c]), b.lon_hi = std::max(b.lon_hi, ll.lon[c]);
    b.lat_lo = std::min(b.lat_lo, ll.lat[c]), b.lat_hi = std::max(b.lat_hi, ll.lat[c]);
  }
  return b;
}

std::string hours(double s) {
  std::ostringstream os;
  os.precision(3);
  os << s / 3600.0 << " h";
  return os.str();
}

std::string utc(double epoch_s) {
  return format_iso8601(static_cast<std::int64_t>(std::llround(epoch_s)), 0);
}

std::vector<std::string> design_problems(const Scenario& s) {
  const DesignStormSpec& d = *s.storm.design;
  if (d.start_s >= s.duration_s)
    return {"the design storm starts at " + hours(d.start_s) + " (start_h), after the scenario " +
            "ends (duration_h " + hours(s.duration_s) + "): no rain falls during the drill"};
  return {};
}

std::vector<std::string> track_problems(const Scenario& s) {
  const storm::Track track =
      io::read_track(s.storm.track_path, io::parse_track_format(s.storm.format));
  const double t0 = static_cast<double>(s.start_epoch_s), t1 = t0 + s.duration_s;
  const std::string window =
      "the scenario window (" + s.start_iso + " for " + hours(s.duration_s) + ")";
  const std::string span =
      s.storm.track_path + " covers " + utc(track.start()) + " .. " + utc(track.end()) + " (UTC)";
  if (track.end() < t0 || track.start() > t1)
    return {"the track does not overlap " + window + ": " + span +
            "; check the scenario start (year, UTC offset) and the track file"};
  const LonLatBox box = domain_box(s);
  if (box.empty()) return {};
  const double radius_km = storm::StormParams{}.max_radius_km;
  double best_km = 1e300, best_t = t0;
  const double a = std::max(t0, track.start()), b = std::min(t1, track.end());
  for (double t = a;; t = std::min(b, t + kSampleS)) {
    const storm::StormState st = storm::interpolate(track, t);
    const double d = box.distance_km(st.lat, st.lon);
    if (d < best_km) best_km = d, best_t = t;
    if (t >= b) break;
  }
  if (best_km <= radius_km) return {};
  std::ostringstream os;
  os.precision(0);
  os.setf(std::ios::fixed);
  os << "during " << window << " the storm centre never comes within the rain radius (" << radius_km
     << " km) of the domain: closest " << best_km << " km at " << utc(best_t) << " (UTC); " << span;
  return {os.str()};
}

}  // namespace

std::vector<std::string> storm_window_problems(const Scenario& s) {
  if (s.storm.design) return design_problems(s);
  if (s.storm.track_path.empty() || s.duration_s <= 0) return {};
  return track_problems(s);
}

}  // namespace sd
