// [plan] tables, in a scenario or in a plan file of their own (docs/scenario-format.md).
#include <filesystem>

#include "core/error.hpp"
#include "io/output_guard.hpp"
#include "scenario/scenario.hpp"
#include "scenario/toml_reader.hpp"

namespace sd {

Plan read_plan_table(TableReader& p, const Scenario& s) {
  Plan plan;
  plan.name = p.string("name", "plan");
  plan.path = p.file();
  plan.dispatch =
      kDispatchPolicies.parse(p.choice("dispatch", "nearest", kDispatchPolicies.list())).value();
  plan.warning_lead_s = p.number("warning_lead_h", 12, 0, 240) * 3600;
  plan.dispatch_epoch_s = p.number("dispatch_epoch_min", 5, 0.5, 240) * 60;
  plan.comms_delay_s = p.number("comms_delay_min", 1, 0, 240) * 60;
  plan.evacuation_depth_m = p.number("evacuation_depth_m", 0.5, 0, 10);
  plan.evacuation_compliance = p.number("evacuation_compliance", 0.7, 0, 1);
  plan.preposition_at = p.choice("preposition_at", "warning", {"warning", "start"}) == "start"
                            ? PrepositionAt::Start
                            : PrepositionAt::Warning;
  for (auto& t : p.tables("station")) {
    Station st;
    const std::string team = t.required_string("team");
    st.team = s.team_index(team);
    if (st.team < 0 && !team.empty()) t.error("team", "no [[team]] named '" + team + "'");
    st.x = t.required_number("x", -1e300, 1e300);
    st.y = t.required_number("y", -1e300, 1e300);
    int i, j;
    if (!s.dem.data.empty() && !s.dem.grid.locate(st.x, st.y, i, j))
      t.error("x", "station is outside the DEM grid");
    t.finish();
    plan.stations.push_back(st);
  }
  for (auto& t : p.tables("level")) {
    LevelRule l;
    const std::string lv = t.choice("level", "IV", {"IV", "III", "II", "I"});
    l.level = lv == "I" ? 1 : lv == "II" ? 2 : lv == "III" ? 3 : 4;
    l.forecast_wind_ms = t.number("forecast_wind_ms", 0, 0, 150);
    l.forecast_rain_mm = t.number("forecast_rain_mm", 0, 0, 5000);
    l.hours_before_landfall = t.number("hours_before_landfall", 0, 0, 240);
    l.preposition = t.boolean("preposition", false);
    l.evacuate = t.boolean("evacuate", false);
    l.close_underpasses = t.boolean("close_underpasses", false);
    l.lower_canals = t.boolean("lower_canals", false);
    t.finish();
    plan.levels.push_back(l);
  }
  for (auto& t : p.tables("depot_stock")) {
    const std::string name = t.required_string("depot");
    int idx = -1;
    for (std::size_t k = 0; k < s.depots.size(); ++k)
      if (s.depots[k].name == name) idx = static_cast<int>(k);
    if (idx < 0) {
      t.error("depot", "no [[depot]] named '" + name + "'");
      continue;
    }
    if (plan.depot_stock.empty())
      for (const auto& d : s.depots) plan.depot_stock.push_back(d.stock);
    for (std::size_t k = 0; k < kStockKinds; ++k) {
      const std::string key(kStockNames.names[k]);
      plan.depot_stock[idx][k] = t.number(key, plan.depot_stock[idx][k], 0, 1e9);
    }
    t.finish();
  }
  p.finish();
  return plan;
}

Plan load_plan(const std::string& path, const Scenario& s) {
  if (!std::filesystem::exists(path)) throw InputError(path + ": plan file not found");
  if (std::filesystem::is_directory(path))
    throw InputError(path + ": is a directory, not a plan file");
  io::note_input(path);
  Diagnostics diag;
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw InputError(where(path, static_cast<long>(e.source().begin.line),
                           static_cast<long>(e.source().begin.column)) +
                     ": error: " + std::string(e.description()));
  }
  TableReader r(root, "", diag, path);
  Plan plan;
  if (auto p = r.table("plan"))
    plan = read_plan_table(*p, s);
  else
    r.error("", "a plan file needs a [plan] table");
  r.finish();
  diag.throw_if_errors();
  plan.path = std::filesystem::absolute(path).lexically_normal().string();
  return plan;
}

}  // namespace sd
