// `stormdrill route` end to end: the --json contract, closures, unreachable answers, exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

namespace {

struct CliRun {
  int rc;
  std::string out;
};

CliRun run(const std::string& args) {
  const std::string cmd = std::string(STORMDRILL_BINARY) + " " + args + " 2>/dev/null";
  CliRun r{-1, ""};
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf;
  while (std::size_t n = fread(buf.data(), 1, buf.size(), p)) r.out.append(buf.data(), n);
  const int st = pclose(p);
  r.rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

// A square 1-2-3-4 with a diagonal 1->3 that is long; two-way sides, 100 m at 36 km/h = 10 s.
struct Square {
  fs::path dir = fs::temp_directory_path() / ("sd_route_" + std::to_string(::getpid()));
  Square() {
    fs::create_directories(dir);
    std::ofstream(dir / "nodes.csv") << "id,x,y\n1,0,0\n2,100,0\n3,100,100\n4,0,100\n9,500,500\n";
    std::ofstream(dir / "edges.csv") << "from,to,length_m,speed_kph\n"
                                        "1,2,100,36\n2,1,100,36\n2,3,100,36\n3,2,100,36\n"
                                        "3,4,100,36\n4,3,100,36\n4,1,100,36\n1,4,100,36\n"
                                        "1,3,150,9\n";
    std::ofstream(dir / "closures.csv") << "from,to\n2,3\n";
    std::ofstream(dir / "closures_all.csv")
        << "from,to,t_start_s,t_end_s\n1,2,0,100\n1,4,0,100\n1,3,50,100\n";
  }
  ~Square() { fs::remove_all(dir); }
  std::string net() const {
    return "--nodes " + (dir / "nodes.csv").string() + " --edges " + (dir / "edges.csv").string();
  }
};

}  // namespace

TEST(CliRoute, JsonHoldsOnlyTheContractObject) {
  Square sq;
  const CliRun r = run("route " + sq.net() + " --from 1 --to 3 --json");
  ASSERT_EQ(r.rc, 0);
  EXPECT_EQ(r.out.front(), '{');
  EXPECT_NE(r.out.find("\"from\": 1"), std::string::npos);
  EXPECT_NE(r.out.find("\"to\": 3"), std::string::npos);
  EXPECT_NE(r.out.find("\"metric\": \"time\""), std::string::npos);
  EXPECT_NE(r.out.find("\"cost\": 20"), std::string::npos);  // two sides at 10 s; diagonal 60 s
  const CliRun l = run("route " + sq.net() + " --from 1 --to 3 --metric length --json");
  EXPECT_NE(l.out.find("\"cost\": 150"), std::string::npos);
  EXPECT_NE(l.out.find("\"path\": [1, 3]"), std::string::npos);
}

TEST(CliRoute, ClosuresForceTheOtherWayRound) {
  Square sq;
  const CliRun r = run("route " + sq.net() + " --from 2 --to 3 --closures " +
                       (sq.dir / "closures.csv").string() + " --json");
  ASSERT_EQ(r.rc, 0);
  EXPECT_NE(r.out.find("\"cost\": 30"), std::string::npos);  // 2-1-4-3
  EXPECT_NE(r.out.find("\"path\": [2, 1, 4, 3]"), std::string::npos);
}

TEST(CliRoute, UnreachableGivesNullCostAndReason) {
  Square sq;
  const std::string closures = " --closures " + (sq.dir / "closures_all.csv").string();
  const CliRun r = run("route " + sq.net() + " --from 1 --to 3 --at-s 60 --json" + closures);
  ASSERT_EQ(r.rc, 0);
  EXPECT_NE(r.out.find("\"cost\": null"), std::string::npos);
  EXPECT_NE(r.out.find("\"reason\""), std::string::npos);
  EXPECT_NE(r.out.find("\"path\": []"), std::string::npos);
  // Before the diagonal's window opens it is still usable.
  const CliRun early =
      run("route " + sq.net() + " --from 1 --to 3 --at-s 10 --metric length --json" + closures);
  EXPECT_NE(early.out.find("\"cost\": 150"), std::string::npos);
  const CliRun island = run("route " + sq.net() + " --from 1 --to 9 --json");
  EXPECT_NE(island.out.find("strongly connected"), std::string::npos);
}

TEST(CliRoute, BadInputExitsWithCode2) {
  Square sq;
  EXPECT_EQ(run("route " + sq.net() + " --from 1 --to 77").rc, 2);
  EXPECT_EQ(run("route --nodes /nonexistent/n.csv --edges /nonexistent/e.csv --from 1 --to 2").rc,
            2);
  EXPECT_EQ(run("route " + sq.net() + " --from 1 --to 3 --metric speed").rc, 2);
}

TEST(CliRoute, PrintsCoordinatesAndNamesBesideNodeIds) {
  Square sq;
  // Without names: coordinates only, in text and JSON.
  const CliRun t = run("route " + sq.net() + " --from 1 --to 3");
  ASSERT_EQ(t.rc, 0);
  EXPECT_NE(t.out.find("  1 (0.0, 0.0)\n"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("  3 (100.0, 100.0)\n"), std::string::npos) << t.out;
  const CliRun j = run("route " + sq.net() + " --from 2 --to 4 --metric length --json");
  ASSERT_EQ(j.rc, 0);
  EXPECT_NE(j.out.find("\"from_xy\": [100, 0]"), std::string::npos) << j.out;
  EXPECT_NE(j.out.find("\"to_xy\": [0, 100]"), std::string::npos) << j.out;
  EXPECT_NE(j.out.find("\"path_xy\": [[100, 0], "), std::string::npos) << j.out;
  EXPECT_EQ(j.out.find("\"from_name\""), std::string::npos) << "no names in this nodes.csv";
  // With a name column, names follow the coordinates.
  std::ofstream(sq.dir / "nodes.csv") << "id,x,y,name\n1,0,0,Town Hall\n2,100,0,\n3,100,100,"
                                         "Hospital\n4,0,100,\n9,500,500,\n";
  const CliRun n = run("route " + sq.net() + " --from 1 --to 3");
  EXPECT_NE(n.out.find("  1 (0.0, 0.0) Town Hall\n"), std::string::npos) << n.out;
  EXPECT_NE(n.out.find("  3 (100.0, 100.0) Hospital\n"), std::string::npos) << n.out;
  const CliRun nj = run("route " + sq.net() + " --from 1 --to 3 --json");
  EXPECT_NE(nj.out.find("\"from_name\": \"Town Hall\""), std::string::npos) << nj.out;
  EXPECT_NE(nj.out.find("\"to_name\": \"Hospital\""), std::string::npos) << nj.out;
  // Unreachable answers say where the end nodes are, too.
  const CliRun u = run("route " + sq.net() + " --from 1 --to 9");
  EXPECT_NE(u.out.find("to:   9 (500.0, 500.0)"), std::string::npos) << u.out;
}
