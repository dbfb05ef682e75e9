#pragma once
// Structural validation of a hazard timeline read from the cache, before any index in it is
// used: the response indexes road edges, grid cells and blocks with these numbers, so a value
// out of range would read out of bounds and a negative or NaN depth would be believed.
// A checksum (io/h5_checksum) catches accidental change; this catches anything a checksum
// cannot (a file written by a buggy or foreign writer, or one whose checksum was recomputed).
#include <cstddef>
#include <optional>
#include <string>

#include "hazard/hazard_timeline.hpp"

namespace sd {

// What the timeline must match: the response model it is replayed against.
struct TimelineShape {
  std::size_t cells = 0, edges = 0, blocks = 0, sites = 0;
};

// Internal consistency only (sizes agree with each other, offsets monotone and in bounds,
// cells inside max_depth, values finite and non-negative): nullopt when sound, else why not.
std::optional<std::string> timeline_problem(const HazardTimeline& t);

// The same plus agreement with the model's grid, road graph, wind blocks and sites.
std::optional<std::string> timeline_problem(const HazardTimeline& t, const TimelineShape& shape);

}  // namespace sd
