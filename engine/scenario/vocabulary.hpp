#pragma once
// The words of a drill: kinds of team, vehicle, incident, asset and inject, with the labels
// used in scenario files, results files (`labels` attributes) and the viewer. Each enum's
// labels array is indexed by its integer value, so files store small integers.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sd {

template <class E, std::size_t N>
struct Labels {
  std::array<std::string_view, N> names;
  std::string_view operator[](E e) const { return names[static_cast<std::size_t>(e)]; }
  std::optional<E> parse(std::string_view s) const {
    for (std::size_t k = 0; k < N; ++k)
      if (names[k] == s) return static_cast<E>(k);
    return std::nullopt;
  }
  std::vector<std::string> list() const { return {names.begin(), names.end()}; }
  std::string joined() const {  // "a,b,c" for HDF5 `labels` attributes
    std::string s;
    for (std::size_t k = 0; k < N; ++k) s += (k ? "," : "") + std::string(names[k]);
    return s;
  }
};

enum class TeamKind { CountyRescue, Fire, Water, Power, Gas, Transport, Medical, Volunteer };
inline constexpr Labels<TeamKind, 8> kTeamKinds{
    {"county_rescue", "fire", "water", "power", "gas", "transport", "medical", "volunteer"}};

enum class Vehicle { Truck, HighClearance, Boat };
inline constexpr Labels<Vehicle, 3> kVehicles{{"truck", "high_clearance", "boat"}};

enum class Capability {
  Rescue,
  WaterRescue,
  Pumping,
  PowerRepair,
  GasRepair,
  RoadClearing,
  Medical,
  Transport
};
inline constexpr Labels<Capability, 8> kCapabilities{{"rescue", "water_rescue", "pumping",
                                                      "power_repair", "gas_repair", "road_clearing",
                                                      "medical", "transport"}};
inline constexpr std::uint32_t bit(Capability c) {
  return 1u << static_cast<unsigned>(c);
}
// What a kind of team can do unless the scenario lists capabilities itself.
std::uint32_t default_capabilities(TeamKind k);

enum class StockKind { Sandbags, Pumps, Boats, Food, Water, Tents, Medkits };
inline constexpr std::size_t kStockKinds = 7;
inline constexpr Labels<StockKind, kStockKinds> kStockNames{
    {"sandbags", "pumps", "boats", "food", "water", "tents", "medkits"}};

enum class SiteKind { Hospital, CareHome, PumpingStation, Substation, Chemical };
inline constexpr Labels<SiteKind, 5> kSiteKinds{
    {"hospital", "care_home", "pumping_station", "substation", "chemical"}};

enum class InjectKind {
  RoadClosure,
  DikeBreach,
  TeamOut,
  DepotLost,
  CommsOutage,
  IncidentBurst,
  RainBand,
  PumpFailure,
  // Decisions and injects of a live drill (docs/drills.md); appended so the codes above keep
  // their values.
  CloseRoad,      // one road segment (an edge of /roads/edges), both directions
  ReopenRoad,     // reopens a segment an inject or a level rule closed
  TeamBack,       // a team taken out of action is back
  MoveStation,    // a team's base moves (it goes there when free)
  ResponseLevel,  // the response level is raised or lowered by the command post
  Evacuate,       // evacuation of a town or of a drawn circle
  OpenShelter,
  CloseShelter,  // no more arrivals; those inside stay
  MoveSupplies,  // stock moved from one depot to another
  SetDispatch,   // the dispatch policy changes
  PumpBack,      // a pumping station back in service (ends a pump_failure)
  SluiceStuck    // an outfall's gate stuck open or closed (docs/flood-model.md "Stuck sluices")
};
inline constexpr Labels<InjectKind, 20> kInjectKinds{
    {"road_closure",   "dike_breach",   "team_out",        "depot_lost", "comms_outage",
     "incident_burst", "rain_band",     "pump_failure",    "close_road", "reopen_road",
     "team_back",      "move_station",  "response_level",  "evacuate",   "open_shelter",
     "close_shelter",  "move_supplies", "dispatch_policy", "pump_back",  "sluice_stuck"}};
