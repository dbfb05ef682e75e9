// One KPI time series as a small chart with axes: value ticks in the KPI's display unit on the
// left, local clock times along the bottom, the replay time as a red cursor.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace sd::viz {

void draw_kpi_chart(const std::string& kpi, const std::vector<double>& times,
                    const std::vector<double>& values, double now,
                    const std::optional<ClockOrigin>& clock, float width, float height);

}  // namespace sd::viz
