// Branching a run (issue 14 §1): a branch is its parent's scenario with injects appended, so
// everything before the branch time is the parent's (same incidents, same dispatches); each
// drill decision changes what happens after it; the injects survive a round trip through
// their TOML and one-line forms.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "response/incident.hpp"
#include "response/simulation.hpp"
#include "response_fixture.hpp"
#include "scenario/inject_reader.hpp"

namespace {

using sd::InjectKind;
using sd::TeamKind;

// A 5 x 5 lattice county with people everywhere (medical calls all the time), two towns,
// two shelters, a depot and three teams; the plan's only level rule never fires on its own.
struct County : sdtest::Lattice {
  sd::HazardTimeline hz;
  County() : Lattice(5, 500) {
    sd::Scenario& s = scenario;
    s.population.grid = s.dem.grid;
    s.population.data.assign(s.dem.grid.size(), 50.0f);
    s.rates = sd::IncidentRates{};
    s.rates.medical_per_person_h = 2e-4;
    s.towns = {{"West", x(0), y(2), 0, ""}, {"East", x(4), y(2), 0, ""}};
    s.shelters = {{"Gym", x(1), y(1), 100000}, {"Hall", x(3), y(4), 100000}};
    sd::DepotSpec d{"Depot", x(2), y(0), {}};
    d.stock[static_cast<std::size_t>(sd::StockKind::Food)] = 1000;
    sd::DepotSpec d2{"Store", x(4), y(4), {}};
    s.depots = {d, d2};
    add_team("Fire A", TeamKind::Fire, 0, 0);
    add_team("Fire B", TeamKind::Fire, 4, 4);
    add_team("Ambulance", TeamKind::Medical, 2, 2);
    sd::LevelRule never;
    never.level = 3;
    never.forecast_wind_ms = 1e4;
    never.evacuate = true;
    s.plan.levels = {never};
    s.duration_s = 12 * 3600.0;  // evacuations (8 h of departures) finish inside the drill
    build();
    hz = dry(24, 1800);
    hz.max_depth.assign(s.dem.grid.size(), 1.0f);  // everyone lives in a high-risk zone
  }

  sd::RunResult run(const std::vector<sd::Incident>* incidents = nullptr) {
    sd::RunOptions o;
    o.seed = 3;
    o.kpi_interval_s = 900;
    o.incidents = incidents;
    return sd::simulate_response(*model, hz, scenario.plan, o);
  }

