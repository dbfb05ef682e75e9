#include "output/pack_results.hpp"

#include <filesystem>
#include <stdexcept>
#include <vector>

#include "core/error.hpp"
#include "io/h5.hpp"
#include "output/hazard_link.hpp"
#include "output/xdmf_writer.hpp"

namespace sd {
namespace fs = std::filesystem;

namespace {

std::vector<std::string> root_links(hid_t file) {
  std::vector<std::string> names;
  auto cb = [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
    static_cast<std::vector<std::string>*>(data)->push_back(name);
    return 0;
  };
  hsize_t idx = 0;
  H5Literate(file, H5_INDEX_NAME, H5_ITER_INC, &idx, cb, &names);
  return names;
}

}  // namespace

void pack_results(const std::string& in, const std::string& out) {
  std::error_code ec;
  if (fs::equivalent(in, out, ec))
    throw InputError(out + ": -o names the input file; pack writes a new file");
  auto src = h5::File::open_read(in);
  if (!h5::exists(src, "meta") || !h5::has_attr(h5::open_group(src, "meta"), "format"))
    throw InputError(in + ": not a stormdrill results file (no /meta format)");
  const HazardLink link = hazard_link(src, in);
  if (link.kind == HazardLink::Kind::Missing)
    throw InputError(in + ": hazard: missing (linked to " + link.target +
                     "); pack the file where that hazard cache exists, or re-run the scenario");
  if (fs::path(out).has_parent_path()) fs::create_directories(fs::path(out).parent_path());
  auto dst = h5::File::create(out);
  const auto in_bytes = fs::file_size(in, ec);
  for (const auto& name : root_links(src)) {
    if (name == "hazard") {
      embed_hazard(dst, open_hazard(src, in));
      continue;
    }
    // Each copy is at most the input file: reserved first (see h5::reserve_for_write).
    h5::reserve_for_write(dst, ec ? 0 : in_bytes + in_bytes / 8 + (1u << 20), "/" + name);
    if (H5Ocopy(src, name.c_str(), dst, name.c_str(), H5P_DEFAULT, H5P_DEFAULT) < 0)
      throw std::runtime_error("HDF5: cannot copy /" + name + " of " + in);
  }
  const bool has_hazard = link.kind != HazardLink::Kind::None;
  if (has_hazard) {
    h5::Handle meta = h5::open_group(dst, "meta");
    h5::set_attr(meta, "hazard_embedded", 1);
  }
  georeference_results(dst);
  std::vector<double> times;
  std::vector<std::string> series;
  if (has_hazard && h5::exists(dst, "grid") && h5::exists(dst, "hazard/time")) {
    h5::Handle hz = h5::open_group(dst, "hazard");
    times = h5::read_vector<double>(hz, "time");
    series = hazard_series(hz);
  }
  const Grid grid = has_hazard && h5::exists(dst, "grid") ? grid_of(dst) : Grid{};
  dst.commit();
  if (!series.empty())
    write_xdmf(fs::path(out).replace_extension(".xmf").string(), fs::path(out).filename().string(),
               grid, times, series);
}

}  // namespace sd
