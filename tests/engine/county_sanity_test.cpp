// Sanity of a generated county as read back from its files, for both the shipped 50 m
// folder and a fresh 250 m one: seawall continuity, canals reaching sluices, a strongly
// connected road graph, assets on land inside the grid, realistic terrain and population,
// and scenario files that follow docs/scenario-draft.toml.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <numeric>

#include "county_test_util.hpp"

namespace {

using namespace county_test;

class CountyFolder : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    dir = std::string(GetParam()) == "shipped" ? shipped_dir() : coarse_dir();
    ASSERT_TRUE(fs::exists(dir / "scenario.toml")) << dir;
    dem = sd::io::read_raster((dir / "data" / "dem.tif").string());
    lu = sd::io::read_raster((dir / "data" / "landuse.tif").string());
    pop = sd::io::read_raster((dir / "data" / "population.tif").string());
    scenario = toml::parse_file((dir / "scenario.toml").string());
  }
  std::size_t cell_of(double x, double y) const {
    int i = -1, j = -1;
    EXPECT_TRUE(dem.grid.locate(x, y, i, j)) << x << "," << y << " outside the grid";
    return i < 0 ? 0 : dem.grid.index(i, j);
  }
  std::vector<std::pair<double, double>> points(const char* array) {
    std::vector<std::pair<double, double>> p;
    if (auto* a = scenario[array].as_array())
      for (auto& e : *a)
        p.push_back({e.as_table()->get("x")->value_or(0.0), e.as_table()->get("y")->value_or(0.0)});
    return p;
  }
  fs::path dir;
  sd::io::Raster dem, lu, pop;
  toml::table scenario;
};

TEST_P(CountyFolder, SeawallSeparatesEveryLandCellFromTheSea) {
  const sd::Grid& g = dem.grid;
  int sea = 0, shore = 0;
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const auto k = g.index(i, j);
      if (is_sea(dem, lu, k)) {
        ++sea;
        EXPECT_GE(dem.data[k], -6.5f);
        EXPECT_LE(dem.data[k], -1.5f);
        continue;
      }
      const int di[4] = {1, -1, 0, 0}, dj[4] = {0, 0, 1, -1};
      for (int d = 0; d < 4; ++d) {
        const int ii = i + di[d], jj = j + dj[d];
        if (ii < 0 || jj < 0 || ii >= g.nx || jj >= g.ny || !is_sea(dem, lu, g.index(ii, jj)))
          continue;
        ++shore;
        // A land cell touching the sea across a face is seawall (crest +8 m) or higher hill.
        ASSERT_GE(dem.data[k], 8.0f) << "gap in the seawall at cell " << i << "," << j;
        break;
      }
    }
  EXPECT_GT(sea, static_cast<int>(g.size() / 10));  // the bay is in the south-east
  EXPECT_GT(shore * g.cell, 20000.0);               // > 20 km of seawall
}

TEST_P(CountyFolder, EveryCanalCellDrainsToASluiceOutfall) {
  const sd::Grid& g = dem.grid;
  const auto outfalls = points("outfall");
  ASSERT_GE(outfalls.size(), 4u);
  std::vector<char> seen(g.size(), 0);
  std::deque<std::size_t> q;
  const int di[4] = {1, -1, 0, 0}, dj[4] = {0, 0, 1, -1};
  for (auto [x, y] : outfalls) {
    const auto k = cell_of(x, y);
    EXPECT_GE(dem.data[k], 8.0f) << "outfall not on the seawall";
    const int i = static_cast<int>(k % g.nx), j = static_cast<int>(k / g.nx);
    bool canal = false, sea_near = false;
    for (int d = 0; d < 4; ++d) {
      const int ii = i + di[d], jj = j + dj[d];
      if (ii < 0 || jj < 0 || ii >= g.nx || jj >= g.ny) continue;
      const auto n = g.index(ii, jj);
      if (is_canal(dem, lu, n) && !seen[n]) {
        canal = true;
        seen[n] = 1;
        q.push_back(n);
      }
    }
    for (int jj = std::max(0, j - 3); jj <= std::min(g.ny - 1, j + 3); ++jj)
      for (int ii = std::max(0, i - 3); ii <= std::min(g.nx - 1, i + 3); ++ii)
        sea_near |= is_sea(dem, lu, g.index(ii, jj));
    EXPECT_TRUE(canal) << "no canal reaches the outfall at " << x << "," << y;
    EXPECT_TRUE(sea_near) << "outfall at " << x << "," << y << " is not on the shore";
  }
  while (!q.empty()) {
    const auto k = q.front();
    q.pop_front();
    const int i = static_cast<int>(k % g.nx), j = static_cast<int>(k / g.nx);
    for (int d = 0; d < 4; ++d) {
      const int ii = i + di[d], jj = j + dj[d];
      if (ii < 0 || jj < 0 || ii >= g.nx || jj >= g.ny) continue;
      const auto n = g.index(ii, jj);
      if (!seen[n] && is_canal(dem, lu, n)) {
        seen[n] = 1;
        q.push_back(n);
      }
    }
  }
  int canal = 0;
  for (std::size_t k = 0; k < g.size(); ++k)
    if (is_canal(dem, lu, k)) {
      ++canal;
      ASSERT_TRUE(seen[k]) << "canal cell " << k % g.nx << "," << k / g.nx
                           << " cannot reach a sluice";
      EXPECT_FLOAT_EQ(dem.data[k], -1.0f);
    }
  EXPECT_GT(canal * g.cell, 60000.0);  // > 60 km of canal centre line (counting width)
}

