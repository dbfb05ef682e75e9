// Closed roads must be closed by this storm (issue 13 §2): a dry run of the default county
// closes nothing, and a road under water before the storm is impassable but is reported
// apart from the storm's closures.
#include <gtest/gtest.h>

#include <filesystem>

#include "county_test_util.hpp"
#include "hazard/hazard_run.hpp"
#include "network/edge_cells.hpp"
#include "response/simulation.hpp"
#include "response_fixture.hpp"
#include "scenario/scenario.hpp"

namespace {

namespace fs = std::filesystem;

// A 250 m copy of the default county with the shipped track, in its own temp folder.
struct DryCounty {
  fs::path dir = fs::temp_directory_path() / ("sd_dry_county_" + std::to_string(::getpid()));
  DryCounty() {
    sd::county::CountyOptions o;
    o.cell_m = 250.0;
    o.track_csv = (county_test::shipped_dir() / "data" / "infa-2021.csv").string();
    sd::county::write_county(sd::county::generate_county(o), dir.string());
  }
  ~DryCounty() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

TEST(RoadClosure, DryRunOfTheCountyClosesNoRoad) {
  const DryCounty county;
  sd::Scenario s = sd::load_scenario((county.dir / "scenario.toml").string());
  // Dry weather: no rain, and a calm sea at its normal level (no tide, no surge: the E and S
  // grid edges are level boundaries that would otherwise push the tide onto low land there).
  s.storm.rain_multiplier = 0.0;
  s.tide = sd::TideSpec{};
  s.storm.design.reset();
  s.duration_s = 2 * 3600.0;
  s.flood.frame_interval_s = 1800;
  s.injects.clear();
  const auto model = sd::build_response_model(s);
  // The county's streets cross its canals: the old coupling read the canal water (1 m at its
  // normal stage) as the street's depth and closed them before any rain.
  sd::HazardOptions o;
  o.cache_dir = (county.dir / "cache").string();
  o.use_cache = false;
  o.threads = 1;
  const sd::HazardTimeline h = sd::run_hazard(s, *model, o);
  const std::size_t N = s.dem.grid.size();
  std::vector<float> still(N, 0.0f);
  for (std::size_t c = 0; c < N; ++c)
    if (!s.landuse.data.empty() && s.landuse.data[c] == 3.0f && s.dem.data[c] < 0)
      still[c] = -s.dem.data[c];
  std::vector<float> plain(h.edges);
  sd::net::edge_depths(model->edge_cells, still, 90.0, plain);
  std::size_t crossing = 0;
  for (float d : plain) crossing += d >= 0.3f;
  EXPECT_GT(crossing, 10u) << "the test county must have streets over canals";

  // No road takes closing water. (Not exactly 0 everywhere: at 250 m an underpass dug below
  // the canal level next to a canal fills towards that level, ~0.13 m, without any rain.)
  for (std::size_t k = 0; k < h.frames(); ++k)
    for (std::size_t e = 0; e < h.edges; ++e)
      ASSERT_LT(h.edge_depth_at(k)[e], s.flood.road_close_depth_m)
          << "edge " << e << " frame " << k;
  sd::RunOptions ro;
  ro.seed = 1;
  const sd::RunResult r = sd::simulate_response(*model, h, s.plan, ro);
  EXPECT_EQ(r.kpi("road_km_closed_peak"), 0.0);
  EXPECT_EQ(r.kpi("road_km_closed_baseline"), 0.0) << "every canal crossing is a bridge";
  for (double km : r.road_closed_km) EXPECT_EQ(km, 0.0);
}

TEST(RoadClosure, RoadUnderPermanentWaterIsImpassableButNoStormClosure) {
  sdtest::Lattice L(4, 500);
  L.add_team("t0", sd::TeamKind::Fire, 0, 0);
  L.build();
  sd::HazardTimeline h = L.dry(12, 1800);
  // Node (3,3) lies in a pond: both roads into it under 1 m of water before the storm.
  h.edge_depth_baseline.assign(h.edges, 0.0f);
  const auto pond = static_cast<sd::net::NodeId>(L.node(3, 3));
  double pond_km = 0;
  for (std::size_t e = 0; e < h.edges; ++e)
    if (L.model->graph->head()[e] == pond) {
      h.edge_depth_baseline[e] = 1.0f;
      pond_km += L.model->edge_km[e];
    }
  ASSERT_GT(pond_km, 0.0);
  std::vector<sd::Incident> inc = {L.incident(0, 600, 3, 3), L.incident(1, 600, 1, 1)};
  sd::RunOptions o;
  o.incidents = &inc;
  o.kpi_interval_s = 1800;
  const sd::RunResult r = sd::simulate_response(*L.model, h, L.scenario.plan, o);
  EXPECT_EQ(r.outcomes[0].state, sd::IncidentState::Unreachable) << "the pond stays impassable";
  EXPECT_EQ(r.outcomes[1].state, sd::IncidentState::Served);
  EXPECT_EQ(r.kpi("road_km_closed_peak"), 0.0) << "the storm closed nothing";
  EXPECT_NEAR(r.kpi("road_km_closed_baseline"), pond_km, 1e-6);
  ASSERT_FALSE(r.road_closed_km_baseline.empty());
  EXPECT_NEAR(r.road_closed_km_baseline.front(), pond_km, 1e-6);
  for (std::size_t e = 0; e < h.edges; ++e)
    if (L.model->graph->head()[e] == pond) {
      EXPECT_EQ(r.road_state[e], 4) << "edge " << e;
    }
}

}  // namespace
