#include "output/flood_summary_h5.hpp"

#include "io/h5.hpp"

namespace sd {

void write_flood_summary(hid_t hz, const flood::State& st) {
  const Grid& g = st.model().grid();
  const flood::Summary& s = st.summary();
  auto put = [&](const char* name, const std::vector<float>& v, const char* units,
                 const char* long_name) {
    h5::write_matrix(hz, name, v.data(), static_cast<std::size_t>(g.ny),
                     static_cast<std::size_t>(g.nx));
    h5::set_cf(h5::Handle(H5Dopen2(hz, name, H5P_DEFAULT)), units, long_name);
  };
  put("max_depth", s.max_depth, "m", "maximum water depth");
  put("time_of_max_depth", s.time_of_max_depth, "s", "time of maximum depth");
  put("first_above_0p15m", s.first_above_ponding, "s", "first time depth >= 0.15 m (GB 51222)");
  put("duration_above_threshold", s.duration_above, "s", "time with depth above threshold_m");
  put("max_velocity", s.max_velocity, "m/s", "maximum depth-averaged speed");
  put("hazard_rating", s.hazard_rating, "1", "DEFRA FD2320 HR = d(v+0.5)+DF, max over time");
  put("total_rain", s.total_rain_mm, "mm", "total rain");
  const flood::Budget& b = st.budget();
  h5::set_attr(hz, "mass_error_rel", b.error_rel());
  h5::set_attr(hz, "rain_m3", b.rain);
  h5::set_attr(hz, "infiltration_m3", b.infiltration);
  h5::set_attr(hz, "drainage_m3", b.drainage);
  h5::set_attr(hz, "pumped_m3", b.pumped);
  h5::set_attr(hz, "delivered_m3", b.delivered);
  h5::set_attr(hz, "inflow_m3", b.inflow);
  h5::set_attr(hz, "boundary_in_m3", b.boundary_in);
  h5::set_attr(hz, "boundary_out_m3", b.boundary_out);
  h5::set_attr(hz, "initial_m3", b.initial);
  h5::set_attr(hz, "stored_m3", b.stored);
  h5::set_attr(hz, "steps", static_cast<std::int64_t>(st.steps()));
}

}  // namespace sd
