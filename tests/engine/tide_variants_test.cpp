// Issue 9's demo check on a coarse (250 m) copy of the default county: the same storm floods
// more when its peak meets high tide than low tide (flap-gated outfalls close, the sea-side
// boundary is higher), and the drill's KPIs say so.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_runner.hpp"

namespace fs = std::filesystem;

namespace {

double json_number(const fs::path& file, const std::string& key) {
  std::ifstream in(file);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  const std::string tag = "\"" + key + "\": ";
  const auto p = text.find(tag);
  if (p == std::string::npos) return NAN;
  return std::strtod(text.c_str() + p + tag.size(), nullptr);
}

TEST(TideVariants, HighTideFloodsMoreThanLowTide) {
  const fs::path dir = fs::temp_directory_path() / "sd_tide_variants";
  fs::remove_all(dir);
  // The shipped track is already converted; converting it again gives the same file.
  const auto gen = sdtest::stormdrill(
      "generate-county --cell-m 250 --track " + std::string(STORMDRILL_SOURCE_DIR) +
      "/scenarios/haiyan-demo/data/infa-2021.csv --out " + dir.string());
  ASSERT_EQ(gen.exit_code, 0) << gen.output;
  double area[2], km[2], extent[2];
  const char* names[2] = {"scenario-hightide", "scenario-lowtide"};
  for (int k = 0; k < 2; ++k) {
    const auto r =
        sdtest::stormdrill("run " + (dir / (std::string(names[k]) + ".toml")).string() + " -o " +
                           (dir / (std::string(names[k]) + ".h5")).string() + " --summary-json " +
                           (dir / (std::string(names[k]) + ".json")).string() + " --cache-dir " +
                           (dir / "cache").string() + " -q");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    area[k] = json_number(dir / (std::string(names[k]) + ".json"), "peak_flooded_area_km2");
    extent[k] = json_number(dir / (std::string(names[k]) + ".json"), "flooded_extent_km2");
    km[k] = json_number(dir / (std::string(names[k]) + ".json"), "road_km_closed_peak");
  }
  std::printf(
      "high tide: peak %.2f km2, extent %.2f km2, roads %.2f km; low tide: peak %.2f, extent %.2f, "
      "roads %.2f\n",
      area[0], extent[0], km[0], area[1], extent[1], km[1]);
  EXPECT_GT(extent[0], extent[1]) << "flooded extent: high tide " << extent[0] << " km2, low tide "
                                  << extent[1];
  EXPECT_GE(km[0], km[1] - 1e-9) << "road km closed: high tide " << km[0] << ", low tide " << km[1];
}

}  // namespace
