// The run debrief page (docs/report.md): scenario and plan, storm and rain, the county-wide
// risk maps, the per-town table, key figures (as `stormdrill info` prints them), KPI charts,
// the event log of injects and decisions, the worst-served incidents, and for a branch its
// parent's key figures beside its own.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "core/iso_time.hpp"
#include "debrief/fine_raster.hpp"
#include "debrief/labels.hpp"
#include "debrief/map_image.hpp"
#include "debrief/report.hpp"
#include "debrief/run_view.hpp"
#include "debrief/svg_chart.hpp"
#include "debrief/town_stats.hpp"
#include "results/results_schema.hpp"

namespace sd::debrief {
namespace {

namespace fs = std::filesystem;

std::string esc(const std::string& s) {
  return html_escape(s);
}

std::string minutes(double s) {
  return std::isfinite(s) ? plain_number(s / 60.0) : "–";
}

// "HH:MM" on the scenario's clock (its own UTC offset), "+h" when the start is unknown.
class ClockText {
 public:
  explicit ClockText(const std::string& start_iso) : offset_(iso8601_offset_min(start_iso)) {
    if (auto e = parse_iso8601(start_iso)) epoch_ = *e, known_ = true;
  }
  std::string operator()(double t) const {
    if (!std::isfinite(t)) return "–";
    char b[48];
    if (!known_) {
      std::snprintf(b, sizeof b, "+%.2f h", t / 3600);
      return b;
    }
    const std::string iso =
        format_iso8601(epoch_ + static_cast<std::int64_t>(std::floor(t)), offset_);
    // "2021-07-25T20:00:00+08:00" -> "07-25 20:00"
    return iso.size() >= 16 ? iso.substr(5, 5) + " " + iso.substr(11, 5) : iso;
  }

