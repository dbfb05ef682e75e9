#pragma once
// Sub-grid local-inertial scheme (issue 12 §2): coarse computational cells that carry the
// volume-level and conveyance tables of the fine DEM below them (subgrid_tables.hpp).
//
// Formulation: Volp, Prooijen & Stelling (2013, WRR 49) / Casulli (2009, IJNMF 60) volume and
// conveyance, in the local-inertial form of SFINCS sub-grid (van Ormondt et al. 2025, GMD 18):
//   continuity:  V_c^{n+1} = V_c^n + dt dx (sum of face q in) + rain dt A_c   (VOLUME, exact)
//   level:       zeta_c = V_c^{-1}(V_c)        (monotone inverse of the piecewise-linear table)
//   momentum:    q^{n+1} = (q_c - g h_m dt d(zeta)/dx) / (1 + g dt |q^n| h_m / K^2)
// where h_m(zeta_f) is the face's mean wet depth (wet cross-section per face width) and
// K(zeta_f) its Manning conveyance per width, mean_p h_p^{5/3} / n_p, at the face level
// zeta_f = max(zeta_l, zeta_r) (the ordinary solver's upwind-of-crest choice). The friction
// term is written as n_eff^2 h_m^{-7/3} with n_eff = h_m^{5/3} / K tabulated per level, so
// the code path is the ordinary one (inertial_q) and a face of one pixel strip, where
// n_eff = n and h_m = zeta_f - z_face, gives exactly the ordinary solver's bits.
// Why conveyance and not the face's mean depth alone: a 5 m street crossing a 50 m face
// conveys as a 5 m channel of its own depth h (K = h^{5/3} / 10n per metre of face), not as
// 50 m of depth h/10 ((h/10)^{5/3} / n, 4.6x less); the pixel-wise K keeps that.
//
// The solver state is the stored volume per cell area (m, "mean depth") so continuity,
// rain on the whole cell, flux repair, point sources and the volume budget are unchanged;
// the per-cell "head" (depth of water above the cell's lowest pixel, zeta - z_lo) replaces
// the depth wherever a level is needed: faces, CFL, summaries, active tiles, edges.
// Infiltration and drainage capacities apply per wet area (the wet fraction dV/dzeta / A).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "flood/inertial_kernels.hpp"

namespace sd::flood::subgrid {

// Solver-ready tables as flat arrays (struct of arrays). Depths are relative to the cell's
// or face's lowest fine pixel; level k of `levels` is at depth k span / (levels - 1).
struct SolverTables {
  int nx = 0, ny = 0, ratio = 1, levels = 10;
  double fine_m = 0;
  std::vector<double> cell_zlo;   // lowest valid pixel (m, DEM datum); NaN: no valid pixel
  std::vector<double> cell_span;  // highest minus lowest valid pixel (m)
  std::vector<double> cell_frac;  // valid pixels / all pixels: wet fraction above the top
  std::vector<double> cell_vol;   // nx*ny*levels: stored volume / cell area (m) per level
  std::vector<float> cell_n2;     // mean Manning n^2 of the valid pixels (empty: uniform n);
                                  // used only by the domain-edge faces
  struct Faces {
    std::vector<double> zlo;                                 // lowest open strip (m, DEM datum)
    std::vector<float> span, inv_step, open, zm_off, ntop2;  // zm_off: mean strip - zlo
    std::vector<float> hm, n2e;                              // faces*levels: h_m (m), n_eff^2
  };
  Faces fx;  // (nx + 1) * ny, indexed like qx; edge faces unused
  Faces fy;  // nx * (ny + 1), indexed like qy; edge faces unused
  // Walled pixels (subgrid_walled.hpp): fine pixel index (ascending) and the rim they are
  // raised to in the tables and in downscaling. Empty with one pixel per cell.
  std::vector<std::uint64_t> walled_pixel;
  std::vector<float> walled_rim;
};

// Every array of the tables with a stable name, for serialising them (the engine's table
// cache stores the tables with this and nothing else, so an array added to the struct must
// be added here and is then cached): fn(name, vector&) for each.
template <class T, class Fn>
requires std::is_same_v<std::remove_const_t<T>, SolverTables>
void for_each_array(T& t, Fn&& fn) {
  fn("cell_zlo", t.cell_zlo);
  fn("cell_span", t.cell_span);
  fn("cell_frac", t.cell_frac);
  fn("cell_vol", t.cell_vol);
  fn("cell_n2", t.cell_n2);
  auto faces = [&](const char* pre, auto& f) {
    const std::string p = pre;
    fn((p + "zlo").c_str(), f.zlo);
    fn((p + "span").c_str(), f.span);
    fn((p + "inv_step").c_str(), f.inv_step);
    fn((p + "open").c_str(), f.open);
    fn((p + "zm_off").c_str(), f.zm_off);
    fn((p + "ntop2").c_str(), f.ntop2);
    fn((p + "hm").c_str(), f.hm);
    fn((p + "n2e").c_str(), f.n2e);
  };
  faces("fx_", t.fx);
  faces("fy_", t.fy);
  fn("walled_pixel", t.walled_pixel);
  fn("walled_rim", t.walled_rim);
}
using TablesPtr = std::shared_ptr<const SolverTables>;

// Tables of a fine DEM (nfx x nfy pixels of fine_m, row 0 north, NaN = no data, e.g. masked
// buildings) on cells of ratio x ratio pixels; Manning n per pixel (empty = n_uniform).
// Coarse rows are built in parallel (OpenMP, `threads`, 0 = default). Throws
// std::invalid_argument when the fine grid is not a whole number of cells.
TablesPtr build_solver_tables(const std::vector<float>& fine, int nfx, int nfy, double fine_m,
                              int ratio, const std::vector<float>& manning, float n_uniform,
                              int levels = 10, int threads = 0);

// Depth of a walled pixel below its rim takes no water (subgrid_walled.hpp).
inline constexpr double kWallM = 0.5;     // rim height above the cell's open ground (m)
inline constexpr int kWallMarginPx = 32;  // depression search margin (fine pixels)

// The fine DEM the tables were built from: fine with the walled pixels raised to their rim.
std::vector<float> hydraulic_dem(const SolverTables& t, const std::vector<float>& fine);

// Coarse bed for ModelSpec::bed: the lowest valid pixel per cell (NaN where none).
std::vector<float> coarse_bed(const SolverTables& t);

// Head (m above the cell's lowest pixel) holding `vbar` m^3 of water per m^2 of cell; the
// monotone inverse of the volume table (exact at the table's levels and above its top).
double cell_head(const SolverTables& t, std::size_t c, double vbar);
// Its inverse: the stored volume per cell area at head d (m; 0 at d <= 0).
double cell_vbar(const SolverTables& t, std::size_t c, double d);
// Fraction of the cell's area that is wet at head d (dV/dzeta / A; 0 at d <= 0).
double cell_wet_fraction(const SolverTables& t, std::size_t c, double d);

// Water levels (m, DEM datum) of cells with head > 0, from per-cell heads (e.g. the max-depth
// summary, NaN/0 = dry), downscaled to depths on the fine DEM (subgrid_downscale.hpp).
std::vector<float> downscale_heads(const SolverTables& t, const std::vector<float>& head,
                                   const std::vector<float>& fine);

}  // namespace sd::flood::subgrid

