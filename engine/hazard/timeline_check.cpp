#include "hazard/timeline_check.hpp"

#include <cmath>
#include <vector>

namespace sd {
namespace {

std::string count_text(const char* what, std::size_t got, std::size_t want) {
  return std::string(what) + " holds " + std::to_string(got) + " values, expected " +
         std::to_string(want);
}

// First index whose value is NaN, infinite or negative; npos when all are sound.
std::size_t first_bad_depth(const std::vector<float>& v) {
  for (std::size_t k = 0; k < v.size(); ++k)
    if (!std::isfinite(v[k]) || v[k] < 0) return k;
  return std::string::npos;
}

std::optional<std::string> bad_values(const char* name, const std::vector<float>& v) {
  const std::size_t k = first_bad_depth(v);
  if (k == std::string::npos) return std::nullopt;
  return std::string(name) + "[" + std::to_string(k) + "] = " + std::to_string(v[k]) +
         " (must be finite and >= 0)";
}

std::optional<std::string> flooded_problem(const HazardTimeline& t) {
  const std::size_t T = t.frames();
  if (t.flooded_offset.size() != T + 1)
    return count_text("flooded_offset", t.flooded_offset.size(), T + 1);
  if (t.flooded_offset.front() != 0) return std::string("flooded_offset[0] is not 0");
  for (std::size_t k = 1; k <= T; ++k)
    if (t.flooded_offset[k] < t.flooded_offset[k - 1])
      return "flooded_offset decreases at frame " + std::to_string(k);
  if (t.flooded_offset.back() != t.flooded.size())
    return "flooded_offset ends at " + std::to_string(t.flooded_offset.back()) + " but " +
           std::to_string(t.flooded.size()) + " flooded cells are stored";
  for (std::size_t k = 0; k < t.flooded.size(); ++k) {
    const FloodedCell& c = t.flooded[k];
    if (c.cell >= t.max_depth.size())
      return "flooded_cell[" + std::to_string(k) + "] = " + std::to_string(c.cell) +
             " is outside the grid of " + std::to_string(t.max_depth.size()) + " cells";
    if (!std::isfinite(c.depth_m) || c.depth_m < 0)
      return "flooded_depth[" + std::to_string(k) + "] = " + std::to_string(c.depth_m) +
             " (must be finite and >= 0)";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> timeline_problem(const HazardTimeline& t) {
  const std::size_t T = t.frames();
  if (T == 0) return std::string("no frames");
  for (std::size_t k = 0; k < T; ++k)
    if (!std::isfinite(t.time[k]) || (k > 0 && !(t.time[k] > t.time[k - 1])))
      return "frame times not finite and increasing at frame " + std::to_string(k);
  if (t.edge_depth.size() != T * t.edges)
    return count_text("edge_depth", t.edge_depth.size(), T * t.edges);
  if (t.edge_gust.size() != T * t.edges)
    return count_text("edge_gust", t.edge_gust.size(), T * t.edges);
  if (t.edge_depth_baseline.size() != t.edges)
    return count_text("edge_depth_baseline", t.edge_depth_baseline.size(), t.edges);
  if (t.block_cells < 1 || t.blocks_x < 0 || t.blocks_y < 0)
    return std::string("block layout out of range");
  const std::size_t blocks = static_cast<std::size_t>(t.blocks_x) * t.blocks_y;
  if (t.block_gust.size() != T * blocks)
    return count_text("block_gust", t.block_gust.size(), T * blocks);
  if (t.site_depth.size() % T != 0)
    return "site_depth holds " + std::to_string(t.site_depth.size()) +
           " values, not a whole number of frames";
  if (auto p = flooded_problem(t)) return p;
  if (!t.flooded_area_km2.empty() && t.flooded_area_km2.size() != T)
    return count_text("flooded_area_km2", t.flooded_area_km2.size(), T);
  for (double a : t.flooded_area_km2)
    if (!(a >= 0) || std::isinf(a))
      return std::string("flooded_area_km2 holds a value < 0 or not finite");
  for (auto [name, v] : {std::pair{"edge_depth", &t.edge_depth},
                         {"edge_depth_baseline", &t.edge_depth_baseline},
                         {"edge_gust", &t.edge_gust},
                         {"block_gust", &t.block_gust},
                         {"site_depth", &t.site_depth}})
    if (auto p = bad_values(name, *v)) return p;
  // max_depth is NaN outside the active (valid-terrain) cells, by design.
  for (std::size_t k = 0; k < t.max_depth.size(); ++k)
    if (std::isinf(t.max_depth[k]) || t.max_depth[k] < 0)
      return "max_depth[" + std::to_string(k) + "] = " + std::to_string(t.max_depth[k]) +
             " (must be NaN or finite and >= 0)";
  for (double v : {t.landfall_s, t.total_rain_mean_mm, t.max_wind_ms, t.peak_flooded_area_km2,
                   t.flooded_extent_km2})
    if (!std::isfinite(v)) return std::string("a summary attribute is not finite");
  for (const auto& n : t.notes)
    if (!std::isfinite(n.t)) return std::string("a note time is not finite");
  return std::nullopt;
}

std::optional<std::string> timeline_problem(const HazardTimeline& t, const TimelineShape& shape) {
  if (auto p = timeline_problem(t)) return p;
  if (t.edges != shape.edges)
    return "made for " + std::to_string(t.edges) + " road edges, the network has " +
           std::to_string(shape.edges);
  if (t.max_depth.size() != shape.cells)
    return count_text("max_depth", t.max_depth.size(), shape.cells);
  if (t.block_gust.size() != t.frames() * shape.blocks)
    return count_text("block_gust", t.block_gust.size(), t.frames() * shape.blocks);
  if (t.site_depth.size() != t.frames() * shape.sites)
    return count_text("site_depth", t.site_depth.size(), t.frames() * shape.sites);
  return std::nullopt;
}

}  // namespace sd