 private:
  std::int64_t epoch_ = 0;
  int offset_ = 0;
  bool known_ = false;
};

std::string section(const std::string& title) {
  return "<h2>" + esc(title) + "</h2>\n";
}

std::string header(const RunView& v, const std::string& lang) {
  const auto& m = v.file().meta();
  std::ostringstream o;
  o << "<h1>" << esc(tr(lang, "Drill debrief")) << " — " << esc(m.scenario_name) << "</h1>\n";
  o << section(tr(lang, "Scenario and plan")) << "<table class=\"meta\">";
  auto row = [&](const std::string& k, const std::string& val) {
    o << "<tr><td>" << esc(tr(lang, k)) << "</td><td>" << esc(val) << "</td></tr>";
  };
  row("Scenario", m.scenario_name);
  row("Plan", m.plan);
  row("Start", m.start_time);
  row("Duration", plain_number(m.duration_s / 3600) + " h");
  row("Seed", std::to_string(m.seed));
  row("Engine", m.engine_version + " (" + m.git_commit + ")");
  row("Results file", v.file().path().string());
  o << "</table>\n";
  return o.str();
}

// The incident line of `stormdrill info`, with the same counting and digits.
std::string incident_tally(const RunView& v) {
  std::size_t total = 0, served = 0, averted = 0;
  for (std::size_t i = 0; i < v.incidents.rows(); ++i) {
    const IncidentRow r = v.incident(i);
    if (!r.counted()) continue;
    ++total;
    served += r.served();
    averted += r.outcome == Outcome::averted;
  }
  char b[256];
  std::snprintf(b, sizeof b,
                "incidents %zu = %zu served + %zu unserved at the end + %zu averted by "
                "evacuation",
                total, served, total - served - averted, averted);
  return b;
}

Basemap basemap(const RunView& v) {
  Basemap b;
  b.elevation = v.file().read_raster("/grid/elevation");
  if (v.file().has("/grid/landuse")) b.landuse = v.file().read_raster("/grid/landuse");
  return b;
}

std::vector<MapPoint> town_points(const RunView& v) {
  std::vector<MapPoint> p;
  for (std::size_t q = 0; q < v.towns.rows(); ++q)
    p.push_back({v.towns.num("x", q, 0), v.towns.num("y", q, 0), v.towns.text("name", q),
                 static_cast<int>(v.towns.num("population", q, 0))});
  return p;
}

std::string map_figure(const RunView& v, const std::string& title, std::vector<Rgba> px,
                       std::vector<LegendEntry> legend, std::vector<TrackVertex> track = {},
                       const results::GridInfo* grid = nullptr) {
  MapSpec m;
  m.title = title;
  m.grid = grid ? grid : &v.file().grid();
  m.pixels = std::move(px);
  m.legend = std::move(legend);
  m.points = town_points(v);
  m.track = std::move(track);
  return "<figure>" + svg_map(m) + "<figcaption>" + esc(title) + "</figcaption></figure>\n";
}

// /storm/track from a day before the run to a day after it, as a line with a dot every 6 h
// of scenario time, labelled on the clock.
std::vector<TrackVertex> storm_track(const RunView& v, const ClockText& clock) {
  const results::Table tr = v.file().read_table("/storm/track");
  std::vector<TrackVertex> out;
  double next_tick = -1e300;
  for (std::size_t k = 0; k < tr.rows(); ++k) {
    const double t = tr.num("t", k, NAN);
    if (!(t >= -86400 && t <= v.duration() + 86400)) continue;
    TrackVertex p{tr.num("x", k, NAN), tr.num("y", k, NAN), ""};
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
    if (t >= next_tick) {
      p.tick = clock(t);
      next_tick = (std::floor(t / 21600.0) + 1) * 21600.0;
    }
    out.push_back(p);
  }
  return out;
}

std::string storm_and_rain(const RunView& v, const Basemap& b, const ClockText& clock,
                           const std::string& lang) {
  std::ostringstream o;
  o << section(tr(lang, "Storm and rain"));
  const auto track = storm_track(v, clock);
  o << "<p class=\"note\">" << esc(tr(lang, "Storm track")) << ": "
    << esc(track.size() > 1 ? tr(lang, "a dot every 6 hours")
                            : tr(lang, "Not recorded in this results file"))
    << ".</p>\n";
  if (track.size() > 1) {
    const std::string title = tr(lang, "Storm track");
    o << "<figure>" << svg_track_map(title, v.file().grid(), track, town_points(v))
      << "<figcaption>" << esc(title) << "</figcaption></figure>\n";
  }
  const auto rain = v.file().read_raster("/hazard/total_rain");
  if (!rain.empty()) {
    std::vector<LegendEntry> legend;
    auto px = rain_pixels(rain, b, legend);
    o << map_figure(v, tr(lang, "Total rain") + " (mm)", std::move(px), std::move(legend), track);
  }
  return o.str();
}

std::string risk_maps(const RunView& v, const Basemap& b, const std::string& lang) {
  std::ostringstream o;
  o << section(tr(lang, "County-wide risk map"));
  const std::string water = tr(lang, "Sea and permanent water");
  const auto depth = v.file().read_raster("/hazard/max_depth");
  // A sub-grid run's map is its fine max depth (the cells' head is the water over their lowest
  // pixel, e.g. a ditch), reduced to at most 1 280 px across (debrief/fine_raster.hpp).
  FineMap fine;
  if (fine_map(v, schema::fine::kMaxDepth, b, 1280, fine)) {
    std::vector<LegendEntry> legend;
    auto px = depth_pixels(fine.value, fine.base, legend, water);
    std::ostringstream title;
    title << tr(lang, "Maximum water depth") << " (" << fine.grid.cell << " m)";
    o << map_figure(v, title.str(), std::move(px), std::move(legend), {}, &fine.grid);
  } else if (!depth.empty()) {
    std::vector<LegendEntry> legend;
    auto px = depth_pixels(depth, b, legend, water);
    o << map_figure(v, tr(lang, "Maximum water depth"), std::move(px), std::move(legend));
  }
  const auto first = v.file().read_raster("/hazard/first_above_0p15m");
  if (!first.empty()) {
    std::vector<LegendEntry> legend;
    auto px =
        arrival_pixels(first, v.duration(), b, legend, tr(lang, "hours"), tr(lang, "never"), water);
    o << map_figure(v, tr(lang, "Time of first 0.15 m ponding"), std::move(px), std::move(legend));
  }
  // A sub-grid run's FD2320 hazard rating on its fine pixels (the worst of each map pixel).
  if (fine_map(v, schema::fine::kHazardRating, b, 1280, fine)) {
    std::vector<LegendEntry> legend;
    auto px = hazard_pixels(fine.value, fine.base, legend, water);
    std::ostringstream title;
    title << tr(lang, "Flood hazard rating (FD2320)") << " (" << fine.grid.cell << " m)";
    o << map_figure(v, title.str(), std::move(px), std::move(legend), {}, &fine.grid);
  }
  if (depth.empty() && first.empty())
    o << "<p class=\"note\">/hazard: " << esc(tr(lang, "Not recorded in this results file"))
      << "</p>\n";
  return o.str();
}

// kind: "total" (the county row), "area" (an administrative area), "village" (a place inside
// an area), "" (a town).
std::string town_row(const AreaStats& a, const ClockText& clock, const std::string& kind) {
  std::ostringstream o;
  o << "<tr" << (kind.empty() ? "" : " class=\"" + kind + "\"") << "><td class=\"l\">"
    << esc(a.name) << "</td><td>" << plain_number(a.population) << "</td><td>"
    << plain_number(a.peak_depth_m) << "</td><td>" << plain_number(a.exposed_015) << "</td><td>"
    << plain_number(a.exposed_050) << "</td><td>" << plain_number(a.road_km_closed_peak)
    << "</td><td>" << clock(a.road_first_closed_s) << "</td>";
  for (long long n : a.by_type) o << "<td>" << n << "</td>";
  o << "<td>" << a.incidents << "</td><td>" << a.served << "</td><td>" << a.late << "</td><td>"
    << a.unserved << "</td><td>" << a.averted << "</td><td>" << minutes(a.response_median_s)
    << "</td><td>" << minutes(a.response_p90_s) << "</td><td>" << plain_number(a.evacuated)
    << "</td><td>" << plain_number(a.shelter_peak) << "</td><td>" << a.shortage_events
    << "</td></tr>\n";
  return o.str();
}

std::string town_section(const RunView& v, const ClockText& clock, const std::string& lang) {
  const CellRasters cells = read_cell_rasters(v);  // once for both tables
  const TownTable t = town_table(v, cells);
  std::ostringstream o;
  o << section(tr(lang, "Town and village situation"));
  o << "<table id=\"towns\"><tr><th class=\"l\">" << esc(tr(lang, "Town / village")) << "</th>";
  for (const char* h : {"Population", "Peak depth over populated cells (m)", "People > 0.15 m",
                        "People > 0.5 m", "Road km closed (peak)", "First closure"})
    o << "<th>" << esc(tr(lang, h)) << "</th>";
  for (const auto& ty : t.type_labels) o << "<th>" << esc(ty) << "</th>";
  for (const char* h :
       {"Incidents", "Served", "Late", "Unserved", "Averted", "Median response (min)",
        "P90 response (min)", "Evacuated", "Shelter occupancy peak", "Supply shortfalls"})
    o << "<th>" << esc(tr(lang, h)) << "</th>";
  o << "</tr>\n";
  const TownTable areas = area_table(v, cells);
  if (areas.towns.empty()) {
    for (const auto& a : t.towns) o << town_row(a, clock, "");
  } else {
    // Administrative areas (municipalities) with their towns and villages under them; a
    // single place named as its area is not repeated.
    for (std::size_t q = 0; q < areas.towns.size(); ++q) {
      const auto& m = areas.members[q];
      const bool is_area = !m.empty() && v.towns.text("area", m[0]) == areas.towns[q].name;
      o << town_row(areas.towns[q], clock, is_area ? "area" : "");
      if (m.size() == 1 && t.towns[m[0]].name == areas.towns[q].name) continue;
      for (std::size_t k : m) o << town_row(t.towns[k], clock, "village");
    }
  }
  AreaStats outside = t.outside;
  outside.name = tr(lang, "Outside any town");
  o << town_row(outside, clock, "");
  AreaStats county = t.county;
  county.name = tr(lang, "County");
  o << town_row(county, clock, "total") << "</table>\n";
  o << "<p class=\"note\">"
    << (areas.towns.empty()
            ? "Towns are the areas nearest to each town centre (/grid/town), as the response "
              "model assigns people and incidents. Villages are not in this results file (the "
              "county data carry towns only). "
            : "Bold rows are the administrative areas (/places/towns/area); the indented rows "
              "under each are its towns and villages, each holding the cells of its area nearest "
              "to it (/grid/town), as the response model assigns people and incidents. ")
    << "Served includes late (arrival after the incident's deadline); unserved includes "
       "unreachable. Road km are directed edges closed by the storm or an inject; a road "
       "belongs to the town under its midpoint; peaks of different towns need not coincide, so "
       "they do not add up to the county peak.</p>\n";
  return o.str();
}

// Plain names and units of the final KPIs people ask for first; the rest keep their code name.
std::string kpi_plain(const std::string& name, double v) {
  if (name.find("_s") == name.size() - 2 || name.find("_s_") != std::string::npos)
    return minutes(v) + " min";
  if (name == "team_utilisation") return plain_number(100 * v) + " %";
  if (name.find("_km") != std::string::npos) return plain_number(v) + " km";
  return plain_number(v);
}

std::string key_figures(const RunView& v, const std::string& lang) {
  std::ostringstream o;
  o << section(tr(lang, "Key figures")) << "<p id=\"tally\">" << esc(incident_tally(v))
    << "</p>\n<table id=\"kpis\"><tr><th class=\"l\">" << esc(tr(lang, "Indicator")) << "</th><th>"
    << esc(tr(lang, "Value")) << "</th><th></th></tr>\n";
  for (std::size_t k = 0; k < v.kpi_final.rows(); ++k) {
    const std::string name = v.kpi_final.text("name", k);
    const double val = v.kpi_final.num("value", k, NAN);
    o << "<tr><td class=\"l\">" << esc(name) << "</td><td>" << info_number(val) << "</td><td>"
      << esc(kpi_plain(name, val)) << "</td></tr>\n";
  }
  o << "</table>\n";
  if (v.by_type.rows() > 0) {
    o << "<h3>" << esc(tr(lang, "Incidents by type")) << "</h3><table><tr><th class=\"l\">"
      << esc(tr(lang, "Type")) << "</th><th>" << esc(tr(lang, "Incidents")) << "</th><th>"
      << esc(tr(lang, "Served")) << "</th><th>" << esc(tr(lang, "Median response (min)"))
      << "</th><th>" << esc(tr(lang, "P90 response (min)")) << "</th></tr>\n";
    for (std::size_t k = 0; k < v.by_type.rows(); ++k)
      o << "<tr><td class=\"l\">" << esc(v.by_type.label("type", k)) << "</td><td>"
        << v.by_type.text("count", k) << "</td><td>" << v.by_type.text("served", k) << "</td><td>"
        << minutes(v.by_type.num("median_s", k, NAN)) << "</td><td>"
        << minutes(v.by_type.num("p90_s", k, NAN)) << "</td></tr>\n";
    o << "</table>\n";
  }
  return o.str();
}

std::string kpi_charts(const RunView& v, const std::string& lang) {
  std::vector<double> hours;
  for (double t : v.kpi_time) hours.push_back(t / 3600);
  auto series = [&](const char* name, const std::string& label, double scale,
                    const std::string& colour, bool dashed = false) {
    Series s;
    s.name = label;
    s.x = hours;
    s.colour = colour;
    s.dashed = dashed;
    for (double y : v.file().read_vector(std::string("/kpi/") + name)) s.y.push_back(y * scale);
    return s;
  };
  const std::string xl = tr(lang, "hours since start");
  auto chart = [&](const std::string& title, const std::string& yl, std::vector<Series> s) {
    LineChart c;
    c.title = title;
    c.x_label = xl;
    c.y_label = yl;
    c.series = std::move(s);
    return svg_line_chart(c);
  };
  std::ostringstream o;
  o << section(tr(lang, "Over time")) << "<div class=\"charts\">";
  o << chart(tr(lang, "Open incidents"), tr(lang, "incidents"),
             {series("incidents_open", tr(lang, "Open incidents"), 1, "#d62728")});
  o << chart(tr(lang, "Teams busy"), tr(lang, "Teams busy"),
             {series("teams_busy", tr(lang, "Teams busy"), 1, "#2ca02c")});
  o << chart(tr(lang, "Road km closed"), tr(lang, "km"),
             {series("road_km_closed", tr(lang, "Road km closed"), 1, "#1f77b4")});
  o << chart(tr(lang, "People covered within 15 / 30 min"), "%",
             {series("coverage_15min", "15 min", 100, "#9467bd"),
              series("coverage_30min", "30 min", 100, "#9467bd", true)});
  o << "</div>\n";
  return o.str();
}

// Injects, decisions and their consequences the command post acted on.
std::string event_log(const RunView& v, const ClockText& clock, const std::string& lang) {
  static const char* kinds[] = {"inject",       "level",    "road_closed",
                                "road_opened",  "warning",  "evacuation",
                                "shelter_full", "shortage", "critical_site"};
  const auto& labels = v.events.labels("type");
  std::ostringstream o;
  o << section(tr(lang, "Event log: injects and decisions")) << "<table id=\"events\"><tr><th>"
    << esc(tr(lang, "Time")) << "</th><th class=\"l\">" << esc(tr(lang, "Event"))
    << "</th><th class=\"l\">" << esc(tr(lang, "What happened")) << "</th></tr>\n";
  std::size_t shown = 0;
  for (std::size_t e = 0; e < v.events.rows() && shown < 300; ++e) {
    const std::string type = v.events.label("type", e);
    if (std::find(std::begin(kinds), std::end(kinds), type) == std::end(kinds)) continue;
    o << "<tr><td>" << clock(v.events.num("t", e, NAN)) << "</td><td class=\"l\">" << esc(type)
      << "</td><td class=\"l\">" << esc(v.events.text("text", e)) << "</td></tr>\n";
    ++shown;
  }
  o << "</table>\n";
  (void)labels;
  return o.str();
}

// Why an incident was served badly, from what the file shows.
std::string why(const RunView& v, std::size_t i, const IncidentRow& r,
                const std::vector<bool>& type_ever_served) {
  const double assigned = v.incidents.num("t_assigned", i, NAN);
  const auto type = static_cast<std::size_t>(v.incidents.num("type", i, 0));
  if (r.outcome == Outcome::unreachable) return "no route: every capable free team was cut off";
  if (!std::isfinite(assigned)) {
    if (type < type_ever_served.size() && !type_ever_served[type])
      return "no team with the capability (no incident of this type was served)";
    return "queue: no capable team free before the end";
  }
  if (!std::isfinite(r.t_arrived)) return "team still on its way (or blocked) at the end";
  const double queue = assigned - r.t_created, drive = r.t_arrived - assigned;
  return queue >= drive ? "queue: waited " + minutes(queue) + " min for a free team"
                        : "long drive: " + minutes(drive) + " min on the road";
}

std::string worst_served(const RunView& v, const ClockText& clock, const std::string& lang) {
  const double end = v.duration();
  std::vector<bool> type_served(v.incidents.labels("type").size(), false);
  struct Bad {
    std::size_t row;
    IncidentRow r;
    double wait;
  };
  std::vector<Bad> bad;
  for (std::size_t i = 0; i < v.incidents.rows(); ++i) {
    const IncidentRow r = v.incident(i);
    const auto ty = static_cast<std::size_t>(v.incidents.num("type", i, 0));
    if (r.served() && ty < type_served.size()) type_served[ty] = true;
    if (!r.counted() || r.outcome == Outcome::served || r.outcome == Outcome::averted) continue;
    const double wait = std::isfinite(r.t_arrived) ? r.t_arrived - r.t_created : end - r.t_created;
    bad.push_back({i, r, wait});
  }
  // Unserved first, then the longest waits.
  std::stable_sort(bad.begin(), bad.end(), [](const Bad& a, const Bad& b) {
    if (a.r.unserved() != b.r.unserved()) return a.r.unserved();
    return a.wait > b.wait;
  });
  if (bad.size() > 20) bad.resize(20);
  std::ostringstream o;
  o << section(tr(lang, "Worst-served incidents")) << "<table id=\"worst\"><tr><th>id</th><th>"
    << esc(tr(lang, "Time")) << "</th><th class=\"l\">" << esc(tr(lang, "Type")) << "</th><th>"
    << esc(tr(lang, "People")) << "</th><th class=\"l\">" << esc(tr(lang, "Where"))
    << "</th><th class=\"l\">outcome</th><th>" << esc(tr(lang, "Waited (min)"))
    << "</th><th class=\"l\">" << esc(tr(lang, "Why")) << "</th></tr>\n";
  for (const auto& b : bad) {
    char where[96];
    std::snprintf(where, sizeof where, "%.0f, %.0f", b.r.x, b.r.y);
    const std::string town = v.town_name(b.r.town);
    o << "<tr><td>" << v.incidents.text("id", b.row) << "</td><td>" << clock(b.r.t_created)
      << "</td><td class=\"l\">" << esc(v.incidents.label("type", b.row)) << "</td><td>"
      << b.r.people << "</td><td class=\"l\">" << esc(town.empty() ? "-" : town) << " (" << where
      << ")</td><td class=\"l\">" << outcome_name(b.r.outcome) << "</td><td>" << minutes(b.wait)
      << "</td><td class=\"l\">" << esc(why(v, b.row, b.r, type_served)) << "</td></tr>\n";
  }
  o << "</table>\n";
  return o.str();
}

// A branch names its parent (/meta@parent_path, relative to the branch's folder or absolute):
// the parent's key figures beside the branch's.
std::string parent_comparison(const RunView& v, const std::string& lang) {
  const std::string parent = v.file().meta().parent_path;
  if (parent.empty()) return "";
  fs::path p(parent);
  if (p.is_relative()) p = fs::absolute(v.file().path()).parent_path() / p;
  std::ostringstream o;
  o << section(tr(lang, "Parent run") + ": " + parent);
  std::error_code ec;
  if (!fs::exists(p, ec)) {
    o << "<p class=\"note\">" << esc(p.string()) << ": not found.</p>\n";
    return o.str();
  }
  const RunView pv = RunView::open(p.string());
  o << "<table id=\"parent\"><tr><th class=\"l\">" << esc(tr(lang, "Indicator")) << "</th><th>"
    << esc(tr(lang, "Parent run")) << "</th><th>" << esc(tr(lang, "This branch"))
    << "</th><th>Δ</th></tr>\n";
  for (std::size_t k = 0; k < v.kpi_final.rows(); ++k) {
    const std::string name = v.kpi_final.text("name", k);
    const double b = v.kpi_final.num("value", k, NAN), a = pv.final_kpi(name, NAN);
    o << "<tr><td class=\"l\">" << esc(name) << "</td><td>" << info_number(a) << "</td><td>"
      << info_number(b) << "</td><td>" << info_number(b - a) << "</td></tr>\n";
  }
  o << "</table>\n";
  return o.str();
}

}  // namespace

std::string run_report_html(const RunView& v, const std::string& lang) {
  const ClockText clock(v.file().meta().start_time);
  const Basemap b = basemap(v);
  std::string body = header(v, lang);
  body += key_figures(v, lang);
  body += parent_comparison(v, lang);
  body += storm_and_rain(v, b, clock, lang);
  body += risk_maps(v, b, lang);
  body += town_section(v, clock, lang);
  body += kpi_charts(v, lang);
  body += event_log(v, clock, lang);
  body += worst_served(v, clock, lang);
  body += "<p class=\"note\">" + esc(tr(lang, "Generated by")) + " stormdrill " +
          esc(v.file().meta().engine_version) + " from " + esc(v.file().path().string()) +
          ".</p>\n";
  return html_page(lang, esc(tr(lang, "Drill debrief") + " — " + v.file().meta().scenario_name),
                   body);
}

}  // namespace sd::debrief
