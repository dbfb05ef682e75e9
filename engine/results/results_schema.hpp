#pragma once
// The results schema, defined once: every dataset and group attribute of stormdrill's run,
// hazard-cache and batch files (and of the flood/storm files that share /grid and /hazard),
// with its shape rule, stored type, units and meaning. docs/results-format.md is its prose.
//
// One writer (engine/output, engine/hazard, engine/batch) and four readers (the viewer,
// `info`, `report`, `export`) use these names. The readers go through results::ResultsFile
// and results::Table, which refuse (std::logic_error) any path or column that is not listed
// here, and tests/results/schema_test.cpp checks that everything the writer produces for a
// small run and batch is listed with the declared shape, type and units: a dataset renamed on
// one side fails a test instead of silently vanishing from a reader.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace sd::schema {

// Which files hold an entry (bit set).
enum FileKind : unsigned {
  kRun = 1,     // `stormdrill run` / `demo` (/meta@kind = run)
  kHazard = 2,  // the hazard cache entry <cache>/<key>.h5 (kind = hazard)
  kBatch = 4,   // `stormdrill batch` (kind = batch)
  kFlood = 8,   // `stormdrill flood`
  kStorm = 16,  // `stormdrill storm`
  kGridded = kRun | kHazard | kFlood | kStorm,
};

enum class DType { f64, f32, i32, i64, u8, str, number /* any integer or float */ };

// How a dataset's extent is determined.
enum class Shape {
  scalar,        // a scalar dataset
  column,        // 1-D, as long as every other column of its group (a table column)
  vector,        // 1-D, any length
  grid,          // (ny, nx) of /grid
  axis_x,        // (nx)
  axis_y,        // (ny)
  frames,        // (T, ny, nx), T = length of the group's `time`
  road_frames,   // (length of roads/time, rows of roads/edges)
  kpi_shelters,  // (length of kpi/time, rows of assets/shelters)
  kpi_series,    // (length of kpi/time)
  road_series,   // (length of roads/time)
  fine_grid,     // (ny, nx) of the fine DEM: lengths of hazard/fine/y and hazard/fine/x
  fine_axis_x,   // (fine nx)
  fine_axis_y,   // (fine ny)
};

// Sub-grid runs' fine rasters (group /hazard/fine), named here once for writers and readers.
namespace fine {
inline constexpr const char* kGroup = "hazard/fine";
inline constexpr const char* kMaxDepth = "max_depth";
inline constexpr const char* kFirstAbove = "first_above_0p15m";
inline constexpr const char* kDuration = "duration_above_threshold";
inline constexpr const char* kHazardRating = "hazard_rating";
}  // namespace fine

struct DatasetSpec {
  std::string_view path;  // from the root, no leading '/'; '*' matches within one segment
  DType dtype;
  Shape shape;
  std::string_view units;  // "" = dimensionless / not a quantity
  unsigned kinds;
  bool units_attr;  // the dataset carries `units` = units (CF); otherwise units are documentary
  std::string_view meaning;
};

struct AttrSpec {
  std::string_view object;  // group path, no leading '/'
  std::string_view name;
  DType dtype;
  unsigned kinds;
  std::string_view meaning;
};

std::span<const DatasetSpec> datasets();
std::span<const AttrSpec> group_attributes();
// Attributes any dataset may carry (CF units/long_name, enum labels, netCDF/HDF5 dimension
// scale bookkeeping).
bool is_dataset_attribute(std::string_view name);

// The spec a path (with or without a leading '/') matches, or nullptr. Group paths match
// when some dataset lives under them.
const DatasetSpec* find(std::string_view path);
bool is_group(std::string_view path);
const AttrSpec* find_attribute(std::string_view object, std::string_view name);
// Throws std::logic_error naming the path when it is neither a listed dataset nor a group of
// one: a reader asking for a name the writer never writes is a programming error.
void require(std::string_view path);

const char* dtype_name(DType t);

// Names the code spells in more than one place (writer and readers).
namespace name {
inline constexpr const char* kFormat = "stormdrill-results";
inline constexpr int kFormatVersion = 1;
inline constexpr const char* kLanguage = "language";       // /meta@language: zh, en
inline constexpr const char* kParentPath = "parent_path";  // /meta@parent_path (branch runs)
}  // namespace name

}  // namespace sd::schema
