#pragma once
// Incidents: what the storm and flood do to people and infrastructure, as calls for help.
// Generated from exposure (population and roads under water or wind) with a seeded stream
// per (seed, member), identical for every plan run on that member (common random numbers).
#include <cstdint>
#include <vector>

#include "hazard/hazard_timeline.hpp"
#include "network/road_graph.hpp"
#include "scenario/vocabulary.hpp"

namespace sd {

struct ResponseModel;

struct Incident {
  int id = 0;
  IncidentType type = IncidentType::Medical;
  double t = 0;  // time the incident happens (s)
  double x = 0, y = 0;
  net::NodeId node = 0;  // nearest road node
  int cell = -1;
  int town = -1;
  int people = 1;
  float depth_m = 0;      // water depth at the incident when it happened
  float severity = 0.5f;  // 0..1
  Capability need = Capability::Rescue;
  double work_s = 1800;            // on-scene work once a team arrives
  double deadline_s = 6 * 3600.0;  // wait beyond which the outcome deteriorates fast
  double base_risk = 0;            // fatality probability per person if served at once
  double u_evac = 1;  // uniform draw used to thin trapped incidents by evacuation (CRN)
  int site = -1;      // critical site for site evacuations
};

// Draws every incident of a run. Deterministic in (seed, member); independent of the plan.
std::vector<Incident> generate_incidents(const ResponseModel& model, const HazardTimeline& hazard,
                                         std::uint64_t seed, int member);

// Expected fatalities of an incident served after waiting `wait_s` (a proxy: the per-person
// risk grows with the square of the wait measured in deadlines, as survival curves for
// entrapment do, and saturates at 1).
double incident_risk(const Incident& inc, double wait_s);

}  // namespace sd
