// Issue 14 §4, "a viewer a planner reads without a manual": the pure logic behind the map's
// labels, legend and symbols, the KPI chart axes and units, the batch comparison and the
// headless --center/--zoom options.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>

#include "core/batch_model.hpp"
#include "core/chart_axis.hpp"
#include "core/fine_layer.hpp"
#include "core/kpi_units.hpp"
#include "core/label_placement.hpp"
#include "core/layer_image.hpp"
#include "core/replay.hpp"
#include "core/symbology.hpp"
#include "core/view_options.hpp"
#include "viz_test_util.hpp"

namespace sd::viz {
namespace {

// ---- label placement -------------------------------------------------------------------

TEST(LabelPlacement, RandomLabelsNeverOverlapAndAHigherPriorityLabelIsNeverDisplaced) {
  std::mt19937 rng(14);
  std::uniform_real_distribution<float> pos(0, 400), len(20, 120);
  std::uniform_int_distribution<int> pri(0, 3);
  const Box view{0, 0, 400, 300};
  for (int trial = 0; trial < 40; ++trial) {
    std::vector<LabelRequest> req;
    for (int k = 0; k < 60; ++k)
      req.push_back({pos(rng), pos(rng) * 0.75f, len(rng), 13, 8, pri(rng)});
    const auto out = place_labels(req, view);
    ASSERT_EQ(out.size(), req.size());
    int placed = 0;
    for (std::size_t a = 0; a < out.size(); ++a) {
      if (!out[a].placed) continue;
      ++placed;
      EXPECT_TRUE(out[a].box.inside(view));
      for (std::size_t b = a + 1; b < out.size(); ++b)
        EXPECT_FALSE(out[b].placed && out[a].box.overlaps(out[b].box)) << a << " vs " << b;
    }
    EXPECT_GT(placed, 10);
    // Brute force: every label left out had each of its candidates blocked by the view edge or
    // by a placed label of at least its priority (a lower-priority label never displaces it).
    for (std::size_t a = 0; a < out.size(); ++a) {
      if (out[a].placed) continue;
      for (const Box& c : candidate_boxes(req[a])) {
        bool blocked = !c.inside(view);
        for (std::size_t b = 0; b < out.size() && !blocked; ++b)
          blocked =
              out[b].placed && out[b].box.overlaps(c) &&
              (req[b].priority > req[a].priority || (req[b].priority == req[a].priority && b < a));
        EXPECT_TRUE(blocked) << "label " << a << " had a free candidate";
      }
    }
  }
}

TEST(LabelPlacement, TownBeatsAnAssetAtTheSamePlaceAndObstaclesAreAvoided) {
  // Two labels on one anchor with room for only one text box beside it.
  const Box view{0, 0, 200, 20};
  std::vector<LabelRequest> req = {{100, 10, 80, 14, 8, kLabelAsset},
                                   {100, 10, 80, 14, 8, kLabelTown}};
  auto out = place_labels(req, view, {{0, 0, 90, 20}});  // the left side is the legend
  EXPECT_FALSE(out[0].placed);
  ASSERT_TRUE(out[1].placed);
  EXPECT_GE(out[1].box.x0, 100.0f);  // right of the anchor, clear of the obstacle
}

TEST(LabelPlacement, DeclutterByZoomKeepsTownsAndDropsAssetsFirst) {
  EXPECT_TRUE(label_class_visible(kLabelTown, 500));
  EXPECT_FALSE(label_class_visible(kLabelAsset, 30));
  EXPECT_FALSE(label_class_visible(kLabelTeam, 30));
  EXPECT_TRUE(label_class_visible(kLabelVillage, 30));
  EXPECT_TRUE(label_class_visible(kLabelAsset, 10));
  // Monotone: whatever is shown at a coarse zoom is shown when zoomed in further.
  for (int c = kLabelAsset; c <= kLabelTown; ++c)
    for (double m = 1; m < 200; m *= 1.3)
      EXPECT_TRUE(!label_class_visible(c, m) || label_class_visible(c, m / 2)) << c << " " << m;
}

// ---- symbols and legend ------------------------------------------------------------------

const std::vector<std::string> kTeamKinds = {"county_rescue", "fire",      "water",   "power",
                                             "gas",           "transport", "medical", "volunteer"};
const std::vector<std::string> kStatuses = {"idle",      "mobilising", "en_route", "working",
                                            "returning", "blocked",    "resting",  "out_of_action"};
const std::vector<std::string> kTypes = {"trapped_home",  "stranded_vehicle", "basement_flooding",
                                         "power_failure", "gas_failure",      "medical",
                                         "tree_down",     "site_evacuation"};
const std::vector<std::string> kStates = {"waiting", "assigned",    "served",
                                          "failed",  "unreachable", "averted"};

bool same(const Symbol& a, const Symbol& b) {
  return a.glyph == b.glyph && a.fill == b.fill && a.outline == b.outline && a.dashed == b.dashed &&
         a.text == b.text;
}

TEST(Symbology, IncidentCodesAreUniqueAndTreeDownIsNotT) {
  const auto codes = incident_codes(kTypes);
  ASSERT_EQ(codes.size(), kTypes.size());
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), codes.size());
  EXPECT_EQ(codes[0], "T");   // trapped_home
  EXPECT_EQ(codes[6], "TD");  // tree_down: the old map drew both as "T"
  EXPECT_EQ(codes[7], "SE");  // site_evacuation vs stranded_vehicle "S"
  EXPECT_EQ(incident_codes({"a", "a", "a"}), (std::vector<std::string>{"A", "A2", "A3"}));
}

