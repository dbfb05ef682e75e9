// `stormdrill batch` end to end: the CSV contract, identical plans tie, a failing member is
// recorded and the batch completes, resume gives the same results, and mpirun -n 2 gives the
// same results as the local run.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "batch_fixture.hpp"
#include "cli_runner.hpp"
#include "io/h5.hpp"

namespace fs = std::filesystem;

namespace {

struct Batch {
  fs::path dir;
  std::string base;
  explicit Batch(const std::string& name) : dir(sdtest::make_flood_county(name)) {
    base = "batch --scenario " + (dir / "scenario.toml").string() + " --plans " +
           (dir / "plan-a.toml").string() + " " + (dir / "plan-b.toml").string() + " " +
           (dir / "plan-a.toml").string() + " --members 3 --threads 1 --cache-dir " +
           (dir / "cache").string() + " -q";
  }
};

std::vector<std::string> split_line(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string cell;
  while (std::getline(ss, cell, ',')) out.push_back(cell);
  return out;
}

// All KPI columns of /runs (timing columns left out: they measure the machine).
std::vector<std::vector<double>> run_kpis(const fs::path& file) {
  auto f = sd::h5::File::open_read(file.string());
  std::vector<std::vector<double>> cols;
  for (const char* k : {"expected_fatalities", "incidents_total", "incidents_served",
                        "response_time_p90_s", "people_rescued"})
    cols.push_back(sd::h5::read_vector<double>(f, std::string("runs/") + k));
  return cols;
}

void expect_same(const std::vector<std::vector<double>>& a,
                 const std::vector<std::vector<double>>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t c = 0; c < a.size(); ++c) {
    ASSERT_EQ(a[c].size(), b[c].size());
    for (std::size_t k = 0; k < a[c].size(); ++k)
      if (!(std::isnan(a[c][k]) && std::isnan(b[c][k]))) {
        EXPECT_EQ(a[c][k], b[c][k]) << "column " << c << " row " << k;
      }
  }
}

