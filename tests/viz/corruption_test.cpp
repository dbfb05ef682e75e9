// The viewer on corrupted and nonsensical input (issue 16): `--time nan` crashed drawing at time
// NaN; a results file whose bytes changed after it was written is refused with a clear
// message (the checksum seal, io/h5_checksum) before HDF5 parses it; never a crash.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

#include "core/results_file.hpp"
#include "io/h5_checksum.hpp"
#include "viz_test_util.hpp"

namespace sd::viz {
namespace {

namespace fx = fixture;
using test::scratch_dir;

int run_viewer(const std::string& args, std::string& output) {
  FILE* p = popen((std::string(STORMDRILL_VIZ_BINARY) + " " + args + " 2>&1").c_str(), "r");
  if (!p) return -1;
  std::array<char, 512> buf;
  while (std::fgets(buf.data(), buf.size(), p)) output += buf.data();
  const int status = pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(VizCli, NonFiniteNumbersAreRejectedBeforeAnyDrawing) {
  const auto dir = scratch_dir();
  fx::write_results(dir / "run.h5", {});
  for (const char* v : {"nan", "inf", "-inf", "1e999"}) {
    std::string out;
    const int code = run_viewer(
        (dir / "run.h5").string() + " --screenshot " + (dir / "x.png").string() + " --time " + v,
        out);
    EXPECT_EQ(code, 2) << v << ": " << out;
    EXPECT_NE(out.find("must be a finite number"), std::string::npos) << out;
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "x.png"));
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(VizCorruption, ByteFlipsAreRefusedOrHarmless) {
  const auto dir = scratch_dir();
  const auto path = dir / "run.h5";
  fx::Options o;
  o.userblock = true;  // stormdrill seals its files (io/h5_checksum); so does this one
  fx::write_results(path, o);
  sd::h5::seal_file(path.string());
  const std::string pristine = slurp(path);
  const auto copy = dir / "flipped.h5";
  int refused = 0;
  for (std::uint64_t trial = 0; trial < 40; ++trial) {
    std::string bytes = pristine;
    std::mt19937_64 rng(trial);
    for (int k = 0, n = 1 + static_cast<int>(rng() % 4); k < n; ++k)
      bytes[rng() % bytes.size()] ^= static_cast<char>(1 + rng() % 255);
    std::ofstream(copy, std::ios::binary | std::ios::trunc) << bytes;
    try {
      (void)ResultsFile::open(copy);
      ADD_FAILURE() << "trial " << trial << ": a changed file was opened";
    } catch (const ResultsError& e) {
      ++refused;
      EXPECT_NE(std::string(e.what()).find("flipped.h5"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(refused, 40);
}

}  // namespace
}  // namespace sd::viz
