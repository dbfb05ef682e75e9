#pragma once
// Everything that changes during a flood run, preallocated for one Model. Many States may
// share one Model. advance_to(t) integrates with the adaptive CFL step, shortening steps so
// they land exactly on t, on rain breaks and on rain refresh times. Results are bit-identical
// for any thread count (fixed per-row partition of every reduction) and across
// save/restore of a checkpoint.
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <vector>

#include "flood/flood_model.hpp"
#include "flood/rain_source.hpp"

namespace sd::flood {

// Double-precision volume accounting (m^3), cumulative since t = 0.
struct Budget {
  double rain = 0, infiltration = 0, drainage = 0, pumped = 0;  // drainage includes delivered
  double delivered = 0;  // drained + pumped water added to outfall cells (stays in the domain)
  double inflow = 0;     // point inflows (net)
  double boundary_in = 0, boundary_out = 0;
  double initial = 0, stored = 0;
  // stored - initial - (rain - infiltration - drainage - pumped + delivered + inflow + in - out)
  double error() const;
  double error_rel() const;  // error over max(initial + inputs, stored, tiny)
};

// Per-cell summaries since t = 0 (grid.size(), NaN outside the domain).
struct Summary {
  std::vector<float> max_depth, time_of_max_depth;
  std::vector<float> first_above_ponding;  // s, NaN where never reached
  std::vector<float> duration_above;       // s above Options::duration_threshold_m
  std::vector<float> max_velocity;         // m/s
  std::vector<float> hazard_rating;        // max over time of d (v + 0.5) + DF (FD2320)
  std::vector<float> total_rain_mm;
};

class State {
 public:
  explicit State(ModelPtr model);
  ~State();
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  // The rain source is not owned; it must outlive the State (nullptr = no rain).
  void set_rain(const RainSource* rain);
  // Initial depth (m) per cell; only before the first step. NaN/negative treated as 0.
  void set_depth(const std::vector<float>& depth_m);
  // Pump failure inject: a failed station lifts nothing until switched back on.
  void set_pump_available(std::size_t pump, bool available);
  bool pump_available(std::size_t pump) const;

  // Integrate until time t (s). No-op when t <= time().
  void advance_to(double t);

  double time() const { return t_; }
  std::uint64_t steps() const { return steps_; }
  double solver_wall_s() const { return wall_; }  // wall time spent inside advance_to
  int threads() const;                            // OpenMP threads actually used
  const Model& model() const { return *model_; }

  // m, per cell; with sub-grid tables: stored volume per cell area (the cell's mean depth).
  const std::vector<double>& depth() const { return h_; }
  // m, per cell: water above the cell's lowest point (the depth without sub-grid tables).
  const std::vector<double>& head() const { return model_->subgrid() ? head_ : h_; }
  void depth_f32(float* out) const;  // head() as float, NaN outside the domain (frames)
  // Cell-centred velocity components (m/s, x east, y north), NaN outside, 0 when dry.
  void velocity(float* vx, float* vy) const;
  // Face unit discharges (m^2/s): qx (nx+1)*ny, qy nx*(ny+1); +x east, +y south (row order).
  const std::vector<float>& qx() const { return qx_; }
  const std::vector<float>& qy() const { return qy_; }

  const Budget& budget() const { return budget_; }
  const Summary& summary() const;  // finalised (NaN outside domain) on each call
  double max_depth_now() const { return hmax_; }

  // Checkpoint: the complete state, binary, versioned and tied to the grid size.
  void save(std::ostream& os) const;
  void restore(std::istream& is);  // throws std::runtime_error on a mismatched checkpoint

 private:
  double update_heads();  // sub-grid: head_ (and wet fractions) from h_; max head
  struct Impl;
  std::unique_ptr<Impl> impl_;
  ModelPtr model_;
  const RainSource* rain_ = nullptr;
  double t_ = 0.0;
  std::uint64_t steps_ = 0;
  double wall_ = 0.0;
  double hmax_ = 0.0;
  std::vector<double> h_;
  std::vector<double> head_;  // sub-grid only: level - lowest pixel, from h_ and the tables
  std::vector<float> qx_, qy_;
  Budget budget_;
  mutable Summary summary_;
};

// FD2320 debris factor (DEFRA/EA 2006, table 3.1) for depth d (m) and land-use class.
inline float debris_factor(float d, std::uint8_t cls) {
  if (d <= 0.25f) return 0.0f;
  if (d <= 0.75f) return cls == kPastureArable ? 0.0f : (cls == kWoodland ? 0.5f : 1.0f);
  return cls == kPastureArable ? 0.5f : 1.0f;
}

}  // namespace sd::flood
