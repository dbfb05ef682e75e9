// Axis ticks for the KPI charts (issue 14 §4: charts with axes, clock times on the x axis, no
// "6.136e+04"). Value ticks are "nice numbers" (1, 2, 5 x 10^k: Heckbert 1990, "Nice numbers
// for graph labels", Graphics Gems I); time ticks fall on round local clock times.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace sd::viz {

// Ticks covering [lo, hi] with a 1/2/5 x 10^k step, at most about `max_ticks` of them; the
// first tick is <= lo and the last >= hi. lo == hi gives a unit range around the value.
std::vector<double> nice_ticks(double lo, double hi, int max_ticks);
// A tick value printed with just the decimals its step needs, never in exponent form
// ("61360", "0.25", "-1.5"). NaN prints "n/a".
std::string format_tick(double value, double step);

// Times (s since the start) of round local clock times in [t0, t1]: the step is the smallest
// of 10, 15, 30 min, 1, 2, 3, 6, 12, 24 h giving at most `max_ticks` ticks.
std::vector<double> time_ticks(double t0, double t1, int max_ticks,
                               const std::optional<ClockOrigin>& origin);
// "14:00" (local), "07-26" at local midnight; "T+14:00" style when the origin is unknown.
std::string format_time_tick(double t, const std::optional<ClockOrigin>& origin);

}  // namespace sd::viz
