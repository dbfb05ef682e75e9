#include "flood/flood_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "flood/subgrid_inertial.hpp"

namespace sd::flood {
namespace {

constexpr float kInactiveBed = 1e9f;  // far above any water surface: faces to it stay dry

void require(bool ok, const std::string& msg) {
  if (!ok) throw std::invalid_argument(msg);
}

void check_size(const char* field, std::size_t have, std::size_t want, bool optional = true) {
  if (optional && have == 0) return;
  require(have == want, std::string("flood model: ") + field + " has " + std::to_string(have) +
                            " values, the grid has " + std::to_string(want) + " cells");
}

void check_series(const TimeSeries& ts, const std::string& field) {
  require(ts.t.size() == ts.v.size(), "flood model: " + field + " has unequal t and v lengths");
  for (std::size_t k = 1; k < ts.t.size(); ++k)
    require(ts.t[k] > ts.t[k - 1], "flood model: " + field + " times must increase strictly");
  for (double v : ts.v)
    require(std::isfinite(v), "flood model: " + field + " has a non-finite value");
}

void check_cell(int c, std::size_t n, const std::string& field) {
  require(c >= 0 && static_cast<std::size_t>(c) < n,
          "flood model: " + field + " cell " + std::to_string(c) + " is outside the grid");
}

}  // namespace

double max_stable_cfl(double theta) {
  // Linearised, frictionless scheme, checkerboard mode on both axes: the amplification
  // matrix has det = 2 theta - 1 and trace 2 theta - 8 C^2, stable while 8 C^2 <= 4 theta.
  return std::sqrt(theta / 2.0);
}

namespace {

// Sub-grid tables must match the grid; the bed becomes their lowest pixel per cell.
void adopt_subgrid(ModelSpec& spec) {
  const auto& t = *spec.subgrid;
  const Grid& g = spec.grid;
  require(t.nx == g.nx && t.ny == g.ny, "flood model: sub-grid tables are " + std::to_string(t.nx) +
                                            "x" + std::to_string(t.ny) + " cells, the grid " +
                                            std::to_string(g.nx) + "x" + std::to_string(g.ny));
  require(std::fabs(t.fine_m * t.ratio - g.cell) <= 1e-9 * g.cell,
          "flood model: grid cell size is not the sub-grid ratio times the fine pixel");
  require(spec.bed.empty(), "flood model: give no bed with sub-grid tables");
  require(spec.manning.empty(),
          "flood model: per-cell manning with sub-grid tables (give it "
          "per fine pixel to the tables)");
  spec.bed = subgrid::coarse_bed(t);
}

std::vector<float> relative_face_z(const std::vector<double>& zlo, double datum) {
  std::vector<float> z(zlo.size());
  for (std::size_t k = 0; k < z.size(); ++k)
    z[k] = std::isfinite(zlo[k]) ? static_cast<float>(zlo[k] - datum) : kInactiveBed;
  return z;
}

}  // namespace

ModelPtr build_model(ModelSpec spec) {
  if (spec.subgrid) adopt_subgrid(spec);
  const Grid& g = spec.grid;
  require(g.nx > 0 && g.ny > 0, "flood model: grid has no cells");
  require(g.cell > 0 && std::isfinite(g.cell), "flood model: cell size must be positive");
  const std::size_t n = g.size();
  check_size("bed", spec.bed.size(), n, false);
  check_size("blocked", spec.blocked.size(), n);
  check_size("manning", spec.manning.size(), n);
  check_size("horton_f0_mmph", spec.horton_f0_mmph.size(), n);
  check_size("horton_fc_mmph", spec.horton_fc_mmph.size(), n);
  check_size("horton_k_per_h", spec.horton_k_per_h.size(), n);
  check_size("ga_ks_mmph", spec.ga_ks_mmph.size(), n);
  check_size("ga_psi_dtheta_m", spec.ga_psi_dtheta_m.size(), n);
  check_size("drainage_mmph", spec.drainage_mmph.size(), n);
  check_size("drainage_outfall", spec.drainage_outfall.size(), n);
  check_size("debris_class", spec.debris_class.size(), n);
  const bool horton = !spec.horton_f0_mmph.empty();
  require(!horton || (spec.horton_fc_mmph.size() == n && spec.horton_k_per_h.size() == n),
          "flood model: Horton needs horton_f0_mmph, horton_fc_mmph and horton_k_per_h");
  const bool ga = !spec.ga_ks_mmph.empty();
  require(!ga || spec.ga_psi_dtheta_m.size() == n,
          "flood model: Green-Ampt needs ga_ks_mmph and ga_psi_dtheta_m");
  const Options& o = spec.options;
  require(o.cfl > 0 && o.cfl <= 1, "flood model: cfl must be in (0, 1]");
  require(o.theta >= 0.5 && o.theta <= 1, "flood model: theta must be in [0.5, 1]");
  require(o.cfl <= max_stable_cfl(o.theta), "flood model: cfl " + std::to_string(o.cfl) +
                                                " exceeds the stability limit sqrt(theta/2) = " +
                                                std::to_string(max_stable_cfl(o.theta)) +
                                                " for theta " + std::to_string(o.theta));
  require(o.dt_max > 0 && o.g > 0 && o.h_dry > 0, "flood model: dt_max, g and h_dry must be > 0");
  require(o.rain_refresh_s > 0, "flood model: rain_refresh_s must be > 0");
  require(spec.manning_uniform > 0 && std::isfinite(spec.manning_uniform),
          "flood model: manning must be > 0");
  require(spec.infiltration_uniform_mmph >= 0 && spec.drainage_uniform_mmph >= 0,
          "flood model: infiltration and drainage rates must be >= 0");

  auto m = std::shared_ptr<Model>(new Model());
  // Local datum: elevations are stored relative to the lowest active bed so float32 keeps
  // ~1e-6 m resolution where it matters (issue 3: 200 m in float32 is 1.5e-5 m per step).
  double zmin = std::numeric_limits<double>::infinity();
  m->act_.assign(n, 0);
  for (std::size_t k = 0; k < n; ++k) {
    const float b = spec.bed[k];
    const bool blocked = !spec.blocked.empty() && spec.blocked[k];
    if (std::isfinite(b) && !blocked) {
      m->act_[k] = 1;
      zmin = std::min(zmin, static_cast<double>(b));
      ++m->active_;
    }
  }
  require(m->active_ > 0, "flood model: no active cell (bed is all NoData or blocked)");
  m->datum_ = zmin;
  m->z_.assign(n, kInactiveBed);
  for (std::size_t k = 0; k < n; ++k)
    if (m->act_[k]) m->z_[k] = static_cast<float>(spec.bed[k] - zmin);

  if (!spec.manning.empty()) {
    m->n2_.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
      const float nk = spec.manning[k];
      require(!m->act_[k] || (nk > 0 && std::isfinite(nk)),
              "flood model: manning at cell " + std::to_string(k) + " must be > 0");
      m->n2_[k] = m->act_[k] ? nk * nk : 0.0f;
    }
  }

