#include "hazard/flood_setup.hpp"

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/error.hpp"
#include "storm/tide.hpp"

namespace sd {
namespace {

// Calls f(i, j) for each cell of the window of r cells around (i0, j0) that lies in the grid,
// in row order (the order the tie rules below rely on).
template <class F>
void for_window(const Grid& g, int i0, int j0, int r, F&& f) {
  for (int j = std::max(0, j0 - r); j <= std::min(g.ny - 1, j0 + r); ++j)
    for (int i = std::max(0, i0 - r); i <= std::min(g.nx - 1, i0 + r); ++i) f(i, j);
}

// `cell` itself if the model computes it, else the nearest computed cell within 3 cells
// (ties: the first in row order); -1 when there is none.
int nearest_open_cell(const Grid& g, const std::vector<float>& bed,
                      const std::vector<std::uint8_t>& blocked, int cell) {
  auto open = [&](std::size_t c) { return std::isfinite(bed[c]) && !blocked[c]; };
  if (cell < 0 || open(static_cast<std::size_t>(cell))) return cell;
  const int i0 = cell % g.nx, j0 = cell / g.nx;
  int best = -1;
  double bd = 1e300;
  for_window(g, i0, j0, 3, [&](int i, int j) {
    const double d = std::hypot(i - i0, j - j0);
    if (open(g.index(i, j)) && d < bd) bd = d, best = static_cast<int>(g.index(i, j));
  });
  return best;
}

bool is_water_class(const Scenario& s, std::size_t c) {
  return !s.landuse.data.empty() && s.landuse.data[c] == kWaterLanduse;
}

int cell_of(const Scenario& s, double x, double y) {
  int i, j;
  if (!s.dem.grid.locate(x, y, i, j)) return -1;
  return static_cast<int>(s.dem.grid.index(i, j));
}

// The water an outfall discharges into: the lowest cell within three cells of the given point
// (a sluice sits in the seawall or on a canal bank; its water goes to the sea or canal beside it).
int receiving_cell(const Scenario& s, double x, double y) {
  const Grid& g = s.dem.grid;
  int i0, j0;
  if (!g.locate(x, y, i0, j0)) return -1;
  int best = static_cast<int>(g.index(i0, j0));
  float zb = std::isnan(s.dem.data[best]) ? INFINITY : s.dem.data[best];
  for_window(g, i0, j0, 3, [&](int i, int j) {
    const float z = s.dem.data[g.index(i, j)];
    if (!std::isnan(z) && z < zb) zb = z, best = static_cast<int>(g.index(i, j));
  });
  return best;
}

// The land side of a sluice stuck open: the nearest computed land cell within three cells of
// the outfall point other than its receiving cell (ties: the first in row order); -1 if none.
int sluice_inland_cell(const Scenario& s, const std::vector<std::uint8_t>& blocked, double x,
                       double y, int receiving) {
  const Grid& g = s.dem.grid;
  int i0, j0;
  if (!g.locate(x, y, i0, j0)) return -1;
  int best = -1;
  double bd = 1e300;
  for_window(g, i0, j0, 3, [&](int i, int j) {
    const std::size_t c = g.index(i, j);
    if (std::isnan(s.dem.data[c]) || blocked[c] || is_water_class(s, c) ||
        static_cast<int>(c) == receiving)
      return;
    const double d = std::hypot(g.cx(i) - x, g.cy(j) - y);
    if (d < bd) bd = d, best = static_cast<int>(c);
  });
  return best;
}

// Distance (cells) from cell (i, j) to the nearest water-class cell within `reach` cells;
// 1e9 when there is none.
double water_distance(const Scenario& s, int i, int j, int reach) {
  const Grid& g = s.dem.grid;
  double d = 1e9;
  if (s.landuse.data.empty()) return d;
  for_window(g, i, j, reach, [&](int p, int q) {
    if (is_water_class(s, g.index(p, q))) d = std::min(d, std::hypot(p - i, q - j));
  });
  return d;
}

// True when a 4-neighbour of (i, j) is a water-class cell: water poured there runs straight
// into that water (a canal open to the sea carries it out of the domain).
bool beside_water(const Scenario& s, int i, int j) {
  const Grid& g = s.dem.grid;
  const int di[4] = {1, -1, 0, 0}, dj[4] = {0, 0, 1, -1};
  for (int k = 0; k < 4; ++k) {
    const int p = i + di[k], q = j + dj[k];
    if (p >= 0 && q >= 0 && p < g.nx && q < g.ny && is_water_class(s, g.index(p, q))) return true;
  }
  return false;
}

// Where a weir breach pours and whose level it sees: the land directly behind the breach on
// the protected side. A click lands on the dike crest, which stands above the land on both
// sides; the sea side is the water and the foreshore next to it. Candidates are the computed
// land cells within three cells of the point that are no nearer the water than the point (not
// the foreshore). Of these, in order of preference: off the crest (ground at least 0.5 m below
// the highest ground within one cell of the point) and not beside water; then not beside
// water; then any. The nearest of the first non-empty class wins (ties: lower ground, then row
// order). Nearest, not lowest: the lowest land near a seawall is often the bank of a drainage
// canal, and a canal open to the sea carries the breach's water out of the domain instead of
// onto the land behind the wall (docs/drills.md, "Where a weir breach pours"). -1 without a
// candidate (the point is in the water or off the computed area).
int breach_pour_cell(const Scenario& s, const std::vector<std::uint8_t>& blocked, double x,
                     double y) {
  const Grid& g = s.dem.grid;
  int i0, j0;
  if (!g.locate(x, y, i0, j0)) return -1;
  const double d0 = water_distance(s, i0, j0, 6);
  float crest = -INFINITY;
  for_window(g, i0, j0, 1, [&](int i, int j) {
    if (!std::isnan(s.dem.data[g.index(i, j)])) crest = std::max(crest, s.dem.data[g.index(i, j)]);
  });
  int best = -1, best_class = 3;
  double bz = 1e300, bd = 1e300;
  for_window(g, i0, j0, 3, [&](int i, int j) {
    const std::size_t c = g.index(i, j);
    if (std::isnan(s.dem.data[c]) || blocked[c] || is_water_class(s, c) ||
        water_distance(s, i, j, 6) < d0)
      return;
    const double z = s.dem.data[c], d = std::hypot(i - i0, j - j0);
    const int cls = beside_water(s, i, j) ? 2 : z <= crest - 0.5 ? 0 : 1;
    if (cls < best_class || (cls == best_class && (d < bd || (d == bd && z < bz))))
      best_class = cls, bz = z, bd = d, best = static_cast<int>(c);
  });
  return best;
}

// The water a breach with outside = "model" sees: the nearest computed water-class cell within
// three cells of the point on the other side of the wall from its pour cell (the direction from
// the point makes an obtuse angle with the pour cell's; ties: the deeper bed, then row order);
// -1 when there is none.
int breach_source_cell(const Scenario& s, const std::vector<std::uint8_t>& blocked, double x,
                       double y, int pour) {
  const Grid& g = s.dem.grid;
  int i0, j0;
  if (!g.locate(x, y, i0, j0)) return -1;
  const int pi = pour % g.nx - i0, pj = pour / g.nx - j0;
  int best = -1;
  double bd = 1e300, bz = 1e300;
  for_window(g, i0, j0, 3, [&](int i, int j) {
    const std::size_t c = g.index(i, j);
    if (std::isnan(s.dem.data[c]) || blocked[c] || !is_water_class(s, c) ||
        (i - i0) * pi + (j - j0) * pj >= 0)
      return;
    const double d = std::hypot(i - i0, j - j0), z = s.dem.data[c];
    if (d < bd || (d == bd && z < bz)) bd = d, bz = z, best = static_cast<int>(c);
  });
  return best;
}

std::string at_text(const Inject& j) {
  return std::string(kInjectKinds[j.kind]) + " at " + std::to_string(j.t_s / 3600) + " h";
}

// Weir-form dike breaches (width_m) and stuck sluices, once the walled cells are known.
void add_structure_faults(const Scenario& s, const TimeSeries& sea_level, flood::ModelSpec& spec) {
  for (const auto& j : s.injects) {
    const double until = j.duration_s > 0 ? j.t_s + j.duration_s : 1e300;
    if (j.kind == InjectKind::DikeBreach && j.width_m > 0) {
      flood::WeirBreach br;
      br.cell = breach_pour_cell(s, spec.blocked, j.x, j.y);
      const std::string where_xy =
          at_text(j) + " (x=" + std::to_string(j.x) + ", y=" + std::to_string(j.y) + ")";
      if (br.cell < 0)
        throw InputError(where_xy +
                         ": no computed land cell within 3 cells behind the breach to pour into "
                         "(is the point in the water or off the computed area?)");
      if (j.outside_model) {
        br.source_cell = breach_source_cell(s, spec.blocked, j.x, j.y, br.cell);
        if (br.source_cell < 0)
          throw InputError(where_xy +
                           ": outside = \"model\" needs a computed water cell (river, canal or "
                           "sea) within 3 cells on the outer side of the wall; there is none");
      }
      br.width_m = j.width_m;
      // Without crest_m the breach is scoured down to the ground it pours onto.
      br.crest =
          std::isfinite(j.crest_m) ? j.crest_m : s.dem.data[static_cast<std::size_t>(br.cell)];
      br.t_open_s = j.t_s;
      br.develop_s = j.develop_s;
      br.t_close_s = until;
      br.outside_level = j.level_t_s.empty() ? sea_level : TimeSeries{j.level_t_s, j.level_m};
      spec.breaches.push_back(std::move(br));
    } else if (j.kind == InjectKind::SluiceStuck) {
      flood::GateFault gf;
      for (std::size_t o = 0; o < s.outfalls.size(); ++o)
        if (s.outfalls[o].name == j.target) gf.outfall = static_cast<int>(o);
      if (gf.outfall < 0)
        throw InputError(at_text(j) + ": no [[outfall]] named '" + j.target + "'");
      gf.open = j.stuck_open;
      gf.area_m2 = j.area_m2;
      gf.t_from_s = j.t_s;
      gf.t_until_s = until;
      if (gf.open) {
        const auto& o = s.outfalls[static_cast<std::size_t>(gf.outfall)];
        gf.inland_cell = sluice_inland_cell(
            s, spec.blocked, o.x, o.y, spec.outfalls[static_cast<std::size_t>(gf.outfall)].cell);
        if (gf.inland_cell < 0)
          throw InputError(at_text(j) + ": outfall '" + j.target +
                           "' has no land cell within 3 cells for the open gate to connect");
      }
      spec.gate_faults.push_back(gf);
    }
  }
}

TimeSeries read_level_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot open level series");
  TimeSeries ts;
  std::string line;
  long n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#' || std::isalpha(static_cast<unsigned char>(line[0])))
      continue;
    double t, v;
    char comma;
    std::istringstream ss(line);
    if (!(ss >> t >> comma >> v) || comma != ',')
      throw InputError(where(path, n) + ": expected 't_s,level_m'");
    if (!ts.t.empty() && t <= ts.t.back())
      throw InputError(where(path, n) + ": times must increase");
    ts.t.push_back(t);
    ts.v.push_back(v);
  }
  if (ts.t.empty()) throw InputError(path + ": no rows");
  return ts;
}

}  // namespace