  sd::Inject inject(InjectKind kind, double t) {
    sd::Inject j;
    j.kind = kind;
    j.t_s = t;
    return j;
  }
};

double shelter_total(const sd::RunResult& r, std::size_t q) {
  return r.shelter_occupancy.empty() ? 0.0 : r.shelter_occupancy.back()[q];
}

TEST(Branch, EverythingBeforeTheBranchTimeIsTheParents) {
  County c;
  c.scenario.injects.push_back(c.inject(InjectKind::CommsOutage, 1800));  // the parent's own
  c.scenario.injects.back().duration_s = 1800;
  const sd::RunResult parent = c.run();
  ASSERT_GT(parent.incidents.size(), 40u);
  const double tb = 2 * 3600.0;
  auto add = [&](sd::Inject j) { c.scenario.injects.push_back(j); };
  sd::Inject close = c.inject(InjectKind::CloseRoad, tb);
  close.edge = 0;
  add(close);
  sd::Inject out = c.inject(InjectKind::TeamOut, tb);
  out.target = "Ambulance";
  add(out);
  sd::Inject burst = c.inject(InjectKind::IncidentBurst, tb);
  burst.x = c.x(2), burst.y = c.y(2), burst.radius_m = 400, burst.count = 10;
  burst.burst_type = static_cast<int>(sd::IncidentType::Medical);
  add(burst);
  sd::Inject pol = c.inject(InjectKind::SetDispatch, tb);
  pol.policy = sd::DispatchPolicy::Priority;
  add(pol);
  sd::Inject evac = c.inject(InjectKind::Evacuate, tb);
  evac.target = "West";
  add(evac);
  const sd::RunResult branch = c.run();

  std::size_t before = 0;
  for (const auto& e : parent.events) before += e.t < tb;
  ASSERT_GT(before, 50u) << "the parent did things before the branch time";
  ASSERT_GE(branch.events.size(), before);
  for (std::size_t k = 0; k < before; ++k) {
    const auto &a = parent.events[k], &b = branch.events[k];
    ASSERT_EQ(a.t, b.t) << k;
    ASSERT_EQ(a.type, b.type) << k;
    ASSERT_EQ(a.team, b.team) << k;
    ASSERT_EQ(a.incident, b.incident) << k;
    ASSERT_EQ(a.text, b.text) << k;
  }
  EXPECT_GE(branch.events[before].t, tb) << "the branch adds nothing before its time";
  std::size_t early = 0;
  for (std::size_t i = 0; i < parent.incidents.size(); ++i) {
    if (parent.incidents[i].t >= tb) continue;
    ++early;
    EXPECT_EQ(parent.incidents[i].x, branch.incidents[i].x);
    EXPECT_EQ(parent.incidents[i].type, branch.incidents[i].type);
    if (parent.outcomes[i].t_assigned >= 0 && parent.outcomes[i].t_assigned < tb) {
      EXPECT_EQ(parent.outcomes[i].t_assigned, branch.outcomes[i].t_assigned) << i;
    }
  }
  EXPECT_GT(early, 20u);
  EXPECT_EQ(branch.incidents.size(), parent.incidents.size() + 10) << "the burst";
  EXPECT_GT(branch.kpi("people_evacuated"), 0.0) << "the branch evacuated West";
  EXPECT_EQ(parent.kpi("people_evacuated"), 0.0);
}

TEST(Branch, ClosingAndReopeningARoadSegment) {
  County c;
  const std::vector<sd::Incident> inc = {c.incident(0, 600, 2, 0)};
  // Fire A at (0,0) is nearest; a fire team serves rescues. Edge 0 runs (0,0) -> (1,0).
  c.scenario.teams[1].capabilities = 0;  // only Fire A can rescue
  c.scenario.teams[2].capabilities = 0;
  const double direct = c.run(&inc).outcomes[0].t_arrived;
  const auto& g = *c.model->graph;
  int edge = -1;  // the segment (0,0) -> (1,0), first on Fire A's way
  for (std::size_t e = 0; e < g.num_edges(); ++e)
    if (g.tail()[e] == static_cast<sd::net::NodeId>(c.node(0, 0)) &&
        g.head()[e] == static_cast<sd::net::NodeId>(c.node(1, 0)))
      edge = static_cast<int>(e);
  ASSERT_GE(edge, 0);
  sd::Inject close = c.inject(InjectKind::CloseRoad, 0);
  close.edge = edge;
  c.scenario.injects.push_back(close);
  const auto closed = c.run(&inc);
  EXPECT_NEAR(closed.outcomes[0].t_arrived - direct, 100.0, 1e-6)
      << "two more 50 s edges around the closed segment";
  const std::size_t E = g.num_edges();
  EXPECT_EQ(closed.road_state[(closed.road_time.size() - 1) * E + edge], 3)
      << "recorded as closed by an inject";
  sd::Inject reopen = c.inject(InjectKind::ReopenRoad, 300);
  reopen.edge = edge;
  c.scenario.injects.push_back(reopen);
  EXPECT_NEAR(c.run(&inc).outcomes[0].t_arrived, direct, 1e-6);
}

TEST(Branch, TeamOutThenBackAndMovedStation) {
  County c;
  c.scenario.teams[1].capabilities = 0;
  c.scenario.teams[2].capabilities = 0;
  const std::vector<sd::Incident> inc = {c.incident(0, 3000, 4, 4)};
  const double from_base = c.run(&inc).outcomes[0].t_arrived;
  sd::Inject out = c.inject(InjectKind::TeamOut, 100);
  out.target = "Fire A";
  c.scenario.injects.push_back(out);
  EXPECT_EQ(c.run(&inc).outcomes[0].state, sd::IncidentState::Waiting) << "nobody left";
  sd::Inject back = c.inject(InjectKind::TeamBack, 2000);
  back.target = "Fire A";
  c.scenario.injects.push_back(back);
  EXPECT_NEAR(c.run(&inc).outcomes[0].t_arrived, from_base, 1e-6);
  c.scenario.injects.clear();
  sd::Inject move = c.inject(InjectKind::MoveStation, 100);
  move.target = "Fire A";
  move.x = c.x(4), move.y = c.y(3);
  c.scenario.injects.push_back(move);
  EXPECT_NEAR(c.run(&inc).outcomes[0].t_arrived, 3000 + 60 + 60 + 50, 1e-6)
      << "re-stationed one edge away: call 60 s + turnout 60 s + 50 s";
  EXPECT_NEAR(from_base, 3000 + 60 + 60 + 400, 1e-6) << "eight edges from its old base";
}

TEST(Branch, BurstOfATypedIncidentAroundAPoint) {
  County c;
  const auto base = sd::generate_incidents(*c.model, c.hz, 3, 0);
  sd::Inject burst = c.inject(InjectKind::IncidentBurst, 3600);
  burst.x = c.x(1), burst.y = c.y(3), burst.radius_m = 200, burst.count = 7;
  burst.burst_type = static_cast<int>(sd::IncidentType::GasFailure);
  c.scenario.injects.push_back(burst);
  const auto with = sd::generate_incidents(*c.model, c.hz, 3, 0);
  ASSERT_EQ(with.size(), base.size() + 7);
  int gas = 0;
  for (const auto& i : with)
    if (i.type == sd::IncidentType::GasFailure) {
      ++gas;
      EXPECT_LE(std::hypot(i.x - burst.x, i.y - burst.y), 200.0 + 1e-9);
      EXPECT_GE(i.t, 3600.0);
    }
  EXPECT_EQ(gas, 7);
}

TEST(Branch, ResponseLevelFiresThePlansActionsAndEvacuationFillsOpenShelters) {
  County c;
  EXPECT_EQ(c.run().kpi("people_evacuated"), 0.0) << "the level rule never fires by itself";
  sd::Inject lv = c.inject(InjectKind::ResponseLevel, 1800);
  lv.level = 2;
  c.scenario.injects.push_back(lv);
  const auto raised = c.run();
  EXPECT_GT(raised.kpi("people_evacuated"), 0.0) << "level II includes the level III evacuation";
  EXPECT_GT(shelter_total(raised, 0), 0.0);
  sd::Inject shut = c.inject(InjectKind::CloseShelter, 0);
  shut.target = "Gym";
  c.scenario.injects.push_back(shut);
  const auto closed = c.run();
  EXPECT_EQ(shelter_total(closed, 0), 0.0) << "a closed shelter takes nobody";
  EXPECT_NEAR(closed.kpi("people_evacuated"), raised.kpi("people_evacuated"), 1.0)
      << "the same people went to the other shelter";
  sd::Inject lower = c.inject(InjectKind::ResponseLevel, 0);
  lower.level = 4;  // a lower level fires nothing
  c.scenario.injects = {lower};
  EXPECT_EQ(c.run().kpi("people_evacuated"), 0.0);
}

TEST(Branch, EvacuatingACircleMovesOnlyItsResidents) {
  County c;
  sd::Inject e = c.inject(InjectKind::Evacuate, 600);
  e.x = c.x(0), e.y = c.y(0), e.radius_m = 300;
  c.scenario.injects.push_back(e);
  const double circle = c.run().kpi("people_evacuated");
  double residents = 0;
  const sd::Grid& g = c.scenario.dem.grid;
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i)
      if (std::hypot(g.cx(i) - e.x, g.cy(j) - e.y) <= 300) residents += 50;
  EXPECT_NEAR(circle, residents * c.scenario.plan.evacuation_compliance, 0.01 * residents);
  EXPECT_GT(residents, 1000.0);
}

