// `stormdrill place` end to end on a small line graph whose optima are known by hand.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

int run(const std::string& args, std::string* out = nullptr) {
  const std::string cmd = std::string(STORMDRILL_BINARY) + " " + args + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf;
  std::string s;
  while (std::size_t n = fread(buf.data(), 1, buf.size(), p)) s.append(buf.data(), n);
  const int st = pclose(p);
  if (out) *out = s;
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A path 1-2-3-...-9, 100 m between neighbours (two-way, 36 km/h: 10 s each).
struct Line {
  fs::path dir = fs::temp_directory_path() / ("sd_place_" + std::to_string(::getpid()));
  Line() {
    fs::create_directories(dir);
    std::ofstream n(dir / "nodes.csv");
    n << "id,x,y\n";
    for (int k = 1; k <= 9; ++k) n << k << "," << 100 * k << ",0\n";
    std::ofstream e(dir / "edges.csv");
    e << "from,to,length_m,speed_kph\n";
    for (int k = 1; k < 9; ++k)
      e << k << "," << k + 1 << ",100,36\n" << k + 1 << "," << k << ",100,36\n";
    std::ofstream(dir / "demand.csv") << "node,weight\n1,10\n9,1\n";
    std::ofstream(dir / "fixed.csv") << "node\n9\n";
  }
  ~Line() { fs::remove_all(dir); }
  std::string net() const { return "--network " + dir.string(); }
};

}  // namespace

TEST(CliPlace, PMedianOnALineWithSummaryJson) {
  Line ln;
  const fs::path js = ln.dir / "s.json";
  // p=1, unit weights: the median of 1..9 is node 5; sum of |k-5| * 100 m = 2000 m.
  ASSERT_EQ(run("place " + ln.net() + " --p 1 --objective pmedian --metric length --summary-json " +
                js.string()),
            0);
  const std::string s = slurp(js);
  EXPECT_NE(s.find("\"objective\": 2000"), std::string::npos) << s;
  EXPECT_NE(s.find("\"sites\": [5]"), std::string::npos) << s;
  EXPECT_NE(s.find("\"lower_bound\": 2000"), std::string::npos) << s;
  EXPECT_NE(s.find("\"gap\": 0"), std::string::npos) << s;
  EXPECT_NE(s.find("\"wall_s\""), std::string::npos) << s;
}

TEST(CliPlace, DemandFixedSitesCoverAndCenter) {
  Line ln;
  const fs::path js = ln.dir / "s.json";
  const std::string d = " --demand " + (ln.dir / "demand.csv").string();
  // Heavy demand at node 1: the one free site goes there; node 9 stays fixed.
  ASSERT_EQ(run("place " + ln.net() + " --p 2 --objective pmedian" + d + " --fixed " +
                (ln.dir / "fixed.csv").string() + " --summary-json " + js.string()),
            0);
  EXPECT_NE(slurp(js).find("\"sites\": [1, 9]"), std::string::npos) << slurp(js);
  // MCLP within 250 m with p=1: nodes 1..3 at most... the best window covers 5 nodes (k-2..k+2).
  ASSERT_EQ(run("place " + ln.net() + " --p 1 --objective mclp --cover-m 250 --summary-json " +
                js.string()),
            0);
  EXPECT_NE(slurp(js).find("\"objective\": 5"), std::string::npos) << slurp(js);
  // p-center p=2 in time: sites 3 and 7 (or equivalent) give a worst case of 20 s.
  ASSERT_EQ(run("place " + ln.net() + " --p 2 --objective pcenter --summary-json " + js.string()),
            0);
  EXPECT_NE(slurp(js).find("\"objective\": 20"), std::string::npos) << slurp(js);
}

TEST(CliPlace, BadFlagsExitWithCode2) {
  Line ln;
  EXPECT_EQ(run("place " + ln.net() + " --p 1 --objective mclp"), 2);  // no cover
  EXPECT_EQ(run("place " + ln.net() + " --p 1 --objective mclp --cover-m 1 --metric time"), 2);
  EXPECT_EQ(run("place " + ln.net() + " --p 20 --objective pmedian"), 2);  // p > sites
  EXPECT_EQ(run("place " + ln.net() + " --p 1 --objective median"), 2);
}

