#pragma once
// Internal: the mutable state of one response run and the methods that advance it. The
// methods are spread over simulation.cpp (event loop, movement), dispatch.cpp (policies),
// evacuation.cpp, logistics.cpp and kpis.cpp. Not part of the engine's public API.
#include <array>
#include <memory>
#include <queue>
#include <vector>

#include "core/rng.hpp"
#include "network/network_state.hpp"
#include "network/router.hpp"
#include "response/simulation.hpp"

namespace sd {

struct TeamState {
  TeamStatus status = TeamStatus::Mobilising;
  int vclass = 0;             // index into RunState::nets
  net::NodeId node = 0;       // last node reached
  net::NodeId home = 0;       // base, or plan station once pre-positioned
  net::Path path;             // current movement
  std::vector<double> at;     // arrival time at path.nodes[k]
  int incident = -1;          // job being travelled to or worked on
  bool to_home = false;       // current movement goes home / to station
  bool to_station = false;    // on its pre-positioning move: not dispatched until there
  std::uint32_t version = 0;  // invalidates stale arrival events after a re-route
  double worked_s = 0;        // on duty since the last rest
  double busy_s = 0;          // total time on jobs (utilisation)
  double job_start = -1;
  double out_until = -1;  // out of action until (inject)
  bool activated = false;
  std::size_t track_begin = 0;  // out.tracks index of path.nodes[0]'s predicted point
};

enum class Ev : std::uint8_t {
  Frame,
  Known,
  Arrive,
  WorkDone,
  Available,
  Inject,
  InjectEnd,
  LevelCheck,
  Kpi,
  Epoch,
  Warning,
  EvacGroup,
  Supply
};

struct Event {
  double t;
  std::uint64_t seq;
  Ev kind;
  int a = -1, b = -1;
  bool operator>(const Event& o) const { return t != o.t ? t > o.t : seq > o.seq; }
};

struct EvacGroup {  // people of one town leaving in one time slice
  int town;
  int shelter;
  double people;
  double depart, arrive;
};

class RunState {
 public:
  RunState(const ResponseModel& m, const HazardTimeline& h, const Plan& p, const RunOptions& o);
  RunResult run();

  // simulation.cpp
  void push(double t, Ev kind, int a = -1, int b = -1);
  void on_frame(int k, double t);
  const float* routing_depths(std::size_t k);
  void on_known(int i, double t);
  void on_arrive(int team, double t);
  void on_work_done(int team, double t);
  void on_available(int team, double t);
  void on_inject(int j, double t, bool end);
  void team_back(int team, double t);

  // decisions.cpp: what the command post decides during a drill (docs/drills.md)
  void on_decision(const Inject& in, double t, bool end);
  void set_road_segment(int edge, bool closed, double t, const std::string& why);
  void move_station(int team, double x, double y, double t);
  void set_response_level(int level, double t);
  void evacuate_area(const Inject& in, double t);
  void set_shelter_open(int shelter, bool open, double t);
  void move_supplies(const Inject& in, double t);
  void set_dispatch_policy(DispatchPolicy p, double t);
  bool travel(int team, net::NodeId to, double t, double delay_s);
  void go_home(int team, double t);
  void reroute_moving(double t);
  net::NodeId position(int team, double t) const;
  void set_status(int team, TeamStatus s, double t);
  void log(double t, EventType type, int team, int incident, double x, double y, std::string text);
  void track(int team, double t, net::NodeId node);
  // Forget the predicted track points of the current path after path index `keep`
  // (a re-route or a stop makes them never happen).
  void truncate_track(int team, std::size_t keep);
  void record_roads(double t);
  bool available(int team) const;
  bool capable(int team, const Incident& inc) const;

  // dispatch.cpp
  void dispatch_incident(int i, double t);
  void dispatch_team(int team, double t);
  void dispatch_epoch(double t);
  void assign(int team, int i, double t, double cost);

  // evacuation.cpp
  void on_warning(double t);
  void order_evacuation(double t);
  void on_evac_group(int g, double t);
  double evacuated_fraction(int town, double t) const;
  void on_level_check(double t);
  void fire_level_actions(const LevelRule& rule, double t);
  // Sends people[w] residents of each town w to shelters from t (30-minute slices along the
  // departure curve); scale[w] is the share of the town's high-risk residents among them.
  void depart(double t, const std::vector<double>& people, const std::vector<double>& scale);
  bool high_risk(std::size_t cell) const;

  // preposition.cpp
  void preposition(double t);
  void preposition_before_start();
  bool station_pending(int team) const;  // ordered to a plan station, not there yet
  void station_reached(int team, double t);
  void station_unreachable(int team, double t, const std::string& why);
  void finish_stations();

  // logistics.cpp
  void on_supply(double t);
  bool take_pump(int team, double t);

  // kpis.cpp
  void on_kpi(double t);
  void finish_kpis();
  double coverage_within(double limit_s);
  // Road km closed now by the storm (water or inject), excluding roads closed before it.
  double storm_closed_km() const;

  const ResponseModel& m;
  const Scenario& s;
  const HazardTimeline& h;
  const Plan& plan;
  RunOptions opt;
  RunResult out;

  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> queue;
  std::uint64_t seq = 0;
  std::vector<std::unique_ptr<net::NetworkState>> nets;  // one per vehicle class
  std::vector<net::VehicleProfile> profiles;
  std::unique_ptr<net::Router> router;
  std::vector<TeamState> teams;
  std::vector<int> waiting;         // incident ids known and not yet assigned
  std::vector<double> depot_stock;  // (depots, kStockKinds)
  std::vector<double> shelter_occ;
  std::vector<double> town_high_risk;  // people in high-risk zones per town
  std::vector<double> town_departed;   // cumulative departures recorded by time (see evac_curve)
  std::vector<EvacGroup> evac;
  std::vector<std::vector<std::pair<double, double>>> evac_curve;  // per town: (t, departed)
  std::vector<std::uint8_t> injected;                              // per edge: closed by an inject
  // Per edge: under >= road_close_depth_m of water before the storm (a road under permanent
  // water): impassable throughout, reported apart from the storm's closures.
  std::vector<std::uint8_t> baseline_closed;
  double baseline_closed_km = 0;
  std::vector<float> routing_depth;  // per edge, the depth handed to the network states
  std::vector<char> comms_delayed;   // per incident: already held back by a comms outage
  std::vector<char> level_done;
  DispatchPolicy policy = DispatchPolicy::Nearest;  // the plan's, until a decision changes it
  bool epochs_scheduled = false;                    // batch-optimal dispatch epochs queued
  std::vector<char> shelter_open;                   // per shelter: takes arrivals
  int level = 5;  // 5 = no response level raised yet; 4 = IV ... 1 = I
  double warning_t = -1, evac_order_t = -1;
  double comms_extra_s = 0;
  bool prepositioned = false;
  std::vector<int> station_of;            // per team: index into out.stations, or -1
  std::vector<net::NodeId> station_node;  // per out.stations entry
  std::vector<char> station_warned;       // per out.stations entry: "cannot reach" logged
  double forecast_err_landfall = 0, forecast_err_wind = 0, forecast_err_rain = 0;
  double people_rescued = 0, people_evacuated = 0, shelter_overflow = 0, supply_shortfall = 0;
  double people_evacuated_by_landfall = 0;  // in a shelter by landfall: shows the warning lead
  double pump_shortfall = 0;
  double food_shortfall_meals = 0, water_shortfall_l = 0;  // per commodity, in their units
  std::size_t frame = 0;
};

}  // namespace sd
