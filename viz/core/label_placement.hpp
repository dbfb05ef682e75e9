// Map label placement without overlap (issue 14 §4): greedy by priority, as in the standard
// point-feature labelling heuristic (Christensen, Marks & Shieber 1995, "An empirical study of
// algorithms for point-feature label placement", ACM TOG 14(3): greedy with a fixed set of
// candidate positions per point is the fast baseline). Higher priority labels are placed first
// and keep their place; a label none of whose candidate boxes is free is left out (decluttered).
#pragma once

#include <vector>

namespace sd::viz {

struct Box {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // screen pixels, x0 < x1, y0 < y1
  bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
  bool inside(const Box& o) const { return x0 >= o.x0 && y0 >= o.y0 && x1 <= o.x1 && y1 <= o.y1; }
};

struct LabelRequest {
  float ax = 0, ay = 0;  // anchor (the symbol's centre)
  float w = 0, h = 0;    // text size
  float gap = 8;         // distance from the anchor to the text (the symbol's half size)
  int priority = 0;      // higher wins
};

// Label priority classes: towns over villages over teams over assets.
enum LabelClass { kLabelAsset = 0, kLabelTeam = 1, kLabelVillage = 2, kLabelTown = 3 };
// Declutter by zoom: whether a class is labelled at `m_per_px` metres per screen pixel. Towns
// always; villages from 40 m/px; teams from 25 m/px; assets from 15 m/px (the whole default
// county is ~35 m/px in a 1000 px map, so asset names appear when zoomed ~2x).
bool label_class_visible(int label_class, double m_per_px);

// The candidate boxes tried for a request, in order of preference (right, left, above, below,
// then the four diagonals).
std::vector<Box> candidate_boxes(const LabelRequest& r);

struct Placement {
  bool placed = false;
  Box box;
};

// One placement per request. Placed boxes never overlap each other, `obstacles` (e.g. the
// legend) or leave `viewport`. Ties in priority go to the earlier request.
std::vector<Placement> place_labels(const std::vector<LabelRequest>& requests, const Box& viewport,
                                    const std::vector<Box>& obstacles = {});

}  // namespace sd::viz
