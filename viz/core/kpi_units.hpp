// Plain names and units for KPI names (issue 14 §4: "minutes, hours, km", not raw names and
// seconds). Times stored in seconds are shown in minutes below two hours and in hours above;
// shares (coverage, utilisation) in percent.
#pragma once

#include <string>

namespace sd::viz {

struct KpiDisplay {
  std::string name;  // "Open incidents", "Response time, median"
  std::string unit;  // "min", "h", "km", "%", "people", "" ...
  double scale = 1;  // shown value = stored value * scale
};

// `typical` is a representative magnitude of the stored values (e.g. the series' maximum),
// which picks minutes or hours for times; NaN = decide per value.
KpiDisplay kpi_display(const std::string& name, double typical);
// "16.1 min", "3380 people", "92 %", "n/a" (NaN): one value with its own unit.
std::string format_kpi(const std::string& name, double value);

}  // namespace sd::viz