TEST(BatchCli, CsvContractAndIdenticalPlansTie) {
  Batch b("csv");
  const auto r = sdtest::stormdrill(
      b.base + " -o " + (b.dir / "b.h5").string() + " --csv " + (b.dir / "b.csv").string() +
      " --runs-csv " + (b.dir / "runs.csv").string() + " --tradeoff-csv " +
      (b.dir / "tradeoff.csv").string() + " --plan-kpis-csv " + (b.dir / "plan-kpis.csv").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Plan comparison"), std::string::npos) << r.output;
  std::ifstream in(b.dir / "b.csv");
  std::string header, row1, row2, row3;
  std::getline(in, header);
  std::getline(in, row1);
  std::getline(in, row2);
  std::getline(in, row3);
  const auto h = split_line(header);
  ASSERT_EQ(h[0], "plan");
  auto col = [&](const std::string& name) {
    for (std::size_t k = 0; k < h.size(); ++k)
      if (h[k] == name) return static_cast<int>(k);
    ADD_FAILURE() << "missing column " << name;
    return 0;
  };
  for (const char* c : {"expected_fatalities_mean", "expected_fatalities_lo",
                        "expected_fatalities_hi", "rank", "p_best", "response_time_p90_s_mean"})
    col(c);
  EXPECT_EQ(h.back(), "response_wall_s_mean") << "the timing column carries 'wall'";
  const auto a = split_line(row1), bb = split_line(row2), c = split_line(row3);
  EXPECT_EQ(a[0], "plan-a");
  EXPECT_EQ(bb[0], "plan-b");
  // Plans 1 and 3 are the same file: same means, zero paired difference, equal rank and P(best).
  EXPECT_EQ(a[col("expected_fatalities_mean")], c[col("expected_fatalities_mean")]);
  EXPECT_EQ(a[col("rank")], c[col("rank")]);
  EXPECT_EQ(a[col("p_best")], c[col("p_best")]);
  EXPECT_EQ(c[col("expected_fatalities_diff_mean")], "0");
  auto f = sd::h5::File::open_read((b.dir / "b.h5").string());
  EXPECT_EQ(sd::h5::read_strings(f, "runs/plan").size(), 9u);
  EXPECT_GT(sd::h5::read_vector<double>(f, "demand/expected_incidents").size(), 0u);
  // Issue 13: the trade-off table holds every pair of plans x every KPI.
  const std::size_t K = 13, pairs = 3;
  std::ifstream tin(b.dir / "tradeoff.csv");
  std::string line;
  std::getline(tin, line);
  EXPECT_EQ(line,
            "plan_a,plan_b,kpi,better,delta,n,diff_mean,diff_lo,diff_hi,confidence,rel_diff_pct,"
            "rel_lo_pct,rel_hi_pct,p_value,sd_diff,verdict,members_needed,adjust");
  std::size_t rows = 0, same = 0;
  while (std::getline(tin, line)) {
    ++rows;
    const auto c = split_line(line);
    ASSERT_EQ(c.size(), 18u) << line;
    EXPECT_EQ(c[5], "3") << "three storms per comparison: " << line;
    EXPECT_EQ(c.back(), "holm");
    if (c[0] == "plan-a" && c[1] == "plan-a") {  // the same plan file twice: no difference
      ++same;
      EXPECT_TRUE(c[6] == "0" || c[6].empty()) << line;
      EXPECT_TRUE(c[15] == "no practical difference" || c[6].empty()) << line;
    }
  }
  EXPECT_EQ(rows, K * pairs);
  EXPECT_EQ(same, K);
  EXPECT_EQ(sd::h5::read_strings(f, "tradeoff/verdict").size(), K * pairs);
  EXPECT_EQ(sd::h5::read_vector<std::int32_t>(f, "tradeoff/pareto").size(), 3u);
  const auto pb = sd::h5::read_vector<double>(f, "tradeoff/p_best_incidents_unreachable");
  ASSERT_EQ(pb.size(), 3u);
  EXPECT_NEAR(pb[0] + pb[1] + pb[2], 1.0, 1e-9);
  EXPECT_DOUBLE_EQ(pb[0], pb[2]) << "identical plans share P(best)";
  std::ifstream kin(b.dir / "plan-kpis.csv");
  std::getline(kin, line);
  EXPECT_EQ(line, "plan,kpi,better,mean,lo,hi,p_best,pareto_kpi,pareto");
  rows = 0;
  while (std::getline(kin, line)) ++rows;
  EXPECT_EQ(rows, 3 * K);
  for (const char* t : {"Trade-offs against the baseline 'plan-a'", "Holm-adjusted over",
                        "Pareto set", "P(best) per KPI"})
    EXPECT_NE(r.output.find(t), std::string::npos) << t << "\n" << r.output;
}

TEST(BatchCli, FailingMemberIsRecordedAndTheBatchCompletesButExitsNonZero) {
  // The outputs are written for inspection, but a comparison over fewer storms than asked
  // must not look like success to a script: exit 1 and a message with the errors.
  Batch b("fail");
  const auto r =
      sdtest::stormdrill(b.base + " -o " + (b.dir / "b.h5").string() + " --fail-member 2");
  ASSERT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("batch: 3 of 9 runs failed; the comparison uses only the 6 that "
                          "succeeded"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("3 x 'hazard failed: injected failure of member 2"), std::string::npos)
      << r.output;
  auto f = sd::h5::File::open_read((b.dir / "b.h5").string());
  const auto member = sd::h5::read_vector<std::int32_t>(f, "runs/member");
  const auto ok = sd::h5::read_vector<std::int32_t>(f, "runs/ok");
  const auto err = sd::h5::read_strings(f, "runs/error");
  ASSERT_EQ(member.size(), 9u);
  for (std::size_t k = 0; k < member.size(); ++k) {
    EXPECT_EQ(ok[k], member[k] == 2 ? 0 : 1);
    if (member[k] == 2) {
      EXPECT_NE(err[k].find("injected failure of member 2"), std::string::npos);
    }
  }
}

TEST(BatchCli, DesignStormBatchWarnsThatMembersShareOneFlood) {
  // The ensemble perturbs tracks only: on a design storm every member floods alike, and a
  // zero-width interval on road km closed looked like certainty (found on imported counties).
  Batch b("design");
  std::string base = b.base;
  base.erase(base.rfind(" -q"));
  const auto r = sdtest::stormdrill(base + " -o " + (b.dir / "b.h5").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("the storm is a design storm, which the ensemble does not perturb"),
            std::string::npos)
      << r.output;
}

TEST(BatchCli, ResumeSkipsCompletedRunsAndGivesTheSameResults) {
  Batch b("resume");
  const auto full = sdtest::stormdrill(b.base + " -o " + (b.dir / "full.h5").string());
  ASSERT_EQ(full.exit_code, 0) << full.output;
  const auto part = sdtest::stormdrill(b.base + " -o " + (b.dir / "resumed.h5").string() +
                                       " --stop-after-members 1");
  ASSERT_EQ(part.exit_code, 0) << part.output;
  EXPECT_FALSE(fs::exists(b.dir / "resumed.h5")) << "an interrupted batch leaves no final file";
  EXPECT_TRUE(fs::exists(b.dir / "resumed.h5.journal.0"));
  const auto rest = sdtest::stormdrill(b.base + " -o " + (b.dir / "resumed.h5").string());
  ASSERT_EQ(rest.exit_code, 0) << rest.output;
  EXPECT_FALSE(fs::exists(b.dir / "resumed.h5.journal.0"))
      << "the journal goes once the file is written";
  expect_same(run_kpis(b.dir / "full.h5"), run_kpis(b.dir / "resumed.h5"));
}

TEST(BatchCli, MpiTwoRanksMatchTheLocalRun) {
  if (sdtest::run_command("command -v mpirun").exit_code != 0)
    GTEST_SKIP() << "mpirun not installed";
  Batch b("mpi");
  const auto local = sdtest::stormdrill(b.base + " -o " + (b.dir / "local.h5").string());
  ASSERT_EQ(local.exit_code, 0) << local.output;
  const auto mpi = sdtest::run_command("mpirun -n 2 --oversubscribe --allow-run-as-root " +
                                       std::string(STORMDRILL_BINARY) + " " + b.base + " -o " +
                                       (b.dir / "mpi.h5").string());
  ASSERT_EQ(mpi.exit_code, 0) << mpi.output;
  auto f = sd::h5::File::open_read((b.dir / "mpi.h5").string());
  EXPECT_EQ(sd::h5::attr_int(sd::h5::open_group(f, "meta"), "ranks"), 2);
  expect_same(run_kpis(b.dir / "local.h5"), run_kpis(b.dir / "mpi.h5"));
}

TEST(BatchCli, PlaceFromBatchWritesAPlanTheNextBatchAccepts) {
  Batch b("place");
  ASSERT_EQ(sdtest::stormdrill(b.base + " -o " + (b.dir / "b.h5").string()).exit_code, 0);
  const auto p = sdtest::stormdrill("place --from-batch " + (b.dir / "b.h5").string() +
                                    " --out-plan " + (b.dir / "plan-opt.toml").string());
  ASSERT_EQ(p.exit_code, 0) << p.output;
  const auto v = sdtest::stormdrill("validate " + (b.dir / "scenario.toml").string() + " --plan " +
                                    (b.dir / "plan-opt.toml").string());
  EXPECT_EQ(v.exit_code, 0) << v.output;
  std::ifstream in(b.dir / "plan-opt.toml");
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_NE(ss.str().find("[[plan.station]]"), std::string::npos);
  EXPECT_NE(ss.str().find("Fire West"), std::string::npos);
}

}  // namespace

