// Administrative areas (issue 15: per-town figures follow the admin split; issue 14 §3: village
// rows): [region] areas + [[area]] + [[town]] area. A cell belongs to the nearest town of its
// area, not to the nearest town overall; mistakes name the field.
#include <gtest/gtest.h>

#include "response/response_model.hpp"
#include "scenario_fixture.hpp"

namespace fs = std::filesystem;

namespace {

// The fixture's 20 x 16 grid (x 300000..301000) with two towns at columns 3 and 16 and an
// areas raster whose "West" area covers columns 0..13: columns 10..13 lie nearer the east
// town but inside the west area.
fs::path areas_dir(const std::string& name, const std::string& extra_areas = "",
                   const std::string& west_area = "West") {
  const fs::path dir = sdtest::make_scenario_dir("areas_" + name);
  sd::io::Raster a = sd::io::read_raster((dir / "data/dem.tif").string());
  for (int j = 0; j < a.grid.ny; ++j)
    for (int i = 0; i < a.grid.nx; ++i) a.data[a.grid.index(i, j)] = i < 14 ? 1.0f : 2.0f;
  sd::io::write_raster((dir / "data/areas.tif").string(), a);
  std::string text = sdtest::valid_scenario_text();
  text.replace(text.find("landuse = \"data/landuse.tif\"\n"), 29,
               "landuse = \"data/landuse.tif\"\nareas = \"data/areas.tif\"\n");
  text += "\n[[area]]\ncode = 1\nname = \"West\"\n\n[[area]]\ncode = 2\nname = \"East\"\n" +
          extra_areas + "\n[[town]]\nname = \"Westdorf\"\nx = 300175.0\ny = 3379600.0\n" +
          "population = 100\narea = \"" + west_area + "\"\n" +
          "\n[[town]]\nname = \"Ostdorf\"\nx = 300825.0\ny = 3379600.0\npopulation = 100\n" +
          "area = \"East\"\n";
  sdtest::write_file(dir / "s.toml", text);
  return dir;
}

}  // namespace

TEST(TownAreas, TheBoundaryNotTheDistanceDecidesACellsTown) {
  const fs::path dir = areas_dir("split");
  std::vector<std::string> warnings;
  const sd::Scenario s = sd::load_scenario((dir / "s.toml").string(), &warnings);
  ASSERT_EQ(s.town_areas.size(), 2u);
  EXPECT_EQ(s.towns[0].area, "West");
  const auto m = sd::build_response_model(s);
  const sd::Grid& g = s.dem.grid;
  for (int i = 0; i < g.nx; ++i) {
    const int expect = i < 14 ? 0 : 1;
    EXPECT_EQ(m->cell_town[g.index(i, 5)], expect) << "column " << i;
  }
  // Brute-force contrast: without the areas the nearest town takes columns 10..13.
  sd::Scenario plain = s;
  plain.areas = {};
  const auto mp = sd::build_response_model(plain);
  EXPECT_EQ(mp->cell_town[g.index(12, 5)], 1);
}

TEST(TownAreas, UnknownAreaNameIsAnErrorNamingTheField) {
  const fs::path dir = areas_dir("unknown", "", "Westgau");
  const std::string err = sdtest::load_error(dir / "s.toml");
  EXPECT_NE(err.find("s.toml:58:8: error: town[0].area"), std::string::npos) << err;
  EXPECT_NE(err.find("'Westgau' is not the name of any [[area]]"), std::string::npos) << err;
}

TEST(TownAreas, RasterCodeWithoutAreaAndDuplicateCodesAreErrors) {
  fs::path dir = areas_dir("dupe", "\n[[area]]\ncode = 2\nname = \"Nord\"\n");
  std::string err = sdtest::load_error(dir / "s.toml");
  EXPECT_NE(err.find("duplicate area code 2"), std::string::npos) << err;
  dir = areas_dir("missing");
  std::string text;
  {
    std::ifstream in(dir / "s.toml");
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  const auto p = text.find("[[area]]\ncode = 2\nname = \"East\"\n");
  text.erase(p, 31);
  text.replace(text.find("area = \"East\"\n"), 14, "");
  sdtest::write_file(dir / "s.toml", text);
  err = sdtest::load_error(dir / "s.toml");
  EXPECT_NE(err.find("the areas raster uses code 2 but no [[area]] defines it"), std::string::npos)
      << err;
}

TEST(TownAreas, AnAreaWithoutTownsIsAWarning) {
  const fs::path dir = areas_dir("empty", "\n[[area]]\ncode = 3\nname = \"Nord\"\n");
  std::vector<std::string> warnings;
  sd::load_scenario((dir / "s.toml").string(), &warnings);
  bool found = false;
  for (const auto& w : warnings)
    found |= w.find("area 'Nord' has no [[town]]") != std::string::npos;
  EXPECT_TRUE(found);
}
