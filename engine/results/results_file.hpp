// One stormdrill results file (format version 1, docs/results-format.md), opened read-only:
// the reader shared by the viewer, `stormdrill report` and `stormdrill export`. Every path it
// is asked for must be in the results schema (results_schema.hpp; std::logic_error if not).
//
// Everything small (meta, grid, tables, time axes) is read by the caller on demand; raster
// series are read one frame at a time by hyperslab so a 2000 x 2000 x 500 run is never loaded.
#pragma once

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "results/h5_read.hpp"
#include "results/results_schema.hpp"
#include "results/table.hpp"

namespace sd::results {

inline constexpr int kFormatVersion = schema::name::kFormatVersion;

// A file the viewer cannot use; the message names the file and what is wrong with it.
class ResultsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Meta {
  std::string kind = "run";  // run, flood, storm, batch
  int format_version = 0;
  std::string engine_version, git_commit, scenario_name, start_time;
  double duration_s = 0, wall_s = 0;
  long long seed = 0;
  std::string plan, language, parent_path;  // run files; empty when not recorded
  std::string rank_by;                      // batch files
};

struct GridInfo {
  int nx = 0, ny = 0;
  double x0 = 0, y0 = 0, cell = 1;  // west edge, north edge, square cell (m)
  std::string crs_wkt;
  std::size_t size() const { return static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny); }
};

enum class Series { depth, rain, wind };
const char* series_name(Series s);  // dataset name under /hazard
const char* series_units(Series s);

class ResultsFile {
 public:
  // Throws ResultsError for a missing, truncated, foreign or wrong-version file and for a run
  // whose /hazard external link points at a cache file that is not there.
  static std::unique_ptr<ResultsFile> open(const std::filesystem::path& path);
  ~ResultsFile();

  const std::filesystem::path& path() const { return path_; }
  const Meta& meta() const { return meta_; }
  const GridInfo& grid() const { return grid_; }
  bool has(const std::string& h5path) const;
  // The file's HDF5 id, for readers that need an attribute the accessors do not cover.
  hid_t id() const { return file_.get(); }

  // (y,x) float rasters such as /grid/elevation or /hazard/max_depth; empty when absent.
  std::vector<float> read_raster(const std::string& h5path) const;

  const std::vector<double>& frame_times() const { return frame_times_; }  // /hazard/time
  bool has_series(Series s) const;
  // Frame k of a (time,y,x) series, row 0 = north; throws ResultsError on a read failure.
  std::vector<float> read_frame(Series s, std::size_t k) const;
  // Row k of a 2-D (time, n) dataset such as /roads/state, converted to float.
  std::vector<float> read_row(const std::string& h5path, std::size_t k) const;
  std::vector<double> read_vector(const std::string& h5path) const;  // empty when absent
  // Whole 2-D dataset (rows, cols) converted to T (uint8 or float); empty when absent.
  template <class T>
  std::vector<T> read_matrix(const std::string& h5path, std::size_t& rows, std::size_t& cols) const;
  Table read_table(const std::string& group) const;
  // A 1-D string dataset; empty when absent.
  std::vector<std::string> read_strings(const std::string& h5path) const;
  // A string dataset (scalar or 1-D, joined by newlines); empty when absent.
  std::string read_text(const std::string& h5path) const;
  // Start of the run's clock and its end (duration, else the last frame/KPI time).
  double end_time() const;

 private:
  ResultsFile() = default;
  void read_meta();
  void read_grid();
  void open_hazard();

  std::filesystem::path path_;
  h5::Handle file_, lapl_, hazard_;
  Meta meta_;
  GridInfo grid_;
  std::vector<double> frame_times_;
  mutable std::vector<h5::Handle> series_;  // opened lazily, index = Series
};

}  // namespace sd::results
