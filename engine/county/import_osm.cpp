#include "county/import_osm.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <limits>
#include <osmium/area/assembler.hpp>
#include <osmium/area/multipolygon_manager.hpp>
#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/relations/manager_util.hpp>
#include <osmium/tags/tags_filter.hpp>
#include <osmium/visitor.hpp>
#include <set>

#include "core/error.hpp"
#include "county/import_classes.hpp"

namespace sd::county {
namespace {

constexpr double kEarthR_m = 6371008.8;  // mean Earth radius (IUGG), as in io/road_io

std::string tag(const osmium::TagList& t, const char* key) {
  const char* v = t.get_value_by_key(key);
  return v ? std::string(v) : std::string();
}

// Area (m^2, equirectangular about the first vertex; < 0.1 % error over a few hundred m)
// and centroid of one ring.
struct RingStats {
  double area_m2 = 0.0;
  LonLat centroid;
};

RingStats ring_stats(const std::vector<LonLat>& r) {
  RingStats s;
  if (r.size() < 3) return s;
  const double k = M_PI / 180.0 * kEarthR_m, c = std::cos(r[0].lat * M_PI / 180.0);
  double a2 = 0, cx = 0, cy = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const LonLat& p = r[i];
    const LonLat& q = r[(i + 1) % r.size()];
    const double px = (p.lon - r[0].lon) * k * c, py = (p.lat - r[0].lat) * k;
    const double qx = (q.lon - r[0].lon) * k * c, qy = (q.lat - r[0].lat) * k;
    const double cr = px * qy - qx * py;
    a2 += cr;
    cx += (px + qx) * cr;
    cy += (py + qy) * cr;
  }
  s.area_m2 = std::abs(a2) / 2;
  if (std::abs(a2) > 1e-9)
    s.centroid = {r[0].lon + cx / (3 * a2) / (k * c), r[0].lat + cy / (3 * a2) / k};
  else
    s.centroid = r[0];
  return s;
}

// OSM tags -> import land-use class (0 = not land cover). docs/county-import.md, "Land use".
int land_class(const osmium::TagList& t) {
  static const std::set<std::string> water_nat = {"water", "bay", "strait"};
  static const std::set<std::string> water_lu = {"reservoir", "basin"};
  static const std::set<std::string> forest = {"forest", "wood"};
  static const std::set<std::string> farm = {
      "farmland", "meadow",     "orchard",       "vineyard",
      "farmyard", "allotments", "plant_nursery", "greenhouse_horticulture"};
  static const std::set<std::string> urban = {"commercial", "retail",        "construction",
                                              "education",  "institutional", "religious"};
  static const std::set<std::string> industrial = {"industrial", "railway",    "quarry",
                                                   "landfill",   "brownfield", "military"};
  static const std::set<std::string> grass = {"grass", "recreation_ground", "cemetery",
                                              "village_green", "greenfield"};
  static const std::set<std::string> natural_grass = {"grassland", "heath", "scrub",
                                                      "bare_rock", "scree", "wetland"};
  static const std::set<std::string> leisure_grass = {"park",   "pitch",      "golf_course",
                                                      "garden", "playground", "sports_centre"};
  const std::string lu = tag(t, "landuse"), nat = tag(t, "natural"), lei = tag(t, "leisure");
  if (water_nat.count(nat) || water_lu.count(lu) || tag(t, "waterway") == "riverbank")
    return kClsWater;
  if (forest.count(lu) || forest.count(nat)) return kClsForest;
  if (lu == "residential") return kClsResidential;
  if (urban.count(lu)) return kClsUrban;
  if (industrial.count(lu)) return kClsIndustrial;
  if (farm.count(lu)) return kClsFarmland;
  if (grass.count(lu) || natural_grass.count(nat) || leisure_grass.count(lei)) return kClsGrass;
  return 0;
}

// OSM tags -> asset kind ("" = not an asset). docs/county-import.md, "Assets".
std::string poi_kind(const osmium::TagList& t) {
  const std::string am = tag(t, "amenity"), hc = tag(t, "healthcare"), em = tag(t, "emergency");
  if (am == "hospital" || hc == "hospital") return "hospital";
  if (am == "clinic" || hc == "clinic") return "clinic";
  if (am == "nursing_home" || tag(t, "social_facility") == "nursing_home") return "care_home";
  if (am == "school") return "school";
  if (am == "fire_station") return "fire_station";
  if (am == "police") return "police";
  if (em == "ambulance_station") return "ambulance";
  if (am == "townhall") return "townhall";
  if (tag(t, "power") == "substation") return "substation";
  if (tag(t, "man_made") == "pumping_station") return "pumping_station";
  return "";
}

double number_or(const std::string& s, double fallback) {
  if (s.empty()) return fallback;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  return end != s.c_str() && std::isfinite(v) ? v : fallback;
}

bool residential_building(const osmium::TagList& t) {
  static const std::set<std::string> homes = {
      "yes",     "house",    "residential", "apartments", "detached", "semidetached_house",
      "terrace", "bungalow", "dormitory",   "farm",       "cabin",    "static_caravan"};
  if (!homes.count(tag(t, "building"))) return false;
  // A "yes" building with a shop, office or amenity is taken as non-residential.
  return !(t.has_key("shop") || t.has_key("office") || t.has_key("amenity") ||
           t.has_key("tourism") || t.has_key("craft"));
}

class Collector : public osmium::handler::Handler {
 public:
  explicit Collector(OsmData& d) : d_(d) {}

