#include "county/import_assets.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace sd::county {
namespace {

struct KindDefaults {
  const char* osm_kind;
  const char* table;
  const char* kind;
  const char* label;  // for made-up names
  int crew;
  const char* vehicle;
  double mobilisation_min;
};

// Teams by station kind: a fire station turns out a fire/rescue crew of 15 on trucks in
// 10 min (volunteer brigades, as in most of Europe; professional ones are faster); an
// ambulance station a medical crew of 4 in 5 min; a police station a rescue/traffic crew of
// 8 in 15 min. Planners should replace these with their agencies' figures.
constexpr KindDefaults kKinds[] = {
    {"hospital", "critical_site", "hospital", "Hospital", 0, "", 0},
    {"clinic", "critical_site", "hospital", "Clinic", 0, "", 0},
    {"care_home", "critical_site", "care_home", "Care home", 0, "", 0},
    {"substation", "critical_site", "substation", "Substation", 0, "", 0},
    {"pumping_station", "critical_site", "pumping_station", "Pumping station", 0, "", 0},
    {"school", "shelter", "shelter", "School", 0, "", 0},
    {"townhall", "depot", "depot", "Town hall", 0, "", 0},
    {"fire_station", "team", "fire", "Fire station", 15, "truck", 10},
    {"ambulance", "team", "medical", "Ambulance station", 4, "truck", 5},
    {"police", "team", "county_rescue", "Police station", 8, "truck", 15},
};

}  // namespace

AssetResult build_assets(const OsmData& osm, const ImportFrame& f, const io::Raster& dem) {
  AssetResult r;
  std::map<std::string, int> seen;  // per table: unique names
  for (const OsmPoi& p : osm.pois) {
    const KindDefaults* k = nullptr;
    for (const auto& d : kKinds)
      if (p.kind == d.osm_kind) k = &d;
    if (!k) continue;
    double x, y;
    int i, j;
    f.proj->forward(p.p.lon, p.p.lat, x, y);
    if (!std::isfinite(x) || !f.grid.locate(x, y, i, j) ||
        !std::isfinite(dem.data[f.grid.index(i, j)])) {
      ++r.off_area;
      continue;
    }
    ImportAsset a;
    a.table = k->table;
    a.kind = k->kind;
    a.osm_kind = p.kind;
    a.osm = p.osm_type + "/" + std::to_string(p.id);
    a.named = !p.name.empty();
    a.name = a.named ? p.name : std::string(k->label) + " (OSM " + a.osm + ")";
    if (int n = ++seen[a.table + "\n" + a.name]; n > 1) a.name += " (" + std::to_string(n) + ")";
    a.x = x;
    a.y = y;
    a.crew = k->crew;
    a.vehicle = k->vehicle;
    a.mobilisation_min = k->mobilisation_min;
    if (p.kind == "school") {
      const double floor = p.footprint_m2 * (p.levels > 0 ? p.levels : 2.0);
      a.capacity = floor > 0 ? std::max(50, static_cast<int>(0.5 * floor / kShelterArea_m2))
                             : kDefaultShelterCapacity;
    }
    r.assets.push_back(std::move(a));
  }
  return r;
}

}  // namespace sd::county