  for (std::size_t q = 0; q < spec.outfalls.size(); ++q) {
    const auto& of = spec.outfalls[q];
    if (of.cell >= 0) {
      check_cell(of.cell, n, "outfall " + std::to_string(q));
      require(m->act_[static_cast<std::size_t>(of.cell)],
              "flood model: outfall " + std::to_string(q) + " cell is outside the domain");
    }
    check_series(of.outside_level, "outfall " + std::to_string(q) + " outside_level");
  }
  for (std::size_t p = 0; p < spec.pumps.size(); ++p) {
    const auto& ps = spec.pumps[p];
    const std::string f = "pump " + std::to_string(p);
    require(ps.capacity_m3s >= 0 && std::isfinite(ps.capacity_m3s),
            "flood model: " + f + " capacity must be >= 0");
    require(ps.outfall >= -1 && ps.outfall < static_cast<int>(spec.outfalls.size()),
            "flood model: " + f + " outfall index out of range");
    for (int c : ps.cells) check_cell(c, n, f);
  }
  for (std::size_t p = 0; p < spec.inflows.size(); ++p) {
    check_cell(spec.inflows[p].cell, n, "inflow " + std::to_string(p));
    require(m->act_[static_cast<std::size_t>(spec.inflows[p].cell)],
            "flood model: inflow " + std::to_string(p) + " cell is outside the domain");
    check_series(spec.inflows[p].m3s, "inflow " + std::to_string(p));
  }
  for (std::size_t p = 0; p < spec.breaches.size(); ++p) {
    const auto& br = spec.breaches[p];
    const std::string f = "breach " + std::to_string(p);
    check_cell(br.cell, n, f);
    require(m->act_[static_cast<std::size_t>(br.cell)],
            "flood model: " + f + " cell is outside the domain");
    require(br.width_m > 0 && std::isfinite(br.width_m),
            "flood model: " + f + " width must be > 0");
    require(std::isfinite(br.crest) && br.develop_s >= 0 && br.t_close_s >= br.t_open_s,
            "flood model: " + f + " crest, develop time or close time invalid");
    require(!br.outside_level.empty(), "flood model: " + f + " has no outside level");
    check_series(br.outside_level, f + " outside_level");
  }
  for (std::size_t p = 0; p < spec.gate_faults.size(); ++p) {
    const auto& gf = spec.gate_faults[p];
    const std::string f = "gate fault " + std::to_string(p);
    require(gf.outfall >= 0 && gf.outfall < static_cast<int>(spec.outfalls.size()),
            "flood model: " + f + " outfall index out of range");
    if (gf.open) {
      require(gf.area_m2 > 0 && std::isfinite(gf.area_m2),
              "flood model: " + f + " opening must be > 0");
      check_cell(gf.inland_cell, n, f);
      require(m->act_[static_cast<std::size_t>(gf.inland_cell)],
              "flood model: " + f + " inland cell is outside the domain");
    }
  }
  for (int s = 0; s < 4; ++s)
    if (spec.edges[static_cast<std::size_t>(s)].kind == Edge::Kind::Level) {
      require(!spec.edges[static_cast<std::size_t>(s)].level.empty(),
              "flood model: level boundary on edge " +
                  std::string("NESW").substr(static_cast<std::size_t>(s), 1) +
                  " has no level series");
      check_series(spec.edges[static_cast<std::size_t>(s)].level, "edge level");
    }

