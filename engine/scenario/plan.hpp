#pragma once
// A contingency plan: how the scenario's teams, depots and shelters are used. Plans are
// separate files so the same scenario can be run (and batch-compared) under several plans.
#include <array>
#include <string>
#include <vector>

#include "scenario/vocabulary.hpp"

namespace sd {

struct Station {  // re-stationing of a team before the storm (pre-positioning)
  int team = -1;
  double x = 0, y = 0;
};

// When pre-positioned teams move to their plan stations (plan key preposition_at):
//  Warning - when the warning is issued (or the response level whose rule says preposition),
//            each team leaving once mobilised, over the roads as they are then;
//  Start   - before the drill starts: a team whose station its vehicle can reach from its base
//            over the pre-storm network (the first hazard frame) starts the drill there.
enum class PrepositionAt { Warning, Start };

struct LevelRule {              // China's emergency response levels IV (lowest) .. I (highest)
  int level = 4;                // 4 = IV ... 1 = I
  double forecast_wind_ms = 0;  // raise when the forecast max wind over the county exceeds this
  double forecast_rain_mm = 0;  // ... or the forecast storm-total rain exceeds this
  double hours_before_landfall = 0;  // ... or landfall is forecast within this many hours
  bool preposition = false;          // move teams to their plan stations
  bool evacuate = false;             // order evacuation of high-risk zones
  bool close_underpasses = false;
  bool lower_canals = false;  // pre-storm drawdown of canal levels
};

struct Plan {
  std::string name = "default";
  std::string path;
  DispatchPolicy dispatch = DispatchPolicy::Nearest;
  double warning_lead_s = 12 * 3600.0;  // warning issued this long before forecast landfall
  double dispatch_epoch_s = 300;        // batch-optimal assignment period
  double comms_delay_s = 60;            // call-taking and dispatch delay
  double evacuation_depth_m = 0.5;      // forecast depth that makes a zone high-risk
  double evacuation_compliance = 0.7;   // share of residents who leave when ordered
  std::vector<Station> stations;
  PrepositionAt preposition_at = PrepositionAt::Warning;
  std::vector<LevelRule> levels;
  std::vector<std::array<double, kStockKinds>> depot_stock;  // per depot; empty = scenario's
};

}  // namespace sd
