#include "results/results_file.hpp"

#include "io/h5_checksum.hpp"  // compiled into sd_results
#include "results/results_schema.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <type_traits>

namespace sd::results {

namespace fs = std::filesystem;

const char* series_name(Series s) {
  switch (s) {
    case Series::depth:
      return "depth";
    case Series::rain:
      return "rain";
    case Series::wind:
      return "wind";
  }
  return "?";
}

const char* series_units(Series s) {
  switch (s) {
    case Series::depth:
      return "m";
    case Series::rain:
      return "mm/h";
    case Series::wind:
      return "m/s";
  }
  return "";
}

ResultsFile::~ResultsFile() {
  std::lock_guard lk(h5::api_lock());
  series_.clear();
  hazard_.reset();
  lapl_.reset();
  file_.reset();
}

std::unique_ptr<ResultsFile> ResultsFile::open(const fs::path& path) {
  h5::quiet_errors();
  const std::string p = path.string();
  std::error_code ec;
  if (!fs::exists(path, ec)) throw ResultsError(p + ": no such file");
  if (fs::is_directory(path, ec)) throw ResultsError(p + ": is a directory, not a results file");
  std::lock_guard lk(h5::api_lock());
  const htri_t is_h5 = H5Fis_hdf5(p.c_str());
  if (is_h5 <= 0)
    throw ResultsError(p + ": not an HDF5 file (expected a stormdrill results file, *.h5)");
  // Verified before HDF5 parses it (files from before checksum seals still open).
  if (auto bad = sd::h5::seal_problem(p, false)) throw ResultsError(p + ": corrupted: " + *bad);
  std::unique_ptr<ResultsFile> r(new ResultsFile());
  r->path_ = path;
  r->file_ = h5::Handle(H5Fopen(p.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
  if (!r->file_.valid())
    throw ResultsError(p +
                       ": HDF5 file cannot be opened, it is truncated or corrupt (an interrupted "
                       "run leaves NAME.h5.tmpPID; only complete files are renamed to .h5)");
  r->read_meta();
  if (r->meta_.kind != "batch") r->read_grid();
  r->open_hazard();
  return r;
}

void ResultsFile::read_meta() {
  const std::string p = path_.string();
  if (!h5::exists(file_.get(), "/meta"))
    throw ResultsError(p + ": not a stormdrill results file (no /meta group)");
  h5::Handle m(H5Gopen2(file_.get(), "/meta", H5P_DEFAULT));
  const auto format = h5::find_attr_string(m.get(), "format");
  if (!format || *format != schema::name::kFormat)
    throw ResultsError(p + ": not a stormdrill results file (/meta@format is " +
                       (format ? "'" + *format + "'" : std::string("missing")) +
                       ", expected 'stormdrill-results')");
  const auto version = h5::find_attr_double(m.get(), "format_version");
  if (!version) throw ResultsError(p + ": /meta@format_version is missing or not an integer");
  meta_.format_version = static_cast<int>(*version);
  if (meta_.format_version < kFormatVersion)
    throw ResultsError(p + ": results format version " + std::to_string(meta_.format_version) +
                       " is older than this viewer reads (version " +
                       std::to_string(kFormatVersion) +
                       "); re-create it with the current `stormdrill run`");
  if (meta_.format_version > kFormatVersion)
    throw ResultsError(p + ": results format version " + std::to_string(meta_.format_version) +
                       " is newer than this viewer reads (version " +
                       std::to_string(kFormatVersion) + "); update stormdrill-viz");
  meta_.kind = h5::find_attr_string(m.get(), "kind").value_or("run");
  meta_.engine_version = h5::find_attr_string(m.get(), "engine_version").value_or("");
  meta_.git_commit = h5::find_attr_string(m.get(), "git_commit").value_or("");
  meta_.scenario_name = h5::find_attr_string(m.get(), "scenario_name").value_or("");
  meta_.start_time = h5::find_attr_string(m.get(), "start_time").value_or("");
  meta_.duration_s = h5::find_attr_double(m.get(), "duration_s").value_or(0.0);
  meta_.wall_s = h5::find_attr_double(m.get(), "wall_s").value_or(0.0);
  meta_.seed = static_cast<long long>(h5::find_attr_double(m.get(), "seed").value_or(0.0));
  meta_.plan = h5::find_attr_string(m.get(), "plan").value_or("");
  meta_.language = h5::find_attr_string(m.get(), schema::name::kLanguage).value_or("");
  meta_.parent_path = h5::find_attr_string(m.get(), schema::name::kParentPath).value_or("");
  meta_.rank_by = h5::find_attr_string(m.get(), "rank_by").value_or("");
}

void ResultsFile::read_grid() {
  const std::string p = path_.string();
  if (!h5::exists(file_.get(), "/grid"))
    throw ResultsError(p + ": no /grid group (required in a '" + meta_.kind + "' file)");
  h5::Handle g(H5Gopen2(file_.get(), "/grid", H5P_DEFAULT));
  auto need = [&](const char* name) {
    const auto v = h5::find_attr_double(g.get(), name);
    if (!v) throw ResultsError(p + ": /grid@" + name + " is missing or not a number");
    return *v;
  };
  grid_.nx = static_cast<int>(need("nx"));
  grid_.ny = static_cast<int>(need("ny"));
  grid_.x0 = need("x0");
  grid_.y0 = need("y0");
  grid_.cell = need("cell");
  grid_.crs_wkt = h5::find_attr_string(g.get(), "crs_wkt").value_or("");
  if (grid_.nx <= 0 || grid_.ny <= 0 || !(grid_.cell > 0))
    throw ResultsError(p + ": /grid has nx=" + std::to_string(grid_.nx) +
                       ", ny=" + std::to_string(grid_.ny) + ", cell=" + std::to_string(grid_.cell) +
                       "; all must be positive");
}

void ResultsFile::open_hazard() {
  const std::string p = path_.string();
  if (H5Lexists(file_.get(), "hazard", H5P_DEFAULT) <= 0) return;  // response-only / batch
  H5L_info_t linfo;
  H5Lget_info(file_.get(), "hazard", &linfo, H5P_DEFAULT);
  // Run files link /hazard to the cached hazard file by a path relative to the results folder;
  // resolve it there, not against the current directory.
  const fs::path dir = fs::absolute(path_).parent_path();
  lapl_ = h5::Handle(H5Pcreate(H5P_LINK_ACCESS));
  H5Pset_elink_prefix(lapl_.get(), (dir.string() + "/").c_str());
  if (linfo.type == H5L_TYPE_EXTERNAL) {
    std::vector<char> buf(linfo.u.val_size + 1, '\0');
    H5Lget_val(file_.get(), "hazard", buf.data(), buf.size(), H5P_DEFAULT);
    const char* target_file = nullptr;
    const char* target_obj = nullptr;
    unsigned flags = 0;
    H5Lunpack_elink_val(buf.data(), buf.size(), &flags, &target_file, &target_obj);
    const fs::path target = target_file ? fs::path(target_file) : fs::path();
    const fs::path resolved = target.is_absolute() ? target : dir / target;
    std::error_code ec;
    if (!fs::exists(resolved, ec))
      throw ResultsError(p + ": /hazard links to the hazard cache file '" + target.string() +
                         "' (looked for " + resolved.string() +
                         "), which is missing; copy the cache next to the results file or "
                         "re-run the scenario");
  }
  hazard_ = h5::Handle(H5Gopen2(file_.get(), "hazard", lapl_.get()));
  if (!hazard_.valid())
    throw ResultsError(p + ": /hazard cannot be opened (broken link or corrupt hazard cache)");
  if (H5Lexists(hazard_.get(), "time", H5P_DEFAULT) > 0)
    frame_times_ = h5::read_vector<double>(hazard_.get(), "time");
  series_.resize(3);
}

bool ResultsFile::has(const std::string& h5path) const {
  schema::require(h5path);
  if (h5path.rfind("/hazard", 0) == 0) {
    if (!hazard_.valid()) return false;
    const std::string rest = h5path.size() > 8 ? h5path.substr(8) : ".";
    return rest == "." || h5::exists(hazard_.get(), rest);
  }
  return h5::exists(file_.get(), h5path);
}

namespace {

// Splits "/hazard/x" so it is opened through the (possibly external) hazard group.
std::pair<hid_t, std::string> locate(hid_t file, hid_t hazard, const std::string& h5path) {
  if (h5path.rfind("/hazard/", 0) == 0 && hazard >= 0) return {hazard, h5path.substr(8)};
  return {file, h5path};
}

}  // namespace

std::vector<float> ResultsFile::read_raster(const std::string& h5path) const {
  std::lock_guard lk(h5::api_lock());
  if (!has(h5path)) return {};
  auto [loc, rel] = locate(file_.get(), hazard_.get(), h5path);
  h5::Handle d(H5Dopen2(loc, rel.c_str(), H5P_DEFAULT));
  const auto dims = h5::dims(d.get());
  if (dims.size() != 2 || dims[0] != static_cast<hsize_t>(grid_.ny) ||
      dims[1] != static_cast<hsize_t>(grid_.nx))
    throw ResultsError(path_.string() + ": " + h5path + " is not a (y,x) raster of the grid's " +
                       std::to_string(grid_.ny) + " x " + std::to_string(grid_.nx));
  std::vector<float> out(grid_.size());
  if (H5Dread(d.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0)
    throw ResultsError(path_.string() + ": cannot read " + h5path + " (truncated or corrupt)");
  return out;
}

bool ResultsFile::has_series(Series s) const {
  return hazard_.valid() && h5::exists(hazard_.get(), series_name(s)) && !frame_times_.empty();
}

std::vector<float> ResultsFile::read_frame(Series s, std::size_t k) const {
  std::lock_guard lk(h5::api_lock());
  const std::string name = std::string("/hazard/") + series_name(s);
  h5::Handle& d = series_[static_cast<std::size_t>(s)];
  if (!d.valid()) {
    if (!has_series(s)) throw ResultsError(path_.string() + ": no " + name + " series");
    d = h5::Handle(H5Dopen2(hazard_.get(), series_name(s), H5P_DEFAULT));
    const auto dims = h5::dims(d.get());
    if (dims.size() != 3 || dims[1] != static_cast<hsize_t>(grid_.ny) ||
        dims[2] != static_cast<hsize_t>(grid_.nx) || dims[0] != frame_times_.size()) {
      d.reset();
      throw ResultsError(path_.string() + ": " + name + " is not (time,y,x) = (" +
                         std::to_string(frame_times_.size()) + "," + std::to_string(grid_.ny) +
                         "," + std::to_string(grid_.nx) + ")");
    }
  }
  if (k >= frame_times_.size())
    throw ResultsError(path_.string() + ": frame " + std::to_string(k) + " of " + name +
                       " is out of range");
  h5::Handle fs(H5Dget_space(d.get()));
  const hsize_t start[3] = {k, 0, 0};
  const hsize_t count[3] = {1, static_cast<hsize_t>(grid_.ny), static_cast<hsize_t>(grid_.nx)};
  H5Sselect_hyperslab(fs.get(), H5S_SELECT_SET, start, nullptr, count, nullptr);
  h5::Handle ms(H5Screate_simple(3, count, nullptr));
  std::vector<float> out(grid_.size());
  if (H5Dread(d.get(), H5T_NATIVE_FLOAT, ms.get(), fs.get(), H5P_DEFAULT, out.data()) < 0)
    throw ResultsError(path_.string() + ": cannot read frame " + std::to_string(k) + " of " + name +
                       " (truncated or corrupt)");
  return out;
}

std::vector<float> ResultsFile::read_row(const std::string& h5path, std::size_t k) const {
  std::lock_guard lk(h5::api_lock());
  if (!has(h5path)) return {};
  auto [loc, rel] = locate(file_.get(), hazard_.get(), h5path);
  h5::Handle d(H5Dopen2(loc, rel.c_str(), H5P_DEFAULT));
  const auto dims = h5::dims(d.get());
  if (dims.size() != 2 || k >= dims[0]) return {};
  h5::Handle fs(H5Dget_space(d.get()));
  const hsize_t start[2] = {k, 0};
  const hsize_t count[2] = {1, dims[1]};
  H5Sselect_hyperslab(fs.get(), H5S_SELECT_SET, start, nullptr, count, nullptr);
  h5::Handle ms(H5Screate_simple(2, count, nullptr));
  std::vector<float> out(dims[1]);
  if (!out.empty() &&
      H5Dread(d.get(), H5T_NATIVE_FLOAT, ms.get(), fs.get(), H5P_DEFAULT, out.data()) < 0)
    throw ResultsError(path_.string() + ": cannot read row " + std::to_string(k) + " of " + h5path +
                       " (truncated or corrupt)");
  return out;
}

template <class T>
std::vector<T> ResultsFile::read_matrix(const std::string& h5path, std::size_t& rows,
                                        std::size_t& cols) const {
  static_assert(std::is_same_v<T, std::uint8_t> || std::is_same_v<T, float>);
  std::lock_guard lk(h5::api_lock());
  rows = cols = 0;
  if (!has(h5path)) return {};
  auto [loc, rel] = locate(file_.get(), hazard_.get(), h5path);
  h5::Handle d(H5Dopen2(loc, rel.c_str(), H5P_DEFAULT));
  const auto dims = h5::dims(d.get());
  if (dims.size() != 2)
    throw ResultsError(path_.string() + ": " + h5path + " should be 2-D, it has " +
                       std::to_string(dims.size()) + " dimensions");
  std::vector<T> out(dims[0] * dims[1]);
  const hid_t mt = std::is_same_v<T, float> ? H5T_NATIVE_FLOAT : H5T_NATIVE_UINT8;
  if (!out.empty() && H5Dread(d.get(), mt, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0)
    throw ResultsError(path_.string() + ": cannot read " + h5path + " (truncated or corrupt)");
  rows = dims[0];
  cols = dims[1];
  return out;
}
template std::vector<std::uint8_t> ResultsFile::read_matrix(const std::string&, std::size_t&,
                                                            std::size_t&) const;
template std::vector<float> ResultsFile::read_matrix(const std::string&, std::size_t&,
                                                     std::size_t&) const;

std::vector<double> ResultsFile::read_vector(const std::string& h5path) const {
  std::lock_guard lk(h5::api_lock());
  if (!has(h5path)) return {};
  auto [loc, rel] = locate(file_.get(), hazard_.get(), h5path);
  try {
    return h5::read_vector<double>(loc, rel);
  } catch (const std::exception& e) {
    throw ResultsError(path_.string() + ": " + e.what());
  }
}

Table ResultsFile::read_table(const std::string& group) const {
  std::lock_guard lk(h5::api_lock());
  schema::require(group);  // a reader bug, not a file problem: not wrapped below
  try {
    auto [loc, rel] = locate(file_.get(), hazard_.get(), group);
    Table t = sd::results::read_table(loc, rel);
    t.set_group(group);
    return t;
  } catch (const ResultsError&) {
    throw;
  } catch (const std::exception& e) {
    throw ResultsError(path_.string() + ": " + e.what());
  }
}

std::vector<std::string> ResultsFile::read_strings(const std::string& h5path) const {
  std::lock_guard lk(h5::api_lock());
  if (!has(h5path)) return {};
  auto [loc, rel] = locate(file_.get(), hazard_.get(), h5path);
  try {
    return h5::read_strings(loc, rel);
  } catch (const std::exception& e) {
    throw ResultsError(path_.string() + ": " + e.what());
  }
}

std::string ResultsFile::read_text(const std::string& h5path) const {
  std::lock_guard lk(h5::api_lock());
  if (!has(h5path)) return {};
  auto [loc, rel] = locate(file_.get(), hazard_.get(), h5path);
  {
    h5::Handle d(H5Dopen2(loc, rel.c_str(), H5P_DEFAULT));
    if (!d.valid() || !h5::is_string(d.get())) return {};
  }
  std::string out;
  try {
    for (const auto& line : h5::read_strings(loc, rel)) {
      if (!out.empty()) out += '\n';
      out += line;
    }
  } catch (const std::exception&) {
    return {};
  }
  return out;
}

double ResultsFile::end_time() const {
  double end = meta_.duration_s;
  if (!frame_times_.empty()) end = std::max(end, frame_times_.back());
  return end;
}

}  // namespace sd::results
