#pragma once
// The scenario's [storm] section as storm-module objects: the (member) track and parameters
// and the field over the DEM grid, or a design-storm hyetograph.
#include <memory>
#include <optional>

#include "core/time_series.hpp"
#include "scenario/scenario.hpp"
#include "storm/storm_field.hpp"

namespace sd {

struct StormSetup {
  std::unique_ptr<storm::StormField> field;  // null for a design storm
  std::optional<TimeSeries> design_mmph;     // uniform design-storm hyetograph
  double landfall_s = -1;                    // scenario seconds; closest approach if no landfall
};

StormSetup setup_storm(const Scenario& s, int member, std::uint64_t ensemble_seed);

// The (member) track and storm parameters of a track scenario (not a design storm): what
// setup_storm builds the field from, and what the results file records as /storm/track.
struct MemberTrack {
  storm::Track track;
  storm::StormParams params;
};
MemberTrack member_track(const Scenario& s, int member, std::uint64_t ensemble_seed);

}  // namespace sd
