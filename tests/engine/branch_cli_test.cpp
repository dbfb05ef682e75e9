// `stormdrill branch` end to end on the small flooding county: the branch file records its
// parent and injects, a saved inject file re-runs to the same results, and bad input (not a
// run, a time outside it, an unknown road or team) is refused with exit code 2, parent intact.
#include <gtest/gtest.h>

#include "batch_fixture.hpp"
#include "cli_runner.hpp"
#include "io/h5.hpp"

namespace fs = std::filesystem;

namespace {

using sdtest::slurp;

// Each test has a folder of its own: ctest runs them in parallel.
struct BranchCounty {
  fs::path dir;
  fs::path parent;
  std::string cache;
  explicit BranchCounty(const std::string& name)
      : dir(sdtest::make_flood_county("branch_" + name)),
        parent(dir / "run.h5"),
        cache(" --cache-dir " + (dir / "cache").string() + " --threads 1 -q") {
    const auto r = sdtest::stormdrill("run " + (dir / "scenario.toml").string() + " -o " +
                                      parent.string() + cache);
    EXPECT_EQ(r.exit_code, 0) << r.output;
  }
  sdtest::CommandResult branch(const std::string& args) {
    return sdtest::stormdrill("branch " + parent.string() + " " + args + cache);
  }
};

template <class T>
std::vector<T> column(const fs::path& file, const std::string& name) {
  auto f = sd::h5::File::open_read(file.string());
  return sd::h5::read_vector<T>(f, name);
}

TEST(BranchCli, RecordsItsParentAndASavedInjectFileReRunsToTheSameResult) {
  BranchCounty c("saved");
  const auto b1 = c.dir / "b1.h5", saved = c.dir / "b1.toml", b2 = c.dir / "b2.h5";
  auto r = c.branch(
      "--at 09:00 --inject-inline 'close_road edge=3' --inject-inline "
      "'team_out team=\"Fire West\"' --inject-inline "
      "'incident_burst x=300600 y=3380600 r=200 n=6 type=trapped_home' -o " +
      b1.string() + " --save-injects " + saved.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  {
    auto f = sd::h5::File::open_read(b1.string());
    sd::h5::Handle b = sd::h5::open_group(f, "branch");
    EXPECT_EQ(sd::h5::attr_double(b, "at_s"), 3600.0) << "09:00 is 1 h after the 08:00 start";
    EXPECT_EQ(sd::h5::attr_string(b, "parent_path"), fs::absolute(c.parent).lexically_normal());
    EXPECT_EQ(sd::h5::attr_string(b, "parent_checksum").size(), 16u);
    const std::string toml = sd::h5::read_string(f, "branch/injects_toml");
    EXPECT_NE(toml.find("kind = \"close_road\""), std::string::npos) << toml;
    EXPECT_NE(toml.find("team = \"Fire West\""), std::string::npos) << toml;
    EXPECT_EQ(toml, slurp(saved).substr(slurp(saved).find("[[inject]]")));
  }
  const auto pc = column<double>(c.parent, "incidents/t_created");
  const auto bc = column<double>(b1, "incidents/t_created");
  EXPECT_EQ(bc.size(), pc.size() + 6) << "the burst";
  std::size_t before = 0;
  for (double t : pc) before += t < 3600;
  ASSERT_GT(before, 0u);
  const auto pa = column<double>(c.parent, "incidents/t_assigned");
  const auto ba = column<double>(b1, "incidents/t_assigned");
  for (std::size_t i = 0; i < before; ++i) {
    EXPECT_EQ(pc[i], bc[i]) << i;
    if (pa[i] < 3600) {
      EXPECT_EQ(pa[i], ba[i]) << i;
    }
  }
  r = c.branch("--at 3600 --inject " + saved.string() + " -o " + b2.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* col : {"incidents/t_created", "incidents/t_assigned", "incidents/t_arrived",
                          "events/t", "kpi/final/value"}) {
    const auto a = column<double>(b1, col), b = column<double>(b2, col);
    ASSERT_EQ(a.size(), b.size()) << col;
    for (std::size_t k = 0; k < a.size(); ++k)
      EXPECT_TRUE(a[k] == b[k] || (std::isnan(a[k]) && std::isnan(b[k]))) << col << " " << k;
  }
  // A branch of a branch carries every inject since the root run.
  const auto b3 = c.dir / "b3.h5";
  r = sdtest::stormdrill("branch " + b1.string() + " --at 10:00 --inject-inline " +
                         "'dispatch_policy policy=priority' -o " + b3.string() + c.cache);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto f3 = sd::h5::File::open_read(b3.string());
  const std::string t3 = sd::h5::read_string(f3, "branch/injects_toml");
  EXPECT_NE(t3.find("close_road"), std::string::npos);
  EXPECT_NE(t3.find("dispatch_policy"), std::string::npos);
}

TEST(BranchCli, BadInputExitsWithCode2AndLeavesTheParentAlone) {
  BranchCounty c("bad");
  const std::string before = slurp(c.parent);
  const auto out = c.dir / "bad.h5";
  struct Case {
    std::string args, message;
  };
  const std::vector<Case> cases = {
      {"--at 30:00 --inject-inline 'close_road edge=1'", "outside the run"},
      {"--at 99999 --inject-inline 'close_road edge=1'", "outside the run"},
      {"--at 09:00 --inject-inline 'close_road edge=99999'", "edge 99999: no such road segment"},
      {"--at 09:00 --inject-inline 'team_out team=Nobody'", "no [[team]] named 'Nobody'"},
      {"--at 09:00 --inject-inline 'evacuate town=Nowhere'", "no [[town]] named 'Nowhere'"},
      {"--at 09:00 --inject-inline 'close_road edge=1 at=08:30'", "outside the branch"},
      {"--at 09:00 --inject " + (c.dir / "missing.toml").string(), "inject file not found"},
      {"--at noon --inject-inline 'close_road edge=1'", "--at: 'noon'"},
      {"--at 09:00", "nothing to branch with"},
  };
  for (const auto& k : cases) {
    const auto r = c.branch(k.args + " -o " + out.string());
    EXPECT_EQ(r.exit_code, 2) << k.args << "\n" << r.output;
    EXPECT_NE(r.output.find(k.message), std::string::npos) << k.args << "\n" << r.output;
    EXPECT_FALSE(fs::exists(out)) << k.args;
  }
  // -o naming the parent, and a file that is not a run.
  auto r = c.branch("--at 09:00 --inject-inline 'close_road edge=1' -o " + c.parent.string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  sdtest::write_file(c.dir / "text.h5", "not hdf5");
  r = sdtest::stormdrill("branch " + (c.dir / "text.h5").string() +
                         " --at 09:00 --inject-inline 'close_road edge=1' -o " + out.string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_TRUE(slurp(c.parent) == before) << "the parent is untouched";
}

// A dike breach at 1 h into the bowl: the branch gets a hazard of its own (its own cache key)
// that equals the parent's before the branch time and differs after it.
TEST(BranchCli, DikeBreachChangesTheHazardOnlyAfterTheBranchTime) {
  BranchCounty c("breach");
  const auto b = c.dir / "breach.h5";
  const auto r = c.branch(
      "--at 3600 --inject-inline 'dike_breach x=301025 y=3380725 peak_m3s=40' -o " + b.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto fp = sd::h5::File::open_read(c.parent.string());
  auto fb = sd::h5::File::open_read(b.string());
  EXPECT_NE(sd::h5::attr_string(sd::h5::open_group(fp, "meta"), "hazard_key"),
            sd::h5::attr_string(sd::h5::open_group(fb, "meta"), "hazard_key"));
  const auto time = sd::h5::read_vector<double>(fp, "hazard/time");
  ASSERT_EQ(time, sd::h5::read_vector<double>(fb, "hazard/time"));
  std::size_t same = 0, changed = 0;
  std::vector<float> a, d;
  for (std::size_t k = 0; k < time.size(); ++k) {
    sd::h5::read_frame<float>(fp, "hazard/depth", k, a);
    sd::h5::read_frame<float>(fb, "hazard/depth", k, d);
    ASSERT_EQ(a.size(), d.size());
    bool equal = true;
    for (std::size_t q = 0; q < a.size(); ++q)
      equal &= a[q] == d[q] || (std::isnan(a[q]) && std::isnan(d[q]));
    if (time[k] < 3600) {
      EXPECT_TRUE(equal) << "frame " << k << " at " << time[k] << " s, before the breach";
      ++same;
    } else if (time[k] >= 3600 + 1200) {
      EXPECT_FALSE(equal) << "frame " << k << " at " << time[k] << " s, after the breach";
      ++changed;
    }
  }
  EXPECT_GT(same, 2u);
  EXPECT_GT(changed, 2u);
  // The response before the breach is the parent's too (the same hazard frames, the same
  // evacuation zones from the root's risk map).
  const auto pc = column<double>(c.parent, "incidents/t_created");
  const auto bc = column<double>(b, "incidents/t_created");
  const auto pt = column<double>(c.parent, "events/t");
  const auto bt = column<double>(b, "events/t");
  for (std::size_t i = 0; i < pc.size() && pc[i] < 3600; ++i) EXPECT_EQ(pc[i], bc.at(i)) << i;
  for (std::size_t i = 0; i < pt.size() && pt[i] < 3600; ++i) EXPECT_EQ(pt[i], bt.at(i)) << i;
}

}  // namespace
