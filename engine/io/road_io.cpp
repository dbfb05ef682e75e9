#include "io/road_io.hpp"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <unordered_map>

#include "core/error.hpp"
#include "io/csv_table.hpp"

namespace sd::io {
namespace {

namespace fs = std::filesystem;

void ensure_ogr() {
  static std::once_flag once;
  std::call_once(once, [] {
    GDALAllRegister();
    CPLSetErrorHandler(CPLQuietErrorHandler);
  });
}

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

// Great-circle distance (spherical Earth, mean radius 6371008.8 m, IUGG): adequate for
// road segment lengths, whose error versus the ellipsoid is below 0.5 %.
double haversine_m(double lon1, double lat1, double lon2, double lat2) {
  constexpr double kR = 6371008.8, kDeg = 3.14159265358979323846 / 180.0;
  const double dlat = (lat2 - lat1) * kDeg, dlon = (lon2 - lon1) * kDeg;
  const double a =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(lat1 * kDeg) * std::cos(lat2 * kDeg) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2.0 * kR * std::asin(std::min(1.0, std::sqrt(a)));
}

bool crs_is_geographic(const std::string& crs) {
  if (crs.empty()) return false;
  OGRSpatialReference srs;
  if (srs.SetFromUserInput(crs.c_str()) != OGRERR_NONE) return false;
  return srs.IsGeographic();
}

std::string read_sidecar_crs(const std::string& csv, bool dir_crs_txt = true) {
  const fs::path p(csv);
  std::vector<fs::path> sides = {fs::path(csv + ".crs"), fs::path(p).replace_extension(".prj")};
  if (dir_crs_txt) sides.push_back(p.parent_path() / "crs.txt");
  for (const fs::path& side : sides) {
    std::ifstream in(side);
    if (!in) continue;
    std::stringstream ss;
    ss << in.rdbuf();
    std::string s = ss.str();
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    if (!s.empty()) return s;
  }
  return {};
}

// Value of key in an OSM "other_tags" hstore string: "k"=>"v","k2"=>"v2".
std::string hstore_get(const std::string& tags, const std::string& key) {
  const std::string pat = "\"" + key + "\"=>\"";
  const std::size_t at = tags.find(pat);
  if (at == std::string::npos) return {};
  const std::size_t start = at + pat.size();
  const std::size_t end = tags.find('"', start);
  return end == std::string::npos ? std::string() : tags.substr(start, end - start);
}

// Classes a rescue vehicle cannot drive; skipped when drive_only.
bool non_drivable(const std::string& highway) {
  static const std::set<std::string> skip = {
      "footway",      "path",         "cycleway", "steps",     "pedestrian", "bridleway",
      "corridor",     "construction", "proposed", "platform",  "elevator",   "via_ferrata",
      "bus_guideway", "raceway",      "escape",   "abandoned", "disused",    "razed"};
  return skip.count(highway) > 0;
}

struct LineAttrs {
  std::string highway;
  double speed_kph = 0;
  int lanes = 1;
  int code = 0;
  int oneway = 0;  // 0 both ways, 1 forward only, -1 reverse only
  bool bridge = false, tunnel = false;
  int layer = 0;
};

// OSM bridge=* / tunnel=*: any value but "no" tags the structure (yes, viaduct, culvert,
// ...); a building_passage runs at street level, so it is no tunnel for the flood.
bool osm_structure_tag(const std::string& v) {
  return !v.empty() && v != "no" && v != "building_passage";
}

LineAttrs read_attrs(OGRFeature& f) {
  const OGRFeatureDefn* d = f.GetDefnRef();
  auto field = [&](const char* name) -> std::string {
    const int k = d->GetFieldIndex(name);
    return k >= 0 && f.IsFieldSetAndNotNull(k) ? f.GetFieldAsString(k) : std::string();
  };
  const std::string other = field("other_tags");
  auto tag = [&](const char* name) {
    std::string v = field(name);
    return v.empty() ? hstore_get(other, name) : v;
  };
  LineAttrs a;
  a.highway = tag("highway");
  if (a.highway.empty()) a.highway = field("class");
  a.code = road_class_code(a.highway);
  if (a.code < 0) a.code = 0;
  double speed = parse_maxspeed(tag("maxspeed"));
  if (std::isnan(speed)) speed = parse_maxspeed(field("speed_kph"));
  a.speed_kph = std::isnan(speed) ? default_speed_kph(a.code) : speed;
  const std::string lanes = tag("lanes");
  a.lanes = lanes.empty() ? (a.highway == "motorway" || a.highway == "trunk" ? 2 : 1)
                          : std::max(1, std::atoi(lanes.c_str()));
  const std::string ow = tag("oneway");
  if (ow == "yes" || ow == "1" || ow == "true")
    a.oneway = 1;
  else if (ow == "-1" || ow == "reverse")
    a.oneway = -1;
  else if (ow.empty() && (a.highway == "motorway" || tag("junction") == "roundabout"))
    a.oneway = 1;
  a.bridge = osm_structure_tag(tag("bridge"));
  a.tunnel = osm_structure_tag(tag("tunnel"));
  a.layer = std::atoi(tag("layer").c_str());  // OSM layer: a small integer; junk reads as 0
  return a;
}

struct PointKey {
  std::uint64_t x, y;
  bool operator==(const PointKey&) const = default;
};
struct PointHash {
  std::size_t operator()(const PointKey& k) const { return k.x * 0x9E3779B97F4A7C15ull ^ k.y; }
};
PointKey key_of(double x, double y) {
  return {std::bit_cast<std::uint64_t>(x), std::bit_cast<std::uint64_t>(y)};
}

using Line = std::vector<std::pair<double, double>>;

void collect_lines(const OGRGeometry* g, std::vector<Line>& out) {
  if (!g) return;
  const auto type = wkbFlatten(g->getGeometryType());
  if (type == wkbLineString) {
    const auto* ls = g->toLineString();
    Line line;
    for (int k = 0; k < ls->getNumPoints(); ++k) line.emplace_back(ls->getX(k), ls->getY(k));
    if (line.size() >= 2) out.push_back(std::move(line));
  } else if (type == wkbMultiLineString || type == wkbGeometryCollection) {
    const auto* gc = g->toGeometryCollection();
    for (int k = 0; k < gc->getNumGeometries(); ++k) collect_lines(gc->getGeometryRef(k), out);
  }
}

OGRLayer* pick_layer(GDALDataset& ds, const std::string& path, const std::string& name) {
  if (!name.empty()) {
    OGRLayer* l = ds.GetLayerByName(name.c_str());
    if (!l) throw InputError(location(path) + ": no layer '" + name + "'");
    return l;
  }
  if (OGRLayer* l = ds.GetLayerByName("lines")) return l;
  if (ds.GetLayerCount() == 0) throw InputError(location(path) + ": no vector layers");
  return ds.GetLayer(0);
}

}  // namespace

std::optional<net::NodeId> RoadNetworkData::find(std::int64_t id) const {
  // Dense ids are common (0..n-1): try the direct slot before searching.
  if (id >= 0 && static_cast<std::size_t>(id) < node_id.size() && node_id[id] == id)
    return static_cast<net::NodeId>(id);
  const auto it = std::find(node_id.begin(), node_id.end(), id);
  if (it == node_id.end()) return std::nullopt;
  return static_cast<net::NodeId>(it - node_id.begin());
}

RoadNetworkData load_road_csv(const std::string& nodes_csv, const std::string& edges_csv,
                              const RoadLoadOptions& options) {
  RoadNetworkData net;
  const CsvTable nodes(nodes_csv);
  const std::size_t cid = nodes.required("id"), cx = nodes.required("x"), cy = nodes.required("y");
  std::unordered_map<std::int64_t, net::NodeId> index;
  index.reserve(nodes.rows());
  for (std::size_t r = 0; r < nodes.rows(); ++r) {
    const std::int64_t id = nodes.integer(r, cid);
    if (!index.emplace(id, static_cast<net::NodeId>(net.node_id.size())).second)
      throw InputError(nodes.at(r) + ": field 'id': duplicate node id " + std::to_string(id));
    net.node_id.push_back(id);
    net.x.push_back(nodes.number(r, cx));
    net.y.push_back(nodes.number(r, cy));
  }
  const CsvTable edges(edges_csv);
  const std::size_t cf = edges.required("from"), ct = edges.required("to");
  const std::size_t cl = edges.required("length_m"), cs = edges.required("speed_kph");
  const auto clanes = edges.column("lanes"), cclass = edges.column("class");
  const auto cbridge = edges.column("bridge"), ctunnel = edges.column("tunnel");
  const auto clayer = edges.column("layer");
  auto flag = [&](std::size_t r, const std::optional<std::size_t>& c, const char* field) {
    if (!c || !edges.has_value(r, *c)) return false;
    const auto v = edges.integer(r, *c);
    if (v != 0 && v != 1)
      throw InputError(edges.at(r) + ": field '" + field + "': must be 0 or 1, got " +
                       edges.text(r, *c));
    return v == 1;
  };
  auto node_of = [&](std::size_t r, std::size_t c, const char* field) {
    const std::int64_t id = edges.integer(r, c);
    const auto it = index.find(id);
    if (it == index.end())
      throw InputError(edges.at(r) + ": field '" + field + "': unknown node id " +
                       std::to_string(id) + " (not in " + nodes_csv + ")");
    return it->second;
  };
  for (std::size_t r = 0; r < edges.rows(); ++r) {
    net::EdgeInput e;
    e.from = node_of(r, cf, "from");
    e.to = node_of(r, ct, "to");
    e.length_m = edges.number(r, cl);
    e.speed_kph = edges.number(r, cs);
    const std::string at = edges.at(r);
    if (e.length_m < 0) throw InputError(at + ": field 'length_m': must be >= 0");
    if (e.speed_kph <= 0) throw InputError(at + ": field 'speed_kph': must be > 0");
    if (clanes && edges.has_value(r, *clanes)) {
      const auto lanes = edges.integer(r, *clanes);
      if (lanes < 1) throw InputError(at + ": field 'lanes': must be >= 1");
      e.lanes = static_cast<int>(std::min<std::int64_t>(lanes, 255));
    }
    if (cclass && edges.has_value(r, *cclass)) {
      e.road_class = road_class_code(edges.text(r, *cclass));
      if (e.road_class < 0)
        throw InputError(at + ": field 'class': unknown road class '" + edges.text(r, *cclass) +
                         "'");
    }
    e.bridge = flag(r, cbridge, "bridge");
    e.tunnel = flag(r, ctunnel, "tunnel");
    if (clayer && edges.has_value(r, *clayer)) {
      const auto layer = edges.integer(r, *clayer);
      if (layer < -5 || layer > 5)
        throw InputError(at + ": field 'layer': must be an integer from -5 to 5 (OSM layer)");
      e.layer = static_cast<int>(layer);
    }
    net.edges.push_back(e);
  }
  net.crs = options.crs.empty() ? read_sidecar_crs(nodes_csv) : options.crs;
  net.geographic = crs_is_geographic(net.crs);
  return net;
}

RoadNetworkData load_road_ogr(const std::string& path, const RoadLoadOptions& options) {
  ensure_ogr();
  if (!fs::exists(path)) throw InputError(location(path) + ": file not found");
  DatasetPtr ds(static_cast<GDALDataset*>(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
  if (!ds) throw InputError(location(path) + ": not a vector data source GDAL can read");
  OGRLayer* layer = pick_layer(*ds, path, options.layer);

  RoadNetworkData net;
  if (const OGRSpatialReference* srs = layer->GetSpatialRef()) {
    char* wkt = nullptr;
    srs->exportToWkt(&wkt);
    net.crs = wkt ? wkt : "";
    CPLFree(wkt);
    net.geographic = srs->IsGeographic();
  }
  if (!options.crs.empty()) net.crs = options.crs, net.geographic = crs_is_geographic(options.crs);

  // Pass 1: read lines; count how often each vertex position is used (line ends count twice
  // so they always become nodes). Intersections are positions used twice or more.
  std::vector<Line> lines;
  std::vector<LineAttrs> attrs;
  std::unordered_map<PointKey, std::uint32_t, PointHash> uses;
  // An OSM-like source (a 'highway' field, or GDAL's OSM 'other_tags') also holds railways,
  // rivers, power lines...: there only lines with a known highway class are roads.
  const OGRFeatureDefn* defn = layer->GetLayerDefn();
  const bool osm_like =
      defn->GetFieldIndex("highway") >= 0 || defn->GetFieldIndex("other_tags") >= 0;
  layer->ResetReading();
  for (std::unique_ptr<OGRFeature> f(layer->GetNextFeature()); f;
       f.reset(layer->GetNextFeature())) {
    const LineAttrs a = read_attrs(*f);
    if (osm_like && road_class_code(a.highway) < 0) continue;
    if (options.drive_only && non_drivable(a.highway)) continue;
    std::vector<Line> parts;
    collect_lines(f->GetGeometryRef(), parts);
    for (auto& line : parts) {
      for (std::size_t k = 0; k < line.size(); ++k)
        uses[key_of(line[k].first, line[k].second)] += (k == 0 || k + 1 == line.size()) ? 2 : 1;
      lines.push_back(std::move(line));
      attrs.push_back(a);
    }
  }
  if (lines.empty()) throw InputError(location(path) + ": no drivable line features found");

  // Pass 2: split lines at intersections; shape points fold into the edge length.
  std::unordered_map<PointKey, net::NodeId, PointHash> node_of;
  auto node_at = [&](double x, double y) {
    const auto [it, fresh] = node_of.emplace(key_of(x, y), static_cast<net::NodeId>(net.x.size()));
    if (fresh) {
      net.node_id.push_back(static_cast<std::int64_t>(net.x.size()));
      net.x.push_back(x);
      net.y.push_back(y);
    }
    return it->second;
  };
  auto seg_len = [&](const std::pair<double, double>& a, const std::pair<double, double>& b) {
    return net.geographic ? haversine_m(a.first, a.second, b.first, b.second)
                          : std::hypot(b.first - a.first, b.second - a.second);
  };
  for (std::size_t l = 0; l < lines.size(); ++l) {
    const Line& line = lines[l];
    const LineAttrs& a = attrs[l];
    net::NodeId from = node_at(line[0].first, line[0].second);
    double len = 0.0;
    for (std::size_t k = 1; k < line.size(); ++k) {
      len += seg_len(line[k - 1], line[k]);
      if (uses[key_of(line[k].first, line[k].second)] < 2) continue;
      const net::NodeId to = node_at(line[k].first, line[k].second);
      if (to != from) {
        net::EdgeInput e{from, to, len, a.speed_kph, a.lanes, a.code, a.bridge, a.tunnel, a.layer};
        if (a.oneway >= 0) net.edges.push_back(e);
        std::swap(e.from, e.to);
        if (a.oneway <= 0) net.edges.push_back(e);
      }
      from = to, len = 0.0;
    }
  }
  return net;
}

RoadNetworkData load_road_network(const std::string& path, const RoadLoadOptions& options) {
  if (fs::is_directory(path)) {
    const fs::path dir(path);
    return load_road_csv((dir / "nodes.csv").string(), (dir / "edges.csv").string(), options);
  }
  return load_road_ogr(path, options);
}

PointSet load_points(const std::string& path, const std::string& value_field) {
  PointSet ps;
  std::string ext = fs::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".csv") {
    const CsvTable t(path);
    const std::size_t cid = t.required("id"), cx = t.required("x"), cy = t.required("y");
    const bool with_value = !value_field.empty();
    const std::size_t cv = with_value ? t.required(value_field) : 0;
    for (std::size_t r = 0; r < t.rows(); ++r) {
      if (!t.has_value(r, cid)) throw InputError(t.at(r) + ": field 'id': empty");
      ps.id.push_back(t.text(r, cid));
      ps.x.push_back(t.number(r, cx));
      ps.y.push_back(t.number(r, cy));
      ps.value.push_back(with_value && t.has_value(r, cv)
                             ? t.number(r, cv)
                             : std::numeric_limits<double>::quiet_NaN());
    }
    ps.crs = read_sidecar_crs(path, false);
    return ps;
  }
  ensure_ogr();
  if (!fs::exists(path)) throw InputError(location(path) + ": file not found");
  DatasetPtr ds(static_cast<GDALDataset*>(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
  if (!ds || ds->GetLayerCount() == 0)
    throw InputError(location(path) + ": not a vector data source");
  OGRLayer* layer = ds->GetLayer(0);
  if (const OGRSpatialReference* srs = layer->GetSpatialRef()) {
    char* wkt = nullptr;
    srs->exportToWkt(&wkt);
    ps.crs = wkt ? wkt : "";
    CPLFree(wkt);
  }
  for (std::unique_ptr<OGRFeature> f(layer->GetNextFeature()); f;
       f.reset(layer->GetNextFeature())) {
    const OGRGeometry* g = f->GetGeometryRef();
    if (!g) continue;
    OGRPoint pt;
    if (wkbFlatten(g->getGeometryType()) == wkbPoint)
      pt = *g->toPoint();
    else if (g->Centroid(&pt) != OGRERR_NONE)
      continue;
    const int kid = f->GetFieldIndex("id");
    ps.id.push_back(kid >= 0 && f->IsFieldSetAndNotNull(kid) ? f->GetFieldAsString(kid)
                                                             : std::to_string(f->GetFID()));
    ps.x.push_back(pt.getX());
    ps.y.push_back(pt.getY());
    const int kv = value_field.empty() ? -1 : f->GetFieldIndex(value_field.c_str());
    ps.value.push_back(kv >= 0 && f->IsFieldSetAndNotNull(kv)
                           ? f->GetFieldAsDouble(kv)
                           : std::numeric_limits<double>::quiet_NaN());
  }
  return ps;
}

NodeValues load_node_values(const std::string& path) {
  const CsvTable t(path);
  NodeValues nv;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    nv.node.push_back(t.integer(r, 0));
    const bool has = t.columns() > 1 && t.has_value(r, 1);
    nv.value.push_back(has ? t.number(r, 1) : std::numeric_limits<double>::quiet_NaN());
  }
  return nv;
}

}  // namespace sd::io