TEST(Branch, MovingSuppliesAndChangingTheDispatchPolicy) {
  County c;
  sd::Inject mv = c.inject(InjectKind::MoveSupplies, 600);
  mv.target = "Depot", mv.to = "Store", mv.amount = 400;
  mv.stock = static_cast<int>(sd::StockKind::Food);
  c.scenario.injects.push_back(mv);
  const std::vector<sd::Incident> none;
  const auto r = c.run(&none);
  const std::size_t food = static_cast<std::size_t>(sd::StockKind::Food), K = sd::kStockKinds;
  EXPECT_EQ(r.depot_stock_end[0 * K + food], 600.0);
  EXPECT_EQ(r.depot_stock_end[1 * K + food], 400.0);
  // Batch-optimal dispatch waits for the next matching epoch (every 5 min from the switch).
  c.scenario.injects.clear();
  const std::vector<sd::Incident> inc = {c.incident(0, 610, 1, 1)};
  EXPECT_NEAR(c.run(&inc).outcomes[0].t_assigned, 670, 1e-6) << "nearest: as soon as known";
  sd::Inject pol = c.inject(InjectKind::SetDispatch, 100);
  pol.policy = sd::DispatchPolicy::BatchOptimal;
  c.scenario.injects.push_back(pol);
  EXPECT_NEAR(c.run(&inc).outcomes[0].t_assigned, 700, 1e-6) << "epochs at 400, 700, ...";
}

