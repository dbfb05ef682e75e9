#pragma once
// Averaging period of a maximum-wind value and the conversions between periods.
// Agencies report "maximum sustained wind" over different periods: CMA 2-min, JTWC/NHC
// 1-min, JMA and WMO RSMCs 10-min. Factors follow WMO TD-1555 (Harper, Kepert & Ginger
// 2010, "Guidelines for converting between various wind averaging periods in tropical
// cyclone conditions", Table 1.1, at-sea exposure): V10min = 0.93 V1min; 2-min and 3-min
// values are the at-sea gust factors of that table (G120,600 = 1.05, G180,600 = 1.04).
#include <string>

namespace sd::storm {

enum class Averaging { one_min, two_min, three_min, ten_min };

// Multiplier taking a wind averaged over `from` to one averaged over `to` (at sea).
double averaging_factor(Averaging from, Averaging to);

// Names as written in scenario files and on the command line:
// "1min"/"jtwc-1min"/"nhc-1min", "2min"/"cma-2min", "3min", "10min"/"wmo-10min"/"jma-10min".
// Returns false for an unknown name.
bool parse_averaging(const std::string& name, Averaging& out);
const char* averaging_name(Averaging a);

}  // namespace sd::storm
