#include "app/run_pipeline.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "app/run_estimate.hpp"
#include "hazard/hazard_cache.hpp"
#include "hazard/hazard_run.hpp"
#include "io/output_guard.hpp"
#include "output/results_writer.hpp"
#include "response/simulation.hpp"
#include "scenario/scenario.hpp"
#include "scenario/warning_lead.hpp"

namespace sd {
namespace fs = std::filesystem;

namespace {

// A KPI that is NaN or infinite means the run went wrong (NaN input that slipped through,
// a division by zero): refuse it instead of writing a summary no one should believe. Only the
// response-time statistics may be undefined, when no incident of their kind was served.
void require_finite_kpis(const RunResult& r, const std::string& scenario) {
  for (const auto& k : r.final_kpis) {
    if (std::isfinite(k.value) || k.name.rfind("response_time_", 0) == 0) continue;
    throw std::runtime_error(scenario + ": KPI " + k.name + " = " + std::to_string(k.value) +
                             ": the run produced a non-finite result; results not written");
  }
}

}  // namespace

RunReport run_drill(const RunRequest& rq) {
  const auto wall0 = std::chrono::steady_clock::now();
  PhaseClock clock(rq.phase);
  std::vector<std::string> warnings;
  LoadOptions lo;
  lo.check_grid = [gb = rq.max_memory_gb](const std::string& dem, long long nx, long long ny) {
    require_grid_memory(dem, nx, ny, gb);
  };
  lo.allow_empty_storm = rq.allow_empty_storm;
  // A cached hazard needs no fine pixel: the sub-grid region comes from the cache and the fine
  // terrain is read only when the flood runs (issue 14, response-only branches).
  if (rq.use_cache) lo.region_cache_dir = rq.cache_dir.empty() ? default_cache_dir() : rq.cache_dir;
  Scenario s = load_scenario(rq.scenario_path, lo, &warnings);
  clock.lap("load scenario");
  if (rq.amend_scenario) rq.amend_scenario(s);
  // A branch names its parent's plan file, which is the scenario's own when it came with it.
  Plan plan =
      rq.plan_path.empty() || rq.plan_path == s.plan.path ? s.plan : load_plan(rq.plan_path, s);
  auto model = build_response_model(s);
  if (rq.check_model) rq.check_model(*model);
  clock.lap("plan and response model");
  if (rq.warn) {
    for (const auto& w : warnings) rq.warn(w);
    for (const auto& w : model->warnings) rq.warn(w);
  }
  {  // refuse before the hazard allocates: estimate in the message (exit 3)
    HazardOptions probe;
    probe.member = rq.member;
    const std::string dir = rq.cache_dir.empty() ? default_cache_dir() : rq.cache_dir;
    const bool cached =
        rq.use_cache && fs::exists(fs::path(dir) / (hazard_key(s, *model, probe) + ".h5"));
    require_drill_resources(s, *model, 1, cached ? 0 : 1, rq.max_memory_gb, dir);
  }
  clock.lap("resource check");
  RunReport rep;
  rep.results_path = !rq.out_path.empty() ? rq.out_path
                     : !s.output_path.empty()
                         ? s.output_path
                         : (fs::path(s.path).replace_extension("").string() + "-results.h5");
  // Before the run: never over an input, a folder or a file of another kind.
  // The scenario's inputs are noted by now, so a summary over one of them is refused here,
  // not after the run.
  io::check_output_file(rep.results_path, io::FileKind::Hdf5);
  for (const auto& t : rq.text_outputs) io::check_output_file(t, io::FileKind::Text);
  const std::string cache = rq.cache_dir.empty() ? default_cache_dir() : rq.cache_dir;
  io::check_not_in_cache(rep.results_path, cache);
  for (const auto& t : rq.text_outputs) io::check_not_in_cache(t, cache);
  rep.scenario_name = s.name;
  rep.plan_name = plan.name;
  rep.seed = rq.seed.value_or(s.seed);
  HazardOptions ho;
  ho.member = rq.member;
  ho.threads = rq.threads;
  ho.cache_dir = rq.cache_dir;
  ho.use_cache = rq.use_cache;
  ho.cache_max_gb = rq.cache_max_gb;
  ho.progress = rq.hazard_progress;
  ho.checkpoint_every_s = rq.checkpoint_every_s;
  if (rq.amend_hazard_options) rq.amend_hazard_options(ho);
  const auto h0 = std::chrono::steady_clock::now();
  rep.hazard = run_hazard(s, *model, ho);
  clock.lap(rep.hazard.from_cache ? "hazard (cached)" : "hazard");
  if (rq.amend_hazard) {
    rq.amend_hazard(rep.hazard, *model, ho);
    clock.lap("root hazard's risk map");
  }
  rep.hazard_wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - h0).count();
  rep.subgrid = s.subgrid();
  rep.hazard_from_cache = rep.hazard.from_cache;  // what happened, not a guess from timing
  const auto clipped = warning_lead_clipped(plan, rep.hazard.landfall_s);
  if (clipped && rq.warn) rq.warn(*clipped);
  RunOptions ro;
  ro.seed = rep.seed;
  ro.member = rq.member;
  const auto r0 = std::chrono::steady_clock::now();
  rep.result = simulate_response(*model, rep.hazard, plan, ro);
  // The hazard's own happenings (substations flooding, pumps lost) belong in the debrief log.
  for (const auto& n : rep.hazard.notes)
    rep.result.events.push_back(LogEvent{n.t, EventType::CriticalSite, -1, -1, 0, 0, n.text});
  // A clipped warning lead goes into the results' event log beside the warning itself.
  if (clipped) rep.result.events.push_back(LogEvent{0, EventType::Warning, -1, -1, 0, 0, *clipped});
  std::stable_sort(rep.result.events.begin(), rep.result.events.end(),
                   [](const LogEvent& a, const LogEvent& b) { return a.t < b.t; });
  rep.response_wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - r0).count();
  clock.lap("response");
  require_finite_kpis(rep.result, s.path);
  if (fs::path(rep.results_path).has_parent_path())
    fs::create_directories(fs::path(rep.results_path).parent_path());
  rep.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  RunMeta meta;
  meta.seed = rep.seed;
  meta.member = rq.member;
  meta.wall_s = rep.wall_s;
  meta.hazard_wall_s = rep.hazard_wall_s;
  meta.response_wall_s = rep.response_wall_s;
  rep.empty_drill = assess_empty_drill(rep.result, rep.hazard, model->total_population);
  meta.self_contained = rq.self_contained;
  meta.scenario_path = s.path;
  if (rq.branch_record) meta.branch = rq.branch_record();
  write_results(rep.results_path, *model, rep.hazard, plan, rep.result, meta);
  clock.lap("write results");
  rep.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  return rep;
}