namespace sd::flood::detail {

// One axis of face tables, with the face bottoms relative to the model datum (float, as z).
struct SubgridFaces {
  const float* z = nullptr;  // lowest open strip - datum; 1e9 where no strip is open
  const float* span = nullptr;
  const float* inv_step = nullptr;
  const float* open = nullptr;
  const float* zm_off = nullptr;
  const float* ntop2 = nullptr;
  const float* hm = nullptr;
  const float* n2e = nullptr;
  int levels = 10;
  // Per face, the table segment its level was last in (-1: none yet) with h_m and n_eff^2 at
  // the segment's lower level and their rise over it: the State's, written by the sweeps.
  int* seg = nullptr;
  float *h0 = nullptr, *dh = nullptr, *n0 = nullptr, *dn = nullptr;
};

// Storage for one axis's SubgridFaces segment caches (faces of the axis).
struct FaceSegments {
  std::vector<int> seg;
  std::vector<float> h0, dh, n0, dn;
  void init(std::size_t faces) {
    seg.assign(faces, -1);
    for (auto* v : {&h0, &dh, &n0, &dn}) v->assign(faces, 0.0f);
  }
  void attach(SubgridFaces& f) {
    f.seg = seg.data();
    f.h0 = h0.data();
    f.dh = dh.data();
    f.n0 = n0.data();
    f.dn = dn.data();
  }
};

// As flux_x_span / flux_y_span, with cell heads d above the cells' lowest pixels z (relative)
// and the face tables f in place of depth and bed; v: stored volume per cell area (what a
// face may move out of its donor in one step, limit_to_donor).
void subgrid_flux_x_span(int j, int i0, int i1, const FaceParams& p, const SubgridFaces& f,
                         const double* d, const double* v, const float* z, float* qx,
                         const float* qx_old);
void subgrid_flux_y_span(int j, int i0, int i1, const FaceParams& p, const SubgridFaces& f,
                         const double* d, const double* v, const float* z, float* qy,
                         const float* qy_old);

// The volume-table segment a cell's stored volume was last found in, so the next inverse is
// one compare and one multiply-add while the level stays in it (levels move little per step).
// head = base + (vbar - lo) * scale for lo <= vbar < hi; wf: the segment's wet fraction. A
// pure function of (cell, segment), so a head does not depend on which segment was cached
// before (thread count, tiles, a restored checkpoint).
struct HeadSegment {
  double lo = 0.0, hi = -1.0, base = 0.0, scale = 0.0;
  float wf = 0.0f;
};
// The State's per-cell segments, struct of arrays so the head sweep vectorises. init: empty
// segments (hi < lo: every cell searches its table at its first inverse).
struct HeadSegments {
  std::vector<double> lo, hi, base, scale;
  std::vector<float> wf;
  void init(std::size_t cells) {
    lo.assign(cells, 0.0);
    hi.assign(cells, -1.0);
    base.assign(cells, 0.0);
    scale.assign(cells, 0.0);
    wf.assign(cells, 0.0f);
  }
};

// Heads d of cells [i0, i1) of row j from the stored volume per area vbar, with each cell's
// segment cache seg; the wet fraction too when wetfrac is not null. Returns the largest head.
double subgrid_head_span(int j, int i0, int i1, const subgrid::SolverTables& t, const double* vbar,
                         double* d, float* wetfrac, HeadSegments& seg);

}  // namespace sd::flood::detail