TEST(Symbology, TeamsAndIncidentsNeverShareAGlyphAndClosedRoadsAreDashed) {
  for (const auto& k : kTeamKinds) EXPECT_NE(team_glyph(k), Glyph::ring) << k;
  for (int s = 0; s < kRoadStates; ++s) EXPECT_EQ(road_symbol(s).dashed, s >= 2) << s;
  // Flooded and ordered closures differ from each other and from open roads.
  EXPECT_FALSE(road_symbol(2).fill == road_symbol(3).fill);
  EXPECT_FALSE(road_symbol(0).fill == road_symbol(2).fill);
}

TEST(Symbology, LegendListsEverySymbolTheMapDraws) {
  LegendInputs in;
  in.team_kinds = kTeamKinds;
  in.team_statuses = kStatuses;
  in.incident_types = kTypes;
  in.incident_states = kStates;
  in.depth = in.roads = in.assets = in.towns = in.storm_track = true;
  const auto legend = legend_entries(in);
  auto listed = [&](const Symbol& s) {
    for (const auto& e : legend)
      if (same(e.symbol, s)) return true;
    return false;
  };
  // The map's marks, built exactly as map_view.cpp builds them.
  for (const auto& k : kTeamKinds) {
    bool shape = false;
    for (const auto& e : legend)
      shape =
          shape || (e.symbol.glyph == team_glyph(k) && e.label.find(plain(k)) != std::string::npos);
    EXPECT_TRUE(shape) << "team kind " << k;
  }
  for (const auto& s : kStatuses) EXPECT_TRUE(listed({Glyph::square, team_status_rgba(s)})) << s;
  const auto codes = incident_codes(kTypes);
  for (std::size_t k = 0; k < kTypes.size(); ++k) {
    bool found = false;
    for (const auto& e : legend)
      found = found || (e.symbol.glyph == Glyph::ring && e.symbol.text == codes[k] &&
                        e.label == plain(kTypes[k]));
    EXPECT_TRUE(found) << kTypes[k];
  }
  for (const auto& s : kStates)
    EXPECT_TRUE(listed({Glyph::ring, {255, 255, 255, 255}, incident_state_rgba(s)})) << s;
  for (int s = 0; s < kRoadStates; ++s) EXPECT_TRUE(listed(road_symbol(s))) << "road " << s;
  for (const Rgba c : kDepthColors) EXPECT_TRUE(listed({Glyph::area, c}));
  EXPECT_TRUE(listed({Glyph::water, kPermanentWater}));
  for (Glyph g : {Glyph::depot, Glyph::house, Glyph::site, Glyph::town, Glyph::track}) {
    bool found = false;
    for (const auto& e : legend) found = found || e.symbol.glyph == g;
    EXPECT_TRUE(found) << static_cast<int>(g);
  }
  // Nothing listed twice within a section.
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& e : legend) EXPECT_TRUE(seen.insert({e.section, e.label}).second) << e.label;
}

