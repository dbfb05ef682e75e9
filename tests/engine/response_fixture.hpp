#pragma once
// An in-memory county for response tests: a square lattice of two-way roads, a flat DEM,
// hand-placed teams and incidents, and a hand-made hazard timeline (edge depths per frame).
#include <memory>
#include <vector>

#include "hazard/hazard_timeline.hpp"
#include "io/road_io.hpp"
#include "response/response_model.hpp"
#include "scenario/scenario.hpp"

namespace sdtest {

// n x n road nodes, `spacing` m apart, on a DEM of 50 m cells covering them (origin 0,0 at
// the south-west node; y grows north). Roads: 36 km/h (10 m/s), so an edge of 500 m = 50 s.
struct Lattice {
  int n = 5;
  double spacing = 500;
  sd::Scenario scenario;
  sd::io::RoadNetworkData roads;
  std::shared_ptr<const sd::ResponseModel> model;

  int node(int i, int j) const { return j * n + i; }
  double x(int i) const { return 100 + i * spacing; }
  double y(int j) const { return 100 + j * spacing; }

  explicit Lattice(int n_ = 5, double spacing_ = 500) : n(n_), spacing(spacing_) {
    sd::Scenario& s = scenario;
    s.name = "lattice";
    s.duration_s = 6 * 3600.0;
    const int cells = static_cast<int>((200 + (n - 1) * spacing) / 50) + 1;
    s.dem.grid = sd::Grid{cells, cells, 0.0, cells * 50.0, 50.0};
    s.dem.data.assign(s.dem.grid.size(), 2.0f);
    s.plan.warning_lead_s = 0;
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        roads.node_id.push_back(node(i, j));
        roads.x.push_back(x(i));
        roads.y.push_back(y(j));
      }
    auto road = [&](int a, int b) {
      for (auto [u, v] : {std::pair{a, b}, std::pair{b, a}}) {
        sd::net::EdgeInput e;
        e.from = static_cast<sd::net::NodeId>(u);
        e.to = static_cast<sd::net::NodeId>(v);
        e.length_m = spacing;
        e.speed_kph = 36;
        roads.edges.push_back(e);
      }
    };
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        if (i + 1 < n) road(node(i, j), node(i + 1, j));
        if (j + 1 < n) road(node(i, j), node(i, j + 1));
      }
  }

  void add_team(const std::string& name, sd::TeamKind kind, int i, int j,
                sd::Vehicle v = sd::Vehicle::Truck) {
    sd::TeamSpec t;
    t.name = name;
    t.kind = kind;
    t.x = x(i);
    t.y = y(j);
    t.vehicle = v;
    t.wading_depth_m = v == sd::Vehicle::HighClearance ? 0.6 : 0.3;
    t.capabilities = sd::default_capabilities(kind);
    t.mobilisation_s = 0;
    t.shift_s = 24 * 3600.0;
    scenario.teams.push_back(t);
  }

  void build() { model = sd::build_response_model(scenario, roads); }

  // A dry hazard with `frames` frames every `dt` seconds (edge depths 0).
  sd::HazardTimeline dry(int frames = 12, double dt = 1800) const {
    sd::HazardTimeline h;
    h.edges = roads.edges.size();
    for (int k = 0; k < frames; ++k) h.time.push_back(k * dt);
    h.edge_depth.assign(h.time.size() * h.edges, 0.0f);
    h.landfall_s = 0;
    return h;
  }

  sd::Incident incident(int id, double t, int i, int j,
                        sd::Capability need = sd::Capability::Rescue, float severity = 0.5f) const {
    sd::Incident inc;
    inc.id = id;
    inc.type = sd::IncidentType::StrandedVehicle;
    inc.t = t;
    inc.x = x(i);
    inc.y = y(j);
    inc.node = static_cast<sd::net::NodeId>(node(i, j));
    inc.need = need;
    inc.severity = severity;
    inc.work_s = 600;
    inc.deadline_s = 3600;
    inc.people = 1;
    return inc;
  }
};

}  // namespace sdtest