// Every action written as a one-liner reads back as the same inject, and the canonical TOML
// a branch saves reads back to it again.
TEST(Branch, InjectTextRoundTrips) {
  County c;
  const sd::Scenario& s = c.scenario;
  const std::vector<std::string> lines = {"close_road edge=3",
                                          "reopen_road edge=3 at=1800",
                                          "team_out team='Fire A' duration_h=1.5",
                                          "team_back team=\"Fire A\"",
                                          "move_station team='Fire B' x=1100 y=600",
                                          "incident_burst x=600 y=600 r=250 n=12 type=medical",
                                          "response_level level=II",
                                          "evacuate town=West",
                                          "evacuate x=600 y=600 r=400",
                                          "open_shelter shelter=Gym",
                                          "close_shelter shelter=Hall",
                                          "move_supplies from=Depot to=Store stock=food amount=250",
                                          "dispatch_policy policy=priority",
                                          "comms_outage factor=15 duration_h=1",
                                          "road_closure x=600 y=600 radius_m=200"};
  for (const auto& line : lines) {
    SCOPED_TRACE(line);
    const auto a = sd::parse_inject_text(sd::inline_inject_toml(line, "t"), "t", s, 3600);
    ASSERT_EQ(a.size(), 1u) << line;
    const auto b = sd::parse_inject_text(sd::inject_toml(a[0]), "t2", s, 0);
    ASSERT_EQ(b.size(), 1u) << line;
    EXPECT_EQ(sd::inject_toml(a[0]), sd::inject_toml(b[0])) << line;
    EXPECT_EQ(a[0].t_s, line.find("at=1800") != std::string::npos ? 1800.0 : 3600.0) << line;
  }
}

TEST(Branch, BadInjectsAreRefusedNamingTheField) {
  County c;
  auto err = [&](const std::string& line) {
    try {
      sd::parse_inject_text(sd::inline_inject_toml(line, "--inject-inline #1"),
                            "--inject-inline #1", c.scenario, 0);
    } catch (const sd::InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(err("team_out team=Nobody").find("no [[team]] named 'Nobody'"), std::string::npos);
  EXPECT_NE(err("evacuate town=Atlantis").find("no [[town]] named 'Atlantis'"), std::string::npos);
  EXPECT_NE(err("close_shelter shelter=X").find("[[shelter]]"), std::string::npos);
  EXPECT_NE(err("close_road").find("edge"), std::string::npos);
  EXPECT_NE(err("close_road edge=1 colour=red").find("colour"), std::string::npos);
  EXPECT_NE(err("fly_away x=1").find("unknown action 'fly_away'"), std::string::npos);
  EXPECT_NE(err("team_out team").find("not key=value"), std::string::npos);
  EXPECT_NE(err("dispatch_policy policy=random").find("policy"), std::string::npos);
}

TEST(Branch, DrillTimes) {
  County c;
  c.scenario.start_iso = "2021-07-25T20:00:00+08:00";
  c.scenario.start_epoch_s = 1627214400;  // 12:00 UTC
  EXPECT_EQ(sd::parse_drill_time("21:30", c.scenario, "--at"), 5400.0);
  EXPECT_EQ(sd::parse_drill_time("14:00", c.scenario, "--at"), 18 * 3600.0) << "the next day";
  EXPECT_EQ(sd::parse_drill_time("38:00", c.scenario, "--at"), 18 * 3600.0);
  EXPECT_EQ(sd::parse_drill_time("44:00", c.scenario, "--at"), 24 * 3600.0);
  EXPECT_EQ(sd::parse_drill_time("2021-07-26T14:00:00+08:00", c.scenario, "--at"), 18 * 3600.0);
  EXPECT_EQ(sd::parse_drill_time("64800", c.scenario, "--at"), 64800.0);
  EXPECT_EQ(sd::parse_drill_time("64800s", c.scenario, "--at"), 64800.0);
  EXPECT_THROW(sd::parse_drill_time("2021-07-26T14:00:00", c.scenario, "--at"), sd::InputError);
  EXPECT_THROW(sd::parse_drill_time("noon", c.scenario, "--at"), sd::InputError);
  EXPECT_THROW(sd::parse_drill_time("14:75", c.scenario, "--at"), sd::InputError);
}

}  // namespace