TEST(Symbology, SeaAndWaterClassAreWaterNotFloodDepth) {
  // 4 cells: land dry, water class, sea below 0 m wet at the start, polder below 0 m dry.
  const std::vector<int> lu = {1, 3, 2, 2};
  const std::vector<float> z = {2.0f, 0.5f, -3.0f, -1.0f};
  const std::vector<float> d0 = {0.0f, 0.2f, 3.0f, 0.0f};
  const auto m = permanent_water_mask(lu, z, d0);
  EXPECT_EQ(m, (std::vector<std::uint8_t>{0, 1, 1, 0}));
  // Composed: the sea cell at 3 m shows the water colour (hatched or plain), not ">= 2 m".
  GridInfo g;
  g.nx = 4;
  g.ny = 1;
  g.cell = 10;
  const std::vector<float> depth = {0.0f, 0.2f, 3.0f, 0.4f};
  RasterLayers L;
  L.depth = depth.data();
  L.permanent_water = m.data();
  std::vector<Rgba> out;
  compose(g, L, out);
  for (int k : {1, 2})
    EXPECT_TRUE(out[static_cast<std::size_t>(k)] == kPermanentWater ||
                out[static_cast<std::size_t>(k)] == kPermanentWaterHatch);
  EXPECT_FALSE(out[3] == kPermanentWater);  // the polder's 0.4 m is flood depth
}

// ---- chart axes and units ----------------------------------------------------------------

TEST(ChartAxis, NiceTicksCoverTheRangeWithRoundSteps) {
  EXPECT_EQ(nice_ticks(0, 61360, 5), (std::vector<double>{0, 20000, 40000, 60000, 80000}));
  EXPECT_EQ(nice_ticks(0, 61360, 3), (std::vector<double>{0, 50000, 100000}));
  const auto t = nice_ticks(0.03, 0.92, 5);
  ASSERT_GE(t.size(), 2u);
  EXPECT_LE(t.front(), 0.03);
  EXPECT_GE(t.back(), 0.92);
  EXPECT_NEAR(t[1] - t[0], 0.5, 1e-12);  // 0.2 would need 6 ticks (0 .. 1.0)
  EXPECT_NEAR(nice_ticks(0.03, 0.92, 6)[1], 0.2, 1e-12);
  EXPECT_EQ(nice_ticks(5, 5, 4).size() >= 2, true);
  EXPECT_TRUE(nice_ticks(NAN, 1, 4).empty());
}

TEST(ChartAxis, TickLabelsNeverUseExponents) {
  EXPECT_EQ(format_tick(61360, 20000), "61360");
  EXPECT_EQ(format_tick(0.25, 0.05), "0.25");
  EXPECT_EQ(format_tick(-1.5, 0.5), "-1.5");
  EXPECT_EQ(format_tick(-0.0, 1), "0");
  EXPECT_EQ(format_tick(NAN, 1), "n/a");
  for (double v : {1e5, 6.136e4, 1.05e4, 123456789.0})
    EXPECT_EQ(format_tick(v, 1).find('e'), std::string::npos) << v;
}

