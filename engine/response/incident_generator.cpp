// Incident generation as a non-homogeneous Poisson process per incident type: for each hazard
// frame, the expected count is rate x exposure x frame length; the count is drawn, then each
// incident is placed by exposure weight (superposition of independent per-cell processes).
// Rates and their reasoning: docs/response-model.md.
#include <algorithm>
#include <cmath>

#include "core/rng.hpp"
#include "response/incident.hpp"
#include "response/response_model.hpp"

namespace sd {
namespace {

struct Draw {
  const ResponseModel& m;
  Rng& rng;
  std::vector<Incident>& out;
  const IncidentRates& r;

  // Picks index k with probability w[k] / sum(w) from a cumulative array.
  std::size_t pick(const std::vector<double>& cdf) {
    const double u = rng.uniform() * cdf.back();
    const auto it = std::upper_bound(cdf.begin(), cdf.end(), u);
    return std::min<std::size_t>(static_cast<std::size_t>(it - cdf.begin()), cdf.size() - 1);
  }

  void at_cell(Incident& inc, std::uint32_t cell) {
    const Grid& g = m.grid();
    const int i = static_cast<int>(cell % static_cast<std::uint32_t>(g.nx));
    const int j = static_cast<int>(cell / static_cast<std::uint32_t>(g.nx));
    inc.cell = static_cast<int>(cell);
    inc.x = g.cx(i) + (rng.uniform() - 0.5) * g.cell;
    inc.y = g.cy(j) + (rng.uniform() - 0.5) * g.cell;
    inc.town = m.cell_town.empty() ? -1 : m.cell_town[cell];
    inc.node = m.snap(inc.x, inc.y);
  }

  void at_edge(Incident& inc, std::uint32_t e) {
    const auto& gr = *m.graph;
    const double f = rng.uniform();
    const auto a = gr.tail()[e], b = gr.head()[e];
    inc.x = gr.x()[a] + f * (gr.x()[b] - gr.x()[a]);
    inc.y = gr.y()[a] + f * (gr.y()[b] - gr.y()[a]);
    inc.node = f < 0.5 ? a : b;
    int i, j;
    if (m.grid().locate(inc.x, inc.y, i, j)) {
      inc.cell = static_cast<int>(m.grid().index(i, j));
      inc.town = m.cell_town[inc.cell];
    }
  }

