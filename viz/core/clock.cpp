#include "core/clock.hpp"

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace sd::viz {

namespace ch = std::chrono;

std::optional<ClockOrigin> parse_iso8601(const std::string& s) {
  int Y = 0, M = 0, D = 0, h = 0, m = 0, sec = 0, used = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d%n", &Y, &M, &D, &h, &m, &used) < 5) {
    used = 0;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2d %2d:%2d%n", &Y, &M, &D, &h, &m, &used) < 5)
      return std::nullopt;
  }
  // Walk with an index (not repeated substr) to keep GCC 12's -Wrestrict false positive away.
  std::size_t pos = static_cast<std::size_t>(used);
  if (pos < s.size() && s[pos] == ':') {
    int n = 0;
    if (std::sscanf(s.c_str() + pos, ":%2d%n", &sec, &n) < 1) return std::nullopt;
    pos += static_cast<std::size_t>(n);
    if (pos < s.size() && s[pos] == '.') {  // fractional seconds are ignored
      ++pos;
      while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
    }
  }
  const std::string_view rest = std::string_view(s).substr(pos);
  int offset = 0;
  if (rest == "Z" || rest.empty()) {
    offset = 0;
  } else if (rest[0] == '+' || rest[0] == '-') {
    int oh = 0, om = 0;
    if (std::sscanf(s.c_str() + pos + 1, "%2d:%2d", &oh, &om) < 1 &&
        std::sscanf(s.c_str() + pos + 1, "%2d%2d", &oh, &om) < 1)
      return std::nullopt;
    offset = (rest[0] == '-' ? -1 : 1) * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  const ch::year_month_day ymd{ch::year(Y), ch::month(static_cast<unsigned>(M)),
                               ch::day(static_cast<unsigned>(D))};
  if (!ymd.ok() || h > 23 || m > 59 || sec > 60) return std::nullopt;
  const long long days = ch::sys_days(ymd).time_since_epoch().count();
  ClockOrigin o;
  o.epoch_s = days * 86400LL + h * 3600LL + m * 60LL + sec - offset * 60LL;
  o.offset_minutes = offset;
  return o;
}

std::string format_elapsed(double t) {
  const long long s = static_cast<long long>(std::floor(std::fabs(t)));
  const long long d = s / 86400, hh = (s % 86400) / 3600, mm = (s % 3600) / 60, ss = s % 60;
  char buf[48];
  const char* sign = t < 0 ? "-" : "+";
  if (d > 0)
    std::snprintf(buf, sizeof buf, "%s%lldd %02lld:%02lld:%02lld", sign, d, hh, mm, ss);
  else
    std::snprintf(buf, sizeof buf, "%s%02lld:%02lld:%02lld", sign, hh, mm, ss);
  return buf;
}

std::string format_clock(const std::optional<ClockOrigin>& origin, double t) {
  if (!origin) {
    std::string out = "T";
    out += format_elapsed(t);
    return out;
  }
  const long long local =
      origin->epoch_s + static_cast<long long>(std::floor(t)) + origin->offset_minutes * 60LL;
  const long long days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  const long long sod = local - days * 86400;
  const ch::year_month_day ymd{ch::sys_days{ch::days{days}}};
  const int off = std::abs(origin->offset_minutes);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02lld:%02lld:%02lld %c%02d:%02d",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), sod / 3600, (sod % 3600) / 60, sod % 60,
                origin->offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

}  // namespace sd::viz