TEST(ChartAxis, TimeTicksFallOnRoundLocalClockTimes) {
  // Start 2021-07-25 20:00 +08:00 (12:00 UTC); 24 h of run, about 5 ticks: every 6 h local.
  const auto origin = parse_iso8601("2021-07-25T20:00:00+08:00");
  ASSERT_TRUE(origin);
  const auto t = time_ticks(0, 86400, 5, origin);
  EXPECT_EQ(t, (std::vector<double>{14400, 36000, 57600, 79200}));  // 4 h after 20:00 is 00:00
  std::vector<std::string> labels;
  for (double x : t) labels.push_back(format_time_tick(x, origin));
  EXPECT_EQ(labels, (std::vector<std::string>{"07-26", "06:00", "12:00", "18:00"}));
  // A 3 h run with room for 7 ticks: every 30 min, starting on the hour.
  const auto s = time_ticks(0, 10800, 7, origin);
  ASSERT_EQ(s.size(), 7u);
  EXPECT_EQ(format_time_tick(s[1], origin), "20:30");
  // Without an origin: elapsed hours.
  EXPECT_EQ(format_time_tick(7200, std::nullopt), "T+02:00");
}

TEST(KpiUnits, SecondsBecomeMinutesOrHoursAndSharesPercent) {
  EXPECT_EQ(format_kpi("response_time_median_s", 965), "16.1 min");
  EXPECT_EQ(format_kpi("response_time_max_s", 61360), "17.0 h");
  EXPECT_EQ(format_kpi("coverage_15min", 0.9211), "92.1 %");
  EXPECT_EQ(format_kpi("road_km_closed", 3.357), "3.36 km");
  EXPECT_EQ(format_kpi("people_evacuated", 3380), "3380 people");
  EXPECT_EQ(format_kpi("expected_fatalities", NAN), "n/a");
  EXPECT_EQ(kpi_display("incidents_open", 83).name, "Open incidents");
  EXPECT_EQ(kpi_display("response_time_p90_s_trapped_home", 600).name,
            "Response time, 90th percentile: trapped home");
  const KpiDisplay h = kpi_display("response_time_max_s", 61360);
  EXPECT_EQ(h.unit, "h");
  EXPECT_NEAR(61360 * h.scale, 17.04, 0.01);
  EXPECT_EQ(kpi_display("peak_flooded_area_km2", 1).unit, "km²");
}

// ---- event log -------------------------------------------------------------------------------

TEST(EventLog, CurrentRowIsTheLastEntryAtOrBeforeTheClock) {
  const std::vector<double> t = {10, 20, 20, 35};
  EXPECT_EQ(current_log_row(t, 5), -1);
  EXPECT_EQ(current_log_row(t, 10), 0);
  EXPECT_EQ(current_log_row(t, 20), 2);
  EXPECT_EQ(current_log_row(t, 34.9), 2);
  EXPECT_EQ(current_log_row(t, 1e9), 3);
  EXPECT_EQ(current_log_row({}, 3), -1);
}

// ---- batch view model --------------------------------------------------------------------------

Column num(const std::string& n, std::vector<double> v) {
  Column c;
  c.name = n;
  c.num = std::move(v);
  return c;
}
Column str(const std::string& n, std::vector<std::string> v) {
  Column c;
  c.name = n;
  c.is_string = true;
  c.str = std::move(v);
  return c;
}

