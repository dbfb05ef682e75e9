// The results schema is the one definition of the files (issue 14 §3): everything the writer
// produces for a small run, its hazard cache entry and a batch is listed in
// engine/results/results_schema.cpp with the declared type, shape and units, and the shared
// reader refuses names the schema does not define.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <stdexcept>
#include <vector>

#include "results/h5_read.hpp"
#include "results/results_file.hpp"
#include "results/results_schema.hpp"
#include "results_files.hpp"

namespace fs = std::filesystem;
namespace schema = sd::schema;
namespace h5 = sd::h5;

namespace {

struct Found {
  std::string path;
  std::vector<hsize_t> dims;
  H5T_class_t cls;
  std::size_t size;
  bool is_signed;
  std::string units;  // "" when the dataset has no units attribute
  std::vector<std::string> attrs;
};

std::vector<std::string> attribute_names(hid_t obj) {
  std::vector<std::string> names;
  hsize_t idx = 0;
  H5Aiterate2(
      obj, H5_INDEX_NAME, H5_ITER_INC, &idx,
      [](hid_t, const char* name, const H5A_info_t*, void* data) -> herr_t {
        static_cast<std::vector<std::string>*>(data)->emplace_back(name);
        return 0;
      },
      &names);
  return names;
}

std::vector<Found> all_datasets(hid_t file) {
  std::vector<Found> out;
  H5Ovisit(
      file, H5_INDEX_NAME, H5_ITER_INC,
      [](hid_t loc, const char* name, const H5O_info_t* info, void* data) -> herr_t {
        if (info->type != H5O_TYPE_DATASET) return 0;
        Found f;
        f.path = name;
        h5::Handle d(H5Dopen2(loc, name, H5P_DEFAULT));
        f.dims = h5::dims(d);
        h5::Handle t(H5Dget_type(d));
        f.cls = H5Tget_class(t);
        f.size = H5Tget_size(t);
        f.is_signed = f.cls == H5T_INTEGER && H5Tget_sign(t) == H5T_SGN_2;
        f.units = h5::find_attr_string(d, "units").value_or("");
        f.attrs = attribute_names(d);
        static_cast<std::vector<Found>*>(data)->push_back(std::move(f));
        return 0;
      },
      &out);
  return out;
}

bool dtype_matches(schema::DType t, const Found& f) {
  using enum schema::DType;
  switch (t) {
    case f64:
      return f.cls == H5T_FLOAT && f.size == 8;
    case f32:
      return f.cls == H5T_FLOAT && f.size == 4;
    case i32:
      return f.cls == H5T_INTEGER && f.size == 4 && f.is_signed;
    case i64:
      return f.cls == H5T_INTEGER && f.size == 8 && f.is_signed;
    case u8:
      return f.cls == H5T_INTEGER && f.size == 1 && !f.is_signed;
    case str:
      return f.cls == H5T_STRING;
    case number:
      return f.cls == H5T_INTEGER || f.cls == H5T_FLOAT;
  }
  return false;
}

// Length of a 1-D dataset, 0 when absent.
hsize_t length(hid_t file, const std::string& path) {
  if (!h5::exists(file, path)) return 0;
  const auto d = h5::shape(file, path);
  return d.size() == 1 ? d[0] : 0;
}

std::string parent(const std::string& p) {
  const auto k = p.rfind('/');
  return k == std::string::npos ? "" : p.substr(0, k);
}

// The extent the schema's shape rule demands, or an explanation when it does not hold.
std::string shape_problem(hid_t file, const Found& f, schema::Shape s) {
  using S = schema::Shape;
  const bool gridded = h5::exists(file, "grid");
  const hsize_t nx = gridded ? h5::attr_int(h5::open_group(file, "grid"), "nx") : 0;
  const hsize_t ny = gridded ? h5::attr_int(h5::open_group(file, "grid"), "ny") : 0;
  std::vector<hsize_t> want;
  switch (s) {
    case S::scalar:
      want = {};
      break;
    case S::column:
    case S::vector:
      if (f.dims.size() != 1) return "not 1-D";
      if (s == S::column) {
        // Every column of a table group has the same length.
        h5::Handle g = h5::open_group(file, parent(f.path));
        for (const auto& sib : all_datasets(g))
          if (sib.path.find('/') == std::string::npos && sib.dims.size() == 1 &&
              sib.dims[0] != f.dims[0])
            return "column length " + std::to_string(f.dims[0]) + " but " + sib.path + " has " +
                   std::to_string(sib.dims[0]);
      }
      return "";
    case S::grid:
      want = {ny, nx};
      break;
    case S::axis_x:
      want = {nx};
      break;
    case S::axis_y:
      want = {ny};
      break;
    case S::frames:
      want = {length(file, parent(f.path) + "/time"), ny, nx};
      break;
    case S::road_frames:
      want = {length(file, "roads/time"), length(file, "roads/edges/from")};
      break;
    case S::kpi_shelters:
      want = {length(file, "kpi/time"), length(file, "assets/shelters/x")};
      break;
    case S::kpi_series:
      want = {length(file, "kpi/time")};
      break;
    case S::road_series:
      want = {length(file, "roads/time")};
      break;
    case S::fine_grid:
      want = {length(file, "hazard/fine/y"), length(file, "hazard/fine/x")};
      break;
    case S::fine_axis_x:
    case S::fine_axis_y:
      if (f.dims.size() != 1) return "not 1-D";
      return "";
  }
  if (f.dims != want) {
    std::string got, exp;
    for (auto d : f.dims) got += std::to_string(d) + " ";
    for (auto d : want) exp += std::to_string(d) + " ";
    return "shape (" + got + ") but the schema says (" + exp + ")";
  }
  return "";
}

// Every dataset and group attribute of `path` is in the schema, as declared.
void expect_conforms(const fs::path& path, unsigned kind) {
  SCOPED_TRACE(path.string());
  h5::quiet_errors();
  h5::Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
  ASSERT_TRUE(file.valid());
  std::set<std::string> seen;
  for (const auto& f : all_datasets(file)) {
    seen.insert(f.path);
    const schema::DatasetSpec* spec = schema::find(f.path);
    ASSERT_NE(spec, nullptr) << f.path << " is written but not in the results schema";
    EXPECT_TRUE(spec->kinds & kind) << f.path << " is not declared for this kind of file";
    EXPECT_TRUE(dtype_matches(spec->dtype, f))
        << f.path << " is not " << schema::dtype_name(spec->dtype);
    EXPECT_EQ(shape_problem(file, f, spec->shape), "") << f.path;
    if (spec->units_attr) {
      EXPECT_EQ(f.units, spec->units) << f.path << ": units attribute";
    }
    for (const auto& a : f.attrs)
      EXPECT_TRUE(schema::is_dataset_attribute(a)) << f.path << "@" << a;
  }
  for (const char* g : {"meta", "grid", "hazard", "timeline", "tradeoff", "branch"}) {
    if (!h5::exists(file, g)) continue;
    h5::Handle grp = h5::open_group(file, g);
    for (const auto& a : attribute_names(grp))
      EXPECT_NE(schema::find_attribute(g, a), nullptr)
          << "/" << g << "@" << a << " is written but not in the results schema";
  }
}

// Every entry: the run's (with flood checkpoints) and the batch's (without). Checking only the
// first one the directory listed let the checkpoints go undeclared whenever it was a batch's.
std::vector<fs::path> cache_entries() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(sdtest::results_files().cache))
    if (e.path().extension() == ".h5") out.push_back(e.path());
  return out;
}

}  // namespace

