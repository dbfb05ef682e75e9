#pragma once
// The immutable description of a flood simulation: terrain, roughness, sources, sinks,
// drainage assets and boundaries. Built once from plain arrays (ModelSpec) and shared,
// read-only, by any number of sd::flood::State objects (batches run in parallel).
//
// Physics: local-inertial shallow water on a raster (Bates, Horritt & Fewtrell 2010,
// J. Hydrol. 387; optional q-centred theta form of de Almeida et al. 2012, WRR 48).
// See docs/flood-model.md for equations, sign conventions and limits.
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/grid.hpp"
#include "core/time_series.hpp"

namespace sd::flood {
namespace subgrid {
struct SolverTables;
}

enum class Side : int { North = 0, East = 1, South = 2, West = 3 };

// One domain edge. Closed: wall. Open: free outflow at normal depth, the friction slope
// taken as the bed slope of the two cells next to the edge (at least open_min_slope).
// Level: water level (m, same vertical datum as the DEM) imposed in a ghost cell beyond the
// edge; water flows in or out (tide, storm surge, river stage).
struct Edge {
  enum class Kind { Closed, Open, Level };
  Kind kind = Kind::Closed;
  TimeSeries level;  // m above the DEM datum, used when kind == Level
};

// Where drained or pumped water goes. cell >= 0: added to that cell (a canal, river or sea
// cell), so receiving water can fill and back up. cell == -1: leaves the domain (counted
// as drained); `outside_level` (m, DEM datum) is then the receiving water's level for the
// flap-gate rule (empty = always free).
struct Outfall {
  int cell = -1;
  TimeSeries outside_level;
};

// A pumping station lifts water from the cells it serves to its outfall when their gravity
// outfalls are gate-locked. Availability is switched at run time (State::set_pump_available).
struct PumpStation {
  double capacity_m3s = 0.0;
  std::vector<int> cells;  // cells whose sewers it serves (flat indices)
  int outfall = -1;        // index into ModelSpec::outfalls
};

// Point inflow (river hydrograph, dike breach); negative values abstract, limited to the
// water present.
struct PointInflow {
  int cell = 0;
  TimeSeries m3s;
};

// A dike breach as a broad-crested weir (structure_flow.hpp) between the water outside the
// dike and `cell`: open from t_open_s until t_close_s, its width growing linearly from 0 to
// width_m over develop_s. Water comes in while the outside stands higher and drains back
// when the land does; both are booked as inflow (Budget::inflow, net).
struct WeirBreach {
  int cell = -1;
  double width_m = 0;
  double crest = 0;  // breach bottom, m above the DEM datum
  double t_open_s = 0, develop_s = 0, t_close_s = 1e300;
  TimeSeries outside_level;  // m above the DEM datum
  // >= 0: the outside water is this cell's modelled water (a river, canal or sea cell beyond
  // the wall) instead of outside_level; the weir moves water between the two cells, both ways.
  int source_cell = -1;
};

// A sluice gate stuck from t_from_s until t_until_s (a drill inject). Closed: its outfall
// drains nothing by gravity (the gate-locked demand is left to the pumps). Open: no flap
// gate; besides gravity drainage, water moves both ways between `inland_cell` and the
// receiving water through a submerged orifice of area_m2 (the sea comes in at high tide).
struct GateFault {
  int outfall = -1;
  bool open = false;
  double area_m2 = 0;
  int inland_cell = -1;  // open gates only
  double t_from_s = 0, t_until_s = 1e300;
  bool active(double t) const { return t >= t_from_s && t < t_until_s; }
};

// Debris factor class for the FD2320 hazard rating (DEFRA/EA 2006, table 3.1).
enum DebrisClass : std::uint8_t { kPastureArable = 0, kWoodland = 1, kUrban = 2 };

// Largest stable Courant number sqrt(g h) dt / dx of the q-centred scheme in 2D: a von
// Neumann analysis of the checkerboard mode gives sqrt(theta / 2) (docs/flood-model.md,
// "Stability"): 0.632 at theta = 0.8, 0.707 at theta = 1.
double max_stable_cfl(double theta);

struct Options {
  double g = 9.81;
  // alpha in dt = alpha dx / sqrt(g h_max) (Bates 2010, eq. 12); at most
  // max_stable_cfl(theta), 0.6 is 95 % of it at the default theta.
  double cfl = 0.6;
  double theta = 0.8;    // de Almeida et al. 2012 q-centring; 1 = Bates 2010
  double dt_max = 10.0;  // s, cap when the domain is (nearly) dry
  float h_dry = 1e-4f;   // m; a face with less flow depth carries no flux
  double open_min_slope = 1e-4;
  float ponding_m = 0.15f;  // first-time-above threshold (GB 51222 road-lane ponding depth)
  float duration_threshold_m = 0.15f;  // duration-above threshold
  double rain_refresh_s = 60.0;   // rain sources are re-evaluated (as interval means) this often
  double stats_interval_s = 0.0;  // summary rasters sampled this often (0 = every step)
  float velocity_min_depth_m = 0.01f;  // velocities are not evaluated in thinner films
  int threads = 0;                     // OpenMP threads; 0 = OpenMP default
  // Fewer threads on small grids: below this many cells per thread the per-step barriers
  // cost more than the work (results are identical for any thread count anyway).
  int min_cells_per_thread = 32768;
  // Skip 32 x 32 tiles that hold no water and receive none this step (bit-identical to the
  // dense sweep; false = always sweep every cell, for tests and benchmarks).
  bool skip_dry_tiles = true;
};

// Everything the solver needs, as plain arrays of grid.size() values (row 0 = north).
// Optional per-cell arrays may be left empty.
struct ModelSpec {
  Grid grid;
  std::vector<float> bed;             // m; NaN = outside the domain
  std::vector<std::uint8_t> blocked;  // optional: 1 = building / no-flow cell
  float manning_uniform = 0.03f;      // s m^-1/3, used when `manning` is empty
  std::vector<float> manning;         // optional per cell
  // Infiltration, optional per cell (mm/h, 1/h, m): Horton f = fc + (f0 - fc) exp(-k t_wet)
  // and/or Green-Ampt f = Ks (1 + psi*dtheta / F). Cells with f0 = 0 and Ks = 0 do not infiltrate.
  std::vector<float> horton_f0_mmph, horton_fc_mmph, horton_k_per_h;
  std::vector<float> ga_ks_mmph, ga_psi_dtheta_m;
  float infiltration_uniform_mmph = 0.0f;  // constant capacity everywhere (CLI --infiltration-mmph)
  // Urban drainage: sewer design capacity per cell (mm/h; 0 outside served areas) and the
  // outfall (index into `outfalls`, -1 = water leaves the domain freely).
  std::vector<float> drainage_mmph;
  std::vector<int> drainage_outfall;
  float drainage_uniform_mmph = 0.0f;  // everywhere, leaving the domain (CLI --drainage-mmph)
  std::vector<Outfall> outfalls;
  std::vector<PumpStation> pumps;
  std::vector<PointInflow> inflows;
  std::vector<WeirBreach> breaches;
  std::vector<GateFault> gate_faults;
  std::array<Edge, 4> edges;               // indexed by Side
  std::vector<std::uint8_t> debris_class;  // optional, DebrisClass per cell (default urban)
  // Optional sub-grid topography (subgrid_inertial.hpp): tables of the fine DEM on this grid.
  // Then `bed` must be empty (it becomes the tables' lowest pixel per cell), grid.cell must be
  // ratio x the fine pixel, and `manning` (per coarse cell) must be empty: roughness is
  // folded into the face tables. The state is then volume per cell area (State::depth()).
  std::shared_ptr<const subgrid::SolverTables> subgrid;
  Options options;
};

class Model;
using ModelPtr = std::shared_ptr<const Model>;

// Validated, preprocessed model. Throws std::invalid_argument (message names the field)
// on inconsistent input: sizes, negative roughness, outfall indices out of range, ...
ModelPtr build_model(ModelSpec spec);

class Model {
 public:
  const Grid& grid() const { return spec_.grid; }
  const ModelSpec& spec() const { return spec_; }
  const Options& options() const { return spec_.options; }
  double datum() const { return datum_; }  // bed values are stored relative to this level
  std::size_t active_cells() const { return active_; }