TEST(BatchModel, PlansRankedKpiOrderVerdictsAndNanIntervalsExplained) {
  Table plans;
  plans.add(str("plan", {"current", "prepositioned", "broken"}));
  plans.add(num("incidents_total_mean", {270, 265, NAN}));
  plans.add(num("incidents_total_lo", {260, 255, NAN}));
  plans.add(num("incidents_total_hi", {280, 275, NAN}));
  plans.add(num("expected_fatalities_mean", {2.0, 1.5, NAN}));
  plans.add(num("expected_fatalities_lo", {NAN, NAN, NAN}));
  plans.add(num("expected_fatalities_hi", {NAN, NAN, NAN}));
  plans.add(num("expected_fatalities_diff_mean", {0, -0.5, NAN}));
  plans.add(num("response_wall_s_mean", {0.1, 0.1, 0.1}));
  plans.add(num("rank", {2, 1, 3}));
  plans.add(num("p_best", {0.1, 0.9, 0}));
  Table runs;
  runs.add(str("plan", {"current", "prepositioned"}));
  runs.add(num("member", {0, 0}));
  runs.add(num("ok", {1, 1}));
  runs.add(str("error", {"", ""}));
  runs.add(str("results_path", {"", ""}));
  runs.add(num("response_wall_s", {0.1, 0.1}));
  runs.add(num("incidents_total", {270, 265}));
  runs.add(num("expected_fatalities", {2.0, 1.5}));
  TradeoffRows tr;
  tr.plan_a = {"current", "current"};
  tr.plan_b = {"prepositioned", "prepositioned"};
  tr.kpi = {"incidents_total", "expected_fatalities"};
  tr.verdict = {"no practical difference", "not enough members to tell"};
  const BatchModel m = make_batch_model(plans, runs, tr, "expected_fatalities", 1);
  // The ranking KPI first; engine timing and paired differences are not KPI columns.
  EXPECT_EQ(m.kpis, (std::vector<std::string>{"expected_fatalities", "incidents_total"}));
  ASSERT_EQ(m.plans.size(), 3u);
  EXPECT_EQ(m.plans[0].plan, "prepositioned");
  EXPECT_EQ(m.plans[1].plan, "current");
  EXPECT_EQ(m.plans[2].plan, "broken");
  EXPECT_EQ(m.plans[0].verdict, "vs current: not enough members to tell");
  EXPECT_EQ(m.plans[1].verdict, "");  // the baseline
  // "[nan, nan]" never shows: n/a with the reason.
  EXPECT_EQ(m.plans[0].kpis[0].text,
            "1.50 (interval n/a: one storm member, no spread to estimate)");
  EXPECT_EQ(m.plans[2].kpis[0].text, "n/a (no run of this plan succeeded)");
  EXPECT_EQ(m.plans[0].kpis[1].text, "265 incidents [255, 275]");
  for (const auto& p : m.plans)
    for (const auto& k : p.kpis) EXPECT_EQ(k.text.find("nan"), std::string::npos) << k.text;
  // Run table: identity columns, ranking KPI, other KPIs, timing, error; no file column.
  EXPECT_FALSE(m.runs_have_files);
  EXPECT_EQ(m.run_columns,
            (std::vector<std::string>{"plan", "member", "ok", "expected_fatalities",
                                      "incidents_total", "response_wall_s", "error"}));
  EXPECT_EQ(interval_text("incidents_total", 10, 8, 12, 5), "10 incidents [8, 12]");
  EXPECT_EQ(interval_text("incidents_total", 10, NAN, NAN, 5),
            "10 incidents (interval n/a: fewer than 2 runs succeeded)");
}

// ---- --center / --zoom -------------------------------------------------------------------------

TEST(ViewOptions, CenterAndZoomAreValidated) {
  const MapCenter c = parse_center("281000.5,3388500");
  EXPECT_DOUBLE_EQ(c.x, 281000.5);
  EXPECT_DOUBLE_EQ(c.y, 3388500);
  for (const char* bad : {"", "1", "1,", ",2", "a,b", "1,2,3", "nan,1", "1,inf", "1;2"})
    EXPECT_THROW(parse_center(bad), std::invalid_argument) << bad;
  EXPECT_DOUBLE_EQ(parse_zoom("4"), 4.0);
  for (const char* bad : {"", "0", "-2", "nan", "inf", "1000", "2x", "0.1"})
    EXPECT_THROW(parse_zoom(bad), std::invalid_argument) << bad;
  GridInfo g;
  g.nx = 100;
  g.ny = 50;
  g.cell = 10;
  g.x0 = 1000;
  g.y0 = 5000;
  EXPECT_NO_THROW(check_center_on_grid({1500, 4800}, g));
  EXPECT_THROW(check_center_on_grid({999, 4800}, g), std::invalid_argument);
  EXPECT_THROW(check_center_on_grid({1500, 4499}, g), std::invalid_argument);
  EXPECT_NEAR(fitted_m_per_px(g, 500, 500), 2.04, 1e-9);
}

}  // namespace
}  // namespace sd::viz