TEST_P(CountyFolder, RoadGraphIsStronglyConnectedWithAllClasses) {
  const Graph gr = read_graph(dir);
  const int n = static_cast<int>(gr.x.size());
  ASSERT_GT(n, 300);
  // Strongly connected <=> every node reachable from node 0 forwards and backwards.
  for (int dir_pass = 0; dir_pass < 2; ++dir_pass) {
    std::vector<std::vector<int>> adj(n);
    for (std::size_t e = 0; e < gr.from.size(); ++e)
      (dir_pass ? adj[gr.to[e]] : adj[gr.from[e]]).push_back(dir_pass ? gr.from[e] : gr.to[e]);
    std::vector<char> seen(n, 0);
    std::vector<int> st = {0};
    seen[0] = 1;
    int count = 1;
    while (!st.empty()) {
      const int v = st.back();
      st.pop_back();
      for (int w : adj[v])
        if (!seen[w]) {
          seen[w] = 1;
          ++count;
          st.push_back(w);
        }
    }
    EXPECT_EQ(count, n) << (dir_pass ? "backward" : "forward") << " reachability";
  }
  for (const char* c : {"expressway", "arterial", "street"})
    EXPECT_NE(std::find(gr.cls.begin(), gr.cls.end(), c), gr.cls.end()) << c;
  // Roads over the canals are bridges (issue 13 §2): some, and never the majority.
  const auto bridges = std::count(gr.bridge.begin(), gr.bridge.end(), 1);
  EXPECT_GT(bridges, 0);
  EXPECT_LT(bridges * 4, static_cast<long>(gr.bridge.size()));
  for (int v = 0; v < n; ++v)
    EXPECT_FALSE(is_sea(dem, lu, cell_of(gr.x[v], gr.y[v]))) << "node " << v;
}

TEST_P(CountyFolder, AssetsAreInsideTheGridAndOnDryLand) {
  std::size_t total = 0;
  for (const char* a : {"town", "team", "depot", "shelter", "critical_site", "pumping_station"}) {
    for (auto [x, y] : points(a)) {
      const auto k = cell_of(x, y);
      EXPECT_NE(static_cast<int>(lu.data[k]), sd::county::kWater) << a << " at " << x << "," << y;
      EXPECT_GT(dem.data[k], 0.0f) << a << " at " << x << "," << y;
      ++total;
    }
  }
  EXPECT_EQ(points("town").size(), 9u);
  EXPECT_EQ(points("depot").size(), 3u);
  EXPECT_EQ(points("shelter").size(), 12u);
  EXPECT_GE(points("team").size(), 1u + 9u + 5u + 2u);
  EXPECT_GT(total, 50u);
  auto plan = toml::parse_file((dir / "plan-prepositioned.toml").string());
  const auto* st = plan["plan"]["station"].as_array();
  ASSERT_NE(st, nullptr);
  for (auto& s : *st) {
    const auto k =
        cell_of(s.as_table()->get("x")->value_or(0.0), s.as_table()->get("y")->value_or(0.0));
    EXPECT_NE(static_cast<int>(lu.data[k]), sd::county::kWater);
    EXPECT_GT(dem.data[k], 0.0f);
  }
}