TimeSeries sea_level_series(const Scenario& s, double landfall_s) {
  if (!s.tide.series_path.empty()) return read_level_csv(s.tide.series_path);
  storm::TideSpec spec;
  spec.mean_level_m = s.tide.mean_level_m;
  for (const auto& c : s.tide.constituents) {
    // A phase shift of the whole tide by dt hours: each constituent's phase moves by its speed x
    // dt.
    const double shift = storm::constituent_speed_deg_per_h(c.name) * s.tide.phase_shift_h;
    spec.constituents.push_back({c.name, c.amplitude_m, c.phase_deg + shift});
  }
  spec.surge_peak_m = s.tide.surge_peak_m;
  spec.surge_peak_t_s =
      s.tide.surge_peak_time_s >= 0 ? s.tide.surge_peak_time_s : std::max(0.0, landfall_s);
  spec.surge_width_h = s.tide.surge_width_h;
  return storm::tide_series(spec, 0.0, s.duration_s + 3600.0, 300.0);
}

std::vector<float> initial_depth(const Scenario& s) {
  std::vector<float> h(s.dem.grid.size(), 0.0f);
  if (s.landuse.data.empty()) return h;
  if (s.subgrid()) {
    const Grid& f = s.fine_dem.grid;
    const int r = s.subgrid_ratio;
    std::vector<double> sum(h.size(), 0.0);
    for (int j = 0; j < f.ny; ++j)
      for (int i = 0; i < f.nx; ++i) {
        const std::size_t p = f.index(i, j), c = s.dem.grid.index(i / r, j / r);
        const float code = s.fine_landuse.data.empty() ? s.landuse.data[c] : s.fine_landuse.data[p];
        if (code == kWaterLanduse && s.fine_dem.data[p] < 0.0f) sum[c] -= s.fine_dem.data[p];
      }
    for (std::size_t c = 0; c < h.size(); ++c)
      h[c] = static_cast<float>(sum[c] / (static_cast<double>(r) * r));
    return h;
  }
  for (std::size_t c = 0; c < h.size(); ++c)
    if (s.landuse.data[c] == kWaterLanduse && !std::isnan(s.dem.data[c]))
      h[c] = std::max(0.0f, -s.dem.data[c]);
  return h;
}