io::Json RunReport::summary_json() const {
  io::Json j = io::Json::object();
  j.set("scenario", scenario_name).set("plan", plan_name).set("results", results_path);
  for (const auto& k : result.final_kpis)
    j.set(k.name, std::isfinite(k.value) ? io::Json(k.value) : io::Json::null());
  j.set("hazard_from_cache", hazard_from_cache);
  j.set("hazard_resumed_from_s", hazard.resumed_from_s);  // 0: not resumed from a checkpoint
  j.set("hazard_wall_s", hazard_wall_s);
  j.set("response_wall_s", response_wall_s);
  j.set("wall_s", wall_s);
  j.set("seed", static_cast<long long>(seed));
  j.set("empty_drill", empty_drill.empty);
  if (empty_drill.empty) {
    io::Json reasons = io::Json::array();
    for (const auto& r : empty_drill.reasons) reasons.push(r);
    j.set("empty_drill_reasons", std::move(reasons));
  }
  return j;
}

namespace {
// Pre-positioning: how many teams moved and which did not reach their station by landfall.
std::string stations_line(const RunResult& r) {
  int moved = 0, missed = 0;
  std::string who;
  for (const auto& so : r.stations) {
    if (so.t_ordered < 0) continue;
    ++moved;
    if (so.in_time) continue;
    ++missed;
    char b[64];
    if (so.t_reached >= 0)
      std::snprintf(b, sizeof b, " (arrived %.1f h, after landfall)", so.t_reached / 3600);
    else
      std::snprintf(b, sizeof b, " (never arrived, %.1f km short)", so.short_km);
    who += (who.empty() ? "" : "; ") + so.team_name + b;
  }
  std::ostringstream os;
  os << "  pre-positioning           " << moved << " of " << r.stations.size()
     << " teams moved to their plan stations";
  if (missed) os << "; NOT at their station by landfall: " << who;
  os << "\n";
  return os.str();
}
}  // namespace

