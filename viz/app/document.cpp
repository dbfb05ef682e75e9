#include "app/document.hpp"

#include "core/layer_image.hpp"

namespace sd::viz {

namespace {
// Haiyan's plain is nearly flat; 4x relief makes polders, dikes and hills readable.
constexpr double kReliefExaggeration = 4.0;
}  // namespace

std::unique_ptr<Document> Document::load(const std::filesystem::path& path,
                                         std::size_t cache_bytes) {
  auto d = std::make_unique<Document>();
  d->file = ResultsFile::open(path);
  d->clock = parse_iso8601(d->file->meta().start_time);
  d->scenario_text = d->file->read_text("/meta/scenario_text");
  if (d->is_batch()) return d;
  d->frames = std::make_unique<FrameCache>(*d->file, cache_bytes);
  d->replay = Replay::load(*d->file);
  d->elevation = d->file->read_raster("/grid/elevation");
  if (!d->elevation.empty()) {
    d->shade = hillshade(d->elevation, d->file->grid(), kReliefExaggeration);
    d->terrain = terrain_image(d->elevation, d->shade);
  }
  d->first_above = d->file->read_raster("/hazard/first_above_0p15m");
  d->hazard_rating = d->file->read_raster("/hazard/hazard_rating");
  std::vector<float> first_depth;
  if (d->file->has_series(Series::depth) && !d->file->frame_times().empty())
    first_depth = d->file->read_frame(Series::depth, 0);
  std::vector<int> landuse;
  for (float c : d->file->read_raster("/grid/landuse")) landuse.push_back(static_cast<int>(c));
  d->permanent_water = permanent_water_mask(landuse, d->elevation, first_depth);
  d->fine = read_fine_layer(*d->file);
  return d;
}

std::string Document::label() const {
  std::string s = file->path().filename().string();
  if (!file->meta().scenario_name.empty()) s += " (" + file->meta().scenario_name + ")";
  return s;
}

}  // namespace sd::viz