// Injects that change the hazard and so need their own hazard run.
inline constexpr bool changes_hazard(InjectKind k) {
  return k == InjectKind::DikeBreach || k == InjectKind::RainBand || k == InjectKind::PumpFailure ||
         k == InjectKind::PumpBack || k == InjectKind::SluiceStuck;
}

enum class BoundaryKind { Closed, Open, Level };
inline constexpr Labels<BoundaryKind, 3> kBoundaryKinds{{"closed", "open", "level"}};

enum class Infiltration { None, Horton, GreenAmpt };
inline constexpr Labels<Infiltration, 3> kInfiltration{{"none", "horton", "green-ampt"}};

enum class IncidentType {
  TrappedHome,
  StrandedVehicle,
  BasementFlooding,
  PowerFailure,
  GasFailure,
  Medical,
  TreeDown,
  SiteEvacuation
};
inline constexpr std::size_t kIncidentTypes = 8;
inline constexpr Labels<IncidentType, kIncidentTypes> kIncidentTypeNames{
    {"trapped_home", "stranded_vehicle", "basement_flooding", "power_failure", "gas_failure",
     "medical", "tree_down", "site_evacuation"}};

enum class DispatchPolicy { Nearest, Priority, Coverage, BatchOptimal };
inline constexpr Labels<DispatchPolicy, 4> kDispatchPolicies{
    {"nearest", "priority", "coverage", "batch_optimal"}};

enum class TeamStatus {
  Idle,
  Mobilising,
  EnRoute,
  Working,
  Returning,
  Blocked,
  Resting,
  OutOfAction
};
inline constexpr Labels<TeamStatus, 8> kTeamStatus{{"idle", "mobilising", "en_route", "working",
                                                    "returning", "blocked", "resting",
                                                    "out_of_action"}};

enum class IncidentState { Waiting, Assigned, Served, Failed, Unreachable };
inline constexpr Labels<IncidentState, 5> kIncidentStates{
    {"waiting", "assigned", "served", "failed", "unreachable"}};

enum class EventType {
  Incident,
  Dispatch,
  Arrive,
  Done,
  Inject,
  Level,
  RoadClosed,
  RoadOpened,
  Warning,
  Evacuation,
  ShelterFull,
  Shortage,
  TeamBlocked,
  Reroute,
  CriticalSite,
  Delivery
};
inline constexpr Labels<EventType, 16> kEventTypes{
    {"incident", "dispatch", "arrive", "done", "inject", "level", "road_closed", "road_opened",
     "warning", "evacuation", "shelter_full", "shortage", "team_blocked", "reroute",
     "critical_site", "delivery"}};

// Incident generation parameters (rates per exposure); docs/response-model.md gives the
// reasoning behind each default.
struct IncidentRates {
  double trapped_per_person_h = 2.0e-4;  // per person in water deeper than trapped_depth_m
  double trapped_depth_m = 0.5;
  double people_per_trapped = 3.0;  // mean household size (China 2020 census ~2.6) plus visitors
  double stranded_per_km_h = 0.1;   // per km of road under 0.15–0.6 m of water, per hour
  double basement_per_person_h = 4.0e-5;  // per urban resident in water deeper than 0.15 m
  double power_per_person_h = 1.5e-5;     // per person under gusts above power_gust_ms
  double power_gust_ms = 25.0;
  double gas_per_person_h = 3.0e-6;      // per person in water deeper than 0.3 m
  double medical_per_person_h = 4.0e-6;  // baseline emergencies (~35 per 100k per day)
  double tree_per_km_h = 0.01;           // per road km under gusts above tree_gust_ms
  double tree_gust_ms = 28.0;
  double deadline_trapped_s = 3 * 3600.0;  // risk doubles past this wait
  double deadline_default_s = 6 * 3600.0;
};

}  // namespace sd
