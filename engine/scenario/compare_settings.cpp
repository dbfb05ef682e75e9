#include "scenario/compare_settings.hpp"

#include <cstdlib>

#include "scenario/toml_reader.hpp"

namespace sd {

// Defaults of the smallest difference that matters (docs/batch.md lists and explains them).
const std::vector<ComparedKpi>& compared_kpis() {
  static const std::vector<ComparedKpi> k = {
      {"expected_fatalities", true, 0.5},
      {"incidents_total", true, 0.05, "incidents_total", false},
      {"incidents_served", false, 0.05, "incidents_total"},
      {"incidents_unreachable", true, 0.05, "incidents_total"},
      {"incidents_late_or_unserved", true, 0.05, "incidents_total"},
      {"response_time_median_s", true, 120.0},
      {"response_time_p90_s", true, 300.0},
      {"people_rescued", false, 0.05, "people_rescued"},
      {"people_evacuated", false, 0.05, "people_evacuated"},
      {"shelter_overflow", true, 50.0},
      {"supply_shortfall", true, 0.05, "supply_shortfall"},
      {"team_utilisation", false, 0.05, nullptr, false},
      {"road_km_closed_peak", true, 1.0, nullptr, false},
  };
  return k;
}

CompareSettings read_compare_table(TableReader& t) {
  CompareSettings c;
  c.adjust = t.choice("adjust", "holm", {"holm", "none"});
  std::vector<std::string> names;
  for (const auto& k : compared_kpis()) names.push_back(k.name);
  auto known = [&](const std::string& n) {
    for (const auto& k : names)
      if (k == n) return true;
    return false;
  };
  c.pareto_kpis = t.strings("pareto_kpis");
  for (const auto& n : c.pareto_kpis)
    if (!known(n)) t.error("pareto_kpis", "unknown KPI '" + n + "'");
  if (auto d = t.table("delta")) {
    for (const auto& name : names) {
      if (!d->has(name)) continue;
      DeltaOverride o;
      o.kpi = name;
      if (d->is_string(name)) {  // "5%"
        const std::string s = d->string(name, "");
        char* end = nullptr;
        o.value = std::strtod(s.c_str(), &end);
        o.percent = true;
        if (end == s.c_str() || std::string(end) != "%" || !(o.value >= 0))
          d->error(name, "a percentage like \"5%\" or a number >= 0 in the KPI's unit");
      } else {
        o.value = d->number(name, 0, 0, 1e12);
      }
      c.delta.push_back(o);
    }
    d->finish();
  }
  t.finish();
  return c;
}

}  // namespace sd
