// Shared helpers for the viewer tests: a per-test scratch folder with fixture files.
#pragma once

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "fixture/fixture_writer.hpp"

namespace sd::viz::test {

// Scratch folders are removed when the test program exits (kept if SDVIZ_KEEP_SCRATCH is set).
struct ScratchRegistry {
  std::vector<std::filesystem::path> dirs;
  ~ScratchRegistry() {
    if (std::getenv("SDVIZ_KEEP_SCRATCH")) return;
    std::error_code ec;
    for (const auto& d : dirs) std::filesystem::remove_all(d, ec);
  }
};

inline std::filesystem::path scratch_dir() {
  static ScratchRegistry registry;
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  auto dir = std::filesystem::temp_directory_path() /
             ("sdviz_" + std::string(info->test_suite_name()) + "_" + info->name() + "_" +
              std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  registry.dirs.push_back(dir);
  return dir;
}

}  // namespace sd::viz::test
