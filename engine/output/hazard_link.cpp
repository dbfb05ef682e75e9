#include "output/hazard_link.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <stdexcept>

#include "core/error.hpp"
#include "io/h5_cf.hpp"

namespace sd {
namespace fs = std::filesystem;

namespace {

fs::path results_dir(const std::string& results_path) {
  return fs::absolute(results_path).parent_path();
}

// The file an external link names, resolved from `dir` when relative.
fs::path link_target(hid_t file, const char* name, const fs::path& dir) {
  H5L_info_t info;
  if (H5Lget_info(file, name, &info, H5P_DEFAULT) < 0 || info.type != H5L_TYPE_EXTERNAL) return {};
  std::vector<char> buf(info.u.val_size + 1, '\0');
  if (H5Lget_val(file, name, buf.data(), buf.size(), H5P_DEFAULT) < 0) return {};
  const char* target_file = nullptr;
  const char* target_obj = nullptr;
  unsigned flags = 0;
  if (H5Lunpack_elink_val(buf.data(), buf.size(), &flags, &target_file, &target_obj) < 0 ||
      !target_file)
    return {};
  const fs::path t(target_file);
  return (t.is_absolute() ? t : dir / t).lexically_normal();
}

h5::Handle link_access(const fs::path& dir) {
  h5::Handle lapl(H5Pcreate(H5P_LINK_ACCESS));
  H5Pset_elink_prefix(lapl, (dir.string() + "/").c_str());
  return lapl;
}

}  // namespace

HazardLink hazard_link(hid_t file, const std::string& results_path) {
  HazardLink out;
  if (H5Lexists(file, "hazard", H5P_DEFAULT) <= 0) return out;
  const fs::path dir = results_dir(results_path);
  const fs::path target = link_target(file, "hazard", dir);
  if (target.empty()) {
    out.kind = HazardLink::Kind::Embedded;
    return out;
  }
  out.target = target.string();
  std::error_code ec;
  h5::quiet_errors();
  const h5::Handle lapl = link_access(dir);
  const bool ok = fs::exists(target, ec) && H5Oexists_by_name(file, "hazard", lapl) > 0;
  out.kind = ok ? HazardLink::Kind::Linked : HazardLink::Kind::Missing;
  return out;
}

h5::Handle open_hazard(hid_t file, const std::string& results_path) {
  const h5::Handle lapl = link_access(results_dir(results_path));
  h5::Handle g(H5Gopen2(file, "hazard", lapl));
  if (!g.valid()) throw InputError(results_path + ": /hazard cannot be opened");
  return g;
}

bool same_file_system(const std::string& file, const std::string& out_path) {
  struct stat a {
  }, b{};
  const fs::path dir = results_dir(out_path);
  if (::stat(file.c_str(), &a) != 0 || ::stat(dir.c_str(), &b) != 0) return false;
  return a.st_dev == b.st_dev;
}

void embed_hazard(hid_t dst, hid_t hazard) {
  // The copy is at most the source file; reserved first, because HDF5 1.10 crashes inside
  // H5Ocopy when the disk fills up halfway (found on a 2 MB tmpfs).
  hsize_t src_bytes = 0;
  {
    h5::Handle src(H5Iget_file_id(hazard));
    if (src.valid() && H5Fget_filesize(src, &src_bytes) < 0) src_bytes = 0;
  }
  h5::reserve_for_write(dst, src_bytes + src_bytes / 8 + (1u << 20), "the hazard frames");
  if (H5Ocopy(hazard, ".", dst, "hazard", H5P_DEFAULT, H5P_DEFAULT) < 0)
    throw std::runtime_error("HDF5: cannot copy the hazard frames into the results file");
}

std::vector<std::string> hazard_series(hid_t hazard) {
  std::vector<std::string> out;
  for (const char* name : {"depth", "rain", "wind", "velocity"})
    if (h5::exists(hazard, name) && h5::shape(hazard, name).size() == 3) out.push_back(name);
  return out;
}

Grid grid_of(hid_t file) {
  return h5::grid_attrs(h5::open_group(file, "grid"));
}

void georeference_results(hid_t file) {
  if (!h5::exists(file, "grid")) return;
  h5::Handle grid = h5::open_group(file, "grid");
  h5::cf::Georef g;
  g.grid = grid_of(file);
  if (h5::has_attr(grid, "crs_wkt")) g.crs_wkt = h5::attr_string(grid, "crs_wkt");
  h5::cf::clear_attachments(grid);
  h5::cf::georeference_group(grid, g);
  if (h5::exists(file, "meta")) {
    h5::Handle meta = h5::open_group(file, "meta");
    if (h5::has_attr(meta, "start_time"))
      g.time_units = h5::cf::seconds_since(h5::attr_string(meta, "start_time"));
  }
  if (!h5::exists(file, "hazard")) return;
  h5::Handle hazard = h5::open_group(file, "hazard");
  h5::cf::clear_attachments(hazard);
  h5::cf::georeference_group(hazard, g);
}

}  // namespace sd
