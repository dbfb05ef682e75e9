#include "core/label_placement.hpp"

#include <algorithm>
#include <numeric>

namespace sd::viz {

bool label_class_visible(int label_class, double m_per_px) {
  switch (label_class) {
    case kLabelTown:
      return true;
    case kLabelVillage:
      return m_per_px <= 40.0;
    case kLabelTeam:
      return m_per_px <= 25.0;
    default:
      return m_per_px <= 15.0;
  }
}

std::vector<Box> candidate_boxes(const LabelRequest& r) {
  const float g = r.gap, w = r.w, h = r.h, x = r.ax, y = r.ay;
  return {
      {x + g, y - h / 2, x + g + w, y + h / 2},                          // right
      {x - g - w, y - h / 2, x - g, y + h / 2},                          // left
      {x - w / 2, y - g - h, x + w / 2, y - g},                          // above
      {x - w / 2, y + g, x + w / 2, y + g + h},                          // below
      {x + g * 0.7f, y - g * 0.7f - h, x + g * 0.7f + w, y - g * 0.7f},  // above right
      {x - g * 0.7f - w, y - g * 0.7f - h, x - g * 0.7f, y - g * 0.7f},  // above left
      {x + g * 0.7f, y + g * 0.7f, x + g * 0.7f + w, y + g * 0.7f + h},  // below right
      {x - g * 0.7f - w, y + g * 0.7f, x - g * 0.7f, y + g * 0.7f + h},  // below left
  };
}

std::vector<Placement> place_labels(const std::vector<LabelRequest>& req, const Box& viewport,
                                    const std::vector<Box>& obstacles) {
  std::vector<std::size_t> order(req.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return req[a].priority > req[b].priority; });
  std::vector<Placement> out(req.size());
  std::vector<Box> taken = obstacles;
  taken.reserve(obstacles.size() + req.size());
  for (std::size_t k : order) {
    for (const Box& c : candidate_boxes(req[k])) {
      if (!c.inside(viewport)) continue;
      if (std::any_of(taken.begin(), taken.end(), [&](const Box& t) { return t.overlaps(c); }))
        continue;
      out[k] = {true, c};
      taken.push_back(c);
      break;
    }
  }
  return out;
}

}  // namespace sd::viz
