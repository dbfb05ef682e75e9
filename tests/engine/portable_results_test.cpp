// Results that leave the machine intact (issue 13 §4): `--self-contained` copies the hazard
// into the run file, `pack` does it after the fact, `info` says when a link is broken, and the
// rasters are georeferenced so GDAL's netCDF driver (gdalinfo, QGIS) places them on the map.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "batch_fixture.hpp"
#include "cli_runner.hpp"
#include "io/h5.hpp"

namespace fs = std::filesystem;

namespace {

// The flood county of batch_fixture.hpp: 40 x 30 cells of 50 m, western edge 300000,
// northern edge 3381500, UTM 51N (EPSG:32651).
constexpr const char* kUpperLeft = "Upper Left  (  300000.000, 3381500.000)";
constexpr const char* kLowerRight = "Lower Right (  302000.000, 3380000.000)";

struct County {
  fs::path dir;
  explicit County(const std::string& name) : dir(sdtest::make_flood_county("portable_" + name)) {}
  ~County() { fs::remove_all(dir); }
  fs::path cache() const { return dir / "cache"; }
  sdtest::CommandResult run(const fs::path& out, const std::string& extra = "") const {
    return sdtest::stormdrill("run " + (dir / "scenario.toml").string() + " -o " + out.string() +
                              " --cache-dir " + cache().string() + " --threads 1 -q " + extra);
  }
};

H5L_type_t hazard_link_type(const fs::path& file) {
  auto f = sd::h5::File::open_read(file.string());
  H5L_info_t info;
  EXPECT_GE(H5Lget_info(f, "hazard", &info, H5P_DEFAULT), 0);
  return info.type;
}

std::vector<float> last_depth_frame(const fs::path& file) {
  auto f = sd::h5::File::open_read(file.string());
  const auto t = sd::h5::read_vector<double>(f, "hazard/time");
  std::vector<float> v;
  sd::h5::read_frame<float>(f, "hazard/depth", t.size() - 1, v);
  return v;
}

bool same(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (!(a[k] == b[k] || (std::isnan(a[k]) && std::isnan(b[k])))) return false;
  return true;
}

std::string gdalinfo(const fs::path& file, const std::string& var) {
  return sdtest::run_command("gdalinfo 'NETCDF:\"" + file.string() + "\":" + var + "'").output;
}

void expect_georeferenced(const fs::path& file, const std::string& var) {
  const std::string g = gdalinfo(file, var);
  EXPECT_NE(g.find("Driver: netCDF"), std::string::npos) << var << "\n" << g;
  EXPECT_NE(g.find(kUpperLeft), std::string::npos) << var << "\n" << g;
  EXPECT_NE(g.find(kLowerRight), std::string::npos) << var << "\n" << g;
  EXPECT_NE(g.find("ID[\"EPSG\",32651]"), std::string::npos) << var << ": CRS\n" << g;
}

TEST(PortableResults, SelfContainedRunKeepsItsHazardWhenTheCacheIsGone) {
  County c("selfc");
  const auto out = c.dir / "out.h5";
  const auto r = c.run(out, "--self-contained");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(hazard_link_type(out), H5L_TYPE_HARD) << "frames copied, not linked";
  const auto before = last_depth_frame(out);
  fs::remove_all(c.cache());
  EXPECT_TRUE(same(last_depth_frame(out), before));
  const auto i = sdtest::stormdrill("info " + out.string());
  EXPECT_EQ(i.exit_code, 0) << i.output;
  EXPECT_NE(i.output.find("hazard: embedded"), std::string::npos) << i.output;
  EXPECT_NE(i.output.find("hazard/depth"), std::string::npos) << i.output;
}

TEST(PortableResults, DemoIsSelfContainedByDefault) {
  County c("demo");
  const auto out = c.dir / "demo.h5";
  const auto r = sdtest::run_command("STORMDRILL_DEMO=" + (c.dir / "scenario.toml").string() + " " +
                                     STORMDRILL_BINARY + " demo -o " + out.string() +
                                     " --cache-dir " + c.cache().string() + " --threads 1 -q");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(hazard_link_type(out), H5L_TYPE_HARD);
}

TEST(PortableResults, BatchAcceptsSelfContained) {
  County c("batch");
  // A batch file holds statistics, never hazard links: the flag is accepted and changes nothing.
  const auto r = sdtest::stormdrill(
      "batch --scenario " + (c.dir / "scenario.toml").string() + " --plans " +
      (c.dir / "plan-a.toml").string() + " --members 1 -o " + (c.dir / "b.h5").string() +
      " --cache-dir " + c.cache().string() + " --threads 1 -q --self-contained");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto f = sd::h5::File::open_read((c.dir / "b.h5").string());
  EXPECT_FALSE(H5Lexists(f, "hazard", H5P_DEFAULT) > 0);
}

TEST(PortableResults, OutputOnAnotherFileSystemEmbedsTheHazard) {
  County c("otherfs");
  // /dev/shm is a tmpfs on Linux; the test needs it to be another file system than /tmp.
  const fs::path shm = fs::path("/dev/shm") / ("sd_portable_" + std::to_string(::getpid()));
  struct stat a {
  }, b{};
  if (::stat("/dev/shm", &a) != 0 || ::stat(c.dir.c_str(), &b) != 0 || a.st_dev == b.st_dev)
    GTEST_SKIP() << "no second file system (/dev/shm) here";
  fs::create_directories(shm);
  const auto r = c.run(shm / "out.h5");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(hazard_link_type(shm / "out.h5"), H5L_TYPE_HARD) << "no link across file systems";
  fs::remove_all(shm);
}

TEST(PortableResults, InfoSaysWhenTheHazardLinkIsBroken) {
  County c("info");
  const auto out = c.dir / "out.h5";
  ASSERT_EQ(c.run(out).exit_code, 0);
  ASSERT_EQ(hazard_link_type(out), H5L_TYPE_EXTERNAL) << "same file system: linked";
  const auto linked = sdtest::stormdrill("info " + out.string());
  EXPECT_NE(linked.output.find("hazard: linked to " + c.cache().string()), std::string::npos)
      << linked.output;
  // Copied to another folder, the relative link points nowhere.
  fs::create_directories(c.dir / "elsewhere/deeper");
  fs::copy_file(out, c.dir / "elsewhere/deeper/out.h5");
  const auto copied = sdtest::stormdrill("info " + (c.dir / "elsewhere/deeper/out.h5").string());
  EXPECT_EQ(copied.exit_code, 0) << copied.output;
  EXPECT_NE(copied.output.find("hazard: missing (linked to "), std::string::npos) << copied.output;
  // The cache deleted: the original says so and names the cache file.
  fs::remove_all(c.cache());
  const auto gone = sdtest::stormdrill("info " + out.string());
  EXPECT_NE(gone.output.find("hazard: missing (linked to " + c.cache().string()), std::string::npos)
      << gone.output;
}

TEST(PortableResults, PackEmbedsTheHazardAfterTheFact) {
  County c("pack");
  const auto out = c.dir / "out.h5", share = c.dir / "share/shareable.h5";
  ASSERT_EQ(c.run(out).exit_code, 0);
  fs::create_directories(share.parent_path());
  const auto frame = last_depth_frame(out);
  const auto p = sdtest::stormdrill("pack " + out.string() + " -o " + share.string());
  ASSERT_EQ(p.exit_code, 0) << p.output;
  EXPECT_TRUE(fs::exists(c.dir / "share/shareable.xmf"));
  fs::remove_all(c.cache());
  EXPECT_EQ(hazard_link_type(share), H5L_TYPE_HARD);
  EXPECT_TRUE(same(last_depth_frame(share), frame));
  {
    auto a = sd::h5::File::open_read(out.string());
    auto b = sd::h5::File::open_read(share.string());
    EXPECT_EQ(sd::h5::read_vector<double>(a, "kpi/final/value"),
              sd::h5::read_vector<double>(b, "kpi/final/value"));
    EXPECT_EQ(sd::h5::read_vector<std::int32_t>(a, "incidents/id"),
              sd::h5::read_vector<std::int32_t>(b, "incidents/id"));
  }
  EXPECT_NE(sdtest::stormdrill("info " + share.string()).output.find("hazard: embedded"),
            std::string::npos);
  expect_georeferenced(share, "/hazard/max_depth");
  // Nothing left to embed: a clear refusal, and no output file.
  const auto broken =
      sdtest::stormdrill("pack " + out.string() + " -o " + (c.dir / "again.h5").string());
  EXPECT_EQ(broken.exit_code, 2) << broken.output;
  EXPECT_NE(broken.output.find("hazard: missing (linked to "), std::string::npos) << broken.output;
  EXPECT_FALSE(fs::exists(c.dir / "again.h5"));
  EXPECT_EQ(sdtest::stormdrill("pack " + share.string() + " -o " + share.string()).exit_code, 2);
}

TEST(PortableResults, GdalNetcdfDriverReadsCornersAndCrsOfTheRasters) {
  County c("gdal");
  const auto linked = c.dir / "linked.h5", embedded = c.dir / "embedded.h5";
  ASSERT_EQ(c.run(linked).exit_code, 0);
  ASSERT_EQ(c.run(embedded, "--self-contained").exit_code, 0);
  for (const auto& f : {linked, embedded}) {
    expect_georeferenced(f, "/hazard/max_depth");
    expect_georeferenced(f, "/hazard/depth");
    expect_georeferenced(f, "/grid/elevation");
  }
  // The depth series: one band per frame, with the frame times as the `time` dimension.
  auto h = sd::h5::File::open_read(embedded.string());
  const auto t = sd::h5::read_vector<double>(h, "hazard/time");
  const std::string g = gdalinfo(embedded, "/hazard/depth");
  EXPECT_NE(g.find("Band " + std::to_string(t.size()) + " "), std::string::npos) << g;
  EXPECT_EQ(g.find("Band " + std::to_string(t.size() + 1) + " "), std::string::npos) << g;
  EXPECT_NE(g.find("NETCDF_DIM_time_VALUES={0,600,"), std::string::npos) << g;
}

}  // namespace
