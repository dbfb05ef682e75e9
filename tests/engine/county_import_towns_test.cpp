// County import towns (Issue 15): people go to the nearest place node inside the same OSM
// administrative area, an area without a place node becomes a town, and per-town rounding adds
// up to the total. Synthetic areas on a 100 m UTM grid: no ../shared needed.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "county/import_towns.hpp"

namespace {

using sd::county::ImportFrame;
using sd::county::LonLat;
using sd::county::OsmAdminArea;
using sd::county::OsmArea;
using sd::county::OsmData;

struct Fixture {
  ImportFrame f = sd::county::make_frame({9.49, 47.1, 9.52, 47.12}, "EPSG:32632", 100);
  sd::io::Raster dem, pop;
  OsmData osm;

  Fixture() {
    dem = {f.grid, std::vector<float>(f.grid.size(), 400.0f), f.crs_wkt};
    pop = {f.grid, std::vector<float>(f.grid.size(), 0.0f), f.crs_wkt};
  }
  LonLat ll(double x, double y) const {
    LonLat p;
    f.proj->inverse(x, y, p.lon, p.lat);
    return p;
  }
  // A square admin area [x, x+side) x [y, y+side) in grid metres from the NW corner.
  void area(const std::string& name, int level, double x, double y, double side) {
    const double X = f.grid.x0 + x, Y = f.grid.y0 - y - side;
    OsmArea a;
    a.rings = {{ll(X, Y), ll(X + side, Y), ll(X + side, Y + side), ll(X, Y + side)}};
    osm.admin.push_back(
        {name, level, "relation", 100 + static_cast<long>(osm.admin.size()), {a}, side * side});
  }
  void place(const std::string& name, double x, double y) {
    osm.places.push_back({name, "village", 1 + static_cast<long>(osm.places.size()),
                          ll(f.grid.x0 + x, f.grid.y0 - y)});
  }
  void people(int i, int j, float n) { pop.data[f.grid.index(i, j)] = n; }
  const sd::county::ImportTown& town(const sd::county::TownsResult& r, const std::string& name) {
    for (const auto& t : r.towns)
      if (t.name == name) return t;
    throw std::runtime_error("no town " + name);
  }
};

TEST(CountyImportTowns, PeopleGoToTheNearestTownInTheirAdministrativeArea) {
  Fixture fx;
  // West area [0,1000) and east area [1000,2000) (metres east of the grid's west edge).
  fx.area("Westdorf", 8, 0, 0, 1000);
  fx.area("Ostdorf", 8, 1000, 0, 1000);
  fx.place("West", 150, 500);   // far west in its area
  fx.place("East", 1050, 500);  // just across the boundary
  fx.people(9, 5, 30.0f);       // cell centre x 950: 100 m from East, 800 m from West
  fx.people(11, 5, 12.0f);      // in the east area
  const auto r = sd::county::build_towns(fx.osm, fx.f, fx.dem, fx.pop, "fallback");
  EXPECT_EQ(r.admin_level, 8);
  EXPECT_EQ(fx.town(r, "West").population, 30) << "the boundary, not the distance, decides";
  EXPECT_EQ(fx.town(r, "West").unit, "Westdorf");
  EXPECT_EQ(fx.town(r, "East").population, 12);
  ASSERT_EQ(r.units.size(), 2u);
  // The split is written for the engine (data/areas.tif: 1 + row of units), which assigns
  // cells the same way, so the drill's per-town figures follow the boundary too.
  ASSERT_EQ(r.areas.data.size(), fx.f.grid.size());
  const auto code = [&](int i) { return r.areas.data[fx.f.grid.index(i, 5)]; };
  EXPECT_EQ(r.units[static_cast<std::size_t>(code(9)) - 1].name, "Westdorf");
  EXPECT_EQ(r.units[static_cast<std::size_t>(code(11)) - 1].name, "Ostdorf");
}

TEST(CountyImportTowns, AnAreaWithoutAPlaceNodeIsATownNamedAfterIt) {
  Fixture fx;
  fx.area("Westdorf", 8, 0, 0, 1000);
  fx.area("Ostdorf", 8, 1000, 0, 1000);
  fx.area("Bezirk", 6, 0, 0, 2000);  // a coarser level is not a town's area
  fx.place("West", 150, 500);
  fx.people(15, 8, 40.0f);
  fx.people(16, 8, 2.0f);
  const auto r = sd::county::build_towns(fx.osm, fx.f, fx.dem, fx.pop, "fallback");
  ASSERT_EQ(r.towns.size(), 2u);
  const auto& ost = fx.town(r, "Ostdorf");
  EXPECT_EQ(ost.population, 42);
  EXPECT_EQ(ost.what, "admin_level=8");
  EXPECT_NEAR(ost.x, fx.f.grid.cx(15), 1e-6) << "placed at its most populous cell";
  EXPECT_EQ(fx.town(r, "West").population, 0);
}

TEST(CountyImportTowns, TheFinerLevelWinsWhenItHoldsAsManyPeople) {
  Fixture fx;
  fx.area("Gemeinde", 8, 0, 0, 2000);
  fx.area("Quartier A", 10, 0, 0, 1000);
  fx.area("Quartier B", 10, 1000, 0, 1000);
  fx.people(3, 3, 5.0f);
  fx.people(13, 3, 7.0f);
  const auto r = sd::county::build_towns(fx.osm, fx.f, fx.dem, fx.pop, "fallback");
  EXPECT_EQ(r.admin_level, 10);
  EXPECT_EQ(fx.town(r, "Quartier A").population, 5);
  EXPECT_EQ(fx.town(r, "Quartier B").population, 7);
}

TEST(CountyImportTowns, RoundedTownPopulationsAddUpToTheTotal) {
  const std::vector<double> v = {0.4, 0.4, 0.4, 10.3, 2.5};  // sum 14.0; plain rounding gives 13
  const auto r = sd::county::round_preserving_sum(v);
  EXPECT_EQ(std::accumulate(r.begin(), r.end(), 0L), 14);
  EXPECT_EQ(r[3], 10);
  EXPECT_EQ(r[4], 3) << "the largest remainder gets the missing unit";
}

}  // namespace