namespace {

// Issue 13: the scenario's [compare] table (delta per KPI, Pareto KPIs, adjustment) is
// checked by `validate`: unknown KPIs and malformed deltas name the file and the key.
TEST(BatchCli, CompareTableIsValidated) {
  const fs::path dir = sdtest::make_flood_county("compare_table");
  const fs::path sc = dir / "scenario.toml";
  std::string text;
  {
    std::ifstream in(sc);
    std::stringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  std::ofstream(dir / "good.toml")
      << text << "\n[compare]\nadjust = \"none\"\npareto_kpis = [\"expected_fatalities\"]\n"
      << "[compare.delta]\nexpected_fatalities = 1.0\nincidents_unreachable = \"10%\"\n";
  const auto ok = sdtest::stormdrill("validate " + (dir / "good.toml").string());
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  std::ofstream(dir / "bad.toml")
      << text << "\n[compare]\nadjust = \"bonferoni\"\npareto_kpis = [\"fatalities\"]\n"
      << "[compare.delta]\nexpected_fatalities = \"half\"\nresponse_time_mean_s = 60\n";
  const auto bad = sdtest::stormdrill("validate " + (dir / "bad.toml").string());
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  for (const char* what : {"adjust", "unknown KPI 'fatalities'", "expected_fatalities",
                           "response_time_mean_s", "bad.toml"})
    EXPECT_NE(bad.output.find(what), std::string::npos) << what << "\n" << bad.output;
}

}  // namespace
