#include "output/fine_hazard_h5.hpp"

#include "io/h5.hpp"
#include "io/h5_cf.hpp"
#include "results/results_schema.hpp"

namespace sd {

void write_fine_hazard(hid_t hazard, const Grid& fine, const std::string& crs_wkt,
                       const std::string& time_units, int ratio, double sample_s,
                       const std::vector<FineRaster>& rasters) {
  auto g = h5::create_group(hazard, "fine");
  h5::set_attr(g, "subgrid_ratio", ratio);
  h5::set_attr(g, "cell", fine.cell);
  if (sample_s > 0) h5::set_attr(g, "sample_s", sample_s);
  for (const auto& r : rasters) {
    h5::write_matrix(g, r.name, r.data->data(), static_cast<std::size_t>(fine.ny),
                     static_cast<std::size_t>(fine.nx));
    h5::set_cf(h5::Handle(H5Dopen2(g, r.name, H5P_DEFAULT)), r.units, r.long_name);
  }
  h5::cf::georeference_group(g, {fine, crs_wkt, time_units});
}

}  // namespace sd
