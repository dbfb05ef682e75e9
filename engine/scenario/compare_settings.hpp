#pragma once
// How a batch judges plan comparisons: the KPIs it compares, each one's smallest difference
// that matters (delta), the KPIs of the Pareto set and the multiplicity adjustment. Defaults
// here; a scenario's [compare] table overrides them (docs/batch.md, docs/scenario-format.md).
#include <string>
#include <vector>

namespace sd {

struct ComparedKpi {
  const char* name;
  bool lower_is_better;
  // Default delta: an absolute value in the KPI's unit, or (relative_to set) a fraction of
  // the baseline plan's mean of the KPI named relative_to.
  double delta;
  const char* relative_to = nullptr;
  bool in_pareto = true;  // one of the default Pareto KPIs
};

// The KPIs a batch compares, in CSV column order (a contract: docs/batch.md).
const std::vector<ComparedKpi>& compared_kpis();

// A delta given in a scenario: absolute, or a percentage ("5%") of the baseline plan's mean of
// the KPI's reference (its default relative_to, else the KPI itself).
struct DeltaOverride {
  std::string kpi;
  double value = 0;
  bool percent = false;
};

struct CompareSettings {
  std::vector<DeltaOverride> delta;
  std::vector<std::string> pareto_kpis;  // empty = the defaults (in_pareto)
  std::string adjust = "holm";           // holm | none
};

class TableReader;
// Reads [compare] (keys: adjust, pareto_kpis, and the sub-table [compare.delta]).
CompareSettings read_compare_table(TableReader& t);

}  // namespace sd
