#pragma once
// The per-town table of a run's debrief (the county's 村级防汛防台形势图 at town level), computed
// from the results file alone: the people and town of every cell (/grid/population, /grid/town),
// the maximum depth, the road states, the incidents and the shelters. One row per town, one
// "outside any town" row for what belongs to none (cells and edges with town -1), and a county
// row; additive columns of the town rows plus the outside row sum to the county row.
#include <cmath>
#include <string>
#include <vector>

#include "debrief/run_view.hpp"

namespace sd::debrief {

struct AreaStats {
  std::string name;
  double population = 0;
  double peak_depth_m = 0;           // deepest max depth over populated cells (NaN: no data)
  double exposed_015 = 0;            // people in cells whose max depth > 0.15 m
  double exposed_050 = 0;            // ... > 0.5 m
  double road_km_closed_peak = 0;    // peak over road frames (states 2 and 3), km
  double road_first_closed_s = NAN;  // first road frame with a closure
  std::vector<long long> by_type;    // counted incidents per type label
  long long incidents = 0, served = 0, late = 0, unserved = 0, unreachable = 0, averted = 0;
  double response_median_s = NAN, response_p90_s = NAN;
  double evacuated = 0;
  double shelter_peak = 0;        // peak total occupancy of the shelters in the area
  long long shortage_events = 0;  // `shortage` events located in the area
};

struct TownTable {
  std::vector<std::string> type_labels;
  std::vector<AreaStats> towns;                   // one per row (town_table: per /places/towns row)
  std::vector<std::vector<std::size_t>> members;  // the /places/towns rows of each row
  AreaStats outside;                              // cells, roads, incidents of no town
  AreaStats county;
};

// The per-cell rasters the tables are made of (/grid/town, /grid/population,
// /hazard/max_depth), read once for both tables of a report.
struct CellRasters {
  std::vector<float> town, population, max_depth;
};
CellRasters read_cell_rasters(const RunView& v);

TownTable town_table(const RunView& v, const CellRasters& cells);
TownTable town_table(const RunView& v);  // reads the rasters

// One row per administrative area (/places/towns/area: a municipality and its villages), then
// one per town of no area; empty (no rows) when no town names an area.
TownTable area_table(const RunView& v, const CellRasters& cells);
TownTable area_table(const RunView& v);  // reads the rasters

}  // namespace sd::debrief
