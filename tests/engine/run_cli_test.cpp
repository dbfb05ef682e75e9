// `stormdrill run` end to end on a small flooding county: the KPI table and summary JSON,
// the results file, the hazard cache reused, and identical results for 1 and 2 threads.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "batch_fixture.hpp"
#include "cli_runner.hpp"
#include "io/h5.hpp"

namespace fs = std::filesystem;

namespace {

using sdtest::slurp;

TEST(RunCli, ProducesKpiTableSummaryJsonAndResultsFile) {
  const auto dir = sdtest::make_flood_county("run");
  const auto out = dir / "out.h5";
  const auto r = sdtest::stormdrill("run " + (dir / "scenario.toml").string() + " -o " +
                                    out.string() + " --summary-json " + (dir / "s.json").string() +
                                    " --cache-dir " + (dir / "cache").string() + " --threads 1 -q");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Drill summary"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("people rescued"), std::string::npos);
  const std::string js = slurp(dir / "s.json");
  for (const char* key :
       {"incidents_total", "incidents_served", "incidents_unreachable", "response_time_median_s",
        "response_time_p90_s", "people_rescued", "people_evacuated", "shelter_overflow",
        "supply_shortfall", "hazard_wall_s", "response_wall_s", "wall_s", "seed"})
    EXPECT_NE(js.find(std::string("\"") + key + "\""), std::string::npos) << key;
  auto f = sd::h5::File::open_read(out.string());
  EXPECT_TRUE(sd::h5::exists(f, "hazard/depth"))
      << "the external link to the hazard cache resolves";
  EXPECT_GT(sd::h5::read_vector<std::int32_t>(f, "incidents/id").size(), 0u)
      << "the bowl floods: incidents happen";
  // The XDMF sidecar is well-formed: balanced elements, one time step per hazard frame, and
  // it points at the depth series through the results file.
  const std::string xmf = slurp(dir / "out.xmf");
  auto count = [&](const std::string& tag) {
    std::size_t n = 0;
    for (auto p = xmf.find(tag); p != std::string::npos; p = xmf.find(tag, p + 1)) ++n;
    return n;
  };
  EXPECT_EQ(xmf.rfind("<?xml", 0), 0u);
  EXPECT_EQ(count("<Xdmf"), 1u);
  EXPECT_EQ(count("</Xdmf>"), 1u);
  EXPECT_EQ(count("<Grid "), count("</Grid>"));
  EXPECT_EQ(count("<DataItem"), count("</DataItem>"));
  EXPECT_EQ(count("<Time "), sd::h5::shape(f, "hazard/depth")[0]);
  EXPECT_NE(xmf.find("out.h5:/hazard/depth"), std::string::npos);
  // Every time-varying raster, in every frame; north-up geometry: y edges from the northern
  // edge southwards (the row order), x edges from the western edge; full precision (the
  // northern edge 3381500 used to be written as 3.3815e+06).
  const auto frames = sd::h5::shape(f, "hazard/depth")[0];
  for (const char* series : {"depth", "rain", "wind"}) {
    EXPECT_EQ(count(std::string("<Attribute Name=\"") + series + "\""), frames) << series;
    EXPECT_NE(xmf.find(std::string("out.h5:/hazard/") + series), std::string::npos) << series;
  }
  EXPECT_EQ(count("TopologyType=\"2DRectMesh\" Dimensions=\"31 41\""), frames);
  EXPECT_EQ(count("GeometryType=\"VXVY\""), frames);
  EXPECT_NE(xmf.find(">300000 300050 300100 "), std::string::npos);
  EXPECT_NE(xmf.find(" 301950 302000</DataItem>"), std::string::npos);
  EXPECT_NE(xmf.find(">3381500 3381450 3381400 "), std::string::npos);
  EXPECT_NE(xmf.find(" 3380050 3380000</DataItem>"), std::string::npos);
  EXPECT_EQ(xmf.find("e+"), std::string::npos) << "no rounded exponent notation";
  // Second run: hazard from the cache.
  const auto r2 = sdtest::stormdrill("run " + (dir / "scenario.toml").string() + " -o " +
                                     (dir / "out2.h5").string() + " --summary-json " +
                                     (dir / "s2.json").string() + " --cache-dir " +
                                     (dir / "cache").string() + " --threads 1 -q");
  ASSERT_EQ(r2.exit_code, 0) << r2.output;
  EXPECT_NE(slurp(dir / "s2.json").find("\"hazard_from_cache\": true"), std::string::npos);
}

TEST(RunCli, BitIdenticalForOneAndTwoThreads) {
  const auto dir = sdtest::make_flood_county("threads");
  for (int t : {1, 2}) {
    const auto r = sdtest::stormdrill(
        "run " + (dir / "scenario.toml").string() + " -o " +
        (dir / ("t" + std::to_string(t) + ".h5")).string() + " --no-cache --cache-dir " +
        (dir / ("cache" + std::to_string(t))).string() + " --threads " + std::to_string(t) + " -q");
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  auto a = sd::h5::File::open_read((dir / "t1.h5").string());
  auto b = sd::h5::File::open_read((dir / "t2.h5").string());
  for (const char* ds : {"hazard/max_depth", "hazard/total_rain"}) {
    std::size_t r1, c1, r2, c2;
    const auto x = sd::h5::read_matrix<float>(a, ds, r1, c1);
    const auto y = sd::h5::read_matrix<float>(b, ds, r2, c2);
    ASSERT_EQ(x.size(), y.size());
    for (std::size_t k = 0; k < x.size(); ++k)
      if (!(std::isnan(x[k]) && std::isnan(y[k]))) {
        ASSERT_EQ(x[k], y[k]) << ds << " cell " << k;
      }
  }
  std::vector<float> fa, fb;
  sd::h5::read_frame<float>(a, "hazard/depth", 10, fa);
  sd::h5::read_frame<float>(b, "hazard/depth", 10, fb);
  ASSERT_EQ(fa.size(), fb.size());
  for (std::size_t k = 0; k < fa.size(); ++k)
    if (!(std::isnan(fa[k]) && std::isnan(fb[k]))) {
      ASSERT_EQ(fa[k], fb[k]) << "depth frame 10 cell " << k;
    }
  EXPECT_EQ(sd::h5::read_vector<double>(a, "kpi/final/value"),
            sd::h5::read_vector<double>(b, "kpi/final/value"));
  EXPECT_EQ(sd::h5::read_vector<double>(a, "incidents/t_arrived").size(),
            sd::h5::read_vector<double>(b, "incidents/t_arrived").size());
}

TEST(RunCli, InputErrorsExitWithCode2AndNameTheFile) {
  const auto dir = sdtest::make_flood_county("bad");
  std::ofstream(dir / "broken.toml")
      << "include = [\"scenario.toml\"]\n[scenario]\nduraton_h = 3.0\n";
  const auto r = sdtest::stormdrill("validate " + (dir / "broken.toml").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("broken.toml:3:1: error: scenario.duraton_h: unknown key 'duraton_h' — "
                          "did you mean 'duration_h'?"),
            std::string::npos)
      << r.output;
  const auto m = sdtest::stormdrill("run /nonexistent/scenario.toml");
  EXPECT_EQ(m.exit_code, 2);
  EXPECT_NE(m.output.find("/nonexistent/scenario.toml"), std::string::npos);
  const auto i = sdtest::stormdrill("info " + (dir / "scenario.toml").string());
  EXPECT_EQ(i.exit_code, 2);
  EXPECT_NE(i.output.find("not an HDF5 file"), std::string::npos) << i.output;
}

}  // namespace
