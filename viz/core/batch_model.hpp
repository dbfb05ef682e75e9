// What the batch view shows (issue 14 §4): plans ranked, each KPI as mean with its confidence
// interval (drawn as a bar), the verdict of each plan against the first plan from the batch's
// own /tradeoff rows, and "n/a" with the reason wherever an interval is NaN. Pure data, no GL.
#pragma once

#include <string>
#include <vector>

#include "core/table.hpp"

namespace sd::viz {

struct KpiInterval {
  double mean = 0, lo = 0, hi = 0;
  std::string text;  // "2.0 [1.6, 2.4]" or "2.0 (interval n/a: ...)", "n/a (...)"
  bool has_interval() const;
};

struct PlanRow {
  std::string plan;
  int rank = 0;                   // 1 = best; 0 when the file has none
  double p_best = 0;              // NaN when absent
  std::vector<KpiInterval> kpis;  // in BatchModel::kpis order
  std::string verdict;  // on the ranking KPI against the first plan; "" for the first plan
};

// /tradeoff pair rows as read (parallel vectors; empty when the file has none).
struct TradeoffRows {
  std::vector<std::string> plan_a, plan_b, kpi, verdict;
};

struct BatchModel {
  std::string rank_by;            // ranking KPI (first in `kpis`)
  std::string baseline;           // the first plan: verdicts compare against it
  std::vector<std::string> kpis;  // the ranking KPI first, then the file's column order
  std::vector<PlanRow> plans;     // sorted by rank, then by name
  // The /runs columns in reading order: plan, member, ok, the ranking KPI, the other KPIs,
  // response_wall_s, error; results_path only when some run kept a file.
  std::vector<std::string> run_columns;
  bool runs_have_files = false;
};

// `members`: storm members of the batch (/meta@members), which explains missing intervals.
BatchModel make_batch_model(const Table& plans, const Table& runs, const TradeoffRows& tradeoff,
                            const std::string& rank_by, int members);

// "mean [lo, hi]" with units from kpi_units, or n/a with why.
std::string interval_text(const std::string& kpi, double mean, double lo, double hi, int members);

}  // namespace sd::viz
