#include "hazard/hazard_run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>

#include "flood/flood_state.hpp"
#include "flood/rain_source.hpp"
#include "hazard/cell_mean_depth.hpp"
#include "hazard/cell_speed.hpp"
#include "hazard/fine_risk.hpp"
#include "hazard/fine_roads.hpp"
#include "hazard/flood_setup.hpp"
#include "hazard/hazard_cache.hpp"
#include "hazard/hazard_checkpoints.hpp"
#include "hazard/mass_balance.hpp"
#include "hazard/storm_setup.hpp"
#include "hazard/tables_cache.hpp"
#include "hazard/timeline_check.hpp"
#include "hazard_code_hash.hpp"
#include "io/h5.hpp"
#include "io/h5_cf.hpp"
#include "network/edge_cells.hpp"
#include "network/road_surface.hpp"
#include "output/fine_hazard_h5.hpp"
#include "output/flood_summary_h5.hpp"
#include "output/results_writer.hpp"
#include "results/results_schema.hpp"
#include "scenario/subgrid_region.hpp"
#include "version.hpp"

namespace sd {
namespace fs = std::filesystem;

std::string hazard_key(const Scenario& s, const ResponseModel& m, const HazardOptions& o) {
  std::uint64_t h = hash_bytes(kVersion, std::strlen(kVersion));
  h = hash_bytes(kHazardCodeHash, std::strlen(kHazardCodeHash), h);  // a changed solver: new key
  auto mix = [&](const void* p, std::size_t n) { h = hash_bytes(p, n, h); };
  auto mixd = [&](double v) { mix(&v, sizeof v); };
  auto mixs = [&](const std::string& v) {
    mix(v.data(), v.size());
    mixd(static_cast<double>(v.size()));
  };
  mix(s.dem.data.data(), s.dem.data.size() * sizeof(float));
  mix(&s.dem.grid, sizeof(Grid));
  mix(s.landuse.data.data(), s.landuse.data.size() * sizeof(float));
  mix(s.population.data.data(), s.population.data.size() * sizeof(float));
  for (const auto& c : s.landuse_classes) {
    mixd(c.code);
    mixd(c.manning);
    mixd(static_cast<double>(c.infiltration));
    mixd(c.horton_f0_mmph);
    mixd(c.horton_fc_mmph);
    mixd(c.horton_k_per_h);
    mixd(c.ga_ksat_mmph);
    mixd(c.ga_psi_mm);
    mixd(c.ga_dtheta);
    mixd(c.drainage_mmph);
    mixs(c.name);
  }
  for (auto b : s.boundary) mixd(static_cast<double>(b));
  mixd(s.tide.mean_level_m);
  mixd(s.tide.phase_shift_h);
  mixd(s.tide.surge_peak_m);
  mixd(s.tide.surge_peak_time_s);
  mixd(s.tide.surge_width_h);
  for (const auto& c : s.tide.constituents) {
    mixs(c.name);
    mixd(c.amplitude_m);
    mixd(c.phase_deg);
  }
  if (!s.tide.series_path.empty()) h = hash_file(s.tide.series_path, h);
  mixs(s.storm.format);
  mixs(s.storm.averaging);
  mixs(s.storm.wind_model);
  mixs(s.storm.rain_structure);
  mixd(s.storm.penv_hpa);
  mixd(s.storm.frame_interval_s);
  mixd(s.storm.rain_multiplier);
  if (!s.storm.track_path.empty()) h = hash_file(s.storm.track_path, h);
  if (s.storm.design) {
    const auto& d = *s.storm.design;
    for (double v : {d.a1, d.c, d.b, d.n, d.return_period_y, d.duration_min, d.peak_ratio,
                     d.start_s, d.areal_reduction})
      mixd(v);
  }
  if (s.subgrid()) {  // the fine terrain and land use (their digest), and the cells
    const std::uint64_t fd = fine_digest(s);
    mix(&fd, sizeof fd);
    mix(&s.fine_dem.grid, sizeof(Grid));
    mixd(s.subgrid_ratio);
  }
  mixd(s.flood.cfl);
  mixd(s.flood.theta);
  mixd(s.flood.frame_interval_s);
  mixd(s.duration_s);
  mixs(s.start_iso);
  mixd(static_cast<double>(s.seed));  // burst seeds derive from it
  for (const auto& p : s.pumps) {
    mixd(p.x);
    mixd(p.y);
    mixd(p.capacity_m3s);
    mixd(p.serves_radius_m);
    mixd(p.substation);
    mixd(p.outfall);
  }
  for (const auto& q : s.outfalls) {
    mixd(q.x);
    mixd(q.y);
  }
  for (const auto& q : s.sites) {
    mixd(q.x);
    mixd(q.y);
    mixd(q.flood_depth_m);
    mixd(q.fed_by);
  }
  for (const auto& j : s.injects)
    if (changes_hazard(j.kind)) {
      mixd(static_cast<double>(j.kind));
      mixd(j.t_s);
      mixd(j.x);
      mixd(j.y);
      mixd(j.duration_s);
      mixd(j.peak_m3s);
      mixd(j.radius_m);
      mixd(j.factor);
      mixs(j.target);
      for (double v : {j.width_m, j.crest_m, j.develop_s, j.area_m2, j.stuck_open ? 1.0 : 0.0,
                       j.outside_model ? 1.0 : 0.0})
        mixd(v);
      for (std::size_t k = 0; k < j.level_t_s.size(); ++k) mixd(j.level_t_s[k]), mixd(j.level_m[k]);
    }
  mixd(static_cast<double>(m.graph->num_edges()));
  mix(m.edge_cells.cells.data(), m.edge_cells.cells.size() * sizeof(std::uint32_t));
  mix(m.road_surface.lift_m.data(), m.road_surface.lift_m.size() * sizeof(float));
  mix(m.road_surface.structure.data(), m.road_surface.structure.size());
  mixd(o.member);
  mixd(static_cast<double>(o.member > 0 ? (o.ensemble_seed ? o.ensemble_seed : s.seed) : 0));
  return hex64(h);
}

namespace {

// Rain from the storm frames, with the scenario's rain-band injects applied on top.
struct RainFields {
  const Scenario& s;
  storm::StormFrames* frames;
  std::vector<float> wind_tmp;
  void fill(double t, float* mmph) {
    frames->fill(t, mmph, wind_tmp.data());
    for (const auto& j : s.injects) {
      if (j.kind != InjectKind::RainBand || t < j.t_s ||
          (j.duration_s > 0 && t > j.t_s + j.duration_s))
        continue;
      const Grid& g = s.dem.grid;
      for (int r = 0; r < g.ny; ++r)
        for (int i = 0; i < g.nx; ++i) {
          const double dx = g.cx(i) - j.x, dy = g.cy(r) - j.y;
          if (dx * dx + dy * dy <= j.radius_m * j.radius_m)
            mmph[g.index(i, r)] *= static_cast<float>(j.factor);
        }
    }
  }
};

// Where a branch's flood resumes: the parent's cache entry and the frame whose checkpoint is
// restored (frames up to it are the parent's).
struct Resume {
  std::optional<h5::File> parent;
  std::size_t frame = 0;
  double t = 0;
  std::vector<double> saved;  // the parent's checkpoint times
  // Sub-grid: the parent's road water per frame (frames x edges), read from the fine road
  // pixels between frames, which its depth frames do not give back.
  std::vector<float> edge_depth;
  std::vector<double> flooded_area_km2;  // the parent's flooded land per frame (fine pixels)
  bool has(double when) const { return std::find(saved.begin(), saved.end(), when) != saved.end(); }
};

Resume find_resume(const Scenario& s, const ResponseModel& m, const HazardOptions& o,
                   const std::vector<double>& times) {
  Resume r;
  if (!o.resume_from) return r;
  HazardOptions po = o;
  po.resume_from = nullptr;
  po.progress = nullptr;
  const HazardTimeline parent = run_hazard(*o.resume_from, m, po);  // cached, or made now
  if (parent.time != times || parent.frames_path.empty()) return r;
  if (s.subgrid() && (parent.edge_depth.size() != times.size() * m.graph->num_edges() ||
                      parent.flooded_area_km2.size() != times.size()))
    return r;
  auto f = h5::File::open_read(parent.frames_path);
  r.saved = checkpoint_times(f);
  for (double t : r.saved)
    if (t < o.resume_before_s || (o.resume_at && t == o.resume_before_s))
      for (std::size_t k = 0; k < times.size(); ++k)
        if (times[k] == t) r.frame = k, r.t = t;
  if (r.t > 0) r.parent.emplace(std::move(f));
  if (r.t > 0 && s.subgrid()) {
    r.edge_depth = parent.edge_depth;
    r.flooded_area_km2 = parent.flooded_area_km2;
  }
  return r;
}

// Fine risk rasters are sampled at least this often (and at every frame): the first 0.15 m
// and the time above it are known to this resolution on the fine DEM.
constexpr double kFineSampleS = 300.0;

// Road water above its pre-storm state for one frame, from per-entry depths (coarse cells or
// fine road pixels); the first frame is also the baseline.
void road_edge_depths(const net::EdgeCells& cells, const net::RoadSurface& surface,
                      const std::vector<float>& depth, const std::vector<float>& depth0, bool first,
                      HazardTimeline& tl, std::vector<float>& edge) {
  if (first) {
    tl.edge_depth_baseline.resize(tl.edges);
    net::road_depths(cells, surface, depth0, {}, 90.0, tl.edge_depth_baseline);
  }
  net::road_depths(cells, surface, depth, depth0, 90.0, edge);
}

// Permanent water per fine pixel: the fine land use's water class, else the cell's.
std::vector<std::uint8_t> fine_water(const Scenario& s) {
  std::vector<std::uint8_t> w(s.fine_dem.data.size(), 0);
  if (s.landuse.data.empty()) return w;
  const Grid& f = s.fine_dem.grid;
  for (int j = 0; j < f.ny; ++j)
    for (int i = 0; i < f.nx; ++i) w[f.index(i, j)] = fine_landuse_code(s, i, j) == kWaterLanduse;
  return w;
}

net::RoadLevelRules road_rules(const Scenario& s) {
  return {static_cast<float>(s.flood.road_bridge_deck_m),
          static_cast<float>(s.flood.road_culvert_deck_m)};
}

}  // namespace

std::optional<HazardTimeline> cached_hazard(const Scenario& s, const ResponseModel& m,
                                            const HazardOptions& o) {
  const std::string key = hazard_key(s, m, o);
  const std::string dir = o.cache_dir.empty() ? default_cache_dir() : o.cache_dir;
  const std::string path = (fs::path(dir) / (key + ".h5")).string();
  std::string problem;
  auto t = read_timeline(path, &problem);
  if (t && t->key != key) problem = "it holds the hazard of key " + t->key;
  const TimelineShape shape{s.dem.grid.size(), m.graph->num_edges(), m.block_population.size(),
                            s.sites.size()};
  if (t && problem.empty())
    if (auto p = timeline_problem(*t, shape)) problem = "/timeline: " + *p;
  if (problem.empty()) {
    if (!t) return std::nullopt;  // not cached yet
    touch_cache_entry(path);
    t->from_cache = true;
    return t;
  }
  set_aside_and_warn(path, "hazard cache entry", problem, "recomputed", o.warn);
  return std::nullopt;
}

HazardTimeline run_hazard(const Scenario& s, const ResponseModel& m, const HazardOptions& o) {
  const auto wall0 = std::chrono::steady_clock::now();
  const std::string key = hazard_key(s, m, o);
  const std::string dir = o.cache_dir.empty() ? default_cache_dir() : o.cache_dir;
  fs::create_directories(dir);
  const std::string path = (fs::path(dir) / (key + ".h5")).string();
  if (o.use_cache)
    if (auto t = cached_hazard(s, m, o)) return *t;
  if (!s.fine_terrain_loaded() && s.subgrid()) {  // deferred by the loader: the flood needs it
    Scenario full = s;
    load_fine_terrain(full);
    return run_hazard(full, m, o);
  }

  const Grid& g = s.dem.grid;
  const std::size_t N = g.size();
  StormSetup storm = setup_storm(s, o.member, o.ensemble_seed);
  const TimeSeries sea = sea_level_series(s, storm.landfall_s);
  const flood::subgrid::TablesPtr tables =
      s.subgrid() ? scenario_tables(s, {dir, o.use_cache, o.threads, o.warn}) : nullptr;
  flood::ModelPtr model = setup_flood(s, sea, o.threads, tables);
  flood::State st(model);
  st.set_depth(initial_depth(s));
  // Sub-grid: fine risk rasters sampled between frames, road water from the fine pixels.
  std::unique_ptr<FineRisk> fine_risk;
  std::optional<FineRoads> fine_road;
  std::vector<double> samples;      // fine risk sample times (frame times included)
  std::vector<std::uint8_t> water;  // sub-grid: permanent water per fine pixel
  std::vector<float> speed;         // the cells' speed at a fine sample (hazard/cell_speed.hpp)
  if (tables) {
    water = fine_water(s);
    const auto& opt = model->options();
    fine_risk = std::make_unique<FineRisk>(*tables, s.fine_dem, opt.ponding_m,
                                           opt.duration_threshold_m, fine_debris_classes(s), water);
    fine_road = fine_roads(*m.graph, s.fine_dem, water, m.road_surface.structure, road_rules(s));
  }

  // Rain source for the solver.
  std::unique_ptr<storm::StormFrames> frames;
  std::unique_ptr<flood::RainSource> rain;
  std::unique_ptr<RainFields> rf;
  if (storm.field) {
    frames = std::make_unique<storm::StormFrames>(*storm.field, s.storm.frame_interval_s);
    rf = std::make_unique<RainFields>(RainFields{s, frames.get(), std::vector<float>(N)});
    std::vector<double> breaks;
    for (double t = 0; t <= s.duration_s + s.storm.frame_interval_s; t += s.storm.frame_interval_s)
      breaks.push_back(t);
    rain = std::make_unique<flood::CallbackRain>(
        N, [r = rf.get()](double t, float* mmph) { r->fill(t, mmph); }, breaks);
  } else {
    rain =
        std::make_unique<flood::UniformRain>(*storm.design_mmph, flood::UniformRain::Shape::Linear);
  }
  st.set_rain(rain.get());

  // Output frames at the flood frame interval.
  const double dt = s.flood.frame_interval_s;
  std::vector<double> times;
  for (double t = 0; t < s.duration_s - 1e-6; t += dt) times.push_back(t);
  times.push_back(s.duration_s);
  if (tables) {
    const double ds = std::min(dt, kFineSampleS);
    for (double t = 0; t < s.duration_s - 1e-6; t += ds) samples.push_back(t);
    samples.insert(samples.end(), times.begin(), times.end());
    std::sort(samples.begin(), samples.end());
    samples.erase(std::unique(samples.begin(), samples.end(),
                              [](double a, double b) { return std::fabs(a - b) < 1e-6; }),
                  samples.end());
  }
  std::size_t next_sample = 0;
  // One downscaled sample of the fine risk rasters, held until the next sample time; its
  // flooded land pixels.
  auto sample_fine = [&]() {
    const double ts = samples[next_sample];
    const double hold = next_sample + 1 < samples.size() ? samples[next_sample + 1] - ts : 0.0;
    st.advance_to(ts);
    cell_speed(st, speed);
    ++next_sample;
    return fine_risk->sample(st.head(), speed, ts, hold);
  };

  const Resume resume = find_resume(s, m, o, times);
  auto file = h5::File::create(path);
  write_meta_and_grid(file.id(), s, "hazard", s.seed, 0, true);
  h5::Handle hz = h5::create_group(file, "hazard");
  const std::vector<hsize_t> fdims = {static_cast<hsize_t>(g.ny), static_cast<hsize_t>(g.nx)};
  h5::FrameWriter<float> w_depth(hz, "depth", fdims), w_rain(hz, "rain", fdims),
      w_wind(hz, "wind", fdims);

  HazardTimeline tl;
  tl.key = key;
  tl.edges = m.graph->num_edges();
  tl.block_cells = m.block_cells;
  tl.blocks_x = m.blocks_x;
  tl.blocks_y = m.blocks_y;
  tl.landfall_s = storm.landfall_s;
  tl.time = times;
  tl.flooded_offset.push_back(0);
  std::vector<float> depth(N), rainf(N, 0.0f), wind(N, 0.0f), gust(N, 0.0f), edge(tl.edges),
      max_wind(N, 0.0f), depth0;         // depth0: the pre-storm state (t = 0)
  std::vector<float> road_px, road_px0;  // sub-grid: water on the road pixels (now, t = 0)
  std::vector<float> mean_depth;         // sub-grid: the cells' mean depth at this frame
  std::size_t fine_flooded = 0;          // sub-grid: land pixels >= 0.15 m at this frame
  const std::size_t nb = m.block_population.size();
  std::vector<int> site_cell;
  for (const auto& q : s.sites) {
    int i, j;
    site_cell.push_back(g.locate(q.x, q.y, i, j) ? static_cast<int>(g.index(i, j)) : -1);
  }
  std::vector<char> substation_failed(s.sites.size(), 0);
  // Pump-failure injects switch a station off (and back on after their duration or at a
  // pump_back).
  struct PumpSwitch {
    double t;
    std::size_t pump;
    bool on;
  };
  std::vector<PumpSwitch> switches;
  for (const auto& j : s.injects) {
    if (j.kind != InjectKind::PumpFailure && j.kind != InjectKind::PumpBack) continue;
    for (std::size_t p = 0; p < s.pumps.size(); ++p)
      if (s.pumps[p].name == j.target) {
        switches.push_back({j.t_s, p, j.kind == InjectKind::PumpBack});
        if (j.duration_s > 0) switches.push_back({j.t_s + j.duration_s, p, true});
      }
  }
  std::stable_sort(switches.begin(), switches.end(), [](auto& a, auto& b) { return a.t < b.t; });
  std::size_t next_switch = 0;

  for (std::size_t k = 0; k < times.size(); ++k) {
    const double t = times[k];
    // Frames up to the resume checkpoint are the parent's: its depths, the same notes; a
    // sub-grid run's fine risk rasters come back with the checkpoint, its road water from the
    // parent's timeline.
    const bool replay = resume.parent && k <= resume.frame;
    for (;;) {  // pump switches and fine samples before this frame, in time order
      const bool sw_due = next_switch < switches.size() && switches[next_switch].t <= t;
      const bool fine_due =
          !replay && next_sample < samples.size() && samples[next_sample] < t - 1e-6;
      if (fine_due && (!sw_due || samples[next_sample] < switches[next_switch].t)) {
        sample_fine();
        continue;
      }
      if (!sw_due) break;
      const auto& sw = switches[next_switch++];
      if (!replay) {
        st.advance_to(sw.t);
        st.set_pump_available(sw.pump, sw.on);
      }
      tl.notes.push_back({sw.t, s.pumps[sw.pump].name +
                                    (sw.on ? " back in service" : " out of service (inject)")});
    }
    if (replay) {
      h5::read_frame<float>(h5::open_group(*resume.parent, "hazard"), "depth", k, depth);
    } else {
      st.advance_to(t);
      if (next_sample < samples.size()) fine_flooded = sample_fine();  // the frame time itself
      st.depth_f32(depth.data());
    }
    if (storm.field) {
      storm.field->fill(t, rainf.data(), wind.data(), gust.data());
      rf->fill(t, rainf.data());  // with rain-band injects
    } else {
      std::fill(rainf.begin(), rainf.end(), static_cast<float>(storm.design_mmph->at(t)));
    }
    for (std::size_t c = 0; c < N; ++c) {
      if (std::isnan(s.dem.data[c]))
        rainf[c] = wind[c] = gust[c] = NAN;
      else
        max_wind[c] = std::max(max_wind[c], wind[c]);
    }
    w_depth.append(depth.data());
    w_rain.append(rainf.data());
    w_wind.append(wind.data());
    // Compact timeline for the response.
    if (fine_road && replay && k > 0) {  // t = 0 (the baseline) is the initial state's, below
      const auto row = resume.edge_depth.begin() + static_cast<std::ptrdiff_t>(k * tl.edges);
      std::copy(row, row + static_cast<std::ptrdiff_t>(tl.edges), edge.begin());
    } else if (fine_road) {  // the pixels the roads cross, not the cells' deepest water
      fine_road_pixel_depths(*fine_road, *tables, s.fine_dem, st.head(), road_px);
      if (k == 0) road_px0 = road_px;
      road_edge_depths(fine_road->cells, fine_road->surface, road_px, road_px0, k == 0, tl, edge);
    } else {
      if (k == 0) depth0 = depth;
      road_edge_depths(m.edge_cells, m.road_surface, depth, depth0, k == 0, tl, edge);
    }
    tl.edge_depth.insert(tl.edge_depth.end(), edge.begin(), edge.end());
    // What the response reads per cell (hazard/cell_mean_depth.hpp): sub-grid, the mean depth.
    if (tables) mean_depth = cell_mean_depths(*tables, depth);
    const std::vector<float>& cell_depth = tables ? mean_depth : depth;
    net::edge_depths(m.edge_cells, std::span<const float>(gust), 100.0, edge);
    tl.edge_gust.insert(tl.edge_gust.end(), edge.begin(), edge.end());
    std::size_t flooded_land = 0;
    for (std::size_t c = 0; c < N; ++c) {
      if (!(cell_depth[c] >= 0.15f)) continue;
      if (s.landuse.data.empty() || s.landuse.data[c] != kWaterLanduse) ++flooded_land;
      if (m.population[c] > 0) tl.flooded.push_back({static_cast<std::uint32_t>(c), cell_depth[c]});
    }
    // Flooded land at this frame: sub-grid, the fine land pixels >= 0.15 m at the frame's
    // sample (the same basis as the extent), replayed frames the parent's.
    const double fine_px_km2 = s.fine_dem.grid.cell * s.fine_dem.grid.cell / 1e6;
    tl.flooded_area_km2.push_back(!tables  ? flooded_land * g.cell_area() / 1e6
                                  : replay ? resume.flooded_area_km2[k]
                                           : static_cast<double>(fine_flooded) * fine_px_km2);
    tl.peak_flooded_area_km2 = std::max(tl.peak_flooded_area_km2, tl.flooded_area_km2.back());
    tl.flooded_offset.push_back(static_cast<std::uint32_t>(tl.flooded.size()));
    std::vector<float> bg(nb, 0.0f);
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) {
        const float v = gust[g.index(i, j)];
        const std::size_t b =
            static_cast<std::size_t>(j / m.block_cells) * m.blocks_x + i / m.block_cells;
        if (!std::isnan(v)) bg[b] = std::max(bg[b], v);
      }
    tl.block_gust.insert(tl.block_gust.end(), bg.begin(), bg.end());
    for (std::size_t q = 0; q < s.sites.size(); ++q) {
      const float d = site_cell[q] >= 0 ? cell_depth[site_cell[q]] : 0.0f;
      tl.site_depth.push_back(std::isnan(d) ? 0.0f : d);
      // Cascade: a flooded substation stops the pumping stations it feeds.
      if (s.sites[q].kind == SiteKind::Substation && !substation_failed[q] &&
          d >= s.sites[q].flood_depth_m) {
        substation_failed[q] = 1;
        tl.notes.push_back({t, s.sites[q].name + " flooded: power lost"});
        for (std::size_t p = 0; p < s.pumps.size(); ++p)
          if (s.pumps[p].substation == static_cast<int>(q)) {
            st.set_pump_available(p, false);
            tl.notes.push_back({t, s.pumps[p].name + " stopped (no power)"});
          }
      }
    }
    if (replay && k == resume.frame) {
      // After the frame's cascade and its fine sample, as it was saved.
      restore_checkpoint(*resume.parent, t, st, fine_risk.get());
      tl.resumed_from_s = t;
      while (next_sample < samples.size() && samples[next_sample] < t + 1e-6) ++next_sample;
    }
    if (replay) {
      if (resume.has(t)) copy_checkpoint(*resume.parent, file.id(), t);
    } else if (checkpoint_due(t, o.checkpoint_every_s, s.duration_s)) {
      write_checkpoint(file.id(), t, st, fine_risk.get());
    }
    if (o.progress) o.progress(t, s.duration_s);
  }
  require_mass_balance(st.budget(), s.path);  // a broken flood is neither cached nor used
  h5::write_vector(hz, "time", times);
  write_flood_summary(hz, st);
  const flood::Summary& sm = st.summary();
  h5::write_matrix<float>(hz, "max_wind", max_wind.data(), g.ny, g.nx);
  h5::set_cf(h5::Handle(H5Dopen2(hz, "max_wind", H5P_DEFAULT)), "m/s", "maximum 10-min mean wind");
  h5::set_cf(h5::Handle(H5Dopen2(hz, "depth", H5P_DEFAULT)), "m", "water depth");
  h5::set_cf(h5::Handle(H5Dopen2(hz, "rain", H5P_DEFAULT)), "mm/h", "rain rate");
  h5::set_cf(h5::Handle(H5Dopen2(hz, "wind", H5P_DEFAULT)), "m/s", "10-min mean wind speed");
  h5::set_attr(hz, "threshold_m", 0.15);
  h5::set_attr(hz, "hazard_key", key);
  h5::cf::georeference_group(hz, {g, s.dem.crs_wkt, h5::cf::seconds_since(s.start_iso)});
  std::vector<float> fine_max;
  if (tables) {
    fine_max = flood::subgrid::downscale_heads(*tables, sm.max_depth, s.fine_dem.data);
    write_fine_hazard(hz, s.fine_dem.grid, s.dem.crs_wkt, h5::cf::seconds_since(s.start_iso),
                      s.subgrid_ratio, std::min(dt, kFineSampleS),
                      {{schema::fine::kMaxDepth, &fine_max, "m", "maximum water depth"},
                       {schema::fine::kFirstAbove, &fine_risk->first_above(), "s",
                        "first time depth >= 0.15 m (GB 51222)"},
                       {schema::fine::kDuration, &fine_risk->duration(), "s",
                        "time with depth above threshold_m"},
                       {schema::fine::kHazardRating, &fine_risk->hazard_rating(), "1",
                        "DEFRA FD2320 HR = d(v+0.5)+DF, max over the samples"}});
  }
  // Sub-grid: the cells' largest mean depth (V/A grows with the head) and the land extent
  // from the fine pixels.
  tl.max_depth = tables ? cell_mean_depths(*tables, sm.max_depth) : sm.max_depth;
  if (tables)
    tl.flooded_extent_km2 = fine_land_km2(fine_max, water, s.fine_dem.grid.cell, 0.15f);
  else
    for (std::size_t c = 0; c < N; ++c)
      if (sm.max_depth[c] >= 0.15f &&
          (s.landuse.data.empty() || s.landuse.data[c] != kWaterLanduse))
        tl.flooded_extent_km2 += g.cell_area() / 1e6;
  double rain_sum = 0, wmax = 0;
  std::size_t valid = 0;
  for (std::size_t c = 0; c < N; ++c) {
    if (std::isnan(s.dem.data[c])) continue;
    rain_sum += std::isnan(sm.total_rain_mm[c]) ? 0 : sm.total_rain_mm[c];
    wmax = std::max(wmax, static_cast<double>(max_wind[c]));
    ++valid;
  }
  tl.total_rain_mean_mm = valid ? rain_sum / valid : 0;
  tl.max_wind_ms = wmax;
  tl.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  write_timeline(file.id(), tl);
  file.commit();
  evict_cache(dir, static_cast<std::uintmax_t>(o.cache_max_gb * 1e9), path);
  write_xdmf((fs::path(path).replace_extension(".xmf")).string(),
             fs::path(path).filename().string(), g, times, {"depth", "rain", "wind"});
  tl.frames_path = fs::absolute(path).string();
  return tl;
}

}  // namespace sd
