#include "app/kpi_chart.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "core/chart_axis.hpp"
#include "core/kpi_units.hpp"
#include "core/replay.hpp"

namespace sd::viz {

void draw_kpi_chart(const std::string& kpi, const std::vector<double>& times,
                    const std::vector<double>& values, double now,
                    const std::optional<ClockOrigin>& clock, float width, float height) {
  if (times.size() < 2 || values.size() != times.size()) return;
  double vmax = 0, vmin = 0;
  for (double v : values)
    if (std::isfinite(v)) {
      vmax = std::max(vmax, v);
      vmin = std::min(vmin, v);
    }
  const KpiDisplay d = kpi_display(kpi, vmax);
  const std::size_t k_now = frame_at(times, now);
  const std::string title = d.name + ": " + format_kpi(kpi, values[k_now]);
  ImGui::TextUnformatted(title.c_str());
  const auto yt = nice_ticks(vmin * d.scale, vmax * d.scale, 4);
  const double step = yt.size() > 1 ? yt[1] - yt[0] : 1;
  // Left margin wide enough for the longest tick label plus the unit.
  float margin = 0;
  for (double v : yt)
    margin = std::max(margin, ImGui::CalcTextSize(format_tick(v, step).c_str()).x);
  margin += 8;
  const float text_h = ImGui::GetTextLineHeight();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImGui::Dummy({width, height});
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 a{o.x + margin, o.y + 2}, b{o.x + width - 6, o.y + height - text_h - 4};
  dl->AddRectFilled(a, b, IM_COL32(30, 38, 52, 255));
  const double y0 = yt.front(), y1 = yt.back() > y0 ? yt.back() : y0 + 1;
  const double t0 = times.front(), t1 = std::max(times.back(), t0 + 1);
  auto X = [&](double t) { return static_cast<float>(a.x + (b.x - a.x) * (t - t0) / (t1 - t0)); };
  auto Y = [&](double v) { return static_cast<float>(b.y - (b.y - a.y) * (v - y0) / (y1 - y0)); };
  const ImU32 grid = IM_COL32(90, 100, 120, 120), ink = IM_COL32(200, 200, 200, 255);
  for (double v : yt) {
    dl->AddLine({a.x, Y(v)}, {b.x, Y(v)}, grid);
    const std::string s = format_tick(v, step);
    dl->AddText({a.x - 4 - ImGui::CalcTextSize(s.c_str()).x, Y(v) - text_h / 2}, ink, s.c_str());
  }
  if (!d.unit.empty()) dl->AddText({a.x + 4, a.y}, IM_COL32(170, 170, 170, 255), d.unit.c_str());
  const auto tt = time_ticks(t0, t1, std::max(2, static_cast<int>((b.x - a.x) / 70)), clock);
  for (double t : tt) {
    dl->AddLine({X(t), a.y}, {X(t), b.y + 3}, grid);
    const std::string s = format_time_tick(t, clock);
    const float w = ImGui::CalcTextSize(s.c_str()).x;
    dl->AddText({std::clamp(X(t) - w / 2, o.x, b.x - w), b.y + 3}, ink, s.c_str());
  }
  std::vector<ImVec2> pts;
  for (std::size_t k = 0; k < times.size(); ++k)
    if (std::isfinite(values[k])) pts.push_back({X(times[k]), Y(values[k] * d.scale)});
  dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), IM_COL32(120, 200, 255, 255), 0, 1.5f);
  const float xn = X(std::clamp(now, t0, t1));
  dl->AddLine({xn, a.y}, {xn, b.y}, IM_COL32(255, 80, 80, 255), 1.5f);
}

}  // namespace sd::viz
