#pragma once
// Inline SVG charts for the debrief page: a time-series line chart with labelled axes (hours
// since the scenario start, a plain-named y quantity with its unit) and a confidence-interval
// chart (one row per plan: a bar to the mean, a whisker over [lo, hi]). Text is escaped; the
// output needs no script, font or network.
#include <cmath>
#include <string>
#include <vector>

namespace sd::debrief {

struct Series {
  std::string name;
  std::vector<double> x, y;  // x in the chart's x unit (hours)
  std::string colour = "#1f77b4";
  bool dashed = false;
};

struct LineChart {
  std::string title, x_label, y_label;
  std::vector<Series> series;
  double marker_x = NAN;  // a vertical marker (landfall), NaN none
  std::string marker_label;
  int width = 560, height = 260;
};
std::string svg_line_chart(const LineChart& c);

struct CiRow {
  std::string label;
  double mean = NAN, lo = NAN, hi = NAN;
  bool highlight = false;  // the best plan
};
struct CiChart {
  std::string title, x_label;
  std::vector<CiRow> rows;
  int width = 560;
};
std::string svg_ci_chart(const CiChart& c);

// "Nice" axis ticks covering [lo, hi] (Heckbert 1990, "Nice numbers for graph labels").
std::vector<double> nice_ticks(double lo, double hi, int target = 5);
// A number as people read it: no exponent for ordinary magnitudes, at most 3 significant
// decimals ("61 360", "0.25", "12.8").
std::string plain_number(double v);
std::string html_escape(const std::string& s);

}  // namespace sd::debrief
