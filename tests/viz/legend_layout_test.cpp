// The map legend fits the map: full size on a large map, shrunk (then cut, saying so) on a
// small one, never taller or wider than the map (an 800 x 600 window's map is about 480 x 430
// pixels, where the full legend is ~500 pixels tall and covered the title and the clock).
#include <gtest/gtest.h>

#include "core/legend_layout.hpp"

namespace sd::viz {
namespace {

std::vector<LegendEntry> everything() {
  LegendInputs in;
  in.team_kinds = {"rescue_boat", "fire_rescue", "medical", "volunteer"};
  in.team_statuses = {"idle", "en_route", "working", "returning", "blocked"};
  in.incident_types = {"trapped_home", "stranded_vehicle", "basement_flooding", "medical"};
  in.incident_states = {"waiting", "assigned", "served", "failed", "unreachable"};
  in.depth = in.roads = in.assets = in.towns = in.storm_track = true;
  return legend_entries(in);
}

float seven_px(const std::string& s) {
  return 7.0f * static_cast<float>(s.size());
}

void expect_inside(const LegendLayout& L, float map_w, float map_h) {
  EXPECT_LE(L.width, map_w - 20);
  EXPECT_LE(L.height, map_h - 50);
  for (const LegendSlot& s : L.slots) {
    EXPECT_GE(s.x, 0);
    EXPECT_LE(s.y + L.row, L.height + 1e-3f);
  }
}

TEST(LegendLayout, FullSizeOnALargeMap) {
  const auto e = everything();
  const LegendLayout L = lay_out_legend(e, 1600, 1000, seven_px);
  EXPECT_EQ(L.scale, 1.0f);
  EXPECT_EQ(L.dropped_sections, 0);
  EXPECT_LE(L.height, 550.0f);
  std::size_t entries = 0;
  for (const auto& s : L.slots) entries += !s.header;
  EXPECT_EQ(entries, e.size()) << "every symbol listed";
}

TEST(LegendLayout, ShrinksToFitTheMapOfAnEightHundredBySixHundredWindow) {
  const auto e = everything();
  const LegendLayout full = lay_out_legend(e, 1600, 1000, seven_px);
  ASSERT_GT(full.height, 430 - 50) << "the case: the full-size legend is taller than this map";
  const LegendLayout L = lay_out_legend(e, 480, 430, seven_px);
  EXPECT_LT(L.scale, 1.0f);
  EXPECT_GE(L.scale, kMinLegendScale);
  EXPECT_EQ(L.dropped_sections, 0) << "still complete";
  expect_inside(L, 480, 430);
}

TEST(LegendLayout, CutsItsLastSectionsOnATinyMapAndSaysSo) {
  const auto e = everything();
  const LegendLayout L = lay_out_legend(e, 260, 220, seven_px);
  EXPECT_GT(L.dropped_sections, 0);
  EXPECT_EQ(L.scale, kMinLegendScale);
  expect_inside(L, 260, 220);
  EXPECT_EQ(L.slots.front().entry->section, e.front().section) << "the first sections stay";
}

}  // namespace
}  // namespace sd::viz
