// Scenario loading: a valid file compiles; every class of mistake is reported with its file,
// line and field, all at once, with suggestions where one is obvious.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "scenario/scenario.hpp"
#include "scenario_fixture.hpp"

namespace fs = std::filesystem;

namespace {

// True when `text` holds "<file>:<line>:<col>: <rest>" with line in [lo, hi]. (No std::regex:
// GCC 12's <regex> trips -Wmaybe-uninitialized under the sanitizer build.)
bool has_location(const std::string& text, const std::string& file, long lo, long hi,
                  const std::string& rest) {
  for (std::size_t p = text.find(file + ":"); p != std::string::npos;
       p = text.find(file + ":", p + 1)) {
    const char* c = text.c_str() + p + file.size() + 1;
    char* end = nullptr;
    const long line = std::strtol(c, &end, 10);
    if (end == c || *end != ':') continue;
    const long col = std::strtol(end + 1, &end, 10);
    if (col <= 0 || *end != ':') continue;
    if (line >= lo && line <= hi && std::string(end + 2).rfind(rest, 0) == 0) return true;
  }
  return false;
}

using sdtest::load_error;

// Replaces the first occurrence of `from` in the valid scenario text.
std::string valid_with(const std::string& from, const std::string& to) {
  std::string s = sdtest::valid_scenario_text();
  const auto p = s.find(from);
  EXPECT_NE(p, std::string::npos) << from;
  if (p != std::string::npos) s.replace(p, from.size(), to);
  return s;
}

TEST(ScenarioLoader, ValidScenarioCompiles) {
  const auto dir = sdtest::make_scenario_dir("valid");
  sdtest::write_file(dir / "s.toml", sdtest::valid_scenario_text());
  const sd::Scenario s = sd::load_scenario((dir / "s.toml").string());
  EXPECT_EQ(s.name, "test county");
  EXPECT_DOUBLE_EQ(s.duration_s, 7200.0);
  EXPECT_EQ(s.seed, 7u);
  EXPECT_EQ(s.dem.grid.nx, 20);
  ASSERT_EQ(s.teams.size(), 1u);
  EXPECT_EQ(s.teams[0].kind, sd::TeamKind::Fire);
  EXPECT_TRUE(s.teams[0].capabilities & sd::bit(sd::Capability::WaterRescue));
  EXPECT_EQ(s.depots[0].stock[static_cast<int>(sd::StockKind::Pumps)], 2.0);
  EXPECT_EQ(s.plan.name, "current");  // from the included plan file
  // 2021-07-25T08:00+08:00 = 2021-07-25T00:00Z
  EXPECT_EQ(s.start_epoch_s, 1627171200);
  EXPECT_EQ(s.storm.track_path, (dir / "data/track.csv").lexically_normal().string());
}

TEST(ScenarioLoader, UnknownKeyNamesLineAndSuggests) {
  const auto dir = sdtest::make_scenario_dir("unknown");
  sdtest::write_file(dir / "s.toml", valid_with("capacity = 300", "capcity = 300"));
  const std::string err = load_error(dir / "s.toml");
  EXPECT_NE(err.find("unknown key 'capcity'"), std::string::npos) << err;
  EXPECT_NE(err.find("did you mean 'capacity'"), std::string::npos) << err;
  EXPECT_TRUE(has_location(err, "s.toml", 40, 49, "error: shelter[0].capcity")) << err;
}

TEST(ScenarioLoader, WrongTypeIsReported) {
  const auto dir = sdtest::make_scenario_dir("type");
  sdtest::write_file(dir / "s.toml",
                     valid_with("kind = \"fire\"", "kind = \"fire\"\ncrew = \"ten\""));
  const std::string err = load_error(dir / "s.toml");
  EXPECT_NE(err.find("team[0].crew: expected an integer, found a string"), std::string::npos)
      << err;
}

TEST(ScenarioLoader, OutOfRangeValuesAreReported) {
  const auto dir = sdtest::make_scenario_dir("range");
  std::string text = valid_with("manning = 0.015", "manning = 0.0");
  text.replace(text.find("capacity = 300"), 14, "capacity = -5");
  sdtest::write_file(dir / "s.toml", text);
  const std::string err = load_error(dir / "s.toml");
  EXPECT_NE(err.find("landuse_class[0].manning"), std::string::npos) << err;
  EXPECT_NE(err.find("capacity must be >= 0"), std::string::npos) << err;
  EXPECT_NE(err.find("2 errors found"), std::string::npos) << "all errors at once: " << err;
}

TEST(ScenarioLoader, MissingFileNamesThePath) {
  const auto dir = sdtest::make_scenario_dir("missing");
  sdtest::write_file(dir / "s.toml", valid_with("data/dem.tif", "data/nope.tif"));
  const std::string err = load_error(dir / "s.toml");
  EXPECT_NE(err.find("region.dem: file not found"), std::string::npos) << err;
  EXPECT_NE(err.find("nope.tif"), std::string::npos) << err;
}

TEST(ScenarioLoader, CrsMismatchIsReported) {
  const auto dir = sdtest::make_scenario_dir("crs");
  auto lu = sd::io::read_raster((dir / "data/landuse.tif").string());
  lu.crs_wkt =
      "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS "
      "84\",6378137,298.257223563]],PRIMEM[\"Greenwich\",0],"
      "UNIT[\"degree\",0.0174532925199433],AUTHORITY[\"EPSG\",\"4326\"]]";
  sd::io::write_raster((dir / "data/landuse.tif").string(), lu);
  sdtest::write_file(dir / "s.toml", sdtest::valid_scenario_text());
  const std::string err = load_error(dir / "s.toml");
  EXPECT_NE(err.find("region.landuse: CRS differs from the DEM's"), std::string::npos) << err;
}

TEST(ScenarioLoader, AssetOutsideGridIsReported) {
  const auto dir = sdtest::make_scenario_dir("outside");
  sdtest::write_file(dir / "s.toml", valid_with("x = 300150.0", "x = 250000.0"));
  const std::string err = load_error(dir / "s.toml");
  EXPECT_NE(err.find("team[0].x: position (250000, 3379850) is outside the DEM grid"),
            std::string::npos)
      << err;
}

TEST(ScenarioLoader, UnknownChoiceSuggestsTheClosest) {
  const auto dir = sdtest::make_scenario_dir("choice");
  sdtest::write_file(dir / "plan.toml", "[plan]\ndispatch = \"nearst\"\n");
  sdtest::write_file(dir / "s.toml", sdtest::valid_scenario_text());
  const std::string err = load_error(dir / "s.toml");
  EXPECT_NE(err.find("plan.toml:2"), std::string::npos) << "error names the included file: " << err;
  EXPECT_NE(err.find("did you mean 'nearest'"), std::string::npos) << err;
}

// One name per track format (issue 13 §5): the old names still load, as their canonical
// names, with a warning that says so.
TEST(ScenarioLoader, OldTrackFormatNamesAreAliasesWithAWarning) {
  const auto dir = sdtest::make_scenario_dir("format_alias");
  sdtest::write_file(dir / "s.toml",
                     valid_with("[storm]\n", "[storm]\nformat = \"cma-realtime\"\n"));
  std::vector<std::string> warnings;
  const sd::Scenario s = sd::load_scenario((dir / "s.toml").string(), &warnings);
  EXPECT_EQ(s.storm.format, "csv");
  bool said = false;
  for (const auto& w : warnings) said |= w.find("old name for 'csv'") != std::string::npos;
  EXPECT_TRUE(said) << "a warning names the canonical spelling";
}

TEST(ScenarioLoader, SyntaxErrorNamesLine) {
  const auto dir = sdtest::make_scenario_dir("syntax");
  sdtest::write_file(dir / "s.toml", "[scenario]\nname = \"x\nduration_h = 1\n");
  const std::string err = load_error(dir / "s.toml");
  EXPECT_TRUE(has_location(err, "s.toml", 2, 2, "error")) << err;
}

TEST(ScenarioLoader, IncludeCycleIsAnError) {
  const auto dir = sdtest::make_scenario_dir("cycle");
  sdtest::write_file(dir / "plan.toml", "include = [\"s.toml\"]\n[plan]\nname = \"p\"\n");
  sdtest::write_file(dir / "s.toml", sdtest::valid_scenario_text());
  EXPECT_NE(load_error(dir / "s.toml").find("include cycle"), std::string::npos);
}

TEST(ScenarioLoader, IncludingFileOverridesIncludedValues) {
  const auto dir = sdtest::make_scenario_dir("override");
  sdtest::write_file(dir / "base.toml", sdtest::valid_scenario_text());
  sdtest::write_file(dir / "variant.toml", "include = [\"base.toml\"]\n[scenario]\nseed = 99\n");
  const sd::Scenario s = sd::load_scenario((dir / "variant.toml").string());
  EXPECT_EQ(s.seed, 99u);
  EXPECT_EQ(s.name, "test county");
}

TEST(ScenarioLoader, PlanFileValidatesTeamNames) {
  const auto dir = sdtest::make_scenario_dir("planfile");
  sdtest::write_file(dir / "s.toml", sdtest::valid_scenario_text());
  const sd::Scenario s = sd::load_scenario((dir / "s.toml").string());
  sdtest::write_file(dir / "p2.toml",
                     "[plan]\nname = \"pre\"\n[[plan.station]]\nteam = \"Fire brigad\"\nx = "
                     "300500.0\ny = 3379500.0\n");
  try {
    sd::load_plan((dir / "p2.toml").string(), s);
    FAIL();
  } catch (const sd::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("p2.toml:4"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("no [[team]] named 'Fire brigad'"), std::string::npos)
        << e.what();
  }
}

}  // namespace
