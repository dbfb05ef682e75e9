#pragma once
// The imported county's frame: the area of interest in longitude/latitude, the local metric
// CRS (the UTM zone of the area's centre unless --crs names another) and the scenario grid.
#include <memory>
#include <string>

#include "core/grid.hpp"
#include "county/import_osm.hpp"

class OGRCoordinateTransformation;

namespace sd::county {

struct LonLatBox {
  double w = 0, s = 0, e = 0, n = 0;
  bool empty() const { return !(e > w && n > s); }
  std::string str() const;  // "W,S,E,N = 9.47,47.04,9.64,47.28"
};
LonLatBox intersect(const LonLatBox& a, const LonLatBox& b);

// WGS 84 lon/lat -> the frame's CRS (and back).
class Projector {
 public:
  Projector(const std::string& target_wkt);
  ~Projector();
  Projector(const Projector&) = delete;
  Projector& operator=(const Projector&) = delete;
  void forward(double lon, double lat, double& x, double& y) const;
  void inverse(double x, double y, double& lon, double& lat) const;

 private:
  OGRCoordinateTransformation* fwd_ = nullptr;
  OGRCoordinateTransformation* inv_ = nullptr;
};

struct ImportFrame {
  LonLatBox aoi;         // the area imported
  std::string crs_wkt;   // target CRS
  std::string crs_name;  // e.g. "EPSG:32632"
  Grid grid;
  std::unique_ptr<Projector> proj;
};

// crs: "auto" (UTM zone of the AOI centre, WGS 84) or anything GDAL's SetFromUserInput reads;
// a geographic CRS is refused (square metric cells are needed). Throws sd::InputError.
ImportFrame make_frame(const LonLatBox& aoi, const std::string& crs, double cell_m);

// "W,S,E,N" in degrees; throws sd::InputError naming --bbox.
LonLatBox parse_bbox(const std::string& text);

}  // namespace sd::county
