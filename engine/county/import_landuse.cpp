#include "county/import_landuse.hpp"

#include <algorithm>
#include <cmath>
#include <deque>

#include "county/import_classes.hpp"
#include "county/import_rasterize.hpp"

namespace sd::county {
namespace {

// Later classes overwrite earlier ones where polygons overlap (a park inside a residential
// area stays grass only if grass came later; water always wins).
int priority(int cls) {
  switch (cls) {
    case kClsGrass:
      return 0;
    case kClsFarmland:
      return 1;
    case kClsForest:
      return 2;
    case kClsResidential:
      return 3;
    case kClsUrban:
      return 4;
    case kClsIndustrial:
      return 5;
    default:
      return 6;  // water
  }
}

// Sea: cells at or below kSeaMaxElevation_m connected (4-neighbours) to the domain's edge.
// `land` cells (roads, buildings) are never sea.
std::vector<std::uint8_t> sea_mask(const Grid& g, const std::vector<float>& dem,
                                   const std::vector<std::uint8_t>& land) {
  std::vector<std::uint8_t> sea(g.size(), 0);
  std::deque<std::size_t> q;
  auto push = [&](int i, int j) {
    const std::size_t c = g.index(i, j);
    if (!sea[c] && !land[c] && std::isfinite(dem[c]) && dem[c] <= kSeaMaxElevation_m)
      sea[c] = 1, q.push_back(c);
  };
  for (int i = 0; i < g.nx; ++i) push(i, 0), push(i, g.ny - 1);
  for (int j = 0; j < g.ny; ++j) push(0, j), push(g.nx - 1, j);
  // The domain's edge inside the grid too (a --boundary outline): cells beside no-data cells.
  for (int j = 1; j + 1 < g.ny; ++j)
    for (int i = 1; i + 1 < g.nx; ++i)
      if (!std::isfinite(dem[g.index(i - 1, j)]) || !std::isfinite(dem[g.index(i + 1, j)]) ||
          !std::isfinite(dem[g.index(i, j - 1)]) || !std::isfinite(dem[g.index(i, j + 1)]))
        push(i, j);
  while (!q.empty()) {
    const std::size_t c = q.front();
    q.pop_front();
    const int i = static_cast<int>(c % g.nx), j = static_cast<int>(c / g.nx);
    if (i > 0) push(i - 1, j);
    if (i + 1 < g.nx) push(i + 1, j);
    if (j > 0) push(i, j - 1);
    if (j + 1 < g.ny) push(i, j + 1);
  }
  return sea;
}

void burn_dikes(const OsmData& osm, const ImportFrame& f, io::Raster& dem, LandUseResult& r) {
  const Grid& g = f.grid;
  std::vector<float> crest(g.size(), -1e30f);
  for (const OsmLine& l : osm.lines) {
    if (l.kind != "dyke") continue;
    ++r.dikes;
    const bool tagged = std::isfinite(l.height_m) && l.height_m > 0 && l.height_m < 30;
    r.dikes_with_height += tagged;
    const double h = tagged ? l.height_m : kDefaultDikeHeight_m;
    trace_line(f, l.pts, [&](std::size_t c) {
      // Crest = lowest ground in the 3x3 block around the cell + height: the DEM cell may
      // already hold part of the dike, the valley floor beside it does not.
      const int i = static_cast<int>(c % g.nx), j = static_cast<int>(c / g.nx);
      float base = dem.data[c];
      for (int dj = -1; dj <= 1; ++dj)
        for (int di = -1; di <= 1; ++di) {
          const int a = i + di, b = j + dj;
          if (a >= 0 && b >= 0 && a < g.nx && b < g.ny && std::isfinite(dem.data[g.index(a, b)]))
            base = std::min(base, dem.data[g.index(a, b)]);
        }
      if (std::isfinite(base)) crest[c] = std::max(crest[c], static_cast<float>(base + h));
    });
  }
  for (std::size_t c = 0; c < g.size(); ++c)
    if (crest[c] > -1e29f && std::isfinite(dem.data[c]) && crest[c] > dem.data[c])
      dem.data[c] = crest[c], ++r.dike_cells;
}

}  // namespace

LandUseResult build_landuse(const OsmData& osm, const ImportFrame& f, io::Raster& dem) {
  const Grid& g = f.grid;
  LandUseResult r;
  std::vector<float> lu(g.size(), static_cast<float>(kClsGrass));  // unmapped land: grass
  std::vector<const OsmLandArea*> areas;
  for (const auto& a : osm.land) areas.push_back(&a);
  std::stable_sort(areas.begin(), areas.end(), [](const OsmLandArea* a, const OsmLandArea* b) {
    return priority(a->cls) < priority(b->cls);
  });
  for (const OsmLandArea* a : areas) {
    if (a->cls == kClsWater) continue;  // after the buildings
    fill_area(f, a->area, [&](std::size_t c) { lu[c] = static_cast<float>(a->cls); });
  }
  // Building density: footprint area summed on the cell of each building's centroid.
  std::vector<double> cover(g.size(), 0.0);
  for (const OsmBuilding& b : osm.buildings) {
    double x, y;
    int i, j;
    f.proj->forward(b.centroid.lon, b.centroid.lat, x, y);
    if (std::isfinite(x) && g.locate(x, y, i, j)) cover[g.index(i, j)] += b.footprint_m2;
  }
  for (std::size_t c = 0; c < g.size(); ++c)
    if (cover[c] >= kUrbanBuildingCover * g.cell_area() &&
        lu[c] != static_cast<float>(kClsIndustrial))
      lu[c] = kClsUrban;
  for (const OsmLandArea* a : areas)
    if (a->cls == kClsWater) fill_area(f, a->area, [&](std::size_t c) { lu[c] = kClsWater; });
  for (const OsmLine& l : osm.lines)
    if (l.kind == "river" || l.kind == "canal")
      trace_line(f, l.pts, [&](std::size_t c) { lu[c] = kClsWater; });
  r.sea.assign(g.size(), 0);
  if (osm.coastline_ways > 0) {
    std::vector<std::uint8_t> land(g.size(), 0);
    for (const OsmRoadWay& w : osm.roads) trace_line(f, w.pts, [&](std::size_t c) { land[c] = 1; });
    for (std::size_t c = 0; c < g.size(); ++c) land[c] |= cover[c] > 0 ? 1 : 0;
    r.sea = sea_mask(g, dem.data, land);
    for (const OsmLine& l : osm.lines)  // the coastline itself is the water's edge
      if (l.kind == "coastline")
        trace_line(f, l.pts, [&](std::size_t c) {
          if (!land[c] && std::isfinite(dem.data[c]) && dem.data[c] <= kSeaMaxElevation_m)
            r.sea[c] = 1;
        });
    for (std::size_t c = 0; c < g.size(); ++c)
      if (land[c] && std::isfinite(dem.data[c]) && dem.data[c] < kCoastLandMin_m)
        dem.data[c] = static_cast<float>(kCoastLandMin_m), ++r.coast_land_raised;
    for (std::size_t c = 0; c < g.size(); ++c)
      if (r.sea[c]) lu[c] = kClsWater, dem.data[c] = std::min(dem.data[c], 0.0f), ++r.sea_cells;
  }
  burn_dikes(osm, f, dem, r);
  for (std::size_t c = 0; c < g.size(); ++c) {
    if (!std::isfinite(dem.data[c]))
      lu[c] = NAN;
    else
      ++r.cells_by_class[static_cast<int>(lu[c])];
  }
  r.landuse = io::Raster{g, std::move(lu), f.crs_wkt};
  return r;
}

}  // namespace sd::county
