#include "hazard/fine_roads.hpp"

#include <cmath>
#include <unordered_map>

#include "hazard/coarse_levels.hpp"

namespace sd {

FineRoads fine_roads(const net::RoadGraph& graph, const io::Raster& fine,
                     const std::vector<std::uint8_t>& fine_water,
                     std::vector<net::RoadStructure> structure, const net::RoadLevelRules& rules) {
  FineRoads r;
  r.cells = net::rasterize_edges(graph, fine.grid);
  std::unordered_map<std::uint32_t, std::uint32_t> compact;
  for (auto& c : r.cells.cells) {
    auto [it, added] = compact.emplace(c, static_cast<std::uint32_t>(r.pixel.size()));
    if (added) r.pixel.push_back(c);
    c = it->second;
  }
  std::vector<float> ground(r.pixel.size());
  std::vector<std::uint8_t> water(r.pixel.size());
  for (std::size_t k = 0; k < r.pixel.size(); ++k) {
    ground[k] = fine.data[r.pixel[k]];
    water[k] = fine_water.empty() ? 0 : fine_water[r.pixel[k]];
  }
  r.surface = net::road_surface(r.cells, std::move(structure), ground, water, rules);
  return r;
}

void fine_road_pixel_depths(const FineRoads& r, const flood::subgrid::SolverTables& t,
                            const io::Raster& fine, const std::vector<double>& head,
                            std::vector<float>& out) {
  const CoarseLevels cl(t, head);
  const flood::subgrid::Surface s = cl.surface();
  const auto nfx = static_cast<std::uint32_t>(fine.grid.nx);
  out.assign(r.pixel.size(), 0.0f);
  for (std::size_t k = 0; k < r.pixel.size(); ++k) {
    const std::uint32_t p = r.pixel[k];
    const float z = fine.data[p];
    double zeta;
    if (std::isnan(z)) {
      out[k] = NAN;  // no data: dry, as the coarse rule reads NaN
    } else if (flood::subgrid::downscaled_level(s, static_cast<int>(p % nfx),
                                                static_cast<int>(p / nfx), zeta)) {
      out[k] = static_cast<float>(std::max(0.0, zeta - z));
    }
  }
}

}  // namespace sd
