#include "flood_cli/subgrid_setup.hpp"

#include <chrono>
#include <cmath>
#include <sstream>

#include "core/error.hpp"
#include "scenario/subgrid_region.hpp"

namespace sd::flood_cli {

int subgrid_ratio(double cell_m, const io::Raster& fine, const std::string& path,
                  const std::string& what) {
  const double px = fine.grid.cell;
  std::ostringstream m;
  m << where(path) << ": " << what << " ";
  if (!std::isfinite(cell_m) || cell_m <= 0) {
    m << cell_m << " must be a positive number of metres";
    throw InputError(m.str());
  }
  const double r = cell_m / px;
  const double rr = std::round(r);
  if (rr < 1 || std::fabs(r - rr) > 1e-6 * r) {
    m << cell_m << " is not a whole multiple of the DEM's " << px << " m pixel";
    throw InputError(m.str());
  }
  if (rr > 4096) {
    m << cell_m << " is " << rr << " pixels per side: at most 4096";
    throw InputError(m.str());
  }
  const int ratio = static_cast<int>(rr);
  if (fine.grid.nx % ratio != 0 || fine.grid.ny % ratio != 0) {
    m << cell_m << " (" << ratio << " pixels) does not divide the DEM's " << fine.grid.nx << " x "
      << fine.grid.ny << " pixels; crop the DEM to a multiple of " << ratio;
    throw InputError(m.str());
  }
  return ratio;
}

SubgridGrid build_subgrid(const io::Raster& fine, int ratio, const std::vector<float>& manning,
                          float n_uniform, const TablesCacheOptions& cache) {
  const auto t0 = std::chrono::steady_clock::now();
  SubgridGrid sg;
  sg.ratio = ratio;
  sg.tables = cached_tables({fine, fine_terrain_digest(fine, {}), ratio, manning, n_uniform}, cache,
                            &sg.from_cache);
  sg.coarse.grid = Grid{fine.grid.nx / ratio, fine.grid.ny / ratio, fine.grid.x0, fine.grid.y0,
                        fine.grid.cell * ratio};
  sg.coarse.data = flood::subgrid::coarse_bed(*sg.tables);
  sg.coarse.crs_wkt = fine.crs_wkt;
  sg.build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return sg;
}

std::vector<float> coarse_volume_depth(const SubgridGrid& sg, const io::Raster& fine,
                                       const io::Raster& fine_depth) {
  const Grid& c = sg.coarse.grid;
  const int r = sg.ratio, nfx = c.nx * r;
  std::vector<double> sum(c.size(), 0.0);
  for (std::size_t p = 0; p < fine_depth.data.size(); ++p) {
    const float d = fine_depth.data[p];
    if (!(d > 0.0f) || !std::isfinite(fine.data[p])) continue;
    const int i = static_cast<int>(p % static_cast<std::size_t>(nfx)) / r;
    const int j = static_cast<int>(p / static_cast<std::size_t>(nfx)) / r;
    sum[c.index(i, j)] += d;
  }
  std::vector<float> out(c.size());
  for (std::size_t k = 0; k < out.size(); ++k)
    out[k] = static_cast<float>(sum[k] / (static_cast<double>(r) * r));
  return out;
}

io::Raster fine_depth(const SubgridGrid& sg, const io::Raster& fine,
                      const std::vector<float>& head) {
  return io::with_values(fine, flood::subgrid::downscale_heads(*sg.tables, head, fine.data));
}

}  // namespace sd::flood_cli