TEST(ResultsSchema, RunFileHoldsOnlySchemaDatasetsWithTheirShapesAndUnits) {
  const auto& f = sdtest::results_files();
  ASSERT_EQ(f.error, "");
  expect_conforms(f.run, schema::kRun);
  // What the debrief needs to compute per-town figures from the file alone.
  h5::Handle file(H5Fopen(f.run.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
  for (const char* p : {"grid/population", "grid/town", "places/towns/name",
                        "places/towns/evacuated", "incidents/town", "incidents/deadline_s",
                        "assets/critical_sites/peak_depth", "hazard/max_depth"})
    EXPECT_TRUE(h5::exists(file, p)) << p;
  EXPECT_EQ(h5::attr_string(h5::open_group(file, "meta"), "language"), "en");
}

// The sluices and pumping stations of the scenario, written and read back through the schema.
TEST(ResultsSchema, DrainageStructuresRoundTrip) {
  const auto& f = sdtest::results_files();
  ASSERT_EQ(f.error, "");
  auto file = sd::results::ResultsFile::open(f.run);
  const auto t = file->read_table("/assets/drainage");
  ASSERT_EQ(t.rows(), 2u);
  EXPECT_EQ(t.text("name", 0), "Sea sluice");
  EXPECT_EQ(t.label("kind", 0), "sluice");
  EXPECT_TRUE(std::isnan(t.num("capacity_m3s", 0, 0)));
  EXPECT_EQ(t.text("name", 1), "Polder pump");
  EXPECT_EQ(t.label("kind", 1), "pumping_station");
  EXPECT_EQ(t.num("capacity_m3s", 1, 0), 0.5);
  EXPECT_EQ(t.num("x", 1, 0), 301025.0);
  EXPECT_EQ(t.num("y", 1, 0), 3380725.0);
}

TEST(ResultsSchema, HazardCacheEntryHoldsOnlySchemaDatasets) {
  ASSERT_EQ(sdtest::results_files().error, "");
  const auto entries = cache_entries();
  ASSERT_GE(entries.size(), 2u) << "the run's and the batch's hazards";
  bool checkpoints = false;
  for (const auto& entry : entries) {
    expect_conforms(entry, schema::kHazard);
    h5::Handle file(H5Fopen(entry.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    checkpoints = checkpoints || h5::exists(file, "checkpoints/t_3600");
  }
  EXPECT_TRUE(checkpoints) << "the run's entry keeps its hourly flood checkpoints";
}

TEST(ResultsSchema, BranchFileHoldsOnlySchemaDatasets) {
  const auto& f = sdtest::results_files();
  ASSERT_EQ(f.error, "");
  expect_conforms(f.branch, schema::kRun);
  h5::Handle file(H5Fopen(f.branch.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
  EXPECT_EQ(h5::attr_string(h5::open_group(file, "meta"), "parent_path"),
            h5::attr_string(h5::open_group(file, "branch"), "parent_path"));
}

TEST(ResultsSchema, BatchFileHoldsOnlySchemaDatasets) {
  const auto& f = sdtest::results_files();
  ASSERT_EQ(f.error, "");
  expect_conforms(f.batch, schema::kBatch);
}

TEST(ResultsSchema, WildcardsMatchOneSegmentOnly) {
  EXPECT_NE(schema::find("plans/incidents_served_mean"), nullptr);
  EXPECT_NE(schema::find("/runs/incidents_served"), nullptr);
  EXPECT_EQ(schema::find("runs/extra/incidents_served"), nullptr);
  EXPECT_EQ(schema::find("incidents/no_such_column"), nullptr);
  EXPECT_TRUE(schema::is_group("/assets"));
  EXPECT_TRUE(schema::is_group("teams/track"));
  EXPECT_FALSE(schema::is_group("teams/trak"));
}

TEST(ResultsSchema, SharedReaderRefusesNamesOutsideTheSchema) {
  const auto& f = sdtest::results_files();
  ASSERT_EQ(f.error, "");
  auto file = sd::results::ResultsFile::open(f.run);
  EXPECT_TRUE(file->has("/incidents/t_created"));
  EXPECT_THROW(file->has("/incidents/t_creation"), std::logic_error);
  EXPECT_THROW(file->read_vector("/kpi/teams_busyy"), std::logic_error);
  const auto incidents = file->read_table("/incidents");
  EXPECT_GT(incidents.rows(), 0u);
  EXPECT_NO_THROW(incidents.num("t_created", 0, 0));
  try {
    incidents.num("t_create", 0, 0);
    ADD_FAILURE() << "a column outside the schema was looked up silently";
  } catch (const std::logic_error& e) {
    EXPECT_NE(std::string(e.what()).find("incidents/t_create"), std::string::npos) << e.what();
  }
}
