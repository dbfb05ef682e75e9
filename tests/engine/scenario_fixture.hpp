#pragma once
// A tiny valid scenario on disk (DEM, land use, roads, track) for loader and engine tests.
#include <filesystem>
#include <fstream>
#include <string>

#include "core/error.hpp"
#include "io/raster_io.hpp"
#include "scenario/scenario.hpp"

namespace sdtest {

inline const char* kUtm51 =
    "PROJCS[\"WGS 84 / UTM zone 51N\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS "
    "84\",6378137,"
    "298.257223563]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION["
    "\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\","
    "123],"
    "PARAMETER[\"scale_factor\",0.9996],PARAMETER[\"false_easting\",500000],PARAMETER[\"false_"
    "northing\",0],"
    "UNIT[\"metre\",1],AUTHORITY[\"EPSG\",\"32651\"]]";

// The InputError message of loading a scenario file ("" when it loads).
inline std::string load_error(const std::filesystem::path& file) {
  try {
    sd::load_scenario(file.string());
  } catch (const sd::InputError& e) {
    return e.what();
  }
  return "";
}

inline void write_file(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

// 20 x 16 cells of 50 m with x0 = 300000, y0 = 3380000: x in [300000, 301000], y in [3379200,
// 3380000].
inline std::filesystem::path make_scenario_dir(const std::string& name) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("sd_scn_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir / "data");
  sd::io::Raster dem;
  dem.grid = sd::Grid{20, 16, 300000.0, 3380000.0, 50.0};
  dem.crs_wkt = kUtm51;
  dem.data.resize(dem.grid.size());
  for (int j = 0; j < 16; ++j)
    for (int i = 0; i < 20; ++i)
      dem.data[dem.grid.index(i, j)] = 2.0f + 0.1f * static_cast<float>(i);
  sd::io::write_raster((dir / "data/dem.tif").string(), dem);
  sd::io::Raster lu = dem;
  for (auto& v : lu.data) v = 1.0f;
  sd::io::write_raster((dir / "data/landuse.tif").string(), lu);
  write_file(dir / "data/nodes.csv",
             "id,x,y\n1,300100,3379900\n2,300900,3379900\n3,300900,3379300\n");
  write_file(dir / "data/edges.csv",
             "from,to,length_m,speed_kph\n1,2,800,40\n2,1,800,40\n2,3,600,40\n3,2,600,40\n");
  write_file(dir / "data/track.csv",
             "time,lat,lon,pressure_hpa,wind_ms\n2021-07-25T08:00:00+08:00,30.0,122.0,965,33\n"
             "2021-07-26T08:00:00+08:00,30.6,121.0,975,28\n");
  write_file(dir / "plan.toml", "[plan]\nname = \"current\"\ndispatch = \"nearest\"\n");
  return dir;
}

inline std::string valid_scenario_text() {
  return R"(include = ["plan.toml"]

[scenario]
name = "test county"
start = "2021-07-25T08:00:00+08:00"
duration_h = 2.0
seed = 7

[region]
dem = "data/dem.tif"
landuse = "data/landuse.tif"

[[landuse_class]]
code = 1
name = "urban"
manning = 0.015
drainage_mmph = 30.0

[storm]
track = "data/track.csv"

[roads]
nodes = "data/nodes.csv"
edges = "data/edges.csv"

[[team]]
name = "Fire brigade"
kind = "fire"
x = 300150.0
y = 3379850.0

[[depot]]
name = "Warehouse"
x = 300500.0
y = 3379500.0
stock = { sandbags = 100, pumps = 2 }

[[shelter]]
name = "School"
x = 300800.0
y = 3379400.0
capacity = 300
)";
}

}  // namespace sdtest