TEST_P(CountyFolder, TerrainAndPopulationAreRealistic) {
  float zmax = -100;
  std::vector<float> plain;
  int polder = 0, urban = 0, forest = 0, industrial = 0;
  for (std::size_t k = 0; k < dem.data.size(); ++k) {
    const int c = static_cast<int>(lu.data[k]);
    zmax = std::max(zmax, dem.data[k]);
    if (c == sd::county::kRural) {
      plain.push_back(dem.data[k]);
      polder += dem.data[k] >= 0.8f && dem.data[k] <= 2.0f;
    }
    urban += c == sd::county::kUrban;
    forest += c == sd::county::kForest;
    industrial += c == sd::county::kIndustrial;
  }
  EXPECT_GT(zmax, 150.0f);  // south-western hills up to ~200 m
  EXPECT_LT(zmax, 260.0f);
  std::nth_element(plain.begin(), plain.begin() + plain.size() / 2, plain.end());
  EXPECT_GE(plain[plain.size() / 2], 2.0f);  // plain mostly 2-5 m
  EXPECT_LE(plain[plain.size() / 2], 5.0f);
  EXPECT_GT(polder, static_cast<int>(plain.size() / 20));  // polders at 1-2 m
  EXPECT_GT(urban, 0);
  EXPECT_GT(forest, 0);
  EXPECT_GT(industrial, 0);
  const double people = std::accumulate(pop.data.begin(), pop.data.end(), 0.0);
  EXPECT_NEAR(people, 380000.0, 50.0);
  long town_sum = 0;
  for (auto& t : *scenario["town"].as_array())
    town_sum += t.as_table()->get("population")->value_or(0L);
  EXPECT_EQ(town_sum, 380000);
  // Nobody lives at sea.
  for (std::size_t k = 0; k < pop.data.size(); ++k)
    if (is_sea(dem, lu, k)) {
      ASSERT_EQ(pop.data[k], 0.0f);
    }
}

// Every key of the draft contract (and of each of its array-of-tables entries) appears in
// the shipped scenario or the plan it includes.
TEST_P(CountyFolder, ScenarioFollowsTheDraftContract) {
  const auto draft =
      toml::parse_file(std::string(STORMDRILL_SOURCE_DIR) + "/docs/scenario-draft.toml");
  for (auto&& [key, node] : draft) {
    ASSERT_TRUE(scenario.contains(key.str())) << "scenario.toml lacks '" << key.str() << "'";
    if (const auto* t = node.as_table()) {
      for (auto&& [k2, v2] : *t)
        EXPECT_TRUE(scenario[key.str()].as_table()->contains(k2.str()))
            << key.str() << "." << k2.str();
    } else if (const auto* a = node.as_array(); a && a->is_array_of_tables()) {
      for (auto&& [k2, v2] : *a->front().as_table()) {
        bool found = false;
        for (auto& e : *scenario[key.str()].as_array()) found |= e.as_table()->contains(k2.str());
        EXPECT_TRUE(found) << "[[" << key.str() << "]] never has '" << k2.str() << "'";
      }
    }
  }
  auto plan = toml::parse_file((dir / "plan-current.toml").string());
  for (const char* k : {"name", "dispatch", "warning_lead_h"})
    EXPECT_TRUE(plan["plan"].as_table()->contains(k));
  // Storm and clock: the track covers the 24 h window, which covers In-fa's Pinghu landfall.
  EXPECT_EQ(scenario["scenario"]["start"].value_or(std::string()), "2021-07-25T20:00:00+08:00");
  EXPECT_DOUBLE_EQ(scenario["scenario"]["duration_h"].value_or(0.0), 24.0);
}

TEST_P(CountyFolder, TideVariantsDifferOnlyInTidePhase) {
  auto high = toml::parse_file((dir / "scenario-hightide.toml").string());
  auto low = toml::parse_file((dir / "scenario-lowtide.toml").string());
  auto base = scenario;
  const auto phase = [](toml::table& t) {
    return t["tide"]["constituents"][0]["phase_deg"].value_or(-1.0);
  };
  const double pb = phase(base), ph = phase(high), pl = phase(low);
  EXPECT_NEAR(std::fmod(pl - ph + 360.0, 360.0), 180.0, 1e-6);  // low water half an M2 period off
  EXPECT_NE(pb, ph);
  for (auto* t : {&base, &high, &low}) {
    auto* c = (*t)["tide"]["constituents"].as_array();
    for (auto& e : *c) e.as_table()->erase("phase_deg");
  }
  EXPECT_EQ(base, high);
  EXPECT_EQ(base, low);
}

INSTANTIATE_TEST_SUITE_P(Shipped, CountyFolder, ::testing::Values("shipped"));
INSTANTIATE_TEST_SUITE_P(Coarse250m, CountyFolder, ::testing::Values("coarse"));

}  // namespace
