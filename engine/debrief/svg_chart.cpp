#include "debrief/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace sd::debrief {
namespace {

std::string fmt(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", v);
  return b;
}

double nice(double x, bool round) {
  const double e = std::floor(std::log10(x)), f = x / std::pow(10.0, e);
  double nf;
  if (round)
    nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  else
    nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nf * std::pow(10.0, e);
}

}  // namespace

std::string html_escape(const std::string& s) {
  std::string o;
  for (char c : s) switch (c) {
      case '<':
        o += "&lt;";
        break;
      case '>':
        o += "&gt;";
        break;
      case '&':
        o += "&amp;";
        break;
      case '"':
        o += "&quot;";
        break;
      default:
        o += c;
    }
  return o;
}

std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return {};
  if (hi <= lo) hi = lo + 1;
  const double range = nice(hi - lo, false);
  const double step = nice(range / std::max(1, target - 1), true);
  std::vector<double> t;
  for (double v = std::floor(lo / step) * step; v <= hi + 0.5 * step && t.size() < 50; v += step)
    t.push_back(std::fabs(v) < 1e-12 * step ? 0.0 : v);
  return t;
}

std::string plain_number(double v) {
  if (!std::isfinite(v)) return "–";
  char b[64];
  const double a = std::fabs(v);
  if (a >= 1000 || v == std::round(v))
    std::snprintf(b, sizeof b, "%.0f", v);
  else if (a >= 10)
    std::snprintf(b, sizeof b, "%.1f", v);
  else if (a >= 0.1)
    std::snprintf(b, sizeof b, "%.2f", v);
  else
    std::snprintf(b, sizeof b, "%.3g", v);
  return b;
}

std::string svg_line_chart(const LineChart& c) {
  const double L = 64, R = 16, T = 28, B = 44;
  const double W = c.width - L - R, H = c.height - T - B;
  double x0 = INFINITY, x1 = -INFINITY, y0 = 0, y1 = -INFINITY;
  for (const auto& s : c.series)
    for (std::size_t k = 0; k < s.x.size() && k < s.y.size(); ++k) {
      if (!std::isfinite(s.x[k]) || !std::isfinite(s.y[k])) continue;
      x0 = std::min(x0, s.x[k]), x1 = std::max(x1, s.x[k]);
      y0 = std::min(y0, s.y[k]), y1 = std::max(y1, s.y[k]);
    }
  std::ostringstream o;
  o << "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << c.width
    << "\" height=\"" << c.height << "\" viewBox=\"0 0 " << c.width << " " << c.height
    << "\" role=\"img\"><title>" << html_escape(c.title) << "</title>";
  o << "<text x=\"" << L << "\" y=\"16\" class=\"ct\">" << html_escape(c.title) << "</text>";
  if (!std::isfinite(x0)) {
    o << "<text x=\"" << L << "\" y=\"" << T + H / 2 << "\">–</text></svg>";
    return o.str();
  }
  if (y1 <= y0) y1 = y0 + 1;
  if (x1 <= x0) x1 = x0 + 1;
  const auto xt = nice_ticks(x0, x1, 7), yt = nice_ticks(y0, y1, 5);
  x0 = std::min(x0, xt.front()), x1 = std::max(x1, xt.back());
  y0 = std::min(y0, yt.front()), y1 = std::max(y1, yt.back());
  auto X = [&](double x) { return L + (x - x0) / (x1 - x0) * W; };
  auto Y = [&](double y) { return T + H - (y - y0) / (y1 - y0) * H; };
  for (double t : yt)
    o << "<line x1=\"" << L << "\" x2=\"" << L + W << "\" y1=\"" << fmt(Y(t)) << "\" y2=\""
      << fmt(Y(t)) << "\" class=\"grid\"/><text x=\"" << L - 6 << "\" y=\"" << fmt(Y(t) + 4)
      << "\" text-anchor=\"end\">" << plain_number(t) << "</text>";
  for (double t : xt)
    o << "<line x1=\"" << fmt(X(t)) << "\" x2=\"" << fmt(X(t)) << "\" y1=\"" << T + H << "\" y2=\""
      << T + H + 4 << "\" class=\"axis\"/><text x=\"" << fmt(X(t)) << "\" y=\"" << T + H + 16
      << "\" text-anchor=\"middle\">" << plain_number(t) << "</text>";
  o << "<line x1=\"" << L << "\" x2=\"" << L + W << "\" y1=\"" << T + H << "\" y2=\"" << T + H
    << "\" class=\"axis\"/><line x1=\"" << L << "\" x2=\"" << L << "\" y1=\"" << T << "\" y2=\""
    << T + H << "\" class=\"axis\"/>";
  o << "<text x=\"" << L + W / 2 << "\" y=\"" << c.height - 6 << "\" text-anchor=\"middle\">"
    << html_escape(c.x_label) << "</text>";
  o << "<text transform=\"translate(14," << T + H / 2 << ") rotate(-90)\" text-anchor=\"middle\">"
    << html_escape(c.y_label) << "</text>";
  if (std::isfinite(c.marker_x) && c.marker_x >= x0 && c.marker_x <= x1)
    o << "<line x1=\"" << fmt(X(c.marker_x)) << "\" x2=\"" << fmt(X(c.marker_x)) << "\" y1=\"" << T
      << "\" y2=\"" << T + H << "\" class=\"marker\"/><text x=\"" << fmt(X(c.marker_x) + 3)
      << "\" y=\"" << T + 10 << "\" class=\"ml\">" << html_escape(c.marker_label) << "</text>";
  double ly = T + 4;
  for (const auto& s : c.series) {
    o << "<polyline fill=\"none\" stroke=\"" << s.colour << "\" stroke-width=\"1.8\""
      << (s.dashed ? " stroke-dasharray=\"5 3\"" : "") << " points=\"";
    for (std::size_t k = 0; k < s.x.size() && k < s.y.size(); ++k)
      if (std::isfinite(s.x[k]) && std::isfinite(s.y[k]))
        o << fmt(X(s.x[k])) << "," << fmt(Y(s.y[k])) << " ";
    o << "\"/>";
    if (c.series.size() > 1) {
      o << "<line x1=\"" << L + W - 130 << "\" x2=\"" << L + W - 112 << "\" y1=\"" << ly + 4
        << "\" y2=\"" << ly + 4 << "\" stroke=\"" << s.colour << "\" stroke-width=\"2\""
        << (s.dashed ? " stroke-dasharray=\"5 3\"" : "") << "/><text x=\"" << L + W - 108
        << "\" y=\"" << ly + 8 << "\">" << html_escape(s.name) << "</text>";
      ly += 14;
    }
  }
  o << "</svg>";
  return o.str();
}

