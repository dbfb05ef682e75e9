// Replay state at a time: frame lookup, team interpolation, incident states, the clock.
#include <gtest/gtest.h>

#include <cmath>

#include "core/clock.hpp"
#include "core/replay.hpp"
#include "viz_test_util.hpp"

namespace sd::viz {
namespace {

namespace fx = fixture;
using test::scratch_dir;

TEST(Replay, FrameAtPicksTheLastFrameNotAfterT) {
  const std::vector<double> t{0, 10, 20};
  EXPECT_EQ(frame_at(t, -5), 0u);
  EXPECT_EQ(frame_at(t, 0), 0u);
  EXPECT_EQ(frame_at(t, 9.99), 0u);
  EXPECT_EQ(frame_at(t, 10), 1u);
  EXPECT_EQ(frame_at(t, 1e9), 2u);
}

class ReplayFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = scratch_dir();
    fx::write_results(dir_ / "run.h5", o_);
    file_ = ResultsFile::open(dir_ / "run.h5");
    r_ = Replay::load(*file_);
  }
  fx::Options o_;
  std::filesystem::path dir_;
  std::unique_ptr<ResultsFile> file_;
  Replay r_;
};

TEST_F(ReplayFixture, LoadsEveryResponseGroup) {
  EXPECT_EQ(r_.teams.rows(), 3u);
  EXPECT_EQ(r_.edges.rows(), 7u);
  EXPECT_EQ(r_.road_times.size(), 6u);  // 5 hazard frames + 1 inject time
  EXPECT_EQ(r_.kpi.size(), 9u);
  EXPECT_EQ(r_.kpi.at("people_rescued").size(), r_.kpi_times.size());
  ASSERT_EQ(r_.inject_times.size(), 1u);
  EXPECT_DOUBLE_EQ(r_.inject_times[0], 1.5 * o_.dt);
  EXPECT_DOUBLE_EQ(r_.end_time, 4 * o_.dt);
}

// The director's sluice and pumping-station lists come from /assets/drainage, by kind.
TEST_F(ReplayFixture, DrainageListsSluicesAndPumpsByKind) {
  EXPECT_EQ(drainage_names(r_, "sluice"),
            (std::vector<std::string>{"Sea sluice 1", "Sea sluice 2"}));
  EXPECT_EQ(drainage_names(r_, "pumping_station"), (std::vector<std::string>{"Polder pump"}));
  EXPECT_TRUE(drainage_names(Replay{}, "sluice").empty()) << "older files: no list";
}

TEST_F(ReplayFixture, RoadAndShelterStatesFollowTheirTimeAxes) {
  // Edge 4 slows at 1 h and closes (water) at 2 h; edge 5 is closed by the inject at 1.5 h.
  ASSERT_NE(road_states_at(r_, 0), nullptr);
  EXPECT_EQ(road_states_at(r_, 0)[4], 0);
  EXPECT_EQ(road_states_at(r_, 1.2 * o_.dt)[4], 1);
  EXPECT_EQ(road_states_at(r_, 1.2 * o_.dt)[5], 0);
  EXPECT_EQ(road_states_at(r_, 1.5 * o_.dt)[5], 3);
  EXPECT_EQ(road_states_at(r_, 2.0 * o_.dt)[4], 2);
  const float* occ = shelter_occupancy_at(r_, 1.0 * o_.dt);  // KPI row 2
  ASSERT_NE(occ, nullptr);
  EXPECT_FLOAT_EQ(occ[0], 240.0f);
  EXPECT_FLOAT_EQ(occ[1], 180.0f);
}

TEST_F(ReplayFixture, TeamPositionInterpolatesBetweenTrackRows) {
  // Boat 1 (team 0): en route from base at 0.5 h, working at the incident at 1 h.
  const double bx = r_.teams.num("base_x", 0, 0), by = r_.teams.num("base_y", 0, 0);
  const std::size_t work_row = r_.team_track[0][2];
  const double ix = r_.track.num("x", work_row, 0), iy = r_.track.num("y", work_row, 0);
  const TeamState mid = team_at(r_, 0, 0.75 * o_.dt);
  ASSERT_TRUE(mid.valid);
  EXPECT_NEAR(mid.x, 0.5 * (bx + ix), 1e-6);
  EXPECT_NEAR(mid.y, 0.5 * (by + iy), 1e-6);
  EXPECT_EQ(r_.track.labels("status")[static_cast<std::size_t>(mid.status)], "en_route");
  EXPECT_EQ(mid.incident, 0);
  const TeamState at_work = team_at(r_, 0, 1.5 * o_.dt);
  EXPECT_EQ(r_.track.labels("status")[static_cast<std::size_t>(at_work.status)], "working");
  EXPECT_NEAR(at_work.x, ix, 1e-6);
  // Fire 2 is blocked at its last row and stays there.
  const TeamState blocked = team_at(r_, 1, 3 * o_.dt);
  EXPECT_EQ(r_.track.labels("status")[static_cast<std::size_t>(blocked.status)], "blocked");
}

TEST_F(ReplayFixture, IncidentStatesFollowTheirTimestamps) {
  auto state = [&](std::size_t row, double t) {
    const int s = incident_state_at(r_, row, t);
    return s < 0 ? std::string("future")
                 : r_.incidents.labels("state")[static_cast<std::size_t>(s)];
  };
  const double h = o_.dt;
  EXPECT_EQ(state(0, 0.1 * h), "future");
  EXPECT_EQ(state(0, 0.3 * h), "waiting");
  EXPECT_EQ(state(0, 0.6 * h), "assigned");
  EXPECT_EQ(state(0, 2.0 * h), "served");
  EXPECT_EQ(state(2, 2.9 * h), "assigned");
  EXPECT_EQ(state(2, 3.0 * h), "failed");
  EXPECT_EQ(state(3, 3.9 * h), "waiting");  // never assigned, still open at the end
}

TEST(Clock, ParsesOffsetsAndFormatsLocalTime) {
  const auto o = parse_iso8601("2026-09-14T02:00:00+08:00");
  ASSERT_TRUE(o);
  EXPECT_EQ(o->epoch_s, 1789322400LL);  // 2026-09-13T18:00:00Z
  EXPECT_EQ(o->offset_minutes, 480);
  EXPECT_EQ(format_clock(o, 0), "2026-09-14 02:00:00 +08:00");
  EXPECT_EQ(format_clock(o, 22 * 3600 + 61.9), "2026-09-15 00:01:01 +08:00");  // day rollover
  const auto z = parse_iso8601("2026-12-31T23:30Z");
  ASSERT_TRUE(z);
  EXPECT_EQ(format_clock(z, 1800), "2027-01-01 00:00:00 +00:00");
  const auto neg = parse_iso8601("2026-03-01T00:00:00.250-05:30");
  ASSERT_TRUE(neg);
  EXPECT_EQ(format_clock(neg, -1), "2026-02-28 23:59:59 -05:30");
  EXPECT_FALSE(parse_iso8601("14/09/2026 02:00"));
  EXPECT_FALSE(parse_iso8601("2026-02-30T00:00:00Z"));
  EXPECT_EQ(format_clock(std::nullopt, 3725), "T+01:02:05");
  EXPECT_EQ(format_elapsed(90000), "+1d 01:00:00");
}

}  // namespace
}  // namespace sd::viz
