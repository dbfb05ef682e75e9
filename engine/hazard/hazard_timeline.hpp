#pragma once
// What the response simulation needs from a hazard run (storm + flood), in compact form.
// Computed once per storm (scenario or ensemble member), cached in HDF5 next to the full
// depth/rain frames, and shared read-only by every plan replayed against it.
#include <cstdint>
#include <string>
#include <vector>

namespace sd {

struct FloodedCell {  // a populated cell under water at one frame
  std::uint32_t cell;
  float depth_m;
};

struct HazardTimeline {
  std::string key;           // cache key (hash of everything the hazard depends on)
  std::vector<double> time;  // frame times, s since scenario start (frame k holds [t_k, t_k+1))
  std::size_t edges = 0;
  // (T, E) water on each road edge above its pre-storm state, m: bridges and culverts lift
  // the road over canals and rivers, and the depth at t = 0 is subtracted cell by cell
  // (network/road_surface.hpp), so only the storm's water counts.
  std::vector<float> edge_depth;
  // (E) water on each road edge before the storm (t = 0), m: a road at or above the closure
  // depth here is under permanent water, impassable but not closed by this storm.
  std::vector<float> edge_depth_baseline;
  std::vector<float> edge_gust;  // (T, E) gust speed over each edge, m/s
  // Populated cells with depth >= 0.15 m, per frame: flooded[offset[k] .. offset[k+1]).
  std::vector<std::uint32_t> flooded_offset;
  std::vector<FloodedCell> flooded;
  // Wind exposure on coarse blocks (block_cells x block_cells grid cells), per frame.
  int block_cells = 10;
  int blocks_x = 0, blocks_y = 0;
  std::vector<float> block_gust;  // (T, blocks) max gust in the block, m/s
  std::vector<float> site_depth;  // (T, sites) depth at each critical site, m
  std::vector<float> max_depth;   // (cells) for the risk map and evacuation zones
  double landfall_s = -1;         // landfall (or closest approach) time, s; < 0 unknown
  double total_rain_mean_mm = 0;
  // (T) land area under >= 0.15 m at each frame, km2: the fine land pixels at the frame's
  // downscaled sample on sub-grid runs, the land cells otherwise.
  std::vector<double> flooded_area_km2;
  double peak_flooded_area_km2 = 0;  // largest land area under >= 0.15 m at any frame
  double flooded_extent_km2 = 0;     // land whose maximum depth reached 0.15 m (risk-map extent)
  double max_wind_ms = 0;
  double wall_s = 0;          // time the hazard took to compute
  std::string frames_path;    // HDF5 file holding /hazard frames (for external links)
  bool from_cache = false;    // read from a verified cache entry (not stored in the file)
  double resumed_from_s = 0;  // a branch's flood resumed from its parent's checkpoint at this time
  struct Note {
    double t;
    std::string text;
  };
  std::vector<Note> notes;  // hazard-side happenings the debrief should show (pump lost, ...)

  std::size_t frames() const { return time.size(); }
  // Frame in force at time t (the last frame with time <= t).
  std::size_t frame_at(double t) const;
  const float* edge_depth_at(std::size_t k) const { return edge_depth.data() + k * edges; }
  const float* edge_gust_at(std::size_t k) const { return edge_gust.data() + k * edges; }
};

}  // namespace sd
