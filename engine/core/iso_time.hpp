#pragma once
// ISO-8601 date-times with a UTC offset ("2021-07-25T08:00:00+08:00", "...Z"), as planners
// and agencies write them, to and from UTC epoch seconds.
#include <cstdint>
#include <optional>
#include <string>

namespace sd {

// Returns UTC seconds since 1970-01-01, or nullopt when the text is not a full date-time.
// A missing offset is read as UTC: callers where local time is likely (scenario start, track
// times) use the overload below and refuse a time without offset.
std::optional<std::int64_t> parse_iso8601(const std::string& text);
// Same, and says whether the text carried an offset ("Z", "+hh:mm", "-hhmm").
std::optional<std::int64_t> parse_iso8601(const std::string& text, bool& has_offset);

// Formats epoch seconds in the given offset (minutes east of UTC): "2021-07-25T08:00:00+08:00".
std::string format_iso8601(std::int64_t epoch_s, int offset_min);

// The UTC offset (minutes) written in an ISO-8601 string; 0 when none.
int iso8601_offset_min(const std::string& text);

}  // namespace sd