  // Preprocessed arrays (internal to the solver, exposed for tests and the engine's output).
  const std::vector<float>& z_rel() const { return z_; }  // bed - datum; 1e9 if inactive
  const std::vector<std::uint8_t>& active() const { return act_; }
  const std::vector<float>& n2() const { return n2_; }  // Manning n^2 per cell (empty = uniform)

  struct DrainGroup {  // cells that drain to one outfall, in ascending cell order
    int outfall = -1;
    std::vector<int> cells;
    std::vector<float> cap_ms;  // capacity in m/s per cell
  };
  const std::vector<DrainGroup>& drain_groups() const { return groups_; }
  bool has_infiltration() const { return has_infil_; }
  // Sub-grid tables, or null; face bottoms (lowest open strip) relative to the datum, 1e9
  // where no strip is open, indexed like qx / qy.
  const subgrid::SolverTables* subgrid() const { return spec_.subgrid.get(); }
  const std::vector<float>& subgrid_face_z(bool x_faces) const { return x_faces ? sfx_ : sfy_; }

 private:
  friend ModelPtr build_model(ModelSpec spec);
  Model() = default;
  ModelSpec spec_;
  double datum_ = 0.0;
  std::size_t active_ = 0;
  std::vector<float> z_;
  std::vector<std::uint8_t> act_;
  std::vector<float> n2_;
  std::vector<float> sfx_, sfy_;
  std::vector<DrainGroup> groups_;
  bool has_infil_ = false;
};

}  // namespace sd::flood
