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
  FineRisk(const flood::subgrid::SolverTables& t, const io::Raster& fine, double ponding_m,
           double duration_m);
  // Coarse heads (State::head()) at time t, held for dt_s.
  void sample(const std::vector<double>& head, double t, double dt_s);
  const std::vector<float>& first_above() const { return first_; }  // s, NaN never
  const std::vector<float>& duration() const { return duration_; }  // s
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
  // whether every pixel is above both thresholds.
  struct RowCell {
    int I, J;
    double lo, hi;
    bool whole;
  };
  // One fine row of a cell's pixels, from fine pixel p0: every pixel above both thresholds;
  // or decided from the bounds and interpolated where they do not decide.
  void whole_run(std::size_t p0, float t, float hold);
  void mixed_run(const flood::subgrid::CellSurface& cs, const RowCell& c, int j, float t,
                 float hold);
  const flood::subgrid::SolverTables& t_;
  const io::Raster& fine_;
  double ponding_, dur_;
  std::vector<float> first_, duration_;
  // The bilinear stencils of the fine columns and rows (flood::subgrid::pixel_stencil).
  std::vector<flood::subgrid::PixelStencil> sx_, sy_;
};

}  // namespace sd
