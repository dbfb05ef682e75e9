#include "core/iso_time.hpp"

#include <cstdio>

namespace sd {
namespace {

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
}

}  // namespace

int iso8601_offset_min(const std::string& text) {
  const auto t = text.find('T') != std::string::npos ? text.find('T') : text.find(' ');
  if (t == std::string::npos) return 0;
  const auto p = text.find_first_of("+-", t);
  if (p == std::string::npos) return 0;
  int oh = 0, om = 0;
  if (std::sscanf(text.c_str() + p + 1, "%2d:%2d", &oh, &om) < 1 &&
      std::sscanf(text.c_str() + p + 1, "%2d%2d", &oh, &om) < 1)
    return 0;
  return (text[p] == '-' ? -1 : 1) * (oh * 60 + om);
}

std::optional<std::int64_t> parse_iso8601(const std::string& text) {
  bool has_offset = false;
  return parse_iso8601(text, has_offset);
}

std::optional<std::int64_t> parse_iso8601(const std::string& text, bool& has_offset) {
  has_offset = false;
  int y, mo, d, h, mi;
  double s = 0;
  int n = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%*1[T ]%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) < 5)
    return std::nullopt;
  const char* rest = text.c_str() + n;
  if (*rest == ':') {
    int m = 0;
    if (std::sscanf(rest, ":%lf%n", &s, &m) < 1) return std::nullopt;
    rest += m;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s >= 61) return std::nullopt;
  int offset = 0;
  has_offset = *rest == 'Z' || *rest == 'z' || *rest == '+' || *rest == '-';
  if (*rest == 'Z' || *rest == 'z') {
    ++rest;
  } else if (*rest == '+' || *rest == '-') {
    int oh = 0, om = 0;
    if (std::sscanf(rest + 1, "%2d:%2d", &oh, &om) < 1 &&
        std::sscanf(rest + 1, "%2d%2d", &oh, &om) < 1)
      return std::nullopt;
    offset = (*rest == '-' ? -1 : 1) * (oh * 60 + om);
    rest = "";
  }
  if (*rest != '\0') return std::nullopt;
  const std::int64_t days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  return days * 86400 + h * 3600 + mi * 60 + static_cast<std::int64_t>(s) - offset * 60;
}

std::string format_iso8601(std::int64_t epoch_s, int offset_min) {
  std::int64_t local = epoch_s + offset_min * 60;
  std::int64_t days = local / 86400;
  std::int64_t secs = local % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[40];
  const int a = offset_min < 0 ? -offset_min : offset_min;
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d%c%02d:%02d", y, m, d,
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60), offset_min < 0 ? '-' : '+', a / 60, a % 60);
  return buf;
}

}  // namespace sd
