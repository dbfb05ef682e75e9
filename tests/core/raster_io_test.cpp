// Raster round-trips through GeoTIFF and ESRI ASCII keep values, NoData, geotransform and CRS.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>

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

TEST(RasterIo, MissingFileNamesThePath) {
  try {
    sd::io::read_raster("/nonexistent/dem.tif");
    FAIL() << "expected InputError";
  } catch (const sd::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/dem.tif"), std::string::npos);
  }
}

}  // namespace
