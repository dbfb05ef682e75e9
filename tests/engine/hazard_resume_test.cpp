// Hazard-changing branches resume the flood from the parent's checkpoint (issue 14 §1): the
// resumed hazard is the from-scratch hazard of the branch bit for bit, and it differs from the
// parent's only after the inject.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstring>
#include <tuple>

#include "batch_fixture.hpp"
#include "cli_runner.hpp"
#include "hazard/hazard_run.hpp"
#include "io/h5.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<float> frames_of(const std::string& path, const std::string& name = "depth") {
  auto f = sd::h5::File::open_read(path);
  return sd::h5::read_vector<float>(sd::h5::open_group(f, "hazard"), name);
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

// The bowl county with `flood_lines` in place of its [flood] frame interval line.
fs::path county_with(const std::string& name, const std::string& flood_lines) {
  const fs::path dir = sdtest::make_flood_county(name);
  if (flood_lines.empty()) return dir;
  std::string text = sdtest::slurp(dir / "scenario.toml");
  const std::string anchor = "frame_interval_min = 10.0\n";
  text.replace(text.find(anchor), anchor.size(), flood_lines);
  sdtest::write_file(dir / "scenario.toml", text);
  return dir;
}

// The small flood county, its response model, and hazard options keeping hourly checkpoints in
// a cache folder of this process; the parent hazard is computed (with checkpoints).
struct ResumeFixture {
  fs::path county, tmp;
  sd::Scenario s;
  std::shared_ptr<const sd::ResponseModel> m;
  sd::HazardOptions o;
  sd::HazardTimeline parent;
  explicit ResumeFixture(const std::string& name, const std::string& flood_lines = "")
      : county(county_with(name, flood_lines)),
        tmp(fs::temp_directory_path() / ("sd_" + name + "_" + std::to_string(::getpid()))),
        s(sd::load_scenario((county / "scenario.toml").string())),
        m(sd::build_response_model(s)) {
    fs::remove_all(tmp);
    o.threads = 1;
    o.checkpoint_every_s = 3600;
    o.cache_dir = (tmp / "a").string();
    o.warn = [](const std::string&) {};
    parent = sd::run_hazard(s, *m, o);
  }
  ~ResumeFixture() {
    fs::remove_all(tmp);
    fs::remove_all(county);
  }
  // The branch both tests take: a dike breach at 2 h 30 in the bowl's low centre.
  sd::Scenario breach_branch() const {
    sd::Scenario b = s;
    sd::Inject j;
    j.kind = sd::InjectKind::DikeBreach;
    j.t_s = 9000;
    j.x = 301000;
    j.y = 3380750;
    j.peak_m3s = 4;
    j.duration_s = 1800;
    b.injects.push_back(j);
    return b;
  }
  // The branch resumed from the parent's latest checkpoint before its first new inject.
  sd::HazardTimeline resumed(const sd::Scenario& b) const {
    sd::HazardOptions ro = o;
    ro.resume_from = std::make_shared<const sd::Scenario>(s);
    ro.resume_before_s = b.injects.back().t_s;
    return sd::run_hazard(b, *m, ro);
  }
  // The branch from scratch, in a cache of its own.
  sd::HazardTimeline fresh(const sd::Scenario& b) const {
    sd::HazardOptions fo = o;
    fo.cache_dir = (tmp / "b").string();
    return sd::run_hazard(b, *m, fo);
  }
};

}  // namespace

TEST(HazardResume, BranchResumedFromACheckpointIsTheFromScratchBranchBitForBit) {
  const ResumeFixture fx("resume");
  const auto& [s, m, o, parent] = std::tie(fx.s, fx.m, fx.o, fx.parent);

  const sd::Scenario b = fx.breach_branch();
  const sd::HazardTimeline resumed = fx.resumed(b);
  EXPECT_EQ(resumed.resumed_from_s, 7200) << "the latest hourly checkpoint before 2 h 30";

  const sd::HazardTimeline fresh = fx.fresh(b);
  EXPECT_EQ(fresh.resumed_from_s, 0);
  EXPECT_NE(resumed.key, parent.key);
  EXPECT_EQ(resumed.key, fresh.key);
  EXPECT_EQ(resumed.edge_depth, fresh.edge_depth);
  EXPECT_EQ(resumed.max_depth, fresh.max_depth);
  EXPECT_EQ(resumed.site_depth, fresh.site_depth);
  EXPECT_EQ(resumed.flooded_offset, fresh.flooded_offset);
  const auto rf = frames_of(resumed.frames_path), ff = frames_of(fresh.frames_path),
             pf = frames_of(parent.frames_path);
  ASSERT_EQ(rf.size(), ff.size());
  EXPECT_TRUE(rf == ff) << "depth frames differ from the from-scratch branch";
  // Before the breach the branch is its parent; after it, not.
  const std::size_t per = rf.size() / resumed.frames(),
                    k_breach = resumed.frame_at(b.injects.back().t_s);
  EXPECT_TRUE(
      std::equal(rf.begin(), rf.begin() + static_cast<long>(per * (k_breach + 1)), pf.begin()));
  EXPECT_FALSE(std::equal(rf.begin(), rf.end(), pf.begin()));
  // A branch's own checkpoints: the parent's (copied) and its own after the resume.
  auto f = sd::h5::File::open_read(resumed.frames_path);
  EXPECT_TRUE(sd::h5::exists(f, "checkpoints/t_3600"));
  EXPECT_TRUE(sd::h5::exists(f, "checkpoints/t_7200"));
}