  Incident make(IncidentType type, double t0, double t1) {
    Incident inc;
    inc.type = type;
    inc.t = rng.uniform(t0, t1);
    inc.u_evac = rng.uniform();
    return inc;
  }
};

void finish(Incident& inc, const IncidentRates& r, Rng& rng) {
  using T = IncidentType;
  const double d = inc.depth_m;
  switch (inc.type) {
    case T::TrappedHome:
      inc.need = d > 0.8 ? Capability::WaterRescue : Capability::Rescue;
      inc.people = 1 + static_cast<int>(rng.poisson(std::max(0.0, r.people_per_trapped - 1)));
      inc.severity = static_cast<float>(std::min(1.0, 0.4 + 0.4 * d));
      inc.work_s = 1200 + 600.0 * inc.people;
      inc.deadline_s = r.deadline_trapped_s;
      // Drowning risk of people trapped in floodwater rises with depth (Jonkman 2007 mortality
      // functions are ~0 below 1 m for slow-rising water; we use a small floor for the proxy).
      inc.base_risk = 0.002 + 0.01 * std::max(0.0, d - 1.0);
      break;
    case T::StrandedVehicle:
      inc.need = Capability::Rescue;
      inc.people = 1 + static_cast<int>(rng.poisson(0.5));
      inc.severity = static_cast<float>(std::min(1.0, 0.3 + 0.8 * d));
      inc.work_s = 1800;
      inc.deadline_s = r.deadline_trapped_s;
      inc.base_risk = 0.003 * std::min(1.0, d / 0.6);  // cars float from ~0.6 m
      break;
    case T::BasementFlooding:
      inc.need = Capability::Pumping;
      inc.people = 0;
      inc.severity = 0.3f;
      inc.work_s = 2 * 3600.0;
      inc.deadline_s = r.deadline_default_s;
      break;
    case T::PowerFailure:
      inc.need = Capability::PowerRepair;
      inc.people = 0;
      inc.severity = 0.4f;
      inc.work_s = 3 * 3600.0;
      inc.deadline_s = r.deadline_default_s;
      break;
    case T::GasFailure:
      inc.need = Capability::GasRepair;
      inc.people = 0;
      inc.severity = 0.6f;
      inc.work_s = 2 * 3600.0;
      inc.deadline_s = 2 * 3600.0;
      break;
    case T::Medical:
      inc.need = Capability::Medical;
      inc.people = 1;
      inc.severity = static_cast<float>(rng.uniform(0.3, 1.0));
      inc.work_s = 1800;
      inc.deadline_s = 3600;  // ambulance response standards are 12-30 min; 1 h is a hard limit
      inc.base_risk = 0.01 * inc.severity;
      break;
    case T::TreeDown:
      inc.need = Capability::RoadClearing;
      inc.people = 0;
      inc.severity = 0.2f;
      inc.work_s = 3600;
      inc.deadline_s = r.deadline_default_s;
      break;
    case T::SiteEvacuation:
      inc.need = Capability::Rescue;
      inc.severity = 0.9f;
      inc.work_s = 900 + 90.0 * inc.people;
      inc.deadline_s = 3 * 3600.0;
      inc.base_risk = 0.001;
      break;
  }
}

}  // namespace

double incident_risk(const Incident& inc, double wait_s) {
  const double w = wait_s / std::max(inc.deadline_s, 1.0);
  // A probability per person: it grows with the wait but cannot exceed 1.
  return std::max(inc.people, 1) * std::min(1.0, inc.base_risk * (1.0 + w * w));
}

std::vector<Incident> generate_incidents(const ResponseModel& m, const HazardTimeline& h,
                                         std::uint64_t seed, int member) {
  const Scenario& s = *m.scenario;
  const IncidentRates& r = s.rates;
  std::vector<Incident> out;
  const std::size_t T = h.frames();
  const double end = s.duration_s;
  std::vector<double> cdf;
  std::vector<std::uint32_t> idx;
  std::vector<float> depth_of;
  for (std::size_t k = 0; k < T; ++k) {
    const double t0 = h.time[k];
    const double t1 = std::min(k + 1 < T ? h.time[k + 1] : end, end);
    if (t1 <= t0) continue;
    const double dt_h = (t1 - t0) / 3600.0;
    // One stream per (frame, type) so adding a type or changing one rate leaves the others'
    // draws untouched.
    auto stream = [&](IncidentType type) {
      return Rng(seed,
                 {0x1Cu, static_cast<std::uint64_t>(member), k, static_cast<std::uint64_t>(type)});
    };
    // Draws Poisson(expected) incidents of one type in this frame; `place` locates each one
    // (and sets its depth) with the same stream, so every type's draws stay in a fixed order.
    auto emit = [&](IncidentType type, double expected, auto&& place) {
      Rng rng = stream(type);
      Draw d{m, rng, out, r};
      const auto n = rng.poisson(expected);
      for (std::uint64_t q = 0; q < n; ++q) {
        Incident inc = d.make(type, t0, t1);
        place(d, inc);
        finish(inc, r, rng);
        out.push_back(inc);
      }
    };
    const FloodedCell* fc = h.flooded.data() + (h.flooded_offset.empty() ? 0 : h.flooded_offset[k]);
    const std::size_t nfc =
        h.flooded_offset.empty() ? 0 : h.flooded_offset[k + 1] - h.flooded_offset[k];

    auto cell_process = [&](IncidentType type, double rate, auto weight) {
      cdf.clear();
      idx.clear();
      depth_of.clear();
      double acc = 0;
      for (std::size_t q = 0; q < nfc; ++q) {
        const double w = weight(fc[q]);
        if (w <= 0) continue;
        cdf.push_back(acc += w);
        idx.push_back(fc[q].cell);
        depth_of.push_back(fc[q].depth_m);
      }
      if (acc <= 0) return;
      emit(type, rate * acc * dt_h, [&](Draw& d, Incident& inc) {
        const std::size_t p = d.pick(cdf);
        d.at_cell(inc, idx[p]);
        inc.depth_m = depth_of[p];
      });
    };
    const auto& pop = m.population;
    cell_process(IncidentType::TrappedHome, r.trapped_per_person_h, [&](const FloodedCell& c) {
      return c.depth_m >= r.trapped_depth_m ? pop[c.cell] : 0.0f;
    });
    cell_process(IncidentType::BasementFlooding, r.basement_per_person_h,
                 [&](const FloodedCell& c) { return m.cell_urban[c.cell] ? pop[c.cell] : 0.0f; });
    cell_process(IncidentType::GasFailure, r.gas_per_person_h,
                 [&](const FloodedCell& c) { return c.depth_m >= 0.3f ? pop[c.cell] : 0.0f; });

    auto edge_process = [&](IncidentType type, double rate, auto weight) {
      cdf.clear();
      idx.clear();
      double acc = 0;
      for (std::size_t e = 0; e < h.edges; ++e) {
        const double w = weight(e);
        if (w <= 0) continue;
        cdf.push_back(acc += w);
        idx.push_back(static_cast<std::uint32_t>(e));
      }
      if (acc <= 0) return;
      emit(type, rate * acc * dt_h, [&](Draw& d, Incident& inc) {
        const std::uint32_t e = idx[d.pick(cdf)];
        d.at_edge(inc, e);
        inc.depth_m = h.edge_depth.empty() ? 0.0f : h.edge_depth_at(k)[e];
      });
    };
    if (!h.edge_depth.empty())
      edge_process(IncidentType::StrandedVehicle, r.stranded_per_km_h, [&](std::size_t e) {
        const float d = h.edge_depth_at(k)[e];
        return d >= 0.15f && d <= 0.6f ? m.road_km[e] : 0.0f;
      });
    if (!h.edge_gust.empty())
      edge_process(IncidentType::TreeDown, r.tree_per_km_h, [&](std::size_t e) {
        return h.edge_gust_at(k)[e] >= r.tree_gust_ms ? m.road_km[e] : 0.0f;
      });
    // Power failures: population under damaging gusts, by wind block.
    if (!h.block_gust.empty()) {
      cdf.clear();
      idx.clear();
      double acc = 0;
      const std::size_t nb = m.block_population.size();
      for (std::size_t b = 0; b < nb; ++b) {
        if (h.block_gust[k * nb + b] < r.power_gust_ms || m.block_population[b] <= 0) continue;
        cdf.push_back(acc += m.block_population[b]);
        idx.push_back(static_cast<std::uint32_t>(b));
      }
      if (acc > 0)
        emit(IncidentType::PowerFailure, r.power_per_person_h * acc * dt_h,
             [&](Draw& d, Incident& inc) {
               const std::uint32_t b = idx[d.pick(cdf)];
               d.at_cell(inc, m.block_cells_list[b][d.pick(m.block_cdf[b])]);
             });
    }
    // Medical baseline: everyone, all the time.
    if (m.total_population > 0)
      emit(IncidentType::Medical, r.medical_per_person_h * m.total_population * dt_h,
           [&](Draw& d, Incident& inc) {
             d.at_cell(inc, static_cast<std::uint32_t>(d.pick(m.population_cdf)));
           });
  }
  // Critical sites: a hospital or care home whose ground floods, or whose substation floods,
  // must move its people: one site-evacuation incident at the failure time.
  if (!h.site_depth.empty() && T > 0) {
    const std::size_t ns = s.sites.size();
    std::vector<double> fail_t(ns, -1);
    for (std::size_t k = 0; k < T; ++k)
      for (std::size_t q = 0; q < ns; ++q)
        if (fail_t[q] < 0 && h.site_depth[k * ns + q] >= s.sites[q].flood_depth_m)
          fail_t[q] = h.time[k];
    for (std::size_t q = 0; q < ns; ++q) {
      const auto& site = s.sites[q];
      if (site.kind != SiteKind::Hospital && site.kind != SiteKind::CareHome) continue;
      double t = fail_t[q];
      if (site.fed_by >= 0 && fail_t[site.fed_by] >= 0 && (t < 0 || fail_t[site.fed_by] < t))
        t = fail_t[site.fed_by];
      if (t < 0 || site.people <= 0) continue;
      Rng rng(seed, {0x51u, static_cast<std::uint64_t>(member), q});
      Incident inc;
      inc.type = IncidentType::SiteEvacuation;
      inc.t = t;
      inc.x = site.x;
      inc.y = site.y;
      inc.node = m.site_node[q];
      inc.site = static_cast<int>(q);
      inc.people = static_cast<int>(site.people);
      int i, j;
      if (m.grid().locate(site.x, site.y, i, j)) {
        inc.cell = static_cast<int>(m.grid().index(i, j));
        inc.town = m.cell_town[inc.cell];
      }
      finish(inc, r, rng);
      out.push_back(inc);
    }
  }
  // Drill injects: incident bursts.
  for (std::size_t q = 0; q < s.injects.size(); ++q) {
    const Inject& j = s.injects[q];
    if (j.kind != InjectKind::IncidentBurst) continue;
    Rng rng(seed, {0xB0u, static_cast<std::uint64_t>(member), q});
    for (int c = 0; c < j.count; ++c) {
      Incident inc;
      // The mix draw is made even for a typed burst, so the rest of the stream is the same.
      inc.type = rng.uniform() < 0.6 ? IncidentType::TrappedHome : IncidentType::StrandedVehicle;
      if (j.burst_type >= 0) inc.type = static_cast<IncidentType>(j.burst_type);
      inc.t = j.t_s + rng.uniform(0, 600);
      const double a = rng.uniform(0, 6.283185307179586),
                   rr = j.radius_m * std::sqrt(rng.uniform());
      inc.x = j.x + rr * std::cos(a);
      inc.y = j.y + rr * std::sin(a);
      inc.node = m.snap(inc.x, inc.y);
      int ci, cj;
      if (m.grid().locate(inc.x, inc.y, ci, cj)) {
        inc.cell = static_cast<int>(m.grid().index(ci, cj));
        inc.town = m.cell_town[inc.cell];
      }
      inc.depth_m = 0.6f;
      finish(inc, r, rng);
      out.push_back(inc);
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Incident& a, const Incident& b) { return a.t < b.t; });
  for (std::size_t k = 0; k < out.size(); ++k) out[k].id = static_cast<int>(k);
  return out;
}

}  // namespace sd
