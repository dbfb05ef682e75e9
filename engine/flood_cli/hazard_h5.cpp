#include "flood_cli/hazard_h5.hpp"

#include "output/fine_hazard_h5.hpp"
#include "results/results_schema.hpp"

#include <cmath>

#include "io/h5_cf.hpp"
#include "output/flood_summary_h5.hpp"
#include "version.hpp"

namespace sd::flood_cli {

HazardWriter::HazardWriter(const std::string& path, const io::Raster& dem,
                           const flood::Model& model)
    : file_(h5::File::create(path)),
      ny_(static_cast<std::size_t>(dem.grid.ny)),
      nx_(static_cast<std::size_t>(dem.grid.nx)),
      crs_wkt_(dem.crs_wkt) {
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
  h5::set_grid_attrs(grid, dem.grid);
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

void HazardWriter::fine_max_depth(const io::Raster& fine_max, int ratio) {
  write_fine_hazard(hazard_, fine_max.grid, crs_wkt_, "s", ratio, 0,
                    {{schema::fine::kMaxDepth, &fine_max.data, "m", "maximum water depth"}});
}

void HazardWriter::finish(const flood::State& st, double wall_s) {
  h5::write_vector(hazard_, "time", times_);
  write_flood_summary(hazard_, st);
  h5::cf::georeference_group(hazard_, {st.model().grid(), crs_wkt_, "s"});
  h5::cf::georeference_group(h5::open_group(file_, "grid"), {st.model().grid(), crs_wkt_, "s"});
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
