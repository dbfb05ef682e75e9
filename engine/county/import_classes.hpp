#pragma once
// The land-use classes an imported county uses, with their hydraulic parameters: the
// documented table of docs/county-import.md. Codes 1-5 are the default county's codes
// (engine/county/county.hpp), so a planner sees the same classes in both.
#include <array>

namespace sd::county {

enum ImportClass : int {
  kClsUrban = 1,
  kClsFarmland = 2,
  kClsWater = 3,
  kClsForest = 4,
  kClsIndustrial = 5,
  kClsResidential = 6,
  kClsGrass = 7,
};

struct ClassParams {
  int code;
  const char* name;  // "forest" and "farmland" select the hazard-rating debris factors
  double manning;    // s m^-1/3: Chow (1959) Open-Channel Hydraulics, Table 5-6
  bool horton;       // Horton infiltration (else none)
  double f0_mmph, fc_mmph, k_per_h;  // Horton (1940) parameters, textbook ranges (Akan 1993)
  double drainage_mmph;              // sewer design capacity (GB 50014-2021 design rates)
  const char* why;                   // short source note for the report
};

// Manning n: concrete/asphalt 0.013-0.016 -> 0.015 (urban), 0.018 (industrial yards);
// cultivated areas 0.030-0.040 -> 0.035; short grass 0.025-0.035 -> 0.030; light brush and
// trees 0.08-0.12 -> 0.10; residential (roofs, streets and gardens) between paved and grass
// -> 0.025; rivers and lakes (clean, straight channel) 0.025-0.033 -> 0.025.
// Drainage: GB 50014-2021 4.1.3 sets urban sewer design return periods of 1-3 years (3-5 in
// big cities); a 1-3-year, 1-h rain is ~30-40 mm in most climates -> 36 mm/h urban, 30 mm/h
// residential and industrial; unsewered land 0.
constexpr std::array<ClassParams, 7> kImportClasses = {{
    {kClsUrban, "urban", 0.015, true, 10, 1, 2, 36, "paved (Chow: concrete 0.013-0.016)"},
    {kClsFarmland, "farmland", 0.035, true, 50, 3, 4, 0, "cultivated (Chow: 0.030-0.040)"},
    {kClsWater, "water", 0.025, false, 0, 0, 0, 0, "clean channel (Chow: 0.025-0.033)"},
    {kClsForest, "forest", 0.100, true, 90, 8, 3, 0, "trees/brush (Chow: 0.08-0.12)"},
    {kClsIndustrial, "industrial", 0.018, true, 15, 2, 2, 30, "yards (Chow: 0.016-0.020)"},
    {kClsResidential, "residential", 0.025, true, 30, 2, 3, 30, "roofs, streets, gardens"},
    {kClsGrass, "grass", 0.030, true, 60, 5, 4, 0, "short grass (Chow: 0.025-0.035)"},
}};

}  // namespace sd::county