// ---- fine flood layer (issue 12) ---------------------------------------------------------------

namespace sd::viz {
namespace {

TEST(FineLayer, ReadFromASubgridFileAndGeoreferencedWithTheCoarseGrid) {
  const auto dir = test::scratch_dir();
  fixture::Options o;
  o.fine_ratio = 4;
  fixture::write_results(dir / "fine.h5", o);
  const auto f = ResultsFile::open(dir / "fine.h5");
  const FineLayer l = read_fine_layer(*f);
  ASSERT_FALSE(l.empty());
  const GridInfo& g = f->grid();
  EXPECT_EQ(l.nx, g.nx * 4);
  EXPECT_EQ(l.ny, g.ny * 4);
  EXPECT_DOUBLE_EQ(l.cell, g.cell / 4);
  // Same corner as the coarse grid: fine cell (fi, fj) lies inside coarse cell (fi/4, fj/4).
  EXPECT_NEAR(l.x0, g.x0, 1e-6);
  EXPECT_NEAR(l.y0, g.y0, 1e-6);
  const fixture::Cell w = fixture::wet_cell(o);
  for (int di = 0; di < 4; ++di) {
    const int fi = w.i * 4 + di, fj = w.j * 4 + 2;
    const double cx = l.x0 + (fi + 0.5) * l.cell, cy = l.y0 - (fj + 0.5) * l.cell;
    EXPECT_EQ(static_cast<int>((cx - g.x0) / g.cell), w.i);
    EXPECT_EQ(static_cast<int>((g.y0 - cy) / g.cell), w.j);
    EXPECT_FLOAT_EQ(l.max_depth[static_cast<std::size_t>(fj) * l.nx + fi],
                    fixture::fine_depth(o, fi, fj));
  }
  // The fine hazard rating (the inspector's), looked up by map point.
  ASSERT_EQ(l.hazard_rating.size(), l.max_depth.size());
  const int fi = w.i * 4 + 3, fj = w.j * 4 + 1;
  const double px = l.x0 + (fi + 0.5) * l.cell, py = l.y0 - (fj + 0.5) * l.cell;
  EXPECT_FLOAT_EQ(fine_value_at(l, l.hazard_rating, px, py),
                  fixture::fine_hazard_rating(fixture::fine_depth(o, fi, fj)));
  EXPECT_FLOAT_EQ(fine_value_at(l, l.max_depth, px, py), fixture::fine_depth(o, fi, fj));
  EXPECT_TRUE(std::isnan(fine_value_at(l, l.hazard_rating, l.x0 - 1.0, py)));
  // Shown once a fine cell is at least a screen pixel.
  EXPECT_TRUE(fine_layer_visible(l, l.cell));
  EXPECT_FALSE(fine_layer_visible(l, l.cell * 1.5));
  // A file without the group has no layer.
  fixture::write_results(dir / "coarse.h5", {});
  EXPECT_TRUE(read_fine_layer(*ResultsFile::open(dir / "coarse.h5")).empty());
}

TEST(FineLayer, InconsistentAxesAreRefusedWithTheReason) {
  const std::vector<double> x = {0.5, 1.5, 2.5}, y = {9.5, 8.5};
  EXPECT_NO_THROW(fine_layer_from_axes(x, y, std::vector<float>(6), 2, 3, "f.h5"));
  auto msg = [&](std::vector<double> xs, std::vector<double> ys, std::size_t r, std::size_t c) {
    try {
      fine_layer_from_axes(xs, ys, std::vector<float>(r * c), r, c, "f.h5");
    } catch (const ResultsError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(msg(x, y, 3, 3).find("x has 3 and y 2"), std::string::npos);
  EXPECT_NE(msg({0.5, 1.5, 3.5}, y, 2, 3).find("even spacing"), std::string::npos);
  EXPECT_NE(msg(x, {8.5, 9.5}, 2, 3).find("decreasing"), std::string::npos);
  EXPECT_EQ(msg(x, y, 2, 3), "");
}

}  // namespace
}  // namespace sd::viz
