// The map's screen transform: the world point (cx, cy) at the centre of a `size` pixel view
// whose top-left corner is `origin`, m_per_px metres per pixel, north up. Shared by the map
// and the drill director's overlay, so a click lands on what is drawn under it.
#pragma once

#include <imgui.h>

namespace sd::viz {

struct Camera {
  ImVec2 origin, size;
  double cx, cy, m_per_px;
  ImVec2 to_screen(double x, double y) const {
    return {static_cast<float>(origin.x + size.x * 0.5 + (x - cx) / m_per_px),
            static_cast<float>(origin.y + size.y * 0.5 - (y - cy) / m_per_px)};
  }
  void to_world(ImVec2 p, double& x, double& y) const {
    x = cx + (p.x - origin.x - size.x * 0.5) * m_per_px;
    y = cy - (p.y - origin.y - size.y * 0.5) * m_per_px;
  }
};

}  // namespace sd::viz
