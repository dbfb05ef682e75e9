// Response engine on hand-made cases: dispatch policies choose what they should, teams never
// drive closed roads, unreachable incidents are reported, common random numbers hold.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "core/rng.hpp"
#include "response/incident.hpp"
#include "response/simulation.hpp"
#include "response_fixture.hpp"

namespace {

using sd::Capability;
using sd::TeamKind;

sd::RunResult run(const sdtest::Lattice& L, const sd::HazardTimeline& h, const sd::Plan& plan,
                  const std::vector<sd::Incident>& incidents, std::uint64_t seed = 1) {
  sd::RunOptions o;
  o.seed = seed;
  o.incidents = &incidents;
  o.kpi_interval_s = 1800;
  return sd::simulate_response(*L.model, h, plan, o);
}

TEST(Dispatch, NearestSendsTheClosestCapableTeam) {
  sdtest::Lattice L;
  L.add_team("far", TeamKind::Fire, 0, 0);
  L.add_team("near", TeamKind::Fire, 4, 4);
  L.add_team("power", TeamKind::Power, 3, 3);  // closer, but cannot rescue
  L.build();
  const std::vector<sd::Incident> inc = {L.incident(0, 600, 3, 4)};
  const auto r = run(L, L.dry(), L.scenario.plan, inc);
  EXPECT_EQ(r.outcomes[0].team, 1);
  EXPECT_EQ(r.outcomes[0].state, sd::IncidentState::Served);
  // One edge of 500 m at 10 m/s = 50 s, after 60 s turnout and the 60 s call-taking delay.
  EXPECT_NEAR(r.outcomes[0].t_arrived - 600, 60 + 60 + 50, 1e-6);
}

TEST(Dispatch, PriorityTakesTheUrgentJobFirstNearestTheClosest) {
  sdtest::Lattice L;
  L.add_team("only", TeamKind::Fire, 0, 0);
  L.build();
  // The team is busy until both are known; then it picks one.
  std::vector<sd::Incident> inc = {L.incident(0, 100, 0, 1),
                                   L.incident(1, 700, 1, 0, Capability::Rescue, 0.2f),
                                   L.incident(2, 700, 4, 4, Capability::Rescue, 1.0f)};
  inc[0].work_s = 3600;
  sd::Plan nearest = L.scenario.plan;
  sd::Plan priority = nearest;
  priority.dispatch = sd::DispatchPolicy::Priority;
  const auto a = run(L, L.dry(), nearest, inc);
  const auto b = run(L, L.dry(), priority, inc);
  EXPECT_LT(a.outcomes[1].t_arrived, a.outcomes[2].t_arrived)
      << "nearest serves the close, minor job first";
  EXPECT_LT(b.outcomes[2].t_arrived, b.outcomes[1].t_arrived)
      << "priority serves the severe job first";
}

TEST(Dispatch, BatchOptimalMatchingMinimisesTotalTravel) {
  // Two teams, two jobs: greedy nearest for the first job would send team A (dist 1 edge)
  // and leave team B a 7-edge trip; the matching sends A and B crosswise for 2 + 2 edges.
  sdtest::Lattice L(5, 500);
  L.add_team("A", TeamKind::Fire, 1, 0);
  L.add_team("B", TeamKind::Fire, 4, 4);
  L.build();
  std::vector<sd::Incident> inc = {L.incident(0, 100, 2, 0), L.incident(1, 100, 0, 0)};
  sd::Plan p = L.scenario.plan;
  p.dispatch = sd::DispatchPolicy::BatchOptimal;
  p.dispatch_epoch_s = 300;
  const auto r = run(L, L.dry(), p, inc);
  ASSERT_EQ(r.outcomes[0].state, sd::IncidentState::Served);
  ASSERT_EQ(r.outcomes[1].state, sd::IncidentState::Served);
  // Both served from the 300 s epoch; total travel = |A-job| + |B-job| minimal:
  // A->(0,0)=1, B->(2,0)=6 -> 7 edges; A->(2,0)=1, B->(0,0)=8 -> 9 edges. Optimal: A takes (0,0).
  EXPECT_EQ(r.outcomes[1].team, 0);
  EXPECT_EQ(r.outcomes[0].team, 1);
}

TEST(Network, TeamNeverDrivesAClosedRoad) {
  sdtest::Lattice L(6, 500);
  L.add_team("t0", TeamKind::Fire, 0, 0);
  L.add_team("t1", TeamKind::Fire, 5, 5);
  L.build();
  // Random floods: every frame closes a random 30% of edges (depth 0.5 m > 0.3 m wading).
  sd::HazardTimeline h = L.dry(24, 600);
  sd::Rng rng(42);
  for (auto& d : h.edge_depth) d = rng.uniform() < 0.3 ? 0.5f : 0.0f;
  std::vector<sd::Incident> inc;
  for (int k = 0; k < 30; ++k)
    inc.push_back(L.incident(k, 300.0 * k, static_cast<int>(rng.uniform() * 6),
                             static_cast<int>(rng.uniform() * 6)));
  const auto r = run(L, h, L.scenario.plan, inc);
  // Every consecutive pair of track points of a team at two different nodes is a road it
  // entered at the first time: that road must have been open then.
  std::size_t checked = 0;
  std::map<int, std::vector<const sd::TrackPoint*>> by_team;
  for (const auto& p : r.tracks) by_team[p.team].push_back(&p);
  auto node_at = [&](double x, double y) {
    for (std::size_t v = 0; v < L.roads.x.size(); ++v)
      if (std::fabs(L.roads.x[v] - x) < 1e-6 && std::fabs(L.roads.y[v] - y) < 1e-6)
        return static_cast<int>(v);
    return -1;
  };
  for (auto& [team, pts] : by_team) {
    std::stable_sort(pts.begin(), pts.end(), [](auto* a, auto* b) { return a->t < b->t; });
    for (std::size_t k = 0; k + 1 < pts.size(); ++k) {
      const int a = node_at(pts[k]->x, pts[k]->y), b = node_at(pts[k + 1]->x, pts[k + 1]->y);
      if (a < 0 || b < 0 || a == b) continue;
      // Hazard depths are indexed by the graph's edge ids.
      for (const auto e : L.model->graph->edges_between(static_cast<sd::net::NodeId>(a),
                                                        static_cast<sd::net::NodeId>(b))) {
        const std::size_t f = h.frame_at(pts[k]->t);
        EXPECT_LT(h.edge_depth[f * h.edges + e], 0.3f)
            << "team " << team << " entered a flooded road " << a << "->" << b
            << " at t=" << pts[k]->t << " next t=" << pts[k + 1]->t << " status "
            << static_cast<int>(pts[k]->status) << "," << static_cast<int>(pts[k + 1]->status);
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 20u) << "the test must actually check movements";
}

TEST(Network, UnreachableIncidentIsReportedNotDropped) {
  sdtest::Lattice L(4, 500);
  L.add_team("t0", TeamKind::Fire, 0, 0);
  L.build();
  sd::HazardTimeline h = L.dry(12, 1800);
  // Cut node (3,3) off: every edge into it deep under water for the whole run.
  const auto cut = static_cast<sd::net::NodeId>(L.node(3, 3));
  for (std::size_t e = 0; e < h.edges; ++e)
    if (L.model->graph->head()[e] == cut)
      for (std::size_t k = 0; k < h.frames(); ++k) h.edge_depth[k * h.edges + e] = 1.0f;
  std::vector<sd::Incident> inc = {L.incident(0, 600, 3, 3), L.incident(1, 600, 1, 1)};
  for (auto& i : inc) i.base_risk = 0.003;
  const auto r = run(L, h, L.scenario.plan, inc);
  EXPECT_EQ(r.outcomes[0].state, sd::IncidentState::Unreachable);
  EXPECT_EQ(r.outcomes[1].state, sd::IncidentState::Served);
  EXPECT_EQ(r.kpi("incidents_unreachable"), 1.0);
  EXPECT_EQ(r.kpi("incidents_total"), 2.0);
  EXPECT_GT(r.outcomes[0].risk, r.outcomes[1].risk)
      << "waiting the whole run costs more than a quick rescue";
}

TEST(Network, HighClearanceTruckWadesWhereACarCannot) {
  sdtest::Lattice L(4, 500);
  L.add_team("truck", TeamKind::Fire, 0, 0, sd::Vehicle::HighClearance);
  L.build();
  sd::HazardTimeline h = L.dry(12, 1800);
  const auto cut = static_cast<sd::net::NodeId>(L.node(3, 3));
  for (std::size_t e = 0; e < h.edges; ++e)
    if (L.model->graph->head()[e] == cut)
      for (std::size_t k = 0; k < h.frames(); ++k) h.edge_depth[k * h.edges + e] = 0.45f;
  const auto r = run(L, h, L.scenario.plan, {L.incident(0, 600, 3, 3)});
  EXPECT_EQ(r.outcomes[0].state, sd::IncidentState::Served);
}

TEST(CommonRandomNumbers, IdenticalPlansGiveIdenticalKpisAndIncidents) {
  sdtest::Lattice L(5, 500);
  L.add_team("a", TeamKind::Fire, 0, 0);
  L.add_team("b", TeamKind::Medical, 4, 4);
  L.scenario.population.grid = L.scenario.dem.grid;
  L.scenario.population.data.assign(L.scenario.dem.grid.size(), 20.0f);
  L.scenario.rates.medical_per_person_h = 2e-4;
  L.build();
  const sd::HazardTimeline h = L.dry(12, 1800);
  sd::Plan p1 = L.scenario.plan, p2 = p1, p3 = p1;
  p2.name = "copy";
  p3.dispatch = sd::DispatchPolicy::Priority;
  sd::RunOptions o;
  o.seed = 99;
  const auto a = sd::simulate_response(*L.model, h, p1, o);
  const auto b = sd::simulate_response(*L.model, h, p2, o);
  const auto c = sd::simulate_response(*L.model, h, p3, o);
  ASSERT_GT(a.incidents.size(), 5u);
  ASSERT_EQ(a.final_kpis.size(), b.final_kpis.size());
  for (std::size_t k = 0; k < a.final_kpis.size(); ++k) {
    if (std::isnan(a.final_kpis[k].value))
      EXPECT_TRUE(std::isnan(b.final_kpis[k].value));
    else
      EXPECT_EQ(a.final_kpis[k].value, b.final_kpis[k].value) << a.final_kpis[k].name;
  }
  // A different plan sees exactly the same incidents (same times, places, people).
  ASSERT_EQ(a.incidents.size(), c.incidents.size());
  for (std::size_t i = 0; i < a.incidents.size(); ++i) {
    EXPECT_EQ(a.incidents[i].t, c.incidents[i].t);
    EXPECT_EQ(a.incidents[i].node, c.incidents[i].node);
  }
  // Another seed gives other incidents.
  o.seed = 100;
  const auto d = sd::simulate_response(*L.model, h, p1, o);
  EXPECT_TRUE(d.incidents.size() != a.incidents.size() || d.incidents[0].t != a.incidents[0].t);
}

TEST(Incidents, GenerationRatesMatchTheirParameters) {
  // 2,500 people per flooded cell... total exposure E person-hours; count ~ Poisson(rate E).
  sdtest::Lattice L(5, 500);
  L.scenario.population.grid = L.scenario.dem.grid;
  L.scenario.population.data.assign(L.scenario.dem.grid.size(), 0.0f);
  L.scenario.rates.medical_per_person_h = 0;
  L.scenario.rates.basement_per_person_h = 0;
  L.scenario.rates.gas_per_person_h = 0;
  L.scenario.rates.trapped_per_person_h = 1e-3;
  std::vector<std::uint32_t> cells;
  for (std::uint32_t c = 0; c < 40; ++c) {
    cells.push_back(c * 7);
    L.scenario.population.data[c * 7] = 100.0f;
  }
  L.build();
  sd::HazardTimeline h =
      L.dry(8, 3600);  // 8 frames of 1 h; scenario lasts 6 h -> frames 0..5 count
  h.flooded_offset.push_back(0);
  for (std::size_t k = 0; k < h.frames(); ++k) {
    for (auto c : cells) h.flooded.push_back({c, k % 2 ? 0.3f : 0.8f});  // trapped only at >= 0.5 m
    h.flooded_offset.push_back(static_cast<std::uint32_t>(h.flooded.size()));
  }
  // Frames 0, 2, 4 are deep (1 h each within the 6 h run; frames 6, 7 lie past its end):
  // exposure 3 h x 4000 people.
  const double expected = 1e-3 * 4000 * 3;
  double total = 0;
  const int reps = 40;
  for (int s = 0; s < reps; ++s)
    total += static_cast<double>(sd::generate_incidents(*L.model, h, 1000 + s, 0).size());
  const double mean = total / reps, sd_mean = std::sqrt(expected / reps);
  EXPECT_NEAR(mean, expected, 4 * sd_mean);
  for (const auto& inc : sd::generate_incidents(*L.model, h, 5, 0)) {
    EXPECT_EQ(inc.type, sd::IncidentType::TrappedHome);
    EXPECT_GE(inc.depth_m, 0.5f);
    EXPECT_GE(inc.people, 1);
  }
}

TEST(Injects, TeamOutOfActionHandsItsJobBack) {
  sdtest::Lattice L(5, 500);
  L.add_team("first", TeamKind::Fire, 0, 0);
  L.add_team("second", TeamKind::Fire, 4, 4);
  sd::Inject j;
  j.kind = sd::InjectKind::TeamOut;
  j.target = "first";
  j.t_s = 700;
  L.scenario.injects.push_back(j);
  L.build();
  std::vector<sd::Incident> inc = {L.incident(0, 600, 0, 2)};
  inc[0].work_s = 3600;
  const auto r = run(L, L.dry(), L.scenario.plan, inc);
  EXPECT_EQ(r.outcomes[0].team, 1) << "the job moved to the second team";
  EXPECT_EQ(r.outcomes[0].state, sd::IncidentState::Served);
}

}  // namespace
