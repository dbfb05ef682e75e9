// Frame streaming: cached frames equal direct reads; the cache stays within its budget; the
// prefetch thread fills it without blocking the caller.
#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <thread>

#include "core/frame_cache.hpp"
#include "viz_test_util.hpp"

namespace sd::viz {
namespace {

namespace fx = fixture;
using test::scratch_dir;

TEST(FrameCache, GetMatchesDirectReadsAndRespectsCapacity) {
  const auto dir = scratch_dir();
  fx::Options o;
  o.frames = 8;
  fx::write_results(dir / "run.h5", o);
  const auto f = ResultsFile::open(dir / "run.h5");
  const std::size_t frame_bytes = 64 * 48 * sizeof(float);
  FrameCache cache(*f, 3 * frame_bytes);
  EXPECT_EQ(cache.capacity(), 3u);
  for (std::size_t k = 0; k < 8; ++k) {
    const auto a = cache.get(Series::depth, k);
    const auto b = f->read_frame(Series::depth, k);
    ASSERT_EQ(a->size(), b.size());
    EXPECT_EQ(std::memcmp(a->data(), b.data(), b.size() * sizeof(float)), 0);
  }
  EXPECT_EQ(cache.stats().loads, 8u);
  cache.get(Series::depth, 7);  // still cached
  EXPECT_EQ(cache.stats().loads, 8u);
  cache.get(Series::depth, 0);  // evicted long ago
  EXPECT_EQ(cache.stats().loads, 9u);
}

TEST(FrameCache, PrefetchLoadsInTheBackground) {
  const auto dir = scratch_dir();
  fx::write_results(dir / "run.h5", {});
  const auto f = ResultsFile::open(dir / "run.h5");
  FrameCache cache(*f, 64u << 20);
  EXPECT_EQ(cache.try_get(Series::rain, 3), nullptr);  // not loaded yet: never blocks
  cache.prefetch(Series::depth, 4);
  FrameCache::Frame got;
  for (int k = 0; k < 500 && !got; ++k) {
    got = cache.try_get(Series::rain, 3);
    if (!got) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_NE(got, nullptr);
  const auto direct = f->read_frame(Series::rain, 3);
  ASSERT_EQ(got->size(), direct.size());  // bitwise: NaN marks cells outside the domain
  EXPECT_EQ(std::memcmp(got->data(), direct.data(), direct.size() * sizeof(float)), 0);
  FrameCache::Frame depth;
  for (int k = 0; k < 500 && !depth; ++k) {
    depth = cache.try_get(Series::depth, 4);
    if (!depth) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_NE(depth, nullptr);
  EXPECT_TRUE(cache.last_error().empty());
}

TEST(FrameCache, ReadErrorsAreReportedNotThrownFromTheThread) {
  const auto dir = scratch_dir();
  fx::write_results(dir / "run.h5", {});
  const auto f = ResultsFile::open(dir / "run.h5");
  FrameCache cache(*f, 64u << 20);
  cache.prefetch(Series::depth, 99);
  for (int k = 0; k < 500 && cache.last_error().empty(); ++k)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  EXPECT_NE(cache.last_error().find("out of range"), std::string::npos) << cache.last_error();
  EXPECT_THROW(cache.get(Series::depth, 99), ResultsError);
}

}  // namespace
}  // namespace sd::viz
