#include "output/storm_track_writer.hpp"

#include "hazard/storm_setup.hpp"
#include "io/h5.hpp"
#include "io/lonlat.hpp"
#include "storm/track.hpp"

namespace sd {

StormTrackRows storm_track_rows(const Scenario& s, int member, std::uint64_t ensemble_seed) {
  StormTrackRows r;
  if (s.storm.design || s.storm.track_path.empty()) return r;
  const MemberTrack mt = member_track(s, member, ensemble_seed);
  const double epoch = static_cast<double>(s.start_epoch_s);
  for (const auto& pt : mt.track.points) {
    const storm::StormState st = storm::interpolate(mt.track, pt.t, mt.params.penv_hpa);
    r.t.push_back(pt.t - epoch);
    r.x.push_back(pt.lon);
    r.y.push_back(pt.lat);
    r.pressure_hpa.push_back(st.pc_hpa);
    r.vmax_ms.push_back(st.vmax_ms);
    r.rmax_m.push_back(st.rmax_km * 1000.0);
  }
  // The same reference the storm field uses for a grid without a CRS (setup_storm).
  io::lonlat_to_grid(s.dem.grid, s.dem.crs_wkt, io::RefLonLat{}, r.x, r.y);
  return r;
}

void write_storm_track(hid_t file, const StormTrackRows& r) {
  if (r.t.empty()) return;
  h5::Handle storm = h5::create_group(file, "storm");
  h5::Handle g = h5::create_group(storm, "track");
  h5::write_vector(g, "t", r.t);
  h5::write_vector(g, "x", r.x);
  h5::write_vector(g, "y", r.y);
  h5::write_vector(g, "pressure_hpa", r.pressure_hpa);
  h5::write_vector(g, "vmax_ms", r.vmax_ms);
  h5::write_vector(g, "rmax_m", r.rmax_m);
}

}  // namespace sd
