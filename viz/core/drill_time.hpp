// Drill times as the director and the facilitator script write them, turned into seconds after
// the scenario start with the rules of `stormdrill branch --at` (docs/drills.md): "14:00" is the
// first time the scenario clock (in the offset of the start time) shows 14:00 at or after the
// start, "38:00" counts on into the next day, "50400" / "50400s" are seconds, and an ISO-8601
// time with offset is absolute. The viewer passes the branch time to `stormdrill branch` in
// seconds, so the two never have to agree on the text.
#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"

namespace sd::viz {

// nullopt with `why` set when the text is none of the forms above (or HH:MM without a known
// scenario start).
std::optional<double> parse_drill_time(const std::string& text,
                                       const std::optional<ClockOrigin>& origin, std::string& why);

// Seconds as the shortest decimal text that reads back to the same value ("50400", "3600.5").
std::string seconds_text(double s);

}  // namespace sd::viz