  // Drainage groups: one per outfall (+ one for "leaves the domain"), cells ascending.
  const int nof = static_cast<int>(spec.outfalls.size());
  std::vector<Model::DrainGroup> groups(static_cast<std::size_t>(nof) + 1);
  for (int q = 0; q < nof; ++q) groups[static_cast<std::size_t>(q) + 1].outfall = q;
  const double mmph_to_ms = 1e-3 / 3600.0;
  for (std::size_t k = 0; k < n; ++k) {
    if (!m->act_[k]) continue;
    double cap = spec.drainage_uniform_mmph;
    int of = -1;
    if (!spec.drainage_mmph.empty()) {
      require(spec.drainage_mmph[k] >= 0 && std::isfinite(spec.drainage_mmph[k]),
              "flood model: drainage_mmph at cell " + std::to_string(k) + " must be >= 0");
      cap += spec.drainage_mmph[k];
      if (!spec.drainage_outfall.empty() && spec.drainage_mmph[k] > 0) {
        of = spec.drainage_outfall[k];
        require(of >= -1 && of < nof, "flood model: drainage_outfall at cell " + std::to_string(k) +
                                          " is not an outfall index");
      }
    }
    if (cap <= 0) continue;
    auto& grp = groups[static_cast<std::size_t>(of + 1)];
    grp.cells.push_back(static_cast<int>(k));
    grp.cap_ms.push_back(static_cast<float>(cap * mmph_to_ms));
  }
  for (auto& grp : groups)
    if (!grp.cells.empty()) m->groups_.push_back(std::move(grp));

  if (spec.subgrid) {
    if (!spec.subgrid->cell_n2.empty()) m->n2_ = spec.subgrid->cell_n2;  // edge faces only
    m->sfx_ = relative_face_z(spec.subgrid->fx.zlo, zmin);
    m->sfy_ = relative_face_z(spec.subgrid->fy.zlo, zmin);
  }
  m->has_infil_ = horton || ga || spec.infiltration_uniform_mmph > 0;
  m->spec_ = std::move(spec);
  return m;
}

}  // namespace sd::flood
