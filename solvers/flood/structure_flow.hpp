#pragma once
// Discharge laws of the hydraulic structures a drill can break: a dike breach as a
// broad-crested weir, and a sluice gate stuck open as a submerged orifice. Signed: positive
// from side a to side b. Levels in metres on one datum.
namespace sd::flood {

// Breach weir coefficient C in Q = C w H^1.5 (SI, m^0.5/s): HEC-RAS's default for levee and
// dam breaches, 2.6 ft^0.5/s = 1.44 m^0.5/s (USACE HEC-RAS Hydraulic Reference Manual,
// "Dam and Levee Breaching"); the ideal broad-crested weir of Bos (1989, Discharge
// Measurement Structures, §1.9) is (2/3)^1.5 sqrt(g) = 1.70 with Cd = 1, real breaches less.
inline constexpr double kBreachWeirCoef = 1.44;

// Discharge (m3/s) over a broad-crested weir of `width_m` and crest `crest`, between water
// levels `level_a` and `level_b`: free flow Q = C w H^1.5, H the upstream head over the crest;
// submerged (downstream above the crest) reduced by Villemonte (1947, Civil Eng. 17(9)):
// Q = Q_free (1 - (Hd / Hu)^1.5)^0.385. Zero when neither side is above the crest.
double weir_discharge(double level_a, double level_b, double crest, double width_m,
                      double coef = kBreachWeirCoef);

// Orifice discharge coefficient of a sluice gate opening (Bos 1989, §4: 0.6 for a
// sharp-edged opening flowing submerged).
inline constexpr double kGateOrificeCd = 0.6;

// Discharge (m3/s) through a submerged gate opening of `area_m2`: Q = Cd A sqrt(2 g dH),
// dH the level difference (Bos 1989, submerged orifice).
double orifice_discharge(double level_a, double level_b, double area_m2, double g = 9.81,
                         double cd = kGateOrificeCd);

}  // namespace sd::flood