TEST(CliPlace, PrintsSiteCoordinatesAndNames) {
  Line ln;
  std::ofstream n(ln.dir / "nodes.csv");
  n << "id,x,y,name\n";
  for (int k = 1; k <= 9; ++k)
    n << k << "," << 100 * k << ",0," << (k == 5 ? "Fire Station" : "") << "\n";
  n.close();
  const fs::path js = ln.dir / "s.json";
  std::string out;
  // The median of 1..9 is node 5 at (500, 0): printed and in the summary JSON.
  ASSERT_EQ(run("place " + ln.net() + " --p 1 --objective pmedian --metric length --summary-json " +
                    js.string(),
                &out),
            0);
  EXPECT_NE(out.find("  site 5 (500.0, 0.0) Fire Station\n"), std::string::npos) << out;
  const std::string s = slurp(js);
  EXPECT_NE(s.find("\"site_xy\": [[500, 0]]"), std::string::npos) << s;
  EXPECT_NE(s.find("\"site_names\": [\"Fire Station\"]"), std::string::npos) << s;
}

// Issue 13: --time-limit-s covers the whole command (the travel-time matrix included) and a
// missing bound prints "no bound", never a gap computed against a bound of 0. A 7 x 7 grid,
// p = 5 (C(49, 5) = 1.9e6 site sets: searched, not enumerated).
TEST(CliPlace, TimeLimitZeroStillAnswersAndSaysNoBound) {
  const fs::path dir = fs::temp_directory_path() / ("sd_place_grid_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    std::ofstream n(dir / "nodes.csv");
    n << "id,x,y\n";
    for (int j = 0; j < 7; ++j)
      for (int i = 0; i < 7; ++i) n << 1 + j * 7 + i << "," << 100 * i << "," << 100 * j << "\n";
    std::ofstream e(dir / "edges.csv");
    e << "from,to,length_m,speed_kph\n";
    for (int j = 0; j < 7; ++j)
      for (int i = 0; i < 7; ++i) {
        const int v = 1 + j * 7 + i;
        if (i + 1 < 7) e << v << "," << v + 1 << ",100,36\n" << v + 1 << "," << v << ",100,36\n";
        if (j + 1 < 7) e << v << "," << v + 7 << ",100,36\n" << v + 7 << "," << v << ",100,36\n";
      }
  }
  const std::string net = "--network " + dir.string() + " --p 5 --objective pmedian";
  const fs::path js = dir / "s.json";
  std::string out;
  ASSERT_EQ(run("place " + net + " --time-limit-s 0 --summary-json " + js.string(), &out), 0);
  EXPECT_NE(out.find("lower bound: no bound"), std::string::npos) << out;
  EXPECT_EQ(out.find("gap: inf"), std::string::npos) << out;
  EXPECT_NE(out.find("time limit: travel times from"), std::string::npos) << out;
  // (No std::regex: GCC 12's <regex> trips -Wmaybe-uninitialized in the sanitizer build.)
  const auto at = out.find("sites:");
  ASSERT_NE(at, std::string::npos) << out;
  std::istringstream sites(out.substr(at + 6, out.find('\n', at) - at - 6));
  int id, count = 0;
  while (sites >> id) {
    EXPECT_TRUE(id >= 1 && id <= 49) << id;
    ++count;
  }
  EXPECT_EQ(count, 5) << out;
  const std::string s = slurp(js);
  EXPECT_NE(s.find("\"lower_bound\": null"), std::string::npos) << s;
  EXPECT_NE(s.find("\"gap\": null"), std::string::npos) << s;
  // With time to spare: the whole matrix, a finite bound and gap.
  ASSERT_EQ(run("place " + net + " --time-limit-s 60 --summary-json " + js.string(), &out), 0);
  {
    const auto lb = out.find("lower bound: ");
    ASSERT_NE(lb, std::string::npos) << out;
    std::istringstream is(out.substr(lb + 13));
    double bound = NAN, gap = NAN;
    std::string gap_word;
    is >> bound >> gap_word >> gap;
    EXPECT_TRUE(std::isfinite(bound)) << out;
    EXPECT_EQ(gap_word, "gap:") << out;
    EXPECT_TRUE(std::isfinite(gap) && gap >= 0) << out;
    EXPECT_EQ(out.find("no bound"), std::string::npos) << out;
  }
  EXPECT_EQ(out.find("time limit:"), std::string::npos) << out;
  fs::remove_all(dir);
}
