#include "core/view_options.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace sd::viz {

namespace {

bool parse_number(const std::string& s, double& v) {
  if (s.empty()) return false;
  char* end = nullptr;
  v = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(v);
}

}  // namespace

MapCenter parse_center(const std::string& s) {
  const auto comma = s.find(',');
  MapCenter c;
  if (comma == std::string::npos || !parse_number(s.substr(0, comma), c.x) ||
      !parse_number(s.substr(comma + 1), c.y))
    throw std::invalid_argument("--center: expected X,Y (two finite map coordinates), got '" + s +
                                "'");
  return c;
}

double parse_zoom(const std::string& s) {
  double z = 0;
  if (!parse_number(s, z) || z < kMinZoom || z > kMaxZoom)
    throw std::invalid_argument(
        "--zoom: expected a number between 0.25 and 256 (1 = whole map), "
        "got '" +
        s + "'");
  return z;
}

void check_center_on_grid(const MapCenter& c, const GridInfo& g) {
  const double x1 = g.x0 + g.nx * g.cell, y1 = g.y0 - g.ny * g.cell;
  if (c.x < g.x0 || c.x > x1 || c.y < y1 || c.y > g.y0)
    throw std::invalid_argument("--center " + std::to_string(c.x) + "," + std::to_string(c.y) +
                                ": outside the map (x " + std::to_string(g.x0) + " .. " +
                                std::to_string(x1) + ", y " + std::to_string(y1) + " .. " +
                                std::to_string(g.y0) + ")");
}

double fitted_m_per_px(const GridInfo& g, double w, double h) {
  return std::max(g.nx * g.cell / std::max(w, 1.0), g.ny * g.cell / std::max(h, 1.0)) * 1.02;
}

}  // namespace sd::viz
