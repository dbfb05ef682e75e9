#pragma once
// "This drill did nothing" (issue 13 §1): a run with no storm incidents (baseline medical
// calls do not count), no road closures and no rain over populated land is almost always a broken
// input (storm outside the window, roads in another CRS, no population) rather than a quiet storm,
// and the summary says so with the likely causes instead of printing a tidy table of zeros.
#include <string>
#include <vector>

#include "hazard/hazard_timeline.hpp"
#include "response/run_result.hpp"

namespace sd {

struct EmptyDrill {
  bool empty = false;
  std::vector<std::string> reasons;  // what was observed and its likely causes
};

// `total_population`: people in the domain (ResponseModel::total_population). Rain over
// populated cells is judged from the domain's mean storm-total rain (< 0.1 mm counts as
// none) and the population: the hazard timeline keeps no per-cell rain.
EmptyDrill assess_empty_drill(const RunResult& run, const HazardTimeline& hazard,
                              double total_population);

}  // namespace sd
