#include "core/chart_axis.hpp"

#include <cmath>
#include <cstdio>

namespace sd::viz {

std::vector<double> nice_ticks(double lo, double hi, int max_ticks) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return {};
  if (hi < lo) std::swap(lo, hi);
  if (hi == lo) {
    lo -= 0.5;
    hi += 0.5;
  }
  max_ticks = std::max(max_ticks, 2);
  const double raw = (hi - lo) / (max_ticks - 1);
  const double p10 = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10 * p10;
  for (double m : {1.0, 2.0, 5.0})
    if (m * p10 >= raw) {
      step = m * p10;
      break;
    }
  std::vector<double> t;
  const double first = std::floor(lo / step + 1e-9) * step;
  for (double v = first; v <= hi + step * (1 - 1e-9) && t.size() < 100; v += step) {
    t.push_back(std::fabs(v) < step * 1e-9 ? 0.0 : v);
    if (v >= hi - step * 1e-9) break;
  }
  return t;
}

std::string format_tick(double value, double step) {
  if (std::isnan(value)) return "n/a";
  int decimals = 0;
  if (step > 0 && step < 1) decimals = static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", std::min(decimals, 6), value);
  std::string s = buf;
  if (s == "-0") s = "0";
  return s;
}

namespace {

long long local_offset_s(const std::optional<ClockOrigin>& o) {
  return o ? o->epoch_s + o->offset_minutes * 60LL : 0;
}

}  // namespace

std::vector<double> time_ticks(double t0, double t1, int max_ticks,
                               const std::optional<ClockOrigin>& origin) {
  std::vector<double> out;
  if (!std::isfinite(t0) || !std::isfinite(t1) || t1 <= t0) return out;
  const double steps[] = {600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};
  double step = 86400;
  for (double s : steps)
    if ((t1 - t0) / s + 1 <= std::max(max_ticks, 2)) {
      step = s;
      break;
    }
  // Local wall-clock seconds of t: off + t; ticks where that is a multiple of the step.
  const double off = static_cast<double>(local_offset_s(origin));
  const double first = std::ceil((off + t0) / step - 1e-9) * step - off;
  for (double t = first; t <= t1 + 1e-6; t += step) out.push_back(t);
  return out;
}

std::string format_time_tick(double t, const std::optional<ClockOrigin>& origin) {
  if (!origin) {
    const long long s = std::llround(t);
    char buf[32];
    std::snprintf(buf, sizeof buf, "T+%02lld:%02lld", s / 3600, (s / 60) % 60);
    return buf;
  }
  const std::string c = format_clock(origin, t);  // "YYYY-MM-DD HH:MM:SS +08:00"
  const std::string hm = c.substr(11, 5);
  return hm == "00:00" ? c.substr(5, 5) : hm;
}

}  // namespace sd::viz