std::string svg_ci_chart(const CiChart& c) {
  const double L = 170, R = 24, T = 26, row = 26, B = 40;
  const double H = row * static_cast<double>(c.rows.size()), W = c.width - L - R;
  const double height = T + H + B;
  double lo = INFINITY, hi = -INFINITY;
  for (const auto& r : c.rows)
    for (double v : {r.mean, r.lo, r.hi})
      if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  std::ostringstream o;
  o << "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << c.width
    << "\" height=\"" << height << "\" viewBox=\"0 0 " << c.width << " " << height
    << "\" role=\"img\"><title>" << html_escape(c.title) << "</title><text x=\"4\" y=\"16\" "
    << "class=\"ct\">" << html_escape(c.title) << "</text>";
  if (!std::isfinite(lo)) {
    o << "<text x=\"" << L << "\" y=\"" << T + 14 << "\">–</text></svg>";
    return o.str();
  }
  lo = std::min(lo, 0.0);
  if (hi <= lo) hi = lo + 1;
  const auto ticks = nice_ticks(lo, hi, 5);
  lo = std::min(lo, ticks.front()), hi = std::max(hi, ticks.back());
  auto X = [&](double v) { return L + (v - lo) / (hi - lo) * W; };
  for (double t : ticks)
    o << "<line x1=\"" << fmt(X(t)) << "\" x2=\"" << fmt(X(t)) << "\" y1=\"" << T << "\" y2=\""
      << T + H << "\" class=\"grid\"/><text x=\"" << fmt(X(t)) << "\" y=\"" << T + H + 14
      << "\" text-anchor=\"middle\">" << plain_number(t) << "</text>";
  o << "<text x=\"" << L + W / 2 << "\" y=\"" << height - 6 << "\" text-anchor=\"middle\">"
    << html_escape(c.x_label) << "</text>";
  for (std::size_t k = 0; k < c.rows.size(); ++k) {
    const auto& r = c.rows[k];
    const double y = T + row * static_cast<double>(k) + row / 2;
    o << "<text x=\"" << L - 8 << "\" y=\"" << fmt(y + 4) << "\" text-anchor=\"end\""
      << (r.highlight ? " font-weight=\"bold\"" : "") << ">" << html_escape(r.label) << "</text>";
    if (std::isfinite(r.mean))
      o << "<rect x=\"" << fmt(std::min(X(0), X(r.mean))) << "\" y=\"" << fmt(y - 7)
        << "\" width=\"" << fmt(std::fabs(X(r.mean) - X(0))) << "\" height=\"14\" class=\""
        << (r.highlight ? "bar best" : "bar") << "\"/>";
    if (std::isfinite(r.lo) && std::isfinite(r.hi))
      o << "<line x1=\"" << fmt(X(r.lo)) << "\" x2=\"" << fmt(X(r.hi)) << "\" y1=\"" << fmt(y)
        << "\" y2=\"" << fmt(y) << "\" class=\"ci\"/><line x1=\"" << fmt(X(r.lo)) << "\" x2=\""
        << fmt(X(r.lo)) << "\" y1=\"" << fmt(y - 5) << "\" y2=\"" << fmt(y + 5)
        << "\" class=\"ci\"/><line x1=\"" << fmt(X(r.hi)) << "\" x2=\"" << fmt(X(r.hi))
        << "\" y1=\"" << fmt(y - 5) << "\" y2=\"" << fmt(y + 5) << "\" class=\"ci\"/>";
    o << "<text x=\"" << fmt(X(std::isfinite(r.hi) ? r.hi : r.mean) + 4) << "\" y=\"" << fmt(y + 4)
      << "\" class=\"v\">" << plain_number(r.mean) << "</text>";
  }
  o << "</svg>";
  return o.str();
}

}  // namespace sd::debrief
