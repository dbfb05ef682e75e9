#include "debrief/gpkg_export.hpp"

#include "results/results_schema.hpp"

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <cmath>
#include <ctime>
#include <filesystem>
#include <memory>

#include "core/error.hpp"
#include "core/iso_time.hpp"
#include "debrief/fine_raster.hpp"
#include "debrief/run_view.hpp"
#include "io/atomic_file.hpp"
#include "io/raster_io.hpp"

namespace sd::debrief {
namespace {

namespace fs = std::filesystem;

struct DatasetCloser {
  void operator()(GDALDatasetH d) const {
    if (d) GDALClose(d);
  }
};
using Dataset = std::unique_ptr<void, DatasetCloser>;

struct SrsCloser {
  void operator()(OGRSpatialReferenceH s) const {
    if (s) OSRRelease(s);
  }
};
using Srs = std::unique_ptr<void, SrsCloser>;

struct FeatureCloser {
  void operator()(OGRFeatureH f) const { OGR_F_Destroy(f); }
};
using Feature = std::unique_ptr<void, FeatureCloser>;

[[noreturn]] void gdal_fail(const std::string& what) {
  throw IoError("export: " + what + ": " + CPLGetLastErrorMsg());
}

// A layer with typed fields, filled one feature at a time.
class Layer {
 public:
  Layer(GDALDatasetH ds, const char* name, OGRwkbGeometryType geom, OGRSpatialReferenceH srs)
      : name_(name) {
    char* opts[] = {const_cast<char*>("SPATIAL_INDEX=YES"), nullptr};
    layer_ = GDALDatasetCreateLayer(ds, name, srs, geom, opts);
    if (!layer_) gdal_fail(std::string("cannot create layer ") + name);
  }
  Layer& field(const char* name, OGRFieldType type) {
    OGRFieldDefnH f = OGR_Fld_Create(name, type);
    const bool ok = OGR_L_CreateField(layer_, f, TRUE) == OGRERR_NONE;
    OGR_Fld_Destroy(f);
    if (!ok) gdal_fail("cannot create field " + std::string(name));
    return *this;
  }
  Feature feature() const { return Feature(OGR_F_Create(OGR_L_GetLayerDefn(layer_))); }
  void add(OGRFeatureH f, OGRGeometryH g) {
    OGR_F_SetGeometryDirectly(f, g);
    if (OGR_L_CreateFeature(layer_, f) != OGRERR_NONE) gdal_fail("cannot write to " + name_);
    ++count_;
  }
  long long count() const { return count_; }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  OGRLayerH layer_ = nullptr;
  long long count_ = 0;
};

OGRGeometryH point(double x, double y) {
  OGRGeometryH g = OGR_G_CreateGeometry(wkbPoint);
  OGR_G_SetPoint_2D(g, 0, x, y);
  return g;
}

// Seconds since the scenario start as a UTC date-time field (QGIS temporal controller).
class Clock {
 public:
  explicit Clock(const std::string& start_iso) {
    if (auto e = parse_iso8601(start_iso)) epoch_ = *e, known_ = true;
  }
  void set(OGRFeatureH f, const char* field, double t) const {
    const int k = OGR_F_GetFieldIndex(f, field);
    if (!known_ || !std::isfinite(t)) {
      OGR_F_SetFieldNull(f, k);
      return;
    }
    const std::time_t s =
        static_cast<std::time_t>(epoch_ + static_cast<std::int64_t>(std::floor(t)));
    std::tm tm{};
    gmtime_r(&s, &tm);
    const float sec = static_cast<float>(tm.tm_sec + (t - std::floor(t)));
    OGR_F_SetFieldDateTimeEx(f, k, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                             tm.tm_min, sec, 100 /* UTC */);
  }