std::string RunReport::summary_table() const {
  std::ostringstream os;
  auto v = [&](const char* n) { return result.kpi(n); };
  auto mins = [](double s) {
    std::ostringstream o;
    if (!std::isfinite(s)) return std::string("–");
    o.setf(std::ios::fixed);
    o.precision(1);
    o << s / 60.0 << " min";
    return o.str();
  };
  os << "\n  Drill summary — " << scenario_name << "\n  plan: " << plan_name << "   seed: " << seed
     << "\n";
  os << "  ---------------------------------------------------------------\n";
  os.setf(std::ios::fixed);
  os.precision(0);
  // The line adds up: occurred = served + unserved at the end + averted; late and unreachable
  // are parts of served and unserved, printed apart (KPI definitions: docs/response-model.md).
  os << "  incidents                 " << v("incidents_occurred") << " = " << v("incidents_served")
     << " served + " << v("incidents_unserved_at_end") << " unserved at the end + "
     << v("incidents_averted_by_evacuation") << " averted by evacuation\n";
  os << "                            of the served " << v("incidents_served_late")
     << " late (after their deadline); of the unserved " << v("incidents_unreachable")
     << " unreachable\n";
  os << "  response time             median " << mins(v("response_time_median_s")) << ", p90 "
     << mins(v("response_time_p90_s")) << ", max " << mins(v("response_time_max_s")) << "\n";
  os << "  people rescued            " << v("people_rescued") << "\n";
  os << "  people evacuated          " << v("people_evacuated") << " (shelter overflow "
     << v("shelter_overflow") << ")\n";
  os.precision(2);
  os << "  expected fatalities       " << v("expected_fatalities") << " (proxy)\n";
  os.precision(0);
  os << "  supply shortfall          " << v("supply_shortfall_meals") << " meals, "
     << v("supply_shortfall_water_l") << " litres of water, " << v("supply_shortfall_pumps")
     << " pumps\n";
  os.precision(2);
  os << "  team utilisation          " << 100 * v("team_utilisation") << " %\n";
  if (!result.stations.empty()) os << stations_line(result);
  os.precision(1);
  os << "  road km closed (peak)     " << v("road_km_closed_peak")
     << " km (flooding, injects and orders)";
  if (v("road_km_closed_baseline") > 0)
    os << " (+ " << v("road_km_closed_baseline") << " km under water before it, not counted)";
  os << "\n";
  if (subgrid)  // both on the fine land pixels: at the peak frame, and ever
    os << "  flooded land              " << v("peak_flooded_area_km2")
       << " km2 of fine pixels at the peak (>= 0.15 m at a frame), " << v("flooded_extent_km2")
       << " km2 of fine pixels reached 0.15 m at some time\n";
  else
    os << "  flooded land              " << v("peak_flooded_area_km2") << " km2 at the peak, "
       << v("flooded_extent_km2") << " km2 reached 0.15 m at some time\n";
  os << "  hazard " << hazard_wall_s << " s" << (hazard_from_cache ? " (cached)" : "");
  if (hazard.resumed_from_s > 0)
    os << " (resumed from the parent's flood at " << hazard.resumed_from_s / 3600 << " h)";
  os << ", response " << response_wall_s << " s, total " << wall_s << " s\n";
  os << "  results: " << results_path << "\n";
  if (empty_drill.empty) {
    os << "\n  !! THIS DRILL DID NOTHING: no storm incidents, no road closures, no rain over "
          "populated "
          "land.\n";
    for (const auto& r : empty_drill.reasons) os << "  !!   - " << r << "\n";
  }
  return os.str();
}

}  // namespace sd