flood::ModelPtr setup_flood(const Scenario& s, const TimeSeries& sea_level, int threads,
                            flood::subgrid::TablesPtr tables) {
  flood::ModelSpec spec;
  const Grid& g = s.dem.grid;
  const std::size_t N = g.size();
  spec.grid = g;
  spec.bed = s.dem.data;
  spec.manning.assign(N, 0.03f);
  spec.drainage_mmph.assign(N, 0.0f);
  spec.drainage_outfall.assign(N, -1);
  spec.debris_class.assign(N, flood::kUrban);
  bool horton = false, ga = false;
  for (const auto& c : s.landuse_classes) {
    horton |= c.infiltration == Infiltration::Horton;
    ga |= c.infiltration == Infiltration::GreenAmpt;
  }
  if (horton)
    spec.horton_f0_mmph.assign(N, 0), spec.horton_fc_mmph.assign(N, 0),
        spec.horton_k_per_h.assign(N, 0);
  if (ga) spec.ga_ks_mmph.assign(N, 0), spec.ga_psi_dtheta_m.assign(N, 0);
  // Outfalls: drained water is delivered to the outfall cell (a canal, river or sea cell).
  for (const auto& o : s.outfalls) {
    flood::Outfall of;
    of.cell = receiving_cell(s, o.x, o.y);
    spec.outfalls.push_back(of);
  }
  for (std::size_t c = 0; c < N; ++c) {
    if (s.landuse.data.empty() || std::isnan(s.landuse.data[c])) continue;
    const LanduseClass* lc = s.landuse_class(static_cast<int>(s.landuse.data[c]));
    if (!lc) continue;
    spec.manning[c] = static_cast<float>(lc->manning);
    spec.drainage_mmph[c] = static_cast<float>(lc->drainage_mmph);
    if (lc->infiltration == Infiltration::Horton) {
      spec.horton_f0_mmph[c] = static_cast<float>(lc->horton_f0_mmph);
      spec.horton_fc_mmph[c] = static_cast<float>(lc->horton_fc_mmph);
      spec.horton_k_per_h[c] = static_cast<float>(lc->horton_k_per_h);
    } else if (lc->infiltration == Infiltration::GreenAmpt) {
      spec.ga_ks_mmph[c] = static_cast<float>(lc->ga_ksat_mmph);
      spec.ga_psi_dtheta_m[c] = static_cast<float>(lc->ga_psi_mm / 1000.0 * lc->ga_dtheta);
    }
    spec.debris_class[c] = debris_class(lc);
  }
  // Each drained cell sends its water to the nearest outfall (sewer catchments follow
  // distance in the absence of a pipe network); none = it leaves the domain.
  if (!s.outfalls.empty()) {
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) {
        const std::size_t c = g.index(i, j);
        if (spec.drainage_mmph[c] <= 0) continue;
        double best = 1e300;
        int bo = -1;
        for (std::size_t o = 0; o < s.outfalls.size(); ++o) {
          const double dx = g.cx(i) - s.outfalls[o].x, dy = g.cy(j) - s.outfalls[o].y;
          if (dx * dx + dy * dy < best) best = dx * dx + dy * dy, bo = static_cast<int>(o);
        }
        spec.drainage_outfall[c] = bo;
      }
  }
  for (const auto& p : s.pumps) {
    flood::PumpStation ps;
    ps.capacity_m3s = p.capacity_m3s;
    int oi = p.outfall;
    if (oi < 0) {
      double best = 1e300;
      for (std::size_t o = 0; o < s.outfalls.size(); ++o) {
        const double dx = p.x - s.outfalls[o].x, dy = p.y - s.outfalls[o].y;
        if (dx * dx + dy * dy < best) best = dx * dx + dy * dy, oi = static_cast<int>(o);
      }
    }
    ps.outfall = oi;
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) {
        const double dx = g.cx(i) - p.x, dy = g.cy(j) - p.y;
        const std::size_t c = g.index(i, j);
        if (dx * dx + dy * dy <= p.serves_radius_m * p.serves_radius_m && spec.drainage_mmph[c] > 0)
          ps.cells.push_back(static_cast<int>(c));
      }
    spec.pumps.push_back(std::move(ps));
  }
  // Dike breach: a triangular hydrograph, peak a quarter of the way through (a breach widens
  // fast, then the head falls); no duration = peak flow held to the end.
  for (const auto& j : s.injects) {
    if (j.kind != InjectKind::DikeBreach || j.width_m > 0) continue;  // weirs: below
    flood::PointInflow in;
    in.cell = cell_of(s, j.x, j.y);
    if (in.cell < 0) continue;
    if (j.duration_s > 0)
      in.m3s = TimeSeries{{j.t_s - 1e-3, j.t_s, j.t_s + 0.25 * j.duration_s, j.t_s + j.duration_s},
                          {0.0, 0.0, j.peak_m3s, 0.0}};
    else
      in.m3s = TimeSeries{{j.t_s, j.t_s + 1800}, {0.0, j.peak_m3s}};
    spec.inflows.push_back(std::move(in));
  }
  const flood::Side sides[4] = {flood::Side::North, flood::Side::East, flood::Side::South,
                                flood::Side::West};
  for (int k = 0; k < 4; ++k) {
    flood::Edge& e = spec.edges[static_cast<int>(sides[k])];
    e.kind = s.boundary[k] == BoundaryKind::Closed ? flood::Edge::Kind::Closed
             : s.boundary[k] == BoundaryKind::Open ? flood::Edge::Kind::Open
                                                   : flood::Edge::Kind::Level;
    if (e.kind == flood::Edge::Kind::Level) e.level = sea_level;
  }
  // The sea enters only across sea cells: land on a 'level' edge stands for the coast (or
  // the seawall) continuing beyond the grid, so it is a wall there, not a breach to the bay.
  spec.blocked.assign(N, 0);
  auto is_land = [&](std::size_t c) {
    if (std::isnan(s.dem.data[c])) return false;
    return s.landuse.data.empty() ? s.dem.data[c] > 0.0f : s.landuse.data[c] != kWaterLanduse;
  };
  for (int k = 0; k < 4; ++k) {
    if (s.boundary[k] != BoundaryKind::Level) continue;
    const bool horizontal = k == 0 || k == 2;  // N or S edge: a row
    const int n = horizontal ? g.nx : g.ny;
    for (int q = 0; q < n; ++q) {
      const int i = horizontal ? q : (k == 1 ? g.nx - 1 : 0);
      const int j = horizontal ? (k == 0 ? 0 : g.ny - 1) : q;
      const std::size_t c = g.index(i, j);
      if (is_land(c)) spec.blocked[c] = 1;
    }
  }
  for (const auto& o : spec.outfalls)
    if (o.cell >= 0) spec.blocked[static_cast<std::size_t>(o.cell)] = 0;  // outfalls stay open
  // A dike breach on that coast wall (on coarse grids a seawall breach falls in the edge row)
  // pours into the nearest computed cell inland. The wall cell stays closed: opened, it would
  // stand at the sea level from the first step and flood the land hours before the breach.
  for (auto& in : spec.inflows) in.cell = nearest_open_cell(g, s.dem.data, spec.blocked, in.cell);
  add_structure_faults(s, sea_level, spec);
  if (s.subgrid()) {  // bed and roughness come from the tables of the fine DEM
    if (!tables) throw std::logic_error("setup_flood: a sub-grid scenario without its tables");
    spec.bed.clear();
    spec.manning.clear();
    spec.subgrid = std::move(tables);
  }
  spec.options.cfl = s.flood.cfl;
  // Peaks of urban flooding last minutes to hours: sampling the summary rasters every 30 s
  // loses nothing a planner reads and saves a third of the solver time.
  spec.options.stats_interval_s = 30.0;
  spec.options.theta = s.flood.theta;
  spec.options.threads = threads;
  return flood::build_model(std::move(spec));
}

flood::DebrisClass debris_class(const LanduseClass* lc) {
  if (!lc) return flood::kUrban;
  const std::string& n = lc->name;
  return n == "forest"                       ? flood::kWoodland
         : (n == "rural" || n == "farmland") ? flood::kPastureArable
                                             : flood::kUrban;
}

float fine_landuse_code(const Scenario& s, int i, int j) {
  return s.fine_landuse.data.empty()
             ? s.landuse.data[s.dem.grid.index(i / s.subgrid_ratio, j / s.subgrid_ratio)]
             : s.fine_landuse.data[s.fine_dem.grid.index(i, j)];
}

std::vector<std::uint8_t> fine_debris_classes(const Scenario& s) {
  const Grid& f = s.fine_dem.grid;
  std::vector<std::uint8_t> out(s.fine_dem.data.size(), flood::kUrban);
  if (s.landuse.data.empty()) return out;
  for (int j = 0; j < f.ny; ++j)
    for (int i = 0; i < f.nx; ++i) {
      const float code = fine_landuse_code(s, i, j);
      if (!std::isnan(code))
        out[f.index(i, j)] = debris_class(s.landuse_class(static_cast<int>(code)));
    }
  return out;
}

}  // namespace sd