 private:
  std::int64_t epoch_ = 0;
  bool known_ = false;
};

void set_num(OGRFeatureH f, const char* field, double v) {
  const int k = OGR_F_GetFieldIndex(f, field);
  if (std::isfinite(v))
    OGR_F_SetFieldDouble(f, k, v);
  else
    OGR_F_SetFieldNull(f, k);
}

void set_str(OGRFeatureH f, const char* field, const std::string& v) {
  OGR_F_SetFieldString(f, OGR_F_GetFieldIndex(f, field), v.c_str());
}

void set_int(OGRFeatureH f, const char* field, long long v) {
  OGR_F_SetFieldInteger64(f, OGR_F_GetFieldIndex(f, field), v);
}

void export_incidents(GDALDatasetH ds, OGRSpatialReferenceH srs, const RunView& v,
                      const Clock& clock, ExportSummary& out) {
  Layer l(ds, "incidents", wkbPoint, srs);
  l.field("id", OFTInteger64).field("type", OFTString).field("people", OFTInteger64);
  l.field("severity", OFTReal).field("state", OFTString).field("outcome", OFTString);
  l.field("team", OFTString).field("town", OFTString);
  for (const char* t : {"t_created_s", "t_assigned_s", "t_arrived_s", "t_done_s", "response_s"})
    l.field(t, OFTReal);
  for (const char* t : {"created", "assigned", "arrived", "done"}) l.field(t, OFTDateTime);
  const auto& in = v.incidents;
  for (std::size_t i = 0; i < in.rows(); ++i) {
    Feature f = l.feature();
    const IncidentRow r = v.incident(i);
    set_int(f.get(), "id", static_cast<long long>(in.num("id", i, -1)));
    set_str(f.get(), "type", in.label("type", i));
    set_int(f.get(), "people", static_cast<long long>(in.num("people", i, 0)));
    set_num(f.get(), "severity", in.num("severity", i, NAN));
    set_str(f.get(), "state", in.label("state", i));
    set_str(f.get(), "outcome", outcome_name(r.outcome));
    set_str(f.get(), "team", v.team_name(r.team));
    set_str(f.get(), "town", v.town_name(r.town));
    set_num(f.get(), "t_created_s", r.t_created);
    set_num(f.get(), "t_assigned_s", in.num("t_assigned", i, NAN));
    set_num(f.get(), "t_arrived_s", r.t_arrived);
    set_num(f.get(), "t_done_s", in.num("t_done", i, NAN));
    set_num(f.get(), "response_s", r.t_arrived - r.t_created);
    clock.set(f.get(), "created", r.t_created);
    clock.set(f.get(), "assigned", in.num("t_assigned", i, NAN));
    clock.set(f.get(), "arrived", r.t_arrived);
    clock.set(f.get(), "done", in.num("t_done", i, NAN));
    l.add(f.get(), point(r.x, r.y));
  }
  out.layers.emplace_back(l.name(), l.count());
}

// One line per leg between consecutive track points of a team.
void export_tracks(GDALDatasetH ds, OGRSpatialReferenceH srs, const RunView& v, const Clock& clock,
                   ExportSummary& out) {
  Layer l(ds, "team_tracks", wkbLineString, srs);
  l.field("team", OFTString).field("status", OFTString).field("incident", OFTInteger64);
  l.field("t_start_s", OFTReal).field("t_end_s", OFTReal);
  l.field("time", OFTDateTime).field("time_end", OFTDateTime);
  const auto& tr = v.track;
  for (const auto& rows : v.track_rows_by_team())
    for (std::size_t k = 0; k + 1 < rows.size(); ++k) {
      const std::size_t a = rows[k], b = rows[k + 1];
      Feature f = l.feature();
      set_str(f.get(), "team", v.team_name(static_cast<int>(tr.num("team", a, -1))));
      set_str(f.get(), "status", tr.label("status", a));
      set_int(f.get(), "incident", static_cast<long long>(tr.num("incident", a, -1)));
      set_num(f.get(), "t_start_s", tr.num("t", a, NAN));
      set_num(f.get(), "t_end_s", tr.num("t", b, NAN));
      clock.set(f.get(), "time", tr.num("t", a, NAN));
      clock.set(f.get(), "time_end", tr.num("t", b, NAN));
      OGRGeometryH g = OGR_G_CreateGeometry(wkbLineString);
      OGR_G_AddPoint_2D(g, tr.num("x", a, 0), tr.num("y", a, 0));
      OGR_G_AddPoint_2D(g, tr.num("x", b, 0), tr.num("y", b, 0));
      l.add(f.get(), g);
    }
  out.layers.emplace_back(l.name(), l.count());
}

// One row per road segment x road-state frame; [time, time_end) is when the state held.
void export_roads(GDALDatasetH ds, OGRSpatialReferenceH srs, const RunView& v, const Clock& clock,
                  ExportSummary& out) {
  Layer l(ds, "roads", wkbLineString, srs);
  l.field("edge", OFTInteger64).field("frame", OFTInteger64).field("class", OFTString);
  l.field("state", OFTString).field("speed_factor", OFTReal).field("length_m", OFTReal);
  l.field("t_s", OFTReal).field("time", OFTDateTime).field("time_end", OFTDateTime);
  const auto& e = v.edges;
  const std::size_t E = e.rows(), R = v.road_time.size();
  const double end = v.end_time();
  for (std::size_t k = 0; k < R; ++k)
    for (std::size_t j = 0; j < E; ++j) {
      Feature f = l.feature();
      set_int(f.get(), "edge", static_cast<long long>(j));
      set_int(f.get(), "frame", static_cast<long long>(k));
      set_str(f.get(), "class", e.label("class", j));
      set_str(f.get(), "state", road_state_name(v.road_state_at(k, j)));
      set_num(f.get(), "speed_factor", v.road_speed_at(k, j));
      set_num(f.get(), "length_m", e.num("length_m", j, NAN));
      set_num(f.get(), "t_s", v.road_time[k]);
      clock.set(f.get(), "time", v.road_time[k]);
      clock.set(f.get(), "time_end", k + 1 < R ? v.road_time[k + 1] : end);
      const auto [a, b] = v.edge_ends(j);
      OGRGeometryH g = OGR_G_CreateGeometry(wkbLineString);
      OGR_G_AddPoint_2D(g, a.first, a.second);
      OGR_G_AddPoint_2D(g, b.first, b.second);
      l.add(f.get(), g);
    }
  out.layers.emplace_back(l.name(), l.count());
}

void export_points(GDALDatasetH ds, OGRSpatialReferenceH srs, const RunView& v, const Clock& clock,
                   ExportSummary& out) {
  {
    Layer l(ds, "shelters", wkbPoint, srs);
    l.field("name", OFTString).field("capacity", OFTInteger64).field("peak_occupancy", OFTReal);
    l.field("t_peak_s", OFTReal).field("peak_time", OFTDateTime);
    for (std::size_t q = 0; q < v.shelters.rows(); ++q) {
      Feature f = l.feature();
      const auto [peak, when] = v.shelter_peak(q);
      set_str(f.get(), "name", v.shelters.text("name", q));
      set_int(f.get(), "capacity", static_cast<long long>(v.shelters.num("capacity", q, 0)));
      set_num(f.get(), "peak_occupancy", peak);
      set_num(f.get(), "t_peak_s", when);
      clock.set(f.get(), "peak_time", when);
      l.add(f.get(), point(v.shelters.num("x", q, 0), v.shelters.num("y", q, 0)));
    }
    out.layers.emplace_back(l.name(), l.count());
  }
  {
    Layer l(ds, "depots", wkbPoint, srs);
    l.field("name", OFTString);
    std::vector<std::string> stocks;
    for (const auto& c : v.depots.columns())
      if (c.name != "name" && c.name != "x" && c.name != "y" && !c.is_string)
        stocks.push_back(c.name), l.field(c.name.c_str(), OFTReal);
    for (std::size_t q = 0; q < v.depots.rows(); ++q) {
      Feature f = l.feature();
      set_str(f.get(), "name", v.depots.text("name", q));
      for (const auto& s : stocks) set_num(f.get(), s.c_str(), v.depots.num(s, q, NAN));
      l.add(f.get(), point(v.depots.num("x", q, 0), v.depots.num("y", q, 0)));
    }
    out.layers.emplace_back(l.name(), l.count());
  }
  {
    Layer l(ds, "critical_sites", wkbPoint, srs);
    l.field("name", OFTString).field("kind", OFTString).field("peak_depth_m", OFTReal);
    l.field("t_peak_s", OFTReal).field("peak_time", OFTDateTime);
    const auto& s = v.sites;
    for (std::size_t q = 0; q < s.rows(); ++q) {
      Feature f = l.feature();
      set_str(f.get(), "name", s.text("name", q));
      set_str(f.get(), "kind", s.label("kind", q));
      set_num(f.get(), "peak_depth_m", s.num("peak_depth", q, NAN));
      set_num(f.get(), "t_peak_s", s.num("t_peak", q, NAN));
      clock.set(f.get(), "peak_time", s.num("t_peak", q, NAN));
      l.add(f.get(), point(s.num("x", q, 0), s.num("y", q, 0)));
    }
    out.layers.emplace_back(l.name(), l.count());
  }
  {
    Layer l(ds, "towns", wkbPoint, srs);
    l.field("name", OFTString).field("population", OFTReal);
    for (std::size_t q = 0; q < v.towns.rows(); ++q) {
      Feature f = l.feature();
      set_str(f.get(), "name", v.towns.text("name", q));
      set_num(f.get(), "population", v.towns.num("population", q, NAN));
      l.add(f.get(), point(v.towns.num("x", q, 0), v.towns.num("y", q, 0)));
    }
    out.layers.emplace_back(l.name(), l.count());
  }
}

// RUN_<name>.tif beside the GeoPackage, for each risk raster the file holds: at the fine DEM's
// resolution when the run was computed on sub-grid cells (/hazard/fine), else the grid's.
void export_rasters(const RunView& v, const fs::path& gpkg, ExportSummary& out) {
  for (const char* name : {schema::fine::kMaxDepth, schema::fine::kFirstAbove,
                           schema::fine::kDuration, schema::fine::kHazardRating}) {
    io::Raster r;
    if (!read_fine_raster(v, name, r)) {
      auto data = v.file().read_raster(std::string("/hazard/") + name);
      if (data.empty()) continue;
      const auto& g = v.file().grid();
      r.grid = Grid{g.nx, g.ny, g.x0, g.y0, g.cell};
      r.crs_wkt = g.crs_wkt;
      r.data = std::move(data);
    }
    const fs::path p = gpkg.parent_path() / (gpkg.stem().string() + "_" + name + ".tif");
    io::write_raster(p.string(), r);
    out.rasters.push_back(p.string());
  }
}

}  // namespace

ExportSummary export_gpkg(const std::string& results_path, const std::string& gpkg_path) {
  const RunView v = RunView::open(results_path);
  GDALAllRegister();
  GDALDriverH drv = GDALGetDriverByName("GPKG");
  if (!drv) throw IoError("export: this GDAL has no GPKG driver");
  ExportSummary out;
  io::AtomicFile file(gpkg_path);
  {
    // The temporary's name does not end in .gpkg; the driver warns about that, harmlessly.
    CPLPushErrorHandler(CPLQuietErrorHandler);
    Dataset ds(GDALCreate(drv, file.temp_path().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    CPLPopErrorHandler();
    if (!ds) gdal_fail("cannot create " + file.temp_path());
    Srs srs;
    if (!v.file().grid().crs_wkt.empty()) {
      srs.reset(OSRNewSpatialReference(v.file().grid().crs_wkt.c_str()));
      OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
    }
    const Clock clock(v.file().meta().start_time);
    if (GDALDatasetStartTransaction(ds.get(), FALSE) != OGRERR_NONE) gdal_fail("transaction");
    export_incidents(ds.get(), srs.get(), v, clock, out);
    export_tracks(ds.get(), srs.get(), v, clock, out);
    export_roads(ds.get(), srs.get(), v, clock, out);
    export_points(ds.get(), srs.get(), v, clock, out);
    if (GDALDatasetCommitTransaction(ds.get()) != OGRERR_NONE) gdal_fail("commit");
  }
  file.commit();
  export_rasters(v, gpkg_path, out);
  return out;
}

}  // namespace sd::debrief
