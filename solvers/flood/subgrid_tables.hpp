#pragma once
// Sub-grid topography tables (issue 12 §2; the solver uses them through subgrid_inertial.hpp). A
// coarse computational cell of r x r fine pixels carries a volume-level table; a face between two
// coarse cells carries a conveyance table. The formulation is the volume/conveyance one of
// Casulli (2009, Int. J. Numer. Meth. Fluids 60) and Volp et al. (2013, WRR 49), the basis of
// the SFINCS sub-grid local-inertial scheme (van Ormondt et al. 2025, GMD 18):
//   cell:  V(zeta) = a_pix * sum_p max(0, zeta - z_p)                      (stored volume)
//   face:  h_mean(zeta) = mean_p max(0, zeta - z_p)         (wet cross-section per width)
//          K(zeta)      = mean_p max(0, zeta - z_p)^{5/3} / n_p     (Manning conveyance)
// so that uniform flow gives q = K sqrt(S) and the local-inertial friction term becomes
// g h_mean |q| q / K^2 (= g n^2 |q| q / h^{7/3} for a single pixel). Face pixels: the r pairs
// of fine pixels facing each other across the face, each pair at the higher of its two
// elevations (a wall on either side blocks the strip) and the mean of its two n^2; with one
// pixel per cell this is exactly the ordinary solver's h_f = max(eta) - max(z).
// Tables hold `levels` (>= 10) equally spaced levels from the lowest to the highest pixel,
// are piecewise-linear between them and exact at both ends; above the top every pixel is wet
// and V, h_mean are exact (linear), K is extended with the top level's effective n.
#include <cstdint>
#include <functional>
#include <vector>

namespace sd::flood::subgrid {

struct VolumeTable {
  double z_lo = 0, z_hi = 0;  // lowest / highest pixel (m)
  double area = 0;            // cell area (m^2)
  std::vector<double> vol;    // V at z_lo + k (z_hi - z_lo) / (levels - 1), vol[0] = 0

  double volume(double zeta) const;  // m^3, 0 at or below z_lo
  double level(double v) const;      // monotone inverse; z_lo for v <= 0
  double wet_fraction(double zeta) const;
};

struct FaceTable {
  double z_lo = 0, z_hi = 0;
  std::vector<double> h_mean, conv;  // per level
  double z_mean = 0;                 // mean elevation of the open strips
  double open = 1;                   // fraction of strips not blocked (no-data pixels)
  double n_top = 0;                  // effective n at the top level (extends K above it)
  double n2_mean = 0;                // mean n^2 of the open strips

  double mean_depth(double zeta) const;  // m
  double conveyance(double zeta) const;  // m^{5/3} s^-1
};

// Volume table of the pixels z[0..count) (each of area a_pix).
VolumeTable build_volume_table(const float* z, int count, double a_pix, int levels);
// Face table of `count` pixel strips with elevations z and Manning n^2 (already paired).
FaceTable build_face_table(const float* z, const float* n2, int count, int levels);

// All tables of a fine DEM (nfx x nfy pixels of size fine_m, row 0 north, NaN = no data) on
// coarse cells of ratio x ratio pixels. Pixel n: manning (empty = uniform n_uniform).
struct Tables {
  int nx = 0, ny = 0, ratio = 1;
  std::vector<VolumeTable> cells;  // nx * ny
  std::vector<FaceTable> fx;       // x faces (nx + 1) * ny, interior ones filled
  std::vector<FaceTable> fy;       // y faces nx * (ny + 1), interior ones filled
};
Tables build_tables(const std::vector<float>& fine, int nfx, int nfy, double fine_m, int ratio,
                    const std::vector<float>& manning, float n_uniform, int levels = 10);

// The same inputs, for building tables one coarse row at a time (rows are independent, so a
// caller may build them in parallel and store them in any layout).
struct FineDem {
  const std::vector<float>& z;
  int nfx = 0, nfy = 0;
  double fine_m = 0;
  int ratio = 1;
  const std::vector<float>& manning;  // per pixel, or empty: n_uniform
  float n_uniform = 0.03f;
  int levels = 10;
};
// Throws std::invalid_argument unless the fine grid is a whole number of coarse cells.
void check_fine_dem(const FineDem& f);
// Coarse row J: cell(I, table) for I = 0..nx-1, x_face(I, table) for the interior x faces
// I = 1..nx-1, y_face(I, table) for the faces between rows J-1 and J (only when J > 0).
void build_table_row(const FineDem& f, int J, const std::function<void(int, VolumeTable&&)>& cell,
                     const std::function<void(int, FaceTable&&)>& x_face,
                     const std::function<void(int, FaceTable&&)>& y_face);

}  // namespace sd::flood::subgrid
