// write_imported_county(): the scenario folder, written into a temporary sibling folder and
// renamed into place at the end, so a failed import leaves nothing half-written.
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <system_error>
#include <unordered_map>

#include "core/error.hpp"
#include "county/import_county.hpp"
#include "county/import_report.hpp"
#include "county/import_scenario_toml.hpp"
#include "io/atomic_file.hpp"
#include "io/track_reader.hpp"

namespace sd::county {
namespace {

namespace fs = std::filesystem;

// Node ids are dense (0..n-1, in order of first use) to keep the files small; osm_id is the
// OSM node id each intersection came from.
std::string nodes_csv(const ImportRoads& r) {
  std::ostringstream o;
  o.setf(std::ios::fixed);
  o.precision(2);
  o << "id,x,y,osm_id\n";
  for (std::size_t k = 0; k < r.nodes.size(); ++k)
    o << k << ',' << r.nodes[k].x << ',' << r.nodes[k].y << ',' << r.nodes[k].osm_id << '\n';
  return o.str();
}

std::string edges_csv(const ImportRoads& r) {
  std::unordered_map<std::int64_t, std::size_t> id;
  for (std::size_t k = 0; k < r.nodes.size(); ++k) id.emplace(r.nodes[k].osm_id, k);
  std::ostringstream o;
  o.setf(std::ios::fixed);
  o.precision(1);
  o << "from,to,length_m,speed_kph,lanes,class,bridge,tunnel,layer,osm_way,both_ways\n";
  for (const ImportEdge& e : r.edges)
    o << id.at(e.from) << ',' << id.at(e.to) << ',' << e.length_m << ',' << e.speed_kph << ','
      << e.lanes << ',' << e.cls << ',' << e.bridge << ',' << e.tunnel << ',' << e.layer << ','
      << e.way << ',' << (e.both_ways ? 1 : 0) << '\n';
  return o.str();
}

// Removes the temporary folder unless released.
class TempDir {
 public:
  explicit TempDir(fs::path p) : p_(std::move(p)) {}
  ~TempDir() {
    std::error_code ec;
    if (!released_) fs::remove_all(p_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return p_; }
  void release() { released_ = true; }

 private:
  fs::path p_;
  bool released_ = false;
};

void write_files(const ImportedCounty& c, const fs::path& d) {
  fs::create_directories(d / "data" / "roads");
  io::write_raster((d / "data" / "dem.tif").string(), c.dem.dem);
  io::write_raster((d / "data" / "landuse.tif").string(), c.landuse.landuse);
  io::write_raster((d / "data" / "population.tif").string(), c.population.population);
  if (!c.towns.units.empty()) io::write_raster((d / "data" / "areas.tif").string(), c.towns.areas);
  io::write_text_atomic((d / "data" / "roads" / "nodes.csv").string(), nodes_csv(c.roads));
  io::write_text_atomic((d / "data" / "roads" / "edges.csv").string(), edges_csv(c.roads));
  if (c.level.river)
    io::write_text_atomic((d / "data" / "river-level.csv").string(), river_level_csv(c));
  if (!c.opt.track.empty()) io::write_track_csv((d / "data" / "track.csv").string(), c.track, 0);
  io::write_text_atomic((d / "scenario.toml").string(), imported_scenario_toml(c));
  io::write_text_atomic((d / "plan-default.toml").string(), imported_plan_toml(c));
  io::write_text_atomic((d / "county-import.md").string(), import_report_md(c));
}

}  // namespace

void write_imported_county(const ImportedCounty& c, const std::string& dir) {
  const fs::path out = fs::absolute(fs::path(dir)).lexically_normal();
  const fs::path final_dir = out.filename().empty() ? out.parent_path() : out;
  std::error_code ec;
  if (fs::exists(final_dir, ec) &&
      !(fs::is_directory(final_dir, ec) && fs::is_empty(final_dir, ec)))
    throw InputError(dir + ": -o: the output folder exists and is not empty");
  fs::create_directories(final_dir.parent_path(), ec);
  TempDir tmp(final_dir.parent_path() /
              ("." + final_dir.filename().string() + ".import-" + std::to_string(getpid())));
  fs::remove_all(tmp.path(), ec);
  write_files(c, tmp.path());
  if (fs::exists(final_dir, ec)) fs::remove(final_dir);  // empty, checked above
  fs::rename(tmp.path(), final_dir);
  tmp.release();
}

}  // namespace sd::county
