// HDF5 layer: write/read round-trip, extendible frames, atomic rename and external links.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "core/error.hpp"
#include "io/h5.hpp"

namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
  const auto dir = fs::temp_directory_path() / "sd_h5_test";
  fs::create_directories(dir);
  return dir / name;
}

TEST(H5, RoundTripVectorsStringsAttributesAndFrames) {
  const auto path = scratch("rt.h5").string();
  fs::remove(path);
  {
    auto f = sd::h5::File::create(path);
    EXPECT_FALSE(fs::exists(path)) << "final name must not exist before commit";
    auto g = sd::h5::create_group(f, "meta");
    sd::h5::set_attr(g, "format", "stormdrill-results");
    sd::h5::set_attr(g, "format_version", 1);
    sd::h5::set_attr(g, "wall_s", 1.25);
    sd::h5::write_vector<double>(f, "kpi/time", {0.0, 60.0, 120.0});
    sd::h5::write_strings(f, "teams/name", {"County team", "Fire brigade Qinshan"});
    sd::h5::FrameWriter<float> fw(f, "hazard/depth", {2, 3});
    const float a[6] = {0, 1, 2, 3, 4, 5};
    const float b[6] = {5, 4, 3, 2, 1, NAN};
    fw.append(a);
    fw.append(b);
    f.commit();
  }
  ASSERT_TRUE(fs::exists(path));
  auto f = sd::h5::File::open_read(path);
  auto g = sd::h5::open_group(f, "meta");
  EXPECT_EQ(sd::h5::attr_string(g, "format"), "stormdrill-results");
  EXPECT_EQ(sd::h5::attr_int(g, "format_version"), 1);
  EXPECT_DOUBLE_EQ(sd::h5::attr_double(g, "wall_s"), 1.25);
  EXPECT_EQ(sd::h5::read_vector<double>(f, "kpi/time"), (std::vector<double>{0, 60, 120}));
  EXPECT_EQ(sd::h5::read_strings(f, "teams/name"),
            (std::vector<std::string>{"County team", "Fire brigade Qinshan"}));
  EXPECT_EQ(sd::h5::shape(f, "hazard/depth"), (std::vector<hsize_t>{2, 2, 3}));
  std::vector<float> fr;
  sd::h5::read_frame<float>(f, "hazard/depth", 1, fr);
  ASSERT_EQ(fr.size(), 6u);
  EXPECT_FLOAT_EQ(fr[0], 5.0f);
  EXPECT_TRUE(std::isnan(fr[5]));
  EXPECT_TRUE(sd::h5::exists(f, "hazard/depth"));
  EXPECT_FALSE(sd::h5::exists(f, "nothing/here"));
}

TEST(H5, UncommittedFileLeavesNothingBehind) {
  const auto path = scratch("abandoned.h5");
  fs::remove(path);
  std::string temp;
  {
    auto f = sd::h5::File::create(path.string());
    temp = f.temp_path();
    sd::h5::write_vector<double>(f, "x", {1.0});
    EXPECT_TRUE(fs::exists(temp));
  }  // an exception or early return would land here
  EXPECT_FALSE(fs::exists(path));
  EXPECT_FALSE(fs::exists(temp));
}

TEST(H5, ExternalLinkResolvesFromTheLinkingFile) {
  const auto target = scratch("cache.h5");
  const auto linker = scratch("run.h5");
  {
    auto f = sd::h5::File::create(target.string());
    sd::h5::write_vector<double>(f, "hazard/time", {0.0, 1800.0});
    f.commit();
  }
  {
    auto f = sd::h5::File::create(linker.string());
    sd::h5::external_link(f, "hazard", target.string(), "/hazard");
    f.commit();
  }
  auto f = sd::h5::File::open_read(linker.string());
  EXPECT_EQ(sd::h5::read_vector<double>(f, "hazard/time"), (std::vector<double>{0.0, 1800.0}));
}

TEST(H5, ForeignFileIsAnInputErrorNamingIt) {
  const auto path = scratch("not_h5.h5");
  {
    std::FILE* fp = std::fopen(path.c_str(), "w");
    std::fputs("hello", fp);
    std::fclose(fp);
  }
  try {
    sd::h5::File::open_read(path.string());
    FAIL();
  } catch (const sd::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("not_h5.h5"), std::string::npos);
  }
}

}  // namespace
