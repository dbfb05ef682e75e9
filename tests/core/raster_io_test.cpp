// Raster round-trips through GeoTIFF and ESRI ASCII keep values, NoData, geotransform and CRS.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>

#include "core/error.hpp"
#include "io/raster_io.hpp"

namespace {

sd::io::Raster sample() {
  sd::io::Raster r;
  r.grid = sd::Grid{5, 4, 500000.0, 3380000.0, 50.0};
  r.data.resize(r.grid.size());
  for (std::size_t k = 0; k < r.data.size(); ++k)
    r.data[k] = 0.1234567f * static_cast<float>(k) - 1.0f;
  r.data[7] = std::numeric_limits<float>::quiet_NaN();
  r.crs_wkt =
      "PROJCS[\"WGS 84 / UTM zone 51N\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\","
      "6378137,298.257223563]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],"
      "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],"
      "PARAMETER[\"central_meridian\",123],PARAMETER[\"scale_factor\",0.9996],"
      "PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1],"
      "AUTHORITY[\"EPSG\",\"32651\"]]";
  return r;
}

void expect_same(const sd::io::Raster& a, const sd::io::Raster& b) {
  EXPECT_EQ(a.grid.nx, b.grid.nx);
  EXPECT_EQ(a.grid.ny, b.grid.ny);
  EXPECT_DOUBLE_EQ(a.grid.x0, b.grid.x0);
  EXPECT_DOUBLE_EQ(a.grid.y0, b.grid.y0);
  EXPECT_DOUBLE_EQ(a.grid.cell, b.grid.cell);
  ASSERT_EQ(a.data.size(), b.data.size());
  for (std::size_t k = 0; k < a.data.size(); ++k) {
    if (std::isnan(a.data[k]))
      EXPECT_TRUE(std::isnan(b.data[k])) << k;
    else
      EXPECT_FLOAT_EQ(a.data[k], b.data[k]) << k;
  }
  EXPECT_NE(b.crs_wkt.find("32651"), std::string::npos);
}

TEST(RasterIo, GeoTiffRoundTripKeepsValuesNoDataAndCrs) {
  const auto dir = std::filesystem::temp_directory_path() / "sd_raster_tif";
  std::filesystem::create_directories(dir);
  const auto path = (dir / "r.tif").string();
  const auto r = sample();
  sd::io::write_raster(path, r);
  expect_same(r, sd::io::read_raster(path));
}

TEST(RasterIo, AsciiRoundTripKeepsFullPrecision) {
  const auto dir = std::filesystem::temp_directory_path() / "sd_raster_asc";
  std::filesystem::create_directories(dir);
  const auto path = (dir / "r.asc").string();
  const auto r = sample();
  sd::io::write_raster(path, r);
  expect_same(r, sd::io::read_raster(path));
  EXPECT_TRUE(std::filesystem::exists(dir / "r.prj"));
}

std::string read_error(const std::string& path, long long max_cells = sd::io::kMaxRasterCells) {
  try {
    sd::io::read_raster(path, max_cells);
  } catch (const sd::InputError& e) {
    return e.what();
  }
  return "";
}

std::filesystem::path ascii_grid(const std::string& name, const std::string& header_and_values) {
  const auto dir = std::filesystem::temp_directory_path() / "sd_raster_size";
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream(path) << header_and_values;
  return path;
}

// A header can declare billions of cells in a few bytes (the fuzzer found one asking for
// 2.2 GB): the reader refuses it before allocating, naming the size and the remedy.
TEST(RasterIo, AHeaderDeclaringMoreCellsThanTheLimitIsRefusedBeforeReading) {
  const auto path = ascii_grid("huge.asc",
                               "ncols 60000\nnrows 40000\nxllcorner 0\nyllcorner 0\n"
                               "cellsize 1\n1 2 3\n");
  const std::string e = read_error(path.string());
  EXPECT_NE(e.find(path.string()), std::string::npos) << e;
  EXPECT_NE(e.find("60000 x 40000 = 2400000000 cells"), std::string::npos) << e;
  EXPECT_NE(e.find("crop or resample"), std::string::npos) << e;
  // The same grid under the limit is read (a caller may lower the cap, as the fuzzer does).
  const auto small = ascii_grid("small.asc",
                                "ncols 3\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 1\n"
                                "1 2 3\n4 5 6\n");
  EXPECT_EQ(read_error(small.string(), 6), "");
  EXPECT_NE(read_error(small.string(), 5).find("more than the 5"), std::string::npos);
}

TEST(RasterIo, AnAsciiGridShorterThanItsHeaderIsRefusedAsTruncated) {
  const auto path = ascii_grid("short.asc",
                               "ncols 2000\nnrows 1000\nxllcorner 0\nyllcorner 0\n"
                               "cellsize 1\n1 2 3\n");
  const std::string e = read_error(path.string());
  EXPECT_NE(e.find("2000 x 1000 values but the file has only"), std::string::npos) << e;
  EXPECT_NE(e.find("truncated"), std::string::npos) << e;
}

TEST(RasterIo, MissingFileNamesThePath) {
  try {
    sd::io::read_raster("/nonexistent/dem.tif");
    FAIL() << "expected InputError";
  } catch (const sd::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/dem.tif"), std::string::npos);
  }
}

}  // namespace
