#pragma once
// Shared helpers for the county generator tests: read a generated scenario folder back from
// its files (rasters, road CSVs, TOML) and check it the way a planner's tools would see it.
#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "county/county.hpp"
#include "io/raster_io.hpp"

namespace county_test {

namespace fs = std::filesystem;

inline fs::path shipped_dir() {
  return fs::path(STORMDRILL_SOURCE_DIR) / "scenarios" / "haiyan-demo";
}

// A coarse (250 m) county written once per test process into a temp folder (per process:
// ctest runs tests in parallel) and removed when the process exits.
struct CoarseCounty {
  fs::path dir = fs::temp_directory_path() / ("sd_county_coarse_" + std::to_string(::getpid()));
  CoarseCounty() {
    sd::county::CountyOptions o;
    o.cell_m = 250.0;
    o.track_csv = (shipped_dir() / "data" / "infa-2021.csv").string();  // already converted
    sd::county::write_county(sd::county::generate_county(o), dir.string());
  }
  ~CoarseCounty() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

inline fs::path coarse_dir() {
  static const CoarseCounty c;
  return c.dir;
}

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Graph {
  std::vector<double> x, y;
  std::vector<int> from, to;
  std::vector<std::string> cls;
  std::vector<int> bridge;  // 1: crosses a canal
};

inline Graph read_graph(const fs::path& dir) {
  Graph g;
  std::ifstream nodes(dir / "data" / "roads" / "nodes.csv"),
      edges(dir / "data" / "roads" / "edges.csv");
  std::string line;
  std::getline(nodes, line);
  EXPECT_EQ(line, "id,x,y");
  while (std::getline(nodes, line)) {
    int id;
    double x, y;
    EXPECT_EQ(std::sscanf(line.c_str(), "%d,%lf,%lf", &id, &x, &y), 3) << line;
    EXPECT_EQ(id, static_cast<int>(g.x.size())) << "node ids must be 0..n-1 in order";
    g.x.push_back(x);
    g.y.push_back(y);
  }
  std::getline(edges, line);
  EXPECT_EQ(line, "from,to,length_m,speed_kph,lanes,class,bridge");
  while (std::getline(edges, line)) {
    int a, b, lanes, bridge;
    double len, kph;
    char cls[32];
    EXPECT_EQ(std::sscanf(line.c_str(), "%d,%d,%lf,%lf,%d,%31[^,],%d", &a, &b, &len, &kph, &lanes,
                          cls, &bridge),
              7)
        << line;
    g.from.push_back(a);
    g.to.push_back(b);
    g.cls.push_back(cls);
    g.bridge.push_back(bridge);
  }
  return g;
}

// Cells as the files describe them: sea = water deeper than the -1 m canal beds.
inline bool is_sea(const sd::io::Raster& dem, const sd::io::Raster& lu, std::size_t k) {
  return static_cast<int>(lu.data[k]) == sd::county::kWater && dem.data[k] < -1.5f;
}
inline bool is_canal(const sd::io::Raster& dem, const sd::io::Raster& lu, std::size_t k) {
  return static_cast<int>(lu.data[k]) == sd::county::kWater && dem.data[k] >= -1.5f;
}

}  // namespace county_test
