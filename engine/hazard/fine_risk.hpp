#pragma once
// Fine-resolution risk rasters of a sub-grid hazard run (issue 12 §2, docs/results-format.md
// /hazard/fine): the coarse levels are downscaled onto the fine DEM at every sample time
// (sample-and-hold: a sample at t stands for [t, t + dt)), giving per fine pixel the first
// time the water is >= the ponding threshold (0.15 m, as the coarse first_above_0p15m) and the
// time above the duration threshold (Options::duration_threshold_m, as the coarse raster).
// Only cells whose surface (with their wet neighbours) can reach a threshold over some pixel
// are downscaled pixel by pixel: a cell whose lowest neighbouring level is above its highest
// pixel + threshold is counted whole, one whose highest is below its lowest pixel + threshold
// is skipped (the interpolated level is a weighted mean of those levels). The same bounds,
// with a margin far above rounding, decide each pixel before its level is interpolated: most
// wet cells' pixels are either well under water or well above it, so only the pixels near a
// threshold pay for the interpolation (same rasters, bit for bit, as interpolating them all).
// The FD2320 hazard rating per fine pixel, max over the samples of d (v + 0.5) + DF (DEFRA/EA
// 2006, FD2320/TR2 eq. 3.1 and table 3.1) on land pixels (NaN on permanent water: the rating is
// of flooding, and the sea would cost most of the work) at the samples where d >= the ponding
// depth (shallower water is FD2320's low class for v < 4.5 m/s): d the pixel's downscaled
// depth, v the speed of its computational cell (cell_speed.hpp; why the cell's:
// docs/flood-model.md, "Fine hazard rating"), DF from the pixel's debris class. A cell is rated
// only when a level or its speed rose since its last rating, its pixels lowest first, and a
// pixel is interpolated only when an upper bound of its rating exceeds its maximum so far.
// Each sample also counts the land pixels (not permanent water) with depth >= the ponding
// threshold: the flooded land at that time on the fine pixels.
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <vector>

#include "flood/subgrid_downscale.hpp"
#include "flood/subgrid_inertial.hpp"
#include "io/raster_io.hpp"

namespace sd {

class FineRisk {
 public:
  // debris: flood::DebrisClass per fine pixel (empty: all urban); water: 1 on permanent-water
  // pixels, left out of the flooded-land count (empty: none).
  FineRisk(const flood::subgrid::SolverTables& t, const io::Raster& fine, double ponding_m,
           double duration_m, std::vector<std::uint8_t> debris = {},
           std::vector<std::uint8_t> water = {});
  // Coarse heads (State::head()) and cell speeds (m/s, cell_speed.hpp) at time t, held for
  // dt_s. Returns the number of land pixels whose depth is >= the ponding threshold at t.
  std::size_t sample(const std::vector<double>& head, const std::vector<float>& speed, double t,
                     double dt_s);
  const std::vector<float>& first_above() const { return first_; }  // s, NaN never
  const std::vector<float>& duration() const { return duration_; }  // s
  const std::vector<float>& hazard_rating() const { return hr_; }   // 1, NaN outside or water
  // The accumulators for a flood checkpoint (hazard_checkpoints.hpp): a sub-grid branch resumed
  // from a checkpoint continues them bit for bit. Sparse (the pixels ever above a threshold):
  // the dense rasters are 8 bytes a fine pixel. restore throws std::runtime_error on a
  // mismatched or truncated record. The record is written straight into the caller's buffer
  // (record_bytes() long): it is tens of MB on the demo county (every sea pixel), and a stream
  // and its copies cost more than the solver between two checkpoints.
  std::size_t record_bytes() const;
  void save(std::uint8_t* out) const;
  void restore(std::istream& is);

 private:
  // A wet coarse cell that can reach a threshold: its neighbourhood's level bounds, and
  // whether every pixel is above both thresholds, and the cell's speed + 0.5 m/s.
  struct RowCell {
    int I, J;
    double lo, hi;
    bool whole;
    float v05;
  };
  // One fine row of a cell's pixels, from fine pixel p0: every pixel above both thresholds;
  // or decided from the bounds and interpolated where they do not decide (returning the row's
  // flooded land pixels; a whole cell's are its rated pixels).
  void whole_run(std::size_t p0, float t, float hold);
  std::size_t mixed_run(const flood::subgrid::CellSurface& cs, const RowCell& c, int j, float t,
                        float hold);
  // The hazard rating of a cell's pixels, lowest first, up to the highest level.
  void rate_cell(const flood::subgrid::CellSurface& cs, const RowCell& c);
  void sort_rated_pixels();
  const flood::subgrid::SolverTables& t_;
  const io::Raster& fine_;
  double ponding_, dur_;
  std::vector<float> first_, duration_, hr_;
  std::vector<std::uint8_t> debris_, water_;
  // The rated pixels (land) of each cell by elevation: cell c's are rated_px_[rated_start_[c]
  // .. rated_start_[c + 1]), as b * ratio + a (row b, column a of the cell).
  std::vector<std::uint16_t> rated_px_;
  std::vector<std::size_t> rated_start_;
  // Each cell's surface and speed + 0.5 at its last rating (NaN: not rated yet); not saved in
  // checkpoints: a cell skipped because of them would have left the rasters unchanged.
  std::vector<flood::subgrid::CellSurface> last_;
  std::vector<float> last_v05_;
  void blank();  // the rasters before the first sample
  // The bilinear stencils of the fine columns and rows (flood::subgrid::pixel_stencil).
  std::vector<flood::subgrid::PixelStencil> sx_, sy_;
};

}  // namespace sd