  void node(const osmium::Node& n) {
    if (!n.location().valid()) return;
    const LonLat p{n.location().lon(), n.location().lat()};
    d_.data_w = std::min(d_.data_w, p.lon), d_.data_e = std::max(d_.data_e, p.lon);
    d_.data_s = std::min(d_.data_s, p.lat), d_.data_n = std::max(d_.data_n, p.lat);
    const auto& t = n.tags();
    if (t.empty()) return;
    if (std::string k = poi_kind(t); !k.empty())
      d_.pois.push_back({k, "node", n.id(), tag(t, "name"), p, 0.0, 0.0});
    if (const std::string pl = tag(t, "place"); !pl.empty() && t.has_key("name"))
      d_.places.push_back({tag(t, "name"), pl, n.id(), p});
  }

  void way(const osmium::Way& w) {
    const auto& t = w.tags();
    if (const std::string hw = tag(t, "highway"); drivable_highway(hw)) {
      if (tag(t, "area") != "yes" && tag(t, "access") != "no") add_road(w, hw);
      return;
    }
    const std::string mm = tag(t, "man_made"), ww = tag(t, "waterway");
    const bool dike = mm == "dyke" || mm == "dike" || tag(t, "embankment") == "yes" ||
                      tag(t, "wall") == "flood_wall" || tag(t, "barrier") == "flood_wall";
    std::string kind = dike                               ? "dyke"
                       : ww == "river"                    ? "river"
                       : ww == "canal"                    ? "canal"
                       : tag(t, "natural") == "coastline" ? "coastline"
                                                          : "";
    if (kind.empty()) return;
    OsmLine l{kind, number_or(tag(t, "height"), std::numeric_limits<double>::quiet_NaN()), w.id(),
              points(w)};
    if (kind == "coastline") ++d_.coastline_ways;
    if (l.pts.size() >= 2) d_.lines.push_back(std::move(l));
  }

  void area(const osmium::Area& a) {
    const auto& t = a.tags();
    std::vector<OsmArea> parts;
    for (const auto& outer : a.outer_rings()) {
      OsmArea part;
      part.rings.push_back(ring(outer));
      for (const auto& inner : a.inner_rings(outer)) part.rings.push_back(ring(inner));
      parts.push_back(std::move(part));
    }
    if (parts.empty()) return;
    double area_m2 = 0;
    for (const auto& p : parts) {
      area_m2 += ring_stats(p.rings[0]).area_m2;
      for (std::size_t r = 1; r < p.rings.size(); ++r) area_m2 -= ring_stats(p.rings[r]).area_m2;
    }
    if (tag(t, "boundary") == "administrative") {
      const double level = number_or(tag(t, "admin_level"), 0.0);
      if (level > 0 && t.has_key("name"))
        d_.admin.push_back({tag(t, "name"), static_cast<int>(level),
                            a.from_way() ? "way" : "relation", a.orig_id(), parts, area_m2});
      return;
    }
    const LonLat c = ring_stats(parts[0].rings[0]).centroid;
    const double levels = number_or(tag(t, "building:levels"), 0.0);
    if (std::string k = poi_kind(t); !k.empty())
      d_.pois.push_back(
          {k, a.from_way() ? "way" : "relation", a.orig_id(), tag(t, "name"), c, area_m2, levels});
    if (t.has_key("building") && tag(t, "building") != "no") {
      d_.buildings.push_back({c, area_m2, levels, residential_building(t)});
      return;
    }
    if (const int cls = land_class(t); cls > 0)
      for (auto& p : parts) d_.land.push_back({cls, std::move(p)});
  }

