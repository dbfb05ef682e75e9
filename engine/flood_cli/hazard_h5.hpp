#pragma once
// Writes a flood run as a results file of kind "flood": /meta, /grid and the /hazard group
// of docs/results-format.md (depth and rain frames, summary rasters, volume budget).
#include <memory>
#include <string>
#include <vector>

#include "flood/flood_state.hpp"
#include "flood/rain_source.hpp"
#include "io/h5.hpp"
#include "io/raster_io.hpp"

namespace sd::flood_cli {

class HazardWriter {
 public:
  HazardWriter(const std::string& path, const io::Raster& dem, const flood::Model& model);
  ~HazardWriter();
  void frame(const flood::State& st, const flood::RainSource* rain);  // one (y,x) frame
  // Sub-grid runs: /hazard/fine/max_depth, the max depth downscaled onto the fine DEM, with
  // the fine grid's georeferencing and the cells' ratio (before finish).
  void fine_max_depth(const io::Raster& fine_max, int ratio);
  void finish(const flood::State& st, double wall_s);  // summaries, attributes, commit

 private:
  h5::File file_;
  h5::Handle hazard_;
  std::unique_ptr<h5::FrameWriter<float>> depth_, rain_;
  std::vector<double> times_;
  std::vector<float> buf_;
  std::size_t ny_, nx_;
  std::string crs_wkt_;
};

}  // namespace sd::flood_cli
