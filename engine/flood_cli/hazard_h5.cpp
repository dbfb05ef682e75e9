#include "flood_cli/hazard_h5.hpp"

#include <cmath>

#include "version.hpp"

namespace sd::flood_cli {

HazardWriter::HazardWriter(const std::string& path, const io::Raster& dem,
                           const flood::Model& model)
    : file_(h5::File::create(path)),
      ny_(static_cast<std::size_t>(dem.grid.ny)),
      nx_(static_cast<std::size_t>(dem.grid.nx)) {
  auto meta = h5::create_group(file_, "meta");
  h5::set_attr(meta, "format", "stormdrill-results");
  h5::set_attr(meta, "format_version", 1);
  h5::set_attr(meta, "kind", "flood");
  h5::set_attr(meta, "engine_version", kVersion);
  h5::set_attr(meta, "git_commit", kGitCommit);
  h5::set_attr(meta, "scenario_name", "");
  h5::set_attr(meta, "start_time", "");
  h5::set_attr(meta, "seed", std::int64_t{0});
  auto grid = h5::create_group(file_, "grid");
  h5::set_attr(grid, "nx", dem.grid.nx);
  h5::set_attr(grid, "ny", dem.grid.ny);
  h5::set_attr(grid, "x0", dem.grid.x0);
  h5::set_attr(grid, "y0", dem.grid.y0);
  h5::set_attr(grid, "cell", dem.grid.cell);
  h5::set_attr(grid, "crs_wkt", dem.crs_wkt);
  h5::write_matrix(grid, "elevation", dem.data.data(), ny_, nx_);
  hazard_ = h5::create_group(file_, "hazard");
  depth_ =
      std::make_unique<h5::FrameWriter<float>>(hazard_, "depth", std::vector<hsize_t>{ny_, nx_});
  rain_ = std::make_unique<h5::FrameWriter<float>>(hazard_, "rain", std::vector<hsize_t>{ny_, nx_});
  h5::set_cf(depth_->id(), "m", "water depth");
  h5::set_cf(rain_->id(), "mm/h", "rain rate");
  h5::set_attr(hazard_, "threshold_m", static_cast<double>(model.options().duration_threshold_m));
  h5::set_attr(hazard_, "ponding_m", static_cast<double>(model.options().ponding_m));
  buf_.resize(ny_ * nx_);
}

HazardWriter::~HazardWriter() = default;

void HazardWriter::frame(const flood::State& st, const flood::RainSource* rain) {
  times_.push_back(st.time());
  st.depth_f32(buf_.data());
  depth_->append(buf_.data());
  // Rain rate at the frame time (a point value: the mean over a vanishing interval).
  const auto& act = st.model().active();
  if (rain && !rain->uniform()) {
    rain->fill_mmph(st.time(), st.time(), buf_.data());
  } else {
    const float r = rain ? static_cast<float>(rain->uniform_mmph(st.time(), st.time())) : 0.0f;
    std::fill(buf_.begin(), buf_.end(), r);
  }
  for (std::size_t k = 0; k < buf_.size(); ++k)
    if (!act[k]) buf_[k] = std::nanf("");
  rain_->append(buf_.data());
}

void HazardWriter::finish(const flood::State& st, double wall_s) {
  h5::write_vector(hazard_, "time", times_);
  const auto& s = st.summary();
  auto put = [&](const char* name, const std::vector<float>& v, const char* units,
                 const char* lname) {
    h5::write_matrix(hazard_, name, v.data(), ny_, nx_);
    auto ds = h5::Handle(H5Dopen2(hazard_, name, H5P_DEFAULT));
    h5::set_cf(ds, units, lname);
  };
  put("max_depth", s.max_depth, "m", "maximum water depth");
  put("time_of_max_depth", s.time_of_max_depth, "s", "time of maximum depth");
  put("first_above_0p15m", s.first_above_ponding, "s", "first time depth >= 0.15 m (GB 51222)");
  put("duration_above_threshold", s.duration_above, "s", "time with depth above threshold_m");
  put("max_velocity", s.max_velocity, "m/s", "maximum depth-averaged speed");
  put("hazard_rating", s.hazard_rating, "1", "DEFRA FD2320 HR = d(v+0.5)+DF, max over time");
  put("total_rain", s.total_rain_mm, "mm", "total rain");
  const auto& b = st.budget();
  h5::set_attr(hazard_, "mass_error_rel", b.error_rel());
  h5::set_attr(hazard_, "rain_m3", b.rain);
  h5::set_attr(hazard_, "infiltration_m3", b.infiltration);
  h5::set_attr(hazard_, "drainage_m3", b.drainage);
  h5::set_attr(hazard_, "pumped_m3", b.pumped);
  h5::set_attr(hazard_, "delivered_m3", b.delivered);
  h5::set_attr(hazard_, "inflow_m3", b.inflow);
  h5::set_attr(hazard_, "boundary_in_m3", b.boundary_in);
  h5::set_attr(hazard_, "boundary_out_m3", b.boundary_out);
  h5::set_attr(hazard_, "initial_m3", b.initial);
  h5::set_attr(hazard_, "stored_m3", b.stored);
  auto meta = h5::open_group(file_, "meta");
  h5::set_attr(meta, "duration_s", st.time());
  h5::set_attr(meta, "wall_s", wall_s);
  depth_.reset();
  rain_.reset();
  meta.reset();
  hazard_.reset();
  file_.commit();
}

}  // namespace sd::flood_cli