 private:
  static std::vector<LonLat> points(const osmium::Way& w) {
    std::vector<LonLat> v;
    for (const auto& nr : w.nodes())
      if (nr.location().valid()) v.push_back({nr.location().lon(), nr.location().lat()});
    return v;
  }
  template <typename Ring>
  static std::vector<LonLat> ring(const Ring& r) {
    std::vector<LonLat> v;
    for (const auto& nr : r)
      if (nr.location().valid()) v.push_back({nr.location().lon(), nr.location().lat()});
    if (v.size() > 1 && v.front().lon == v.back().lon && v.front().lat == v.back().lat)
      v.pop_back();
    return v;
  }

  void add_road(const osmium::Way& w, const std::string& hw) {
    const auto& t = w.tags();
    OsmRoadWay r;
    r.id = w.id();
    r.highway = hw;
    r.maxspeed = tag(t, "maxspeed");
    r.lanes = tag(t, "lanes");
    r.oneway = tag(t, "oneway");
    r.junction = tag(t, "junction");
    r.bridge = tag(t, "bridge");
    r.tunnel = tag(t, "tunnel");
    r.layer = tag(t, "layer");
    for (const auto& nr : w.nodes()) {
      if (!nr.location().valid()) continue;  // node outside the extract
      r.nodes.push_back(nr.ref());
      r.pts.push_back({nr.location().lon(), nr.location().lat()});
      d_.min_lon = std::min(d_.min_lon, r.pts.back().lon);
      d_.max_lon = std::max(d_.max_lon, r.pts.back().lon);
      d_.min_lat = std::min(d_.min_lat, r.pts.back().lat);
      d_.max_lat = std::max(d_.max_lat, r.pts.back().lat);
    }
    if (r.nodes.size() >= 2) d_.roads.push_back(std::move(r));
  }

  OsmData& d_;
};

osmium::TagsFilter area_filter() {
  osmium::TagsFilter f{false};
  for (const char* k : {"building", "landuse", "natural", "leisure", "amenity", "waterway", "power",
                        "man_made", "healthcare", "emergency", "social_facility", "boundary"})
    f.add_rule(true, osmium::TagMatcher{k});
  return f;
}

}  // namespace

bool drivable_highway(const std::string& hw) {
  static const std::set<std::string> ok = {
      "motorway",     "motorway_link", "trunk",          "trunk_link", "primary",
      "primary_link", "secondary",     "secondary_link", "tertiary",   "tertiary_link",
      "unclassified", "residential",   "living_street",  "service",    "road"};
  return ok.count(hw) > 0;
}

OsmData read_osm(const std::string& path) {
  OsmData d;
  d.path = path;
  try {
    const osmium::io::File file{path};
    osmium::area::Assembler::config_type cfg;
    osmium::area::MultipolygonManager<osmium::area::Assembler> mp{cfg, area_filter()};
    osmium::relations::read_relations(file, mp);
    using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
    Index index;
    osmium::handler::NodeLocationsForWays<Index> locations{index};
    locations.ignore_errors();
    Collector c{d};
    osmium::io::Reader reader{file, osmium::io::read_meta::no};
    osmium::apply(reader, locations, c,
                  mp.handler([&c](osmium::memory::Buffer&& buffer) { osmium::apply(buffer, c); }));
    reader.close();
  } catch (const std::exception& e) {
    throw InputError(path + ": cannot read the OSM extract: " + e.what());
  }
  return d;
}

}  // namespace sd::county
