#include "core/drill_time.hpp"

#include <charconv>
#include <cmath>

namespace sd::viz {

namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::optional<double> clock_time(const std::string& text, const std::optional<ClockOrigin>& origin,
                                 std::string& why) {
  const auto colon = text.find(':');
  int hh = -1, mm = -1;
  const auto [e1, c1] = std::from_chars(text.data(), text.data() + colon, hh);
  const auto [e2, c2] = std::from_chars(text.data() + colon + 1, text.data() + text.size(), mm);
  if (c1 != std::errc() || c2 != std::errc() || e1 != text.data() + colon ||
      e2 != text.data() + text.size() || hh < 0 || mm < 0 || mm > 59) {
    why = "is not a clock time HH:MM";
    return std::nullopt;
  }
  if (!origin) {
    why = "is a clock time, but the run records no start time (/meta@start_time)";
    return std::nullopt;
  }
  const long long local = origin->epoch_s + origin->offset_minutes * 60LL;
  const double start_of_day = static_cast<double>(((local % 86400) + 86400) % 86400);
  double t = hh * 3600.0 + mm * 60.0 - start_of_day;
  if (t < 0 && hh < 24) t += 86400.0;  // the next time the clock shows HH:MM
  if (t < 0) {
    why = "is before the scenario start";
    return std::nullopt;
  }
  return t;
}

}  // namespace

std::optional<double> parse_drill_time(const std::string& raw,
                                       const std::optional<ClockOrigin>& origin, std::string& why) {
  const std::string text = trim(raw);
  if (text.empty()) {
    why = "is empty";
    return std::nullopt;
  }
  std::string digits = text;
  if (digits.back() == 's') digits.pop_back();
  double sec = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), sec);
  if (ec == std::errc() && end == digits.data() + digits.size()) {
    if (!std::isfinite(sec)) {
      why = "is not a finite number";
      return std::nullopt;
    }
    return sec;
  }
  if (text.find(':') != std::string::npos && text.find('T') == std::string::npos &&
      text.find('-') == std::string::npos)
    return clock_time(text, origin, why);
  const auto abs = parse_iso8601(text);
  if (!abs || !origin) {
    why = abs ? "is an absolute time, but the run records no start time"
              : "is not a time (want HH:MM, an ISO-8601 time with offset, or seconds)";
    return std::nullopt;
  }
  return static_cast<double>(abs->epoch_s - origin->epoch_s);
}

std::string seconds_text(double s) {
  char b[32];
  const auto r = std::to_chars(b, b + sizeof b, s);
  return std::string(b, r.ptr);
}

}  // namespace sd::viz