TEST(HazardResume, InjectsStartingAtTheCheckpointResumeFromItBitForBit) {
  const ResumeFixture fx("resume_at");
  const auto& [s, m, o] = std::tie(fx.s, fx.m, fx.o);
  // A rain band (rain x 3 over the west half) and a breach, both starting at 1 h exactly.
  sd::Scenario b = s;
  sd::Inject band;
  band.kind = sd::InjectKind::RainBand;
  band.t_s = 3600;
  band.x = 300500;
  band.y = 3380750;
  band.radius_m = 600;
  band.factor = 3;
  band.duration_s = 1800;
  sd::Inject breach = band;
  breach.kind = sd::InjectKind::DikeBreach;
  breach.x = 301500;
  breach.peak_m3s = 3;
  b.injects = {band, breach};
  sd::HazardOptions ro = o;
  ro.resume_from = std::make_shared<const sd::Scenario>(s);
  ro.resume_before_s = 3600;
  ro.resume_at = true;
  const sd::HazardTimeline resumed = sd::run_hazard(b, *m, ro);
  EXPECT_EQ(resumed.resumed_from_s, 3600);
  const sd::HazardTimeline fresh = fx.fresh(b);
  EXPECT_EQ(resumed.max_depth, fresh.max_depth);
  EXPECT_EQ(resumed.edge_depth, fresh.edge_depth);
  EXPECT_TRUE(frames_of(resumed.frames_path) == frames_of(fresh.frames_path));
}

// Sub-grid (100 m cells over the bowl's 50 m pixels): the checkpoint carries the fine risk
// accumulators and the resumed branch's road water before it is the parent's, so the resumed
// branch is the from-scratch one bit for bit, fine rasters included. Old code recomputed a
// sub-grid branch from t = 0 (resumed_from_s 0).
TEST(HazardResume, SubgridBranchResumedFromACheckpointIsTheFromScratchBranchBitForBit) {
  const ResumeFixture fx("resume_sg", "frame_interval_min = 10.0\nsubgrid_cell_m = 100\n");
  const auto& [s, m, o, parent] = std::tie(fx.s, fx.m, fx.o, fx.parent);
  ASSERT_TRUE(s.subgrid());
  const sd::Scenario b = fx.breach_branch();
  const sd::HazardTimeline resumed = fx.resumed(b);
  EXPECT_EQ(resumed.resumed_from_s, 7200) << "the latest hourly checkpoint before 2 h 30";
  const sd::HazardTimeline fresh = fx.fresh(b);
  EXPECT_EQ(fresh.resumed_from_s, 0);
  EXPECT_EQ(resumed.key, fresh.key);
  EXPECT_EQ(resumed.edge_depth, fresh.edge_depth);
  EXPECT_EQ(resumed.edge_depth_baseline, fresh.edge_depth_baseline);
  EXPECT_EQ(resumed.max_depth, fresh.max_depth);
  EXPECT_EQ(resumed.site_depth, fresh.site_depth);
  EXPECT_TRUE(same_bits(frames_of(resumed.frames_path), frames_of(fresh.frames_path)));
  for (const char* r : {"fine/max_depth", "fine/first_above_0p15m", "fine/duration_above_threshold",
                        "fine/hazard_rating"})
    EXPECT_TRUE(same_bits(frames_of(resumed.frames_path, r), frames_of(fresh.frames_path, r)))
        << r << " differs from the from-scratch branch";
  // The flooded land per frame on the fine pixels: the replayed frames' from the parent.
  ASSERT_EQ(resumed.flooded_area_km2.size(), resumed.time.size());
  EXPECT_EQ(resumed.flooded_area_km2, fresh.flooded_area_km2);
  EXPECT_EQ(resumed.peak_flooded_area_km2, fresh.peak_flooded_area_km2);
  // The breach changed the fine risk map (the comparison above is not of two parents).
  for (const char* r : {"fine/max_depth", "fine/hazard_rating"})
    EXPECT_FALSE(same_bits(frames_of(resumed.frames_path, r), frames_of(parent.frames_path, r)))
        << r;
  auto f = sd::h5::File::open_read(resumed.frames_path);
  EXPECT_TRUE(sd::h5::exists(f, "checkpoints/t_7200"));
}
