// One opened results file with everything the UI needs from it: streamed frames, the response
// tables, the hillshade and the scenario clock. Read-only after loading.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "core/clock.hpp"
#include "core/colormap.hpp"
#include "core/fine_layer.hpp"
#include "core/frame_cache.hpp"
#include "core/replay.hpp"
#include "core/results_file.hpp"

namespace sd::viz {

struct Document {
  std::unique_ptr<ResultsFile> file;
  std::unique_ptr<FrameCache> frames;
  Replay replay;
  std::vector<float> elevation;
  std::vector<std::uint8_t> shade;
  std::vector<Rgba> terrain;       // hillshaded base map, empty without /grid/elevation
  std::vector<float> first_above;  // /hazard/first_above_0p15m (arrival time), may be empty
  std::vector<float> hazard_rating;
  // Sea, rivers, canals: wet in the first hazard frame (before the storm); empty without frames.
  std::vector<std::uint8_t> permanent_water;
  FineLayer fine;  // /hazard/fine/max_depth (sub-grid runs); empty otherwise
  std::optional<ClockOrigin> clock;
  std::string scenario_text;  // /meta/scenario_text, for provenance

  // Throws ResultsError (see ResultsFile::open). `cache_bytes` bounds the frame cache.
  static std::unique_ptr<Document> load(const std::filesystem::path& path, std::size_t cache_bytes);
  bool is_batch() const { return file->meta().kind == "batch"; }
  double end_time() const { return replay.end_time; }
  std::string label() const;  // file name + scenario, for window titles
};

}  // namespace sd::viz
