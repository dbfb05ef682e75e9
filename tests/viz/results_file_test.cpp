// Opening results files: the fixture reads back exactly; bad files give clear messages.
#include <gtest/gtest.h>

#include <unistd.h>
#include <stdexcept>

#include <cmath>
#include <cstring>
#include <fstream>

#include "core/results_file.hpp"
#include "viz_test_util.hpp"

namespace sd::viz {
namespace {

namespace fx = fixture;
using test::scratch_dir;

std::string open_error(const std::filesystem::path& p) {
  try {
    ResultsFile::open(p);
  } catch (const ResultsError& e) {
    return e.what();
  }
  return "";
}

TEST(ResultsFile, ReadsMetaGridAndFramesOfTheFixture) {
  const auto dir = scratch_dir();
  fx::Options o;
  fx::write_results(dir / "run.h5", o);
  const auto f = ResultsFile::open(dir / "run.h5");
  EXPECT_EQ(f->meta().kind, "run");
  EXPECT_EQ(f->meta().format_version, 1);
  EXPECT_EQ(f->meta().scenario_name, "Haiyan fixture");
  EXPECT_EQ(f->meta().start_time, "2026-09-14T02:00:00+08:00");
  EXPECT_EQ(f->meta().seed, 42);
  EXPECT_DOUBLE_EQ(f->meta().duration_s, 4 * 3600.0);
  EXPECT_EQ(f->grid().nx, 64);
  EXPECT_EQ(f->grid().ny, 48);
  EXPECT_DOUBLE_EQ(f->grid().cell, 50.0);
  EXPECT_DOUBLE_EQ(f->grid().y0, 3380000.0);
  ASSERT_EQ(f->frame_times().size(), 5u);
  EXPECT_DOUBLE_EQ(f->frame_times()[3], 3 * 3600.0);
  ASSERT_TRUE(f->has_series(Series::depth));
  // Every cell of every frame equals what the writer computed (row 0 = north, index j*nx+i).
  for (std::size_t k = 0; k < 5; ++k) {
    const auto d = f->read_frame(Series::depth, k);
    ASSERT_EQ(d.size(), 64u * 48u);
    for (int j = 0; j < 48; ++j)
      for (int i = 0; i < 64; ++i) {
        const float want = fx::fixture_depth(o, i, j, static_cast<int>(k));
        const float got = d[static_cast<std::size_t>(j) * 64 + i];
        if (std::isnan(want))
          ASSERT_TRUE(std::isnan(got));
        else
          ASSERT_EQ(got, want) << "frame " << k << " cell " << i << "," << j;
      }
  }
  EXPECT_EQ(f->read_raster("/grid/elevation").size(), 64u * 48u);
  const auto max_depth = f->read_raster("/hazard/max_depth");
  const auto last = f->read_frame(Series::depth, 4);
  ASSERT_EQ(max_depth.size(), last.size());  // NaN-aware: same bits, NaN outside the domain
  EXPECT_EQ(std::memcmp(max_depth.data(), last.data(), last.size() * sizeof(float)), 0);
  EXPECT_THROW(f->read_frame(Series::depth, 5), ResultsError);
}

TEST(ResultsFile, TablesAreColumnWiseWithLabels) {
  const auto dir = scratch_dir();
  fx::write_results(dir / "run.h5", {});
  const auto f = ResultsFile::open(dir / "run.h5");
  const Table teams = f->read_table("/teams");
  ASSERT_EQ(teams.rows(), 3u);
  EXPECT_EQ(teams.text("name", 1), "Fire 2");
  EXPECT_EQ(teams.label("kind", 2), "medical");
  EXPECT_EQ(teams.columns().front().name, "name");  // creation order kept
  const Table inc = f->read_table("/incidents");
  EXPECT_EQ(inc.label("state", 2), "failed");
  EXPECT_TRUE(std::isnan(inc.num("t_done", 3, 0)));
  // A schema group the file lacks reads as empty; a name outside the results schema is a
  // reader bug and is refused (engine/results/results_schema.hpp).
  EXPECT_EQ(f->read_table("/places/towns").rows(), 0u);
  EXPECT_THROW(f->read_table("/nope"), std::logic_error);
  EXPECT_EQ(f->read_text("/meta/scenario_text"), "name = \"Haiyan fixture\"");
  EXPECT_THROW(f->read_text("/meta/nope"), std::logic_error);
  const auto state_row = f->read_row("/roads/state", 5);
  ASSERT_EQ(state_row.size(), 7u);
  EXPECT_EQ(state_row[4], 2.0f);  // closed by water from 2 h
  EXPECT_EQ(state_row[5], 3.0f);  // closed by inject from 1.5 h
}

TEST(ResultsFile, FollowsExternalHazardLinkRelativeToTheResultsFolder) {
  const auto dir = scratch_dir();
  fx::Options o;
  o.external_hazard = true;
  fx::write_results(dir / "run.h5", o);
  // Open from another working directory: the link must resolve against the file's folder.
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(std::filesystem::temp_directory_path());
  const auto f = ResultsFile::open(dir / "run.h5");
  std::filesystem::current_path(cwd);
  ASSERT_TRUE(f->has_series(Series::depth));
  const auto w = fx::wet_cell(o);
  EXPECT_EQ(f->read_frame(Series::depth, 2)[static_cast<std::size_t>(w.j) * o.nx + w.i],
            fx::fixture_depth(o, w.i, w.j, 2));
}

TEST(ResultsFile, MissingHazardCacheIsNamed) {
  const auto dir = scratch_dir();
  fx::Options o;
  o.external_hazard = true;
  fx::write_results(dir / "run.h5", o);
  std::filesystem::remove(dir / "run.hazard.h5");
  const std::string msg = open_error(dir / "run.h5");
  EXPECT_NE(msg.find("hazard cache file 'run.hazard.h5'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("missing"), std::string::npos) << msg;
}

TEST(ResultsFile, MissingFileIsReported) {
  const auto dir = scratch_dir();
  const std::string msg = open_error(dir / "absent.h5");
  EXPECT_NE(msg.find("absent.h5: no such file"), std::string::npos) << msg;
}

TEST(ResultsFile, NonHdf5FileIsReported) {
  const auto dir = scratch_dir();
  std::ofstream(dir / "x.h5") << "not hdf5 at all";
  EXPECT_NE(open_error(dir / "x.h5").find("not an HDF5 file"), std::string::npos);
}

TEST(ResultsFile, TruncatedFileIsReported) {
  const auto dir = scratch_dir();
  fx::write_results(dir / "run.h5", {});
  const auto size = std::filesystem::file_size(dir / "run.h5");
  std::filesystem::resize_file(dir / "run.h5", size / 2);
  const std::string msg = open_error(dir / "run.h5");
  EXPECT_NE(msg.find("truncated"), std::string::npos) << msg;
}

TEST(ResultsFile, ForeignHdf5FileIsReported) {
  const auto dir = scratch_dir();
  fx::Options o;
  o.format = "netcdf-something";
  fx::write_results(dir / "f.h5", o);
  const std::string msg = open_error(dir / "f.h5");
  EXPECT_NE(msg.find("not a stormdrill results file"), std::string::npos) << msg;
  EXPECT_NE(msg.find("netcdf-something"), std::string::npos) << msg;
}

TEST(ResultsFile, OlderAndNewerFormatVersionsAreReported) {
  const auto dir = scratch_dir();
  fx::Options o;
  o.format_version = 0;
  fx::write_results(dir / "old.h5", o);
  EXPECT_NE(open_error(dir / "old.h5").find("format version 0 is older"), std::string::npos);
  o.format_version = 2;
  fx::write_results(dir / "new.h5", o);
  EXPECT_NE(open_error(dir / "new.h5").find("format version 2 is newer"), std::string::npos);
}

TEST(ResultsFile, FloodOnlyAndStormOnlyFilesOpen) {
  const auto dir = scratch_dir();
  fx::Options o;
  o.kind = "flood";
  fx::write_results(dir / "flood.h5", o);
  const auto f = ResultsFile::open(dir / "flood.h5");
  EXPECT_TRUE(f->has_series(Series::depth));
  EXPECT_FALSE(f->has("/teams"));
  o.kind = "storm";
  fx::write_results(dir / "storm.h5", o);
  const auto s = ResultsFile::open(dir / "storm.h5");
  EXPECT_FALSE(s->has_series(Series::depth));
  EXPECT_TRUE(s->has_series(Series::rain));
  EXPECT_TRUE(s->has_series(Series::wind));
}

TEST(ResultsFile, BatchFileHasPlansAndRuns) {
  const auto dir = scratch_dir();
  fx::write_batch(dir / "batch.h5", {"a.h5", "b.h5"});
  const auto f = ResultsFile::open(dir / "batch.h5");
  EXPECT_EQ(f->meta().kind, "batch");
  const Table plans = f->read_table("/plans");
  ASSERT_EQ(plans.rows(), 3u);
  EXPECT_EQ(plans.columns().front().name, "plan");
  EXPECT_EQ(f->read_table("/runs").text("results_path", 1), "b.h5");
}

}  // namespace
}  // namespace sd::viz
