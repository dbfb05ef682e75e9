#include "output/results_writer.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "io/h5.hpp"
#include "io/h5_cf.hpp"
#include "output/hazard_link.hpp"
#include "output/places_writer.hpp"
#include "output/storm_track_writer.hpp"
#include "output/xdmf_writer.hpp"
#include "version.hpp"

namespace sd {
namespace fs = std::filesystem;
using h5::Handle;

void write_meta_and_grid(long long file_id, const Scenario& s, const std::string& kind,
                         std::uint64_t seed, double wall_s, bool with_grid) {
  const hid_t f = static_cast<hid_t>(file_id);
  Handle meta = h5::create_group(f, "meta");
  h5::set_attr(meta, "format", "stormdrill-results");
  h5::set_attr(meta, "format_version", 1);
  h5::set_attr(meta, "kind", kind);
  h5::set_attr(meta, "engine_version", kVersion);
  h5::set_attr(meta, "git_commit", kGitCommit);
  h5::set_attr(meta, "scenario_name", s.name);
  h5::set_attr(meta, "start_time", s.start_iso);
  h5::set_attr(meta, "duration_s", s.duration_s);
  h5::set_attr(meta, "seed", static_cast<std::int64_t>(seed));
  h5::set_attr(meta, "wall_s", wall_s);
  h5::write_string(meta, "scenario_text", s.text);
  if (!with_grid) return;
  const Grid& g = s.dem.grid;
  Handle grid = h5::create_group(f, "grid");
  h5::set_grid_attrs(grid, g);
  h5::set_attr(grid, "crs_wkt", s.dem.crs_wkt);
  h5::write_matrix<float>(grid, "elevation", s.dem.data.data(), g.ny, g.nx);
  h5::set_cf(Handle(H5Dopen2(grid, "elevation", H5P_DEFAULT)), "m", "bed elevation");
  if (!s.landuse.data.empty()) {
    std::vector<std::int32_t> lu(s.landuse.data.size());
    for (std::size_t k = 0; k < lu.size(); ++k)
      lu[k] = std::isnan(s.landuse.data[k]) ? -1 : static_cast<std::int32_t>(s.landuse.data[k]);
    h5::write_matrix<std::int32_t>(grid, "landuse", lu.data(), g.ny, g.nx);
  }
  h5::cf::georeference_group(grid, {g, s.dem.crs_wkt, ""});
}

namespace {

template <class T>
void col(hid_t g, const std::string& name, const std::vector<T>& v) {
  h5::write_vector<T>(g, name, v);
}

void labels(hid_t g, const std::string& ds, const std::string& joined) {
  Handle d(H5Dopen2(g, ds.c_str(), H5P_DEFAULT));
  h5::set_attr(d, "labels", joined);
}

void write_roads(hid_t f, const ResponseModel& m, const RunResult& r) {
  const auto& g = *m.graph;
  Handle roads = h5::create_group(f, "roads");
  Handle nodes = h5::create_group(roads, "nodes");
  col<std::int64_t>(nodes, "id", m.node_id);
  col<double>(nodes, "x", std::vector<double>(g.x().begin(), g.x().end()));
  col<double>(nodes, "y", std::vector<double>(g.y().begin(), g.y().end()));
  Handle edges = h5::create_group(roads, "edges");
  std::vector<std::int32_t> from(g.num_edges()), to(g.num_edges()), cls(g.num_edges());
  std::vector<float> len(g.num_edges()), spd(g.num_edges());
  for (std::size_t e = 0; e < g.num_edges(); ++e) {
    from[e] = static_cast<std::int32_t>(g.tail()[e]);
    to[e] = static_cast<std::int32_t>(g.head()[e]);
    cls[e] = g.road_class()[e];
    len[e] = static_cast<float>(g.length_m()[e]);
    spd[e] = static_cast<float>(g.speed_kph()[e]);
  }
  col(edges, "from", from);
  col(edges, "to", to);
  col(edges, "length_m", len);
  col(edges, "speed_kph", spd);
  col(edges, "class", cls);
  col(roads, "time", r.road_time);
  const std::size_t R = r.road_time.size(), E = g.num_edges();
  if (R > 0 && E > 0) {
    h5::write_matrix<std::uint8_t>(roads, "state", r.road_state.data(), R, E);
    labels(roads, "state", "open,slowed,closed_water,closed_inject");
    h5::write_matrix<float>(roads, "speed_factor", r.road_speed_factor.data(), R, E);
  }
  col(roads, "closed_km", r.road_closed_km);
  col(roads, "closed_km_baseline", r.road_closed_km_baseline);
}

void write_teams(hid_t f, const Scenario& s, const RunResult& r) {
  Handle t = h5::create_group(f, "teams");
  std::vector<std::string> name;
  std::vector<std::int32_t> kind, vehicle, crew;
  std::vector<double> bx, by;
  for (const auto& tm : s.teams) {
    name.push_back(tm.name);
    kind.push_back(static_cast<std::int32_t>(tm.kind));
    vehicle.push_back(static_cast<std::int32_t>(tm.vehicle));
    crew.push_back(tm.crew);
    bx.push_back(tm.x);
    by.push_back(tm.y);
  }
  h5::write_strings(t, "name", name);
  col(t, "kind", kind);
  labels(t, "kind", kTeamKinds.joined());
  col(t, "vehicle", vehicle);
  labels(t, "vehicle", kVehicles.joined());
  col(t, "crew", crew);
  col(t, "base_x", bx);
  col(t, "base_y", by);
  Handle tr = h5::create_group(t, "track");
  std::vector<std::int32_t> team, status, inc;
  std::vector<double> tt, x, y;
  for (const auto& p : r.tracks) {
    team.push_back(p.team);
    tt.push_back(p.t);
    x.push_back(p.x);
    y.push_back(p.y);
    status.push_back(static_cast<std::int32_t>(p.status));
    inc.push_back(p.incident);
  }
  col(tr, "team", team);
  col(tr, "t", tt);
  col(tr, "x", x);
  col(tr, "y", y);
  col(tr, "status", status);
  labels(tr, "status", kTeamStatus.joined());
  col(tr, "incident", inc);
}

void write_incidents(hid_t f, const RunResult& r) {
  Handle g = h5::create_group(f, "incidents");
  const std::size_t n = r.incidents.size();
  std::vector<std::int32_t> id(n), type(n), people(n), team(n), state(n);
  std::vector<double> x(n), y(n), tc(n), ta(n), tr(n), td(n);
  std::vector<float> sev(n), risk(n);
  auto opt = [](double v) { return v >= 0 ? v : NAN; };
  for (std::size_t i = 0; i < n; ++i) {
    const auto& in = r.incidents[i];
    const auto& o = r.outcomes[i];
    id[i] = in.id;
    type[i] = static_cast<std::int32_t>(in.type);
    people[i] = in.people;
    team[i] = o.team;
    // Averted by evacuation is its own state (after the five IncidentState labels), so the
    // table counts as the summary does: served + unserved + averted.
    state[i] = o.averted ? static_cast<std::int32_t>(kIncidentStates.names.size())
                         : static_cast<std::int32_t>(o.state);
    x[i] = in.x;
    y[i] = in.y;
    tc[i] = in.t;
    ta[i] = opt(o.t_assigned);
    tr[i] = opt(o.t_arrived);
    td[i] = opt(o.t_done);
    sev[i] = in.severity;
    risk[i] = static_cast<float>(o.risk);
  }
  col(g, "id", id);
  col(g, "type", type);
  labels(g, "type", kIncidentTypeNames.joined());
  col(g, "x", x);
  col(g, "y", y);
  col(g, "people", people);
  col(g, "severity", sev);
  col(g, "t_created", tc);
  col(g, "t_assigned", ta);
  col(g, "t_arrived", tr);
  col(g, "t_done", td);
  col(g, "team", team);
  col(g, "state", state);
  labels(g, "state", kIncidentStates.joined() + ",averted");
  col(g, "outcome_risk", risk);
}

void write_events(hid_t f, const RunResult& r) {
  Handle g = h5::create_group(f, "events");
  std::vector<double> t, x, y;
  std::vector<std::int32_t> type, team, inc;
  std::vector<std::string> text;
  for (const auto& e : r.events) {
    t.push_back(e.t);
    type.push_back(static_cast<std::int32_t>(e.type));
    team.push_back(e.team);
    inc.push_back(e.incident);
    x.push_back(e.x);
    y.push_back(e.y);
    text.push_back(e.text);
  }
  col(g, "t", t);
  col(g, "type", type);
  labels(g, "type", kEventTypes.joined());
  col(g, "team", team);
  col(g, "incident", inc);
  col(g, "x", x);
  col(g, "y", y);
  h5::write_strings(g, "text", text);
}

// The sluices and pumping stations a drill can break (sluice_stuck, pump_failure), so the
// viewer's director offers their names (docs/results-format.md, /assets/drainage).
void write_drainage(hid_t a, const Scenario& s) {
  Handle d = h5::create_group(a, "drainage");
  std::vector<std::string> name;
  std::vector<double> x, y, cap;
  std::vector<std::int32_t> kind;
  for (const auto& o : s.outfalls)
    name.push_back(o.name), x.push_back(o.x), y.push_back(o.y), cap.push_back(NAN),
        kind.push_back(0);
  for (const auto& p : s.pumps)
    name.push_back(p.name), x.push_back(p.x), y.push_back(p.y), cap.push_back(p.capacity_m3s),
        kind.push_back(1);
  h5::write_strings(d, "name", name);
  col(d, "kind", kind);
  labels(d, "kind", "sluice,pumping_station");
  col(d, "x", x);
  col(d, "y", y);
  col(d, "capacity_m3s", cap);
}

void write_assets(hid_t f, const Scenario& s, const Plan& plan, const RunResult& r) {
  Handle a = h5::create_group(f, "assets");
  {
    Handle d = h5::create_group(a, "depots");
    std::vector<std::string> name;
    std::vector<double> x, y;
    for (const auto& dp : s.depots) name.push_back(dp.name), x.push_back(dp.x), y.push_back(dp.y);
    h5::write_strings(d, "name", name);
    col(d, "x", x);
    col(d, "y", y);
    for (std::size_t k = 0; k < kStockKinds; ++k) {
      std::vector<double> v;
      for (std::size_t q = 0; q < s.depots.size(); ++q)
        v.push_back(plan.depot_stock.empty() ? s.depots[q].stock[k] : plan.depot_stock[q][k]);
      col(d, std::string(kStockNames.names[k]), v);
    }
  }
  {
    Handle sh = h5::create_group(a, "shelters");
    std::vector<std::string> name;
    std::vector<double> x, y;
    std::vector<std::int32_t> cap;
    for (const auto& q : s.shelters)
      name.push_back(q.name), x.push_back(q.x), y.push_back(q.y), cap.push_back(q.capacity);
    h5::write_strings(sh, "name", name);
    col(sh, "x", x);
    col(sh, "y", y);
    col(sh, "capacity", cap);
  }
  if (!r.shelter_occupancy.empty() && !s.shelters.empty()) {
    std::vector<float> occ;
    for (const auto& row : r.shelter_occupancy) occ.insert(occ.end(), row.begin(), row.end());
    h5::write_matrix<float>(a, "shelter_occupancy", occ.data(), r.shelter_occupancy.size(),
                            s.shelters.size());
  }
  {
    Handle c = h5::create_group(a, "critical_sites");
    std::vector<std::string> name;
    std::vector<double> x, y;
    std::vector<std::int32_t> kind;
    for (const auto& q : s.sites)
      name.push_back(q.name), x.push_back(q.x), y.push_back(q.y),
          kind.push_back(static_cast<std::int32_t>(q.kind));
    h5::write_strings(c, "name", name);
    col(c, "x", x);
    col(c, "y", y);
    col(c, "kind", kind);
    labels(c, "kind", kSiteKinds.joined());
  }
  write_drainage(a, s);
}

// Response time statistics by incident type (/kpi/by_type).
void write_by_type(hid_t k, const RunResult& r) {
  Handle g = h5::create_group(k, "by_type");
  std::vector<std::int32_t> type, count, served;
  std::vector<double> med, p90, mx;
  for (std::size_t ty = 0; ty < kIncidentTypes; ++ty) {
    std::vector<double> rt;
    int n = 0, sv = 0;
    for (std::size_t i = 0; i < r.incidents.size(); ++i) {
      if (static_cast<std::size_t>(r.incidents[i].type) != ty || r.outcomes[i].averted) continue;
      ++n;
      sv += r.outcomes[i].state == IncidentState::Served;
      if (r.outcomes[i].t_arrived >= 0) rt.push_back(r.outcomes[i].t_arrived - r.incidents[i].t);
    }
    std::sort(rt.begin(), rt.end());
    auto q = [&](double f) {
      if (rt.empty()) return static_cast<double>(NAN);
      const double pos = f * static_cast<double>(rt.size() - 1);
      const std::size_t lo = static_cast<std::size_t>(pos), hi = std::min(lo + 1, rt.size() - 1);
      return rt[lo] + (pos - static_cast<double>(lo)) * (rt[hi] - rt[lo]);
    };
    type.push_back(static_cast<std::int32_t>(ty));
    count.push_back(n);
    served.push_back(sv);
    med.push_back(q(0.5));
    p90.push_back(q(0.9));
    mx.push_back(rt.empty() ? NAN : rt.back());
  }
  col(g, "type", type);
  labels(g, "type", kIncidentTypeNames.joined());
  col(g, "count", count);
  col(g, "served", served);
  col(g, "median_s", med);
  col(g, "p90_s", p90);
  col(g, "max_s", mx);
}

void write_kpis(hid_t f, const RunResult& r) {
  Handle k = h5::create_group(f, "kpi");
  write_by_type(k, r);
  col(k, "time", r.kpi_time);
  for (const auto& [name, v] : r.kpi_series) col(k, name, v);
  Handle fin = h5::create_group(k, "final");
  std::vector<std::string> names;
  std::vector<double> values;
  for (const auto& kp : r.final_kpis) names.push_back(kp.name), values.push_back(kp.value);
  h5::write_strings(fin, "name", names);
  col(fin, "value", values);
}

}  // namespace

void write_results(const std::string& path, const ResponseModel& m, const HazardTimeline& hz,
                   const Plan& plan, const RunResult& r, const RunMeta& meta) {
  const Scenario& s = *m.scenario;
  auto file = h5::File::create(path);
  write_meta_and_grid(file.id(), s, meta.kind, meta.seed, meta.wall_s, true);
  {
    Handle mg = h5::open_group(file, "meta");
    h5::set_attr(mg, "plan", plan.name);
    h5::set_attr(mg, "plan_path", plan.path);
    h5::set_attr(mg, "member", meta.member);
    h5::set_attr(mg, "hazard_wall_s", meta.hazard_wall_s);
    h5::set_attr(mg, "response_wall_s", meta.response_wall_s);
    h5::set_attr(mg, "hazard_key", hz.key);
    h5::set_attr(mg, "scenario_path", meta.scenario_path);
  }
  if (meta.branch) {
    Handle b = h5::create_group(file, "branch");
    h5::set_attr(b, "parent_path", meta.branch->parent_path);
    h5::set_attr(b, "parent_checksum", meta.branch->parent_checksum);
    h5::set_attr(b, "at_s", meta.branch->at_s);
    h5::write_string(b, "injects_toml", meta.branch->injects_toml);
    // Readers that only look at /meta (report: the parent's KPIs beside the branch's) find the
    // parent there too.
    Handle m = h5::open_group(file, "meta");
    h5::set_attr(m, "parent_path", meta.branch->parent_path);
  }
  const bool embed =
      !hz.frames_path.empty() && (meta.self_contained || !same_file_system(hz.frames_path, path));
  if (embed) {
    // Copy: the file must travel (--self-contained, demo) or the output is on another file
    // system than the cache, where an external link is the first thing to break.
    auto cache = h5::File::open_read(hz.frames_path);
    embed_hazard(file, h5::open_group(cache, "hazard"));
    georeference_results(file);
  } else if (!hz.frames_path.empty()) {
    // Link, don't copy: the cached hazard frames serve every plan run on this storm. The link
    // stores the path relative to the results file's folder when that is possible.
    const fs::path target = fs::absolute(hz.frames_path);
    const fs::path base = fs::absolute(path).parent_path();
    const fs::path rel = target.lexically_relative(base);
    h5::external_link(file, "hazard", rel.empty() ? target.string() : rel.string(), "/hazard");
  }
  if (!hz.frames_path.empty()) {
    Handle mg = h5::open_group(file, "meta");
    h5::set_attr(mg, "hazard_file", fs::absolute(hz.frames_path).string());
    h5::set_attr(mg, "hazard_embedded", embed ? 1 : 0);
  }
  write_roads(file, m, r);
  write_storm_track(file.id(), storm_track_rows(s, meta.member, 0));
  write_teams(file, s, r);
  write_incidents(file, r);
  write_events(file, r);
  write_assets(file, s, plan, r);
  write_kpis(file, r);
  write_places(file, m, hz, r);
  file.commit();
  if (!hz.frames_path.empty()) {
    const fs::path xmf = fs::path(path).replace_extension(".xmf");
    auto cache = h5::File::open_read(hz.frames_path);
    write_xdmf(xmf.string(), fs::path(path).filename().string(), s.dem.grid, hz.time,
               hazard_series(h5::open_group(cache, "hazard")));
  }
}

}  // namespace sd
