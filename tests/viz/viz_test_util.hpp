// Shared helpers for the viewer tests: a per-test scratch folder with fixture files.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "fixture/fixture_writer.hpp"

namespace sd::viz::test {

inline std::filesystem::path scratch_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  auto dir = std::filesystem::temp_directory_path() /
             ("sdviz_" + std::string(info->test_suite_name()) + "_" + info->name() + "_" +
              std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace sd::viz::test
