#include "flood/sources_sinks.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "flood/flood_state.hpp"
#include "flood/structure_flow.hpp"

namespace sd::flood {
namespace {
constexpr double kMmphToMs = 1e-3 / 3600.0;
constexpr std::size_t kChunk = 8192;  // drainage cells per task (fixed: thread-count independent)
}  // namespace

void SinkState::init(const Model& m) {
  const auto& s = m.spec();
  if (!s.ga_ks_mmph.empty()) infiltrated.assign(m.grid().size(), 0.0f);
  pump_on.assign(s.pumps.size(), 1);
  if (!s.pumps.empty()) demand.assign(m.grid().size(), 0.0f);
  const auto& groups = m.drain_groups();
  for (std::size_t gi = 0; gi < groups.size(); ++gi)
    for (std::size_t b = 0; b < groups[gi].cells.size(); b += kChunk)
      tasks.push_back({gi, b, std::min(b + kChunk, groups[gi].cells.size())});
  task_sum.assign(tasks.size(), 0.0);
  row_partial.assign(static_cast<std::size_t>(m.grid().ny), 0.0);
  group_eta.assign(groups.size(), 0.0);
}

bool SinkState::active(const Model& m) {
  const auto& s = m.spec();
  return m.has_infiltration() || !m.drain_groups().empty() || !s.pumps.empty() ||
         !s.inflows.empty() || !s.breaches.empty() || !s.gate_faults.empty();
}

double SinkState::apply(const Model& m, double t, double dt, int threads, std::vector<double>& h,
                        Budget& b, Wet wet) {
  if (m.has_infiltration()) infiltrate(m, t, dt, threads, h, b, wet.fraction);
  double hm = 0.0;
  if (!tasks.empty()) hm = std::max(hm, drain(m, t, dt, threads, h, b, wet));
  if (!pump_on.empty()) hm = std::max(hm, pump(m, dt, h, b));
  if (!m.spec().inflows.empty()) hm = std::max(hm, inflow(m, t, dt, h, b));
  if (!m.spec().breaches.empty()) hm = std::max(hm, breach(m, t, dt, h, b, wet));
  if (!m.spec().gate_faults.empty()) hm = std::max(hm, sluice(m, t, dt, h, b, wet));
  return hm;
}

// Capacity f (m/s): constant + Horton (1940) f = fc + (f0 - fc) exp(-k t), t since the start
// of the run, + Green-Ampt (1911) f = Ks (1 + psi dtheta / F), F = depth infiltrated so far.
// The loss in a step is min(f dt, water present): infiltration never makes depth negative.
// With sub-grid tables the capacity applies to the wet part of the cell only (frac).
void SinkState::infiltrate(const Model& m, double t, double dt, int threads, std::vector<double>& h,
                           Budget& b, const float* frac) {
  const auto& s = m.spec();
  const Grid& g = m.grid();
  const auto& act = m.active();
  const bool horton = !s.horton_f0_mmph.empty(), ga = !s.ga_ks_mmph.empty();
  const double th = (t + 0.5 * dt) / 3600.0;
  const double f_const = s.infiltration_uniform_mmph * kMmphToMs;
  const int nx = g.nx;
#pragma omp parallel for schedule(static) num_threads(threads)
  for (int j = 0; j < g.ny; ++j) {
    double sum = 0.0;
    // Horton decay exp(-k t) of the last k seen: k is a land-use class's, so neighbours share it.
    double k_last = std::numeric_limits<double>::quiet_NaN(), decay = 0.0;
    for (int i = 0; i < nx; ++i) {
      const std::size_t k = static_cast<std::size_t>(j) * nx + i;
      if (!act[k] || h[k] <= 0.0) continue;
      double f = f_const;
      if (horton) {
        const double f0 = s.horton_f0_mmph[k], fc = s.horton_fc_mmph[k];
        const double kh = s.horton_k_per_h[k];
        if (!(kh == k_last)) decay = std::exp(-kh * th), k_last = kh;
        f += (fc + (f0 - fc) * decay) * kMmphToMs;
      }
      if (ga && s.ga_ks_mmph[k] > 0) {
        const double F = std::max(static_cast<double>(infiltrated[k]), 1e-4);
        f += s.ga_ks_mmph[k] * kMmphToMs * (1.0 + s.ga_psi_dtheta_m[k] / F);
      }
      if (frac) f *= static_cast<double>(frac[k]);
      const double take = std::min(f * dt, h[k]);
      h[k] -= take;
      if (ga) infiltrated[k] += static_cast<float>(take);
      sum += take;
    }
    row_partial[static_cast<std::size_t>(j)] = sum;
  }
  double tot = 0.0;
  for (double v : row_partial) tot += v;
  b.infiltration += tot * g.cell_area();
}

// Flap-gate rule: a cell drains by gravity only while the receiving water's level is below
// the water surface in the cell (bed + depth). Receiving level: the outfall cell's surface
// at the start of the sink phase, or the outfall's outside_level, or none (always free).
// A gate stuck closed locks its outfall; one stuck open drains by the same gravity rule (and
// lets water back in through sluice()). A locked cell's demand is left for the pumping stations
// serving it.
double SinkState::drain(const Model& m, double t, double dt, int threads, std::vector<double>& h,
                        Budget& b, Wet wet) {
  const double* head = wet.head ? wet.head : h.data();  // water surface = z + head
  const auto& groups = m.drain_groups();
  const auto& outfalls = m.spec().outfalls;
  const auto& z = m.z_rel();
  const double area = m.grid().cell_area();
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {
    double eta = -std::numeric_limits<double>::infinity();
    if (groups[gi].outfall >= 0) {
      const Outfall& of = outfalls[static_cast<std::size_t>(groups[gi].outfall)];
      if (of.cell >= 0)
        eta = head[static_cast<std::size_t>(of.cell)] + z[static_cast<std::size_t>(of.cell)];
      else if (!of.outside_level.empty())
        eta = of.outside_level.at(t + dt) - m.datum();
    }
    if (groups[gi].outfall >= 0)  // a gate stuck closed: locked whatever the levels
      for (const GateFault& gf : m.spec().gate_faults)
        if (gf.outfall == groups[gi].outfall && !gf.open && gf.active(t))
          eta = std::numeric_limits<double>::infinity();
    group_eta[gi] = eta;
  }
  const bool track = !demand.empty();
  const long ntask = static_cast<long>(tasks.size());
#pragma omp parallel for schedule(static) num_threads(threads)
  for (long ti = 0; ti < ntask; ++ti) {
    const Task& tk = tasks[static_cast<std::size_t>(ti)];
    const auto& grp = groups[tk.group];
    const double eta_out = group_eta[tk.group];
    double sum = 0.0;
    for (std::size_t q = tk.begin; q < tk.end; ++q) {
      const std::size_t c = static_cast<std::size_t>(grp.cells[q]);
      const double cap =
          static_cast<double>(grp.cap_ms[q]) * (wet.fraction ? wet.fraction[c] : 1.0f);
      const double want = std::min(cap * dt, h[c]);
      if (eta_out < head[c] + z[c]) {
        h[c] -= want;
        sum += want;
        if (track) demand[c] = 0.0f;
      } else if (track) {
        demand[c] = static_cast<float>(want);
      }
    }
    task_sum[static_cast<std::size_t>(ti)] = sum;
  }
  std::vector<double> gsum(groups.size(), 0.0);
  for (std::size_t ti = 0; ti < tasks.size(); ++ti) gsum[tasks[ti].group] += task_sum[ti];
  double hm = 0.0;
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {
    if (gsum[gi] <= 0.0) continue;
    b.drainage += gsum[gi] * area;
    const int of = groups[gi].outfall;
    if (of >= 0 && outfalls[static_cast<std::size_t>(of)].cell >= 0) {
      const std::size_t c = static_cast<std::size_t>(outfalls[static_cast<std::size_t>(of)].cell);
      h[c] += gsum[gi];
      b.delivered += gsum[gi] * area;
      hm = std::max(hm, h[c]);
    }
  }
  return hm;
}

// A pumping station lifts the gate-locked demand of its cells, up to capacity * dt, shared
// in proportion to each cell's demand, and delivers it to its outfall.
double SinkState::pump(const Model& m, double dt, std::vector<double>& h, Budget& b) {
  const auto& pumps = m.spec().pumps;
  const auto& outfalls = m.spec().outfalls;
  const double area = m.grid().cell_area();
  double hm = 0.0;
  for (std::size_t p = 0; p < pumps.size(); ++p) {
    if (!pump_on[p] || pumps[p].capacity_m3s <= 0) continue;
    double want = 0.0;
    for (int c : pumps[p].cells) want += demand[static_cast<std::size_t>(c)];
    if (want <= 0.0) continue;
    const double frac = std::min(1.0, pumps[p].capacity_m3s * dt / (want * area));
    double lifted = 0.0;
    for (int c : pumps[p].cells) {
      const std::size_t k = static_cast<std::size_t>(c);
      const double take = std::min(static_cast<double>(demand[k]) * frac, h[k]);
      h[k] -= take;
      demand[k] = static_cast<float>(demand[k] - take);
      lifted += take;
    }
    b.pumped += lifted * area;
    const int of = pumps[p].outfall;
    if (of >= 0 && outfalls[static_cast<std::size_t>(of)].cell >= 0) {
      const std::size_t c = static_cast<std::size_t>(outfalls[static_cast<std::size_t>(of)].cell);
      h[c] += lifted;
      b.delivered += lifted * area;
      hm = std::max(hm, h[c]);
    }
  }
  return hm;
}

double SinkState::inflow(const Model& m, double t, double dt, std::vector<double>& h, Budget& b) {
  const double area = m.grid().cell_area();
  double hm = 0.0;
  for (const auto& in : m.spec().inflows) {
    const std::size_t c = static_cast<std::size_t>(in.cell);
    double vol = 0.5 * (in.m3s.at(t) + in.m3s.at(t + dt)) * dt;  // trapezoid
    vol = std::max(vol, -h[c] * area);                           // abstraction limited
    h[c] += vol / area;
    b.inflow += vol;
    hm = std::max(hm, h[c]);
  }
  return hm;
}

// Dike breaches as broad-crested weirs between the outside water and the breach cell, on the
// levels at the start of the step (outside level at mid-step). The step's volume never
// carries the land past the outside level (the weir law tends to zero there; an explicit step
// could overshoot on a small cell) and drain-back never takes more water than the cell holds.
// The opening is read at the step start (the width at its end), so a breach opening at t acts
// from the step starting at t: a run that checkpoints at t is the same before it with or without
// it. With a source cell (outside = "model") the outside is that cell's modelled water: the
// volume moves between the two cells (booked nowhere: conserved exactly), at most half their
// level difference in a step (equal areas meet halfway) and never more than the giver holds;
// it reverses when the land stands higher.
double SinkState::breach(const Model& m, double t, double dt, std::vector<double>& h, Budget& b,
                         Wet wet) {
  const double* head = wet.head ? wet.head : h.data();
  const auto& z = m.z_rel();
  const double area = m.grid().cell_area();
  double hm = 0.0;
  for (const WeirBreach& br : m.spec().breaches) {
    if (t < br.t_open_s || t >= br.t_close_s) continue;
    const std::size_t c = static_cast<std::size_t>(br.cell);
    const double grown =
        br.develop_s > 0 ? std::min(1.0, (t + dt - br.t_open_s) / br.develop_s) : 1.0;
    const double width = br.width_m * grown;
    if (width <= 0.0) continue;
    const bool cell = br.source_cell >= 0;
    const std::size_t r = cell ? static_cast<std::size_t>(br.source_cell) : 0;
    const double outside = cell ? z[r] + head[r] : br.outside_level.at(t + 0.5 * dt) - m.datum();
    const double share = cell ? 0.5 : 1.0;
    const double inland = z[c] + head[c];
    double vol = weir_discharge(outside, inland, br.crest - m.datum(), width) * dt;
    if (vol == 0.0) continue;  // no head over the crest (the clamps below assume a flow)
    if (vol > 0.0)
      vol = std::min({vol, share * (outside - inland) * area, cell ? h[r] * area : vol});
    else
      vol = std::max(vol, -std::min(h[c], share * (inland - outside)) * area);
    if (vol == 0.0) continue;
    h[c] += vol / area;
    if (cell)
      h[r] -= vol / area;
    else
      b.inflow += vol;
    hm = std::max({hm, h[c], cell ? h[r] : 0.0});
  }
  return hm;
}

// Gates stuck open: a two-way submerged orifice between the inland cell and the receiving
// water (the outfall cell, or the outfall's outside level, booked as inflow). Between two
// cells a step moves at most half their level difference (equal cell areas meet halfway) and
// never more than the giving side holds.
double SinkState::sluice(const Model& m, double t, double dt, std::vector<double>& h, Budget& b,
                         Wet wet) {
  const double* head = wet.head ? wet.head : h.data();
  const auto& z = m.z_rel();
  const double area = m.grid().cell_area(), g = m.spec().options.g;
  double hm = 0.0;
  for (const GateFault& gf : m.spec().gate_faults) {
    if (!gf.open || !gf.active(t)) continue;
    const Outfall& of = m.spec().outfalls[static_cast<std::size_t>(gf.outfall)];
    if (of.cell < 0 && of.outside_level.empty()) continue;  // free outfall: nothing comes back
    const std::size_t a = static_cast<std::size_t>(gf.inland_cell);
    const double inland = z[a] + head[a];
    const bool cell = of.cell >= 0;
    const std::size_t r = cell ? static_cast<std::size_t>(of.cell) : 0;
    const double outside = cell ? z[r] + head[r] : of.outside_level.at(t + 0.5 * dt) - m.datum();
    const double share = cell ? 0.5 : 1.0;
    double vol = orifice_discharge(outside, inland, gf.area_m2, g) * dt;  // + into the land
    if (vol == 0.0) continue;
    if (vol > 0.0)
      vol = std::min({vol, share * (outside - inland) * area, cell ? h[r] * area : vol});
    else
      vol = std::max(vol, -std::min(h[a] * area, share * (inland - outside) * area));
    if (vol == 0.0) continue;
    h[a] += vol / area;
    if (cell)
      h[r] -= vol / area;
    else
      b.inflow += vol;
    hm = std::max({hm, h[a], cell ? h[r] : 0.0});
  }
  return hm;
}

}  // namespace sd::flood
