// Scenario clock: seconds since the scenario start shown as local wall-clock time.
#pragma once

#include <optional>
#include <string>

namespace sd::viz {

struct ClockOrigin {
  long long epoch_s = 0;   // UTC seconds since 1970 of the scenario start
  int offset_minutes = 0;  // the start time's UTC offset, used for display
};

// Parses ISO-8601 "YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM|-HH:MM]"; nullopt when malformed.
std::optional<ClockOrigin> parse_iso8601(const std::string& s);

// "2026-09-14 03:20:05 +08:00" for origin + t seconds (t rounded down to whole seconds);
// "T+03:20:05" when the origin is unknown.
std::string format_clock(const std::optional<ClockOrigin>& origin, double t);
// "+03:20:05" style elapsed time (days shown as "1d 02:00:00").
std::string format_elapsed(double t);

}  // namespace sd::viz
