// The hazard cache key carries a content hash of the hazard code (cmake/hazard_code_hash.cmake):
// a build whose solver changed must not read hazards an older build cached. Before, the key
// held only the project version (0.1.0), so a demo after a solver fix replayed the old flood.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "hazard_code_hash.hpp"

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs the generator over `files` and returns the header it writes.
std::string hash_header(const fs::path& dir, const std::vector<fs::path>& files) {
  std::ofstream(dir / "list.txt") << [&] {
    std::string s;
    for (const auto& f : files) s += f.string() + "\n";
    return s;
  }();
  const std::string cmd = "cmake -DLIST=" + (dir / "list.txt").string() + " -DROOT=" +
                          dir.string() + " -DOUT=" + (dir / "h.hpp").string() + " -P " +
                          STORMDRILL_SOURCE_DIR + "/cmake/hazard_code_hash.cmake";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  return slurp(dir / "h.hpp");
}

}  // namespace

TEST(HazardCodeHash, AnyEditOfTheHazardCodeChangesTheKeyAndNothingElseDoes) {
  const fs::path dir = fs::temp_directory_path() / ("sd_codehash_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "a.cpp") << "double cfl = 0.6;\n";
  std::ofstream(dir / "b.hpp") << "int x;\n";
  const std::string h1 = hash_header(dir, {dir / "a.cpp", dir / "b.hpp"});
  EXPECT_NE(h1.find("kHazardCodeHash = \""), std::string::npos) << h1;
  EXPECT_EQ(hash_header(dir, {dir / "b.hpp", dir / "a.cpp"}), h1) << "order of the list";
  std::ofstream(dir / "a.cpp") << "double cfl = 0.7;\n";  // one digit of the solver
  const std::string h2 = hash_header(dir, {dir / "a.cpp", dir / "b.hpp"});
  EXPECT_NE(h2, h1);
  // The build's own hash is there and is 16 hex digits.
  EXPECT_EQ(std::string(sd::kHazardCodeHash).size(), 16u);
  fs::remove_all(dir);
}
