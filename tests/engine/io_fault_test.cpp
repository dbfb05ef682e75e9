// I/O fault injection (STORMDRILL_FAIL_IO=OP:N, engine/io/fault_injection.hpp): the N-th write,
// flush or rename of `run`, `flood`, `batch` and the hazard cache fails as on a full disk.
// After each failure: exit 1, the message gives the reason, no temporary is left, every file
// under a final name is whole (opens and reads), and a rerun without the fault succeeds.
// N walks 1, 2, 4, 8, ... until the command succeeds, so every phase of the writes (cache,
// results, sidecars, journal, summary) is hit while the loop stays short.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "batch_fixture.hpp"
#include "cli_runner.hpp"
#include "io/h5.hpp"
#include "io/raster_io.hpp"

namespace fs = std::filesystem;

namespace {

bool is_temp_name(const std::string& name) {
  const auto k = name.rfind(".tmp");
  return k != std::string::npos && k + 4 < name.size() &&
         name.find_first_not_of("0123456789", k + 4) == std::string::npos;
}

// Every output under `dir` (inputs excluded) is whole; no temporaries.
void expect_only_whole_files(const fs::path& dir, const std::string& context) {
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    const std::string name = e.path().filename().string();
    const std::string rel = fs::relative(e.path(), dir).string();
    EXPECT_FALSE(is_temp_name(name) || name.find(".part") != std::string::npos)
        << context << ": temporary left: " << rel;
    if (rel.rfind("data", 0) == 0 || e.path().extension() == ".toml") continue;  // inputs
    // Batch journals are append-only logs: a torn tail is expected and handled on resume.
    if (name.find(".journal.") != std::string::npos) continue;
    EXPECT_GT(fs::file_size(e.path()), 0u) << context << ": empty file " << rel;
    const std::string ext = e.path().extension().string();
    if (ext == ".h5") {
      EXPECT_NO_THROW({
        auto f = sd::h5::File::open_read(e.path().string());
        EXPECT_GT(H5Fget_obj_count(f, H5F_OBJ_ALL), 0);
      }) << context
         << ": " << rel;
    } else if (ext == ".tif" || ext == ".asc") {
      EXPECT_NO_THROW(sd::io::read_raster(e.path().string())) << context << ": " << rel;
    } else if (ext == ".json") {
      std::ifstream in(e.path());
      std::stringstream ss;
      ss << in.rdbuf();
      EXPECT_EQ(ss.str().back(), '\n') << context << ": " << rel;
    }
  }
}

// Runs `cmd` with the n-th `op` failing for n = 1, 2, 4, 8, ... until it succeeds (flush and
// rename: n = 1, 2, 3, then no fault).
// `reset` runs before each attempt (fresh outputs / cache). Returns the attempts that failed.
int fault_loop(const std::string& op, const std::string& cmd, const fs::path& dir,
               const std::function<void()>& reset) {
  int failures = 0;
  long n = 1;
  for (int attempt = 0; attempt < 30; ++attempt) {
    reset();
    const std::string ctx = op + ":" + std::to_string(n);
    const auto r = sdtest::run_command("STORMDRILL_FAIL_IO=" + ctx + " " +
                                       std::string(STORMDRILL_BINARY) + " " + cmd);
    expect_only_whole_files(dir, ctx);
    if (r.exit_code == 0) return failures;
    ++failures;
    EXPECT_EQ(r.exit_code, 1) << ctx << "\n" << r.output;
    EXPECT_NE(r.output.find("No space left on device"), std::string::npos) << ctx << "\n"
                                                                           << r.output;
    EXPECT_EQ(r.output.find("Segmentation"), std::string::npos) << ctx;
    n = op == "write" ? 2 * n : (n < 3 ? n + 1 : 1L << 30);
  }
  ADD_FAILURE() << cmd << ": still failing after 30 attempts";
  return failures;
}

void clear_outputs(const fs::path& dir, bool with_cache) {
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name == "data" || e.path().extension() == ".toml") continue;
    if (name == "cache" && !with_cache) continue;
    fs::remove_all(e.path());
  }
}

}  // namespace

