#pragma once
// The discrete-event response simulation: one plan against one hazard timeline. Reads the
// model, the hazard and the plan; writes only its own state (preallocated per call), so runs
// of different plans and members proceed in parallel on shared inputs.
#include <cstdint>

#include "hazard/hazard_timeline.hpp"
#include "response/response_model.hpp"
#include "response/run_result.hpp"
#include "scenario/plan.hpp"

namespace sd {

struct RunOptions {
  std::uint64_t seed = 1;
  int member = 0;             // ensemble member (selects the incident stream)
  bool record_detail = true;  // tracks, events and road states (off in batches)
  double kpi_interval_s = 900;
  // Use these incidents instead of generating them (hand-made test cases, replays).
  const std::vector<Incident>* incidents = nullptr;
};

RunResult simulate_response(const ResponseModel& model, const HazardTimeline& hazard,
                            const Plan& plan, const RunOptions& options);

}  // namespace sd
