#pragma once
// Sub-synoptic rain structure on top of the mean (R-CLIPER + shear + orography) rate.
//
// Spiral bands: logarithmic spirals r = r0 exp((theta - phase) tan(pitch)) (Senn & Hiser
// 1959; band pitch 10-25 deg and 1-3 principal/secondary bands in the climatology of
// Willoughby, Marks & Feinberg 1984, J. Atmos. Sci. 41, 3189-3211). The modulation is
//   m = 1 + c cos(n (theta - phase(t) - ln(r / rmax) / tan(pitch)))
// outside inner_ratio * rmax (tapered in over one rmax), so its azimuthal mean is exactly 1
// and the mean rate (hence totals over a band revolution) is unchanged.
//
// Convective bursts: a seeded space-time cell process (rectangular-pulse cells with random
// centre, exponential radius and lifetime, after the cell models of Cowpertwait 1995,
// Proc. R. Soc. A 450, 163-175) multiplies the rate, and each block of block_h hours by
// block_km kilometres is renormalised so its total equals the mean field's total
// exactly (a microcanonical constraint, as in Olsson 1998 cascades).
#include <cstdint>
#include <vector>

#include "core/grid.hpp"

namespace sd::storm {

enum class RainStructure { mean, bands, bands_bursts };
bool parse_rain_structure(const char* name, RainStructure& out);  // mean|bands|bands+bursts
const char* rain_structure_name(RainStructure s);

struct BandParams {
  int count = 2;                   // principal + secondary band (Willoughby et al. 1984)
  double contrast = 0.6;           // c: band/gap rate ratio (1+c)/(1-c) = 4
  double pitch_deg = 15.0;         // spiral crossing angle (Senn & Hiser 1959: 10-20 deg)
  double rotation_period_h = 3.0;  // bands rotate cyclonically with the storm
  double phase_deg = 0.0;          // perturbed per ensemble member
  double inner_ratio = 1.5;        // no banding inside inner_ratio * rmax (eyewall)
};

// Band modulation factor at polar position (r_km, theta_rad counter-clockwise from east)
// at time t_s; averages to 1 over theta at fixed r and over a rotation period.
double band_factor(const BandParams& p, double r_km, double theta_rad, double rmax_km, double t_s);
// Its parts: the rotating phase (rad) at t_s, and the radial weight c * taper(r) (0 inside
// the eyewall), so that m = 1 + weight cos(n (theta - phase - ln(r/rmax)/tan(pitch))).
double band_phase_rad(const BandParams& p, double t_s);
double band_weight(const BandParams& p, double r_km, double rmax_km);

struct BurstParams {
  std::uint64_t seed = 1;
  double block_h = 3.0;              // conservation block, time
  double block_km = 20.0;            // conservation block, space (square)
  double cells_per_1000km2_h = 4.0;  // cell births
  double cell_radius_km = 3.0;       // mean (exponential) radius
  double cell_lifetime_min = 40.0;   // mean (exponential) lifetime
  double cell_gain = 3.0;            // multiplicative intensity inside a cell (mean)
};

// Multiplies a block of frames in place: frames[k * grid.size() + c] for k < nt frames
// starting at block start time t_block0 with spacing dt_s (rain in mm/h, NaN = no data).
// Afterwards the total over every (block_km x block_km) tile of the grid and the whole
// span equals the input's total (to float rounding). Deterministic for (seed, block_index).
void apply_bursts(const BurstParams& p, const Grid& grid, long block_index, double dt_s, int nt,
                  float* frames);

}  // namespace sd::storm