TEST(IoFault, RunAndHazardCacheNeverLeavePartialFiles) {
  const fs::path dir = sdtest::make_flood_county("iofault_run");
  const std::string cmd = "run " + (dir / "scenario.toml").string() + " -o " +
                          (dir / "out.h5").string() + " --summary-json " +
                          (dir / "s.json").string() + " --cache-dir " + (dir / "cache").string() +
                          " --threads 1 -q";
  // Fresh cache each time: the early writes hit the hazard cache, the later ones the results.
  for (const char* op : {"write", "flush", "rename"})
    EXPECT_GT(fault_loop(op, cmd, dir, [&] { clear_outputs(dir, true); }), 0) << op;
  const auto r = sdtest::stormdrill(cmd);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::exists(dir / "out.h5"));
}

TEST(IoFault, SelfContainedRunAndPackNeverLeavePartialFiles) {
  // Copying the hazard frames into a results file (H5Ocopy) crashed HDF5 1.10 (SIGSEGV) when
  // the disk filled up halfway; the copy now reserves its blocks first and fails cleanly.
  const fs::path dir = sdtest::make_flood_county("iofault_pack");
  const std::string cache = " --cache-dir " + (dir / "cache").string();
  const std::string run = "run " + (dir / "scenario.toml").string() + cache + " --threads 1 -q";
  ASSERT_EQ(sdtest::stormdrill(run + " -o " + (dir / "linked.h5").string()).exit_code, 0);
  auto keep_inputs = [&] {
    for (const char* f : {"self.h5", "packed.h5", "packed.xmf", "self.xmf"}) fs::remove(dir / f);
  };
  EXPECT_GT(fault_loop("write", run + " --self-contained -o " + (dir / "self.h5").string(), dir,
                       keep_inputs),
            0);
  EXPECT_GT(
      fault_loop("write",
                 "pack " + (dir / "linked.h5").string() + " -o " + (dir / "packed.h5").string(),
                 dir, keep_inputs),
      0);
  EXPECT_TRUE(fs::exists(dir / "packed.h5"));
}

TEST(IoFault, FloodRastersAndResultsNeverLeavePartialFiles) {
  const fs::path dir = sdtest::make_flood_county("iofault_flood");
  const std::string cmd = "flood --dem " + (dir / "data/dem.tif").string() +
                          " --rain-mmph 50 --rain-hours 0.25 --duration-s 900 --frame-interval-s "
                          "300 --out " +
                          (dir / "f.h5").string() + " --out-max " + (dir / "max.tif").string() +
                          " --out-depth " + (dir / "depth.asc").string() + " --summary-json " +
                          (dir / "f.json").string() + " --threads 1";
  for (const char* op : {"write", "flush", "rename"})
    EXPECT_GT(fault_loop(op, cmd, dir, [&] { clear_outputs(dir, false); }), 0) << op;
}

TEST(IoFault, BatchStopsOnJournalOrCacheFailureAndResumes) {
  const fs::path dir = sdtest::make_flood_county("iofault_batch");
  const std::string cmd = "batch --scenario " + (dir / "scenario.toml").string() + " --plans " +
                          (dir / "plan-a.toml").string() + " " + (dir / "plan-b.toml").string() +
                          " --members 2 --threads 1 --cache-dir " + (dir / "cache").string() +
                          " -o " + (dir / "b.h5").string() + " --csv " + (dir / "b.csv").string() +
                          " -q";
  // Keep the cache and the journal between attempts: each failure must leave a state the
  // next attempt resumes from (the loop ends once the batch gets through).
  for (const char* op : {"write", "flush"}) EXPECT_GT(fault_loop(op, cmd, dir, [] {}), 0) << op;
  const auto full = sdtest::stormdrill(cmd + " --no-resume");
  ASSERT_EQ(full.exit_code, 0) << full.output;
  const auto resumed = sdtest::stormdrill(cmd);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
}
