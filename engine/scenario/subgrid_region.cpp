#include "scenario/subgrid_region.hpp"

#include <cmath>
#include <map>

#include "core/error.hpp"
#include "core/word_hash.hpp"
#include "flood_cli/subgrid_setup.hpp"
#include "io/raster_io.hpp"

namespace sd {
namespace {

bool near(double a, double b, double tol) {
  return std::fabs(a - b) <= tol;
}

// Calls f(cell, pixel) for every fine pixel of every coarse cell.
template <class F>
void for_each_pixel(const Grid& fine, int ratio, F&& f) {
  const int ncx = fine.nx / ratio;
  for (int j = 0; j < fine.ny; ++j)
    for (int i = 0; i < fine.nx; ++i)
      f(static_cast<std::size_t>(j / ratio) * ncx + i / ratio, fine.index(i, j));
}

io::Raster coarse_raster(const io::Raster& fine, int ratio, float fill) {
  io::Raster c;
  c.grid = Grid{fine.grid.nx / ratio, fine.grid.ny / ratio, fine.grid.x0, fine.grid.y0,
                fine.grid.cell * ratio};
  c.crs_wkt = fine.crs_wkt;
  c.data.assign(c.grid.size(), fill);
  return c;
}

}  // namespace

bool same_grid(const Grid& a, const Grid& b) {
  return a.nx == b.nx && a.ny == b.ny && near(a.x0, b.x0, 1e-6 * b.cell) &&
         near(a.y0, b.y0, 1e-6 * b.cell) && near(a.cell, b.cell, 1e-9 * b.cell);
}

bool coarsening_of(const Grid& coarse, const Grid& fine) {
  const double r = coarse.cell / fine.cell;
  const double rr = std::round(r);
  if (rr < 2 || !near(r, rr, 1e-6 * r)) return false;
  const int k = static_cast<int>(rr);
  return coarse.nx * k == fine.nx && coarse.ny * k == fine.ny &&
         near(coarse.x0, fine.x0, 1e-6 * fine.cell) && near(coarse.y0, fine.y0, 1e-6 * fine.cell);
}

io::Raster coarse_lowest(const io::Raster& fine, int ratio) {
  io::Raster c = coarse_raster(fine, ratio, NAN);
  for_each_pixel(fine.grid, ratio, [&](std::size_t k, std::size_t p) {
    const float z = fine.data[p];
    if (!std::isnan(z) && !(c.data[k] <= z)) c.data[k] = z;
  });
  return c;
}

io::Raster coarse_majority(const io::Raster& fine, const io::Raster& mask, int ratio) {
  io::Raster c = coarse_raster(fine, ratio, NAN);
  std::vector<std::map<float, int>> votes(c.data.size());
  for_each_pixel(fine.grid, ratio, [&](std::size_t k, std::size_t p) {
    if (!std::isnan(fine.data[p]) && !std::isnan(mask.data[p])) ++votes[k][fine.data[p]];
  });
  for (std::size_t k = 0; k < votes.size(); ++k) {
    int best = 0;
    for (const auto& [code, n] : votes[k])  // ascending codes: ties keep the smaller
      if (n > best) best = n, c.data[k] = code;
  }
  return c;
}

io::Raster refine_nearest(const io::Raster& coarse, int k) {
  io::Raster f;
  f.grid = Grid{coarse.grid.nx * k, coarse.grid.ny * k, coarse.grid.x0, coarse.grid.y0,
                coarse.grid.cell / k};
  f.crs_wkt = coarse.crs_wkt;
  f.data.resize(f.grid.size());
  for (int j = 0; j < f.grid.ny; ++j)
    for (int i = 0; i < f.grid.nx; ++i)
      f.data[f.grid.index(i, j)] = coarse.data[coarse.grid.index(i / k, j / k)];
  return f;
}

io::Raster coarse_sum(const io::Raster& fine, int ratio) {
  io::Raster c = coarse_raster(fine, ratio, 0.0f);
  std::vector<double> sum(c.data.size(), 0.0);
  for_each_pixel(fine.grid, ratio, [&](std::size_t k, std::size_t p) {
    if (!std::isnan(fine.data[p])) sum[k] += fine.data[p];
  });
  for (std::size_t k = 0; k < sum.size(); ++k) c.data[k] = static_cast<float>(sum[k]);
  return c;
}

void apply_subgrid(TableReader& root, Scenario& s) {
  auto region = root.table("region");
  if (s.flood.subgrid_cell_m <= 0 || s.dem.data.empty()) {
    if (!region) return;
    for (const char* key : {"landuse", "population", "areas"}) {
      const std::string k = key;
      const io::Raster& r = k == "landuse" ? s.landuse : k == "population" ? s.population : s.areas;
      if (!r.data.empty() && !same_grid(r.grid, s.dem.grid))
        region->error(key,
                      "grid is coarser than the DEM's, which needs [flood] subgrid_cell_m "
                      "(without it: the same size, origin and cell size as the DEM)");
    }
    return;
  }
  auto flood = root.table("flood");
  int ratio = 0;
  try {
    ratio = flood_cli::subgrid_ratio(s.flood.subgrid_cell_m, s.dem, region->path("dem", false),
                                     "[flood] subgrid_cell_m");
  } catch (const InputError& e) {
    flood->error("subgrid_cell_m", e.what());
    return;
  }
  io::Raster coarse = coarse_lowest(s.dem, ratio);
  for (const char* key : {"landuse", "population", "areas"}) {
    const bool lu = std::string(key) == "landuse", areas = std::string(key) == "areas";
    io::Raster& r = lu ? s.landuse : areas ? s.areas : s.population;
    if (r.data.empty() || same_grid(r.grid, coarse.grid)) continue;
    // An intermediate grid (e.g. the county's 100 m land use under 200 m cells over 10 m
    // terrain): k x k fine pixels per raster cell, k dividing the cell's ratio.
    int k = 1;
    if (!same_grid(r.grid, s.dem.grid)) {
      k = coarsening_of(r.grid, s.dem.grid)
              ? static_cast<int>(std::round(r.grid.cell / s.dem.grid.cell))
              : 0;
      if (k == 0 || ratio % k != 0) {
        region->error(key, "grid is neither the DEM's (fine), the computational grid of " +
                               std::to_string(s.flood.subgrid_cell_m) +
                               " m cells, nor a grid between them whose cell divides it");
        continue;
      }
    }
    if (k > 1 && !lu && !areas) {  // people: summed k x k raster cells at a time
      r = coarse_sum(r, ratio / k);
      continue;
    }
    if (k > 1) r = refine_nearest(r, k);  // classes: each pixel takes its raster cell's
    if (lu) {
      s.fine_landuse = r;
      s.fine_source.landuse_k = k;
      r = coarse_majority(r, s.dem, ratio);
    } else if (areas) {  // a cell belongs to the area of most of its pixels
      r = coarse_majority(r, s.dem, ratio);
    } else {
      r = coarse_sum(r, ratio);
    }
  }
  s.fine_dem = std::move(s.dem);
  s.dem = std::move(coarse);
  s.subgrid_ratio = ratio;
  s.fine_source.dem_path = region->path("dem", false);
  s.fine_source.landuse_path = region->path("landuse", false);
  s.fine_source.crs_wkt = s.fine_dem.crs_wkt;
  s.fine_digest = fine_terrain_digest(s.fine_dem, s.fine_landuse);
}

std::uint64_t fine_terrain_digest(const io::Raster& dem, const io::Raster& landuse) {
  WordHash h;
  const Grid& g = dem.grid;
  for (double v : {static_cast<double>(g.nx), static_cast<double>(g.ny), g.x0, g.y0, g.cell})
    h.bytes(&v, sizeof v);
  h.bytes(dem.data.data(), dem.data.size() * sizeof(float));
  h.bytes(landuse.data.data(), landuse.data.size() * sizeof(float));
  return h.h;
}

std::uint64_t fine_digest(const Scenario& s) {
  return s.fine_digest ? s.fine_digest : fine_terrain_digest(s.fine_dem, s.fine_landuse);
}

void load_fine_terrain(Scenario& s) {
  if (!s.subgrid() || s.fine_terrain_loaded()) return;
  const FineTerrainSource& src = s.fine_source;
  io::Raster dem = io::read_raster(src.dem_path);
  dem.crs_wkt = src.crs_wkt;
  io::Raster landuse;
  if (src.landuse_k > 0) {
    landuse = io::read_raster(src.landuse_path);
    if (src.landuse_k > 1) landuse = refine_nearest(landuse, src.landuse_k);
  }
  // The region cache is keyed by these files' bytes, so only a file changed during the run
  // (or a cache entry forged to match) gets here.
  if (!same_grid(dem.grid, s.fine_dem.grid) || fine_terrain_digest(dem, landuse) != s.fine_digest)
    throw InputError(src.dem_path + ": the fine terrain changed since the scenario was loaded");
  s.fine_dem = std::move(dem);
  s.fine_landuse = std::move(landuse);
}

}  // namespace sd
