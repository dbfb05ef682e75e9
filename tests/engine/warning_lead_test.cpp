// Issue 13 §1: a plan whose warning lead reaches before the scenario start is clipped to
// t = 0; validate --plan, the run log and the results' event log now say so.
#include <gtest/gtest.h>

#include "batch_fixture.hpp"
#include "cli_runner.hpp"
#include "io/h5.hpp"
#include "scenario/warning_lead.hpp"

namespace fs = std::filesystem;

namespace {

TEST(WarningLead, ClippedOnlyWhenTheLeadReachesBeforeTheStart) {
  sd::Plan p;
  p.name = "early";
  p.warning_lead_s = 24 * 3600.0;
  const auto m = sd::warning_lead_clipped(p, 6 * 3600.0);
  ASSERT_TRUE(m);
  EXPECT_NE(m->find("plan 'early': warning_lead_h = 24 h reaches before the scenario start"),
            std::string::npos)
      << *m;
  EXPECT_NE(m->find("a lead of only 6 h"), std::string::npos) << *m;
  EXPECT_FALSE(sd::warning_lead_clipped(p, 24 * 3600.0));
  EXPECT_FALSE(sd::warning_lead_clipped(p, -1)) << "unknown landfall";
}

TEST(WarningLead, ValidatePlanRunLogAndResultsSayItWasClipped) {
  const auto dir = sdtest::make_flood_county("lead_cli");
  // The design storm peaks 0.4 x 120 min = 48 min after the start: a 24 h lead cannot fit.
  std::ofstream(dir / "plan-early.toml") << "[plan]\nname = \"early\"\nwarning_lead_h = 24.0\n";
  const std::string scn = (dir / "scenario.toml").string(),
                    plan = (dir / "plan-early.toml").string();
  const auto v = sdtest::stormdrill("validate " + scn + " --plan " + plan);
  EXPECT_EQ(v.exit_code, 0) << v.output;
  EXPECT_NE(v.output.find("plan-early.toml: warning: plan 'early': warning_lead_h = 24 h reaches "
                          "before the scenario start"),
            std::string::npos)
      << v.output;
  const auto ok = sdtest::stormdrill("validate " + scn);
  EXPECT_EQ(ok.output.find("reaches before"), std::string::npos) << "lead 0 h fits: " << ok.output;
  const fs::path out = dir / "r.h5";
  const auto r = sdtest::stormdrill("run " + scn + " --plan " + plan + " -o " + out.string() +
                                    " --cache-dir " + (dir / "cache").string() + " --threads 1");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("warning: plan 'early': warning_lead_h = 24 h"), std::string::npos)
      << r.output;
  auto f = sd::h5::File::open_read(out.string());
  bool logged = false;
  for (const auto& text : sd::h5::read_strings(f, "events/text"))
    logged |=
        text.find("warning_lead_h = 24 h reaches before the scenario start") != std::string::npos;
  EXPECT_TRUE(logged) << "the results' event log records the clipping";
}

}  // namespace
