#include "county/assets.hpp"

#include <cmath>
#include <stdexcept>

namespace sd::county {
namespace {

const Town& town(const County& c, const std::string& short_name) {
  for (const Town& t : c.towns)
    if (t.short_name == short_name) return t;
  throw std::logic_error("no town " + short_name);
}

// A site near town `tn` at offset (dx, dy) m, snapped onto a dry road node.
Site site_at(const Grid& g, const Terrain& t, const RoadNetwork& net, const County& c,
             const std::string& tn, double dx, double dy, std::string name, std::string kind) {
  const Town& tw = town(c, tn);
  Site s;
  s.name = std::move(name);
  s.kind = std::move(kind);
  s.node = nearest_dry_node(g, t, net.nodes, {tw.centre.x + dx, tw.centre.y + dy});
  if (s.node < 0) throw std::logic_error("no dry road node for " + s.name);
  s.p = net.nodes[s.node].p;
  return s;
}

Site team(Site s, int crew, const char* vehicle, double mob_min) {
  s.crew = crew;
  s.vehicle = vehicle;
  s.mobilisation_min = mob_min;
  return s;
}

void place_teams(const Grid& g, const Terrain& t, const RoadNetwork& net, County& c) {
  auto at = [&](const char* tn, double dx, double dy, std::string name, const char* kind) {
    return site_at(g, t, net, c, tn, dx, dy, std::move(name), kind);
  };
  c.teams.push_back(
      team(at("Wuyuan", 600, 600, "County comprehensive rescue team", "county_rescue"), 40,
           "high_clearance", 20.0));
  for (const Town& tw : c.towns) {
    const bool seat = &tw == &c.towns[0];
    c.teams.push_back(
        team(at(tw.short_name.c_str(), -300, 300, "Fire brigade — " + tw.short_name, "fire"),
             seat ? 30 : 15, seat ? "high_clearance" : "truck", 5.0));
  }
  c.teams.push_back(
      team(at("Wuyuan", -900, -600, "County water-conservancy emergency team", "water"), 25, "boat",
           30.0));
  c.teams.push_back(team(at("Wuyuan", 900, -900, "State Grid Haiyan power repair team", "power"),
                         20, "truck", 30.0));
  c.teams.push_back(
      team(at("Wuyuan", -1200, 900, "Haiyan gas emergency team", "gas"), 10, "truck", 20.0));
  c.teams.push_back(team(at("Wuyuan", 300, 1500, "County transport emergency team", "transport"),
                         20, "truck", 30.0));
  c.teams.push_back(team(at("Wuyuan", 0, -300, "County 120 emergency medical team", "medical"), 12,
                         "truck", 10.0));
  c.teams.push_back(team(at("Wuyuan", -600, -1200, "Volunteer rescue team — Wuyuan", "volunteer"),
                         20, "boat", 45.0));
  c.teams.push_back(team(at("Shentang", 300, -300, "Volunteer rescue team — Shentang", "volunteer"),
                         15, "high_clearance", 45.0));
}

void place_depots_and_shelters(const Grid& g, const Terrain& t, const RoadNetwork& net, County& c) {
  auto at = [&](const char* tn, double dx, double dy, std::string name, const char* kind) {
    return site_at(g, t, net, c, tn, dx, dy, std::move(name), kind);
  };
  c.depots.push_back(at("Wuyuan", 300, -1200, "County emergency-supply warehouse", "depot"));
  c.depots.push_back(at("Shentang", 600, 600, "Western supply warehouse — Shentang", "depot"));
  c.depots.push_back(at("Tongyuan", 0, 600, "Southern supply warehouse — Tongyuan", "depot"));
  struct Row {
    const char* town;
    double dx, dy;
    const char* name;
    int capacity;
  };
  static const Row rows[] = {
      {"Wuyuan", -1500, 600, "Wuyuan No.1 Middle School", 1500},
      {"Wuyuan", 1200, 1200, "Haiyan Senior High School", 2000},
      {"Wuyuan", -600, -1800, "County Sports Centre", 3000},
      {"Wanghai", 0, 300, "Wanghai Primary School", 800},
      {"Xitangqiao", -600, -300, "Xitangqiao Middle School", 1000},
      {"Qinshan", -300, 600, "Qinshan School", 800},
      {"Ganpu", -300, 300, "Ganpu Middle School", 600},
      {"Tongyuan", 300, -300, "Tongyuan Middle School", 700},
      {"Shentang", -600, 0, "Shentang Middle School", 900},
      {"Baibu", 0, -600, "Baibu Middle School", 900},
      {"Yucheng", 300, 300, "Yucheng Primary School", 700},
      {"Ganpu", -1500, 1500, "Nanbei Lake visitor centre (hill side)", 500},
  };
  for (const Row& r : rows) {
    Site s = at(r.town, r.dx, r.dy, r.name, "shelter");
    s.capacity = r.capacity;
    c.shelters.push_back(s);
  }
}

void place_critical_sites(const Grid& g, const Terrain& t, const RoadNetwork& net, County& c) {
  auto at = [&](const char* tn, double dx, double dy, const char* name, const char* kind) {
    c.critical_sites.push_back(site_at(g, t, net, c, tn, dx, dy, name, kind));
  };
  at("Wuyuan", -300, -600, "Haiyan County People's Hospital", "hospital");
  at("Wuyuan", 900, 300, "Haiyan County TCM Hospital", "hospital");
  at("Xitangqiao", 300, 0, "Xitangqiao health centre", "hospital");
  at("Shentang", 0, 600, "Shentang care home", "care_home");
  at("Baibu", 300, 300, "Baibu care home", "care_home");
  at("Yucheng", -300, 0, "Yucheng care home", "care_home");
  at("Wuyuan", 1500, -300, "Wuyuan 110 kV substation", "substation");
  at("Xitangqiao", -900, 600, "Xitangqiao 110 kV substation", "substation");
  at("Shentang", -900, -900, "Shentang 110 kV substation", "substation");
  at("Qinshan", -600, -300, "Qinshan 220 kV substation", "substation");
  at("Xitangqiao", -700, 1700, "Xitangqiao chemical park", "chemical");
}

const Site& nearest_substation(const County& c, Point p) {
  const Site* best = nullptr;
  double bd = 1e300;
  for (const Site& s : c.critical_sites) {
    if (s.kind != "substation") continue;
    const double d = std::hypot(s.p.x - p.x, s.p.y - p.y);
    if (d < bd) {
      bd = d;
      best = &s;
    }
  }
  return *best;
}

void place_pumps_and_outfalls(const Grid& g, const Terrain& t, const RoadNetwork& net, County& c) {
  for (const Polder& pd : t.polders) {
    Site s;
    s.name = pd.name + " pumping station";
    s.kind = "pumping_station";
    s.node = nearest_dry_node(g, t, net.nodes, pd.centre);
    s.p = net.nodes[s.node].p;
    s.capacity_m3s = std::round(pd.radius_m / 150.0);  // ~10-15 m3/s, sized to the polder
    s.serves_radius_m = std::round(pd.radius_m * 1.3);
    s.substation = nearest_substation(c, s.p).name;
    c.pumping_stations.push_back(s);
  }
  {
    Site s = site_at(g, t, net, c, "Wuyuan", 1200, -1500, "Wuyuan urban drainage pumping station",
                     "pumping_station");
    s.capacity_m3s = 10.0;
    s.serves_radius_m = 2500.0;
    s.substation = nearest_substation(c, s.p).name;
    c.pumping_stations.push_back(s);
  }
  for (const Site& s : c.pumping_stations) {
    Site cs = s;
    cs.capacity_m3s = 0;  // listed again as a critical site (it can fail / lose power)
    c.critical_sites.push_back(cs);
  }
  for (std::size_t k = 0; k < t.outfalls.size(); ++k) {
    const Point& p = t.outfalls[k];
    const Town* near = &c.towns[0];
    for (const Town& tw : c.towns)
      if (std::hypot(tw.centre.x - p.x, tw.centre.y - p.y) <
          std::hypot(near->centre.x - p.x, near->centre.y - p.y))
        near = &tw;
    Site s;
    s.name = "Sea sluice " + std::to_string(k + 1) + " — " + near->short_name;
    s.kind = "outfall";
    s.p = p;
    c.outfalls.push_back(s);
  }
}

}  // namespace

int nearest_dry_node(const Grid& g, const Terrain& t, const std::vector<RoadNode>& nodes, Point p) {
  int best = -1;
  double bd = 1e300;
  for (std::size_t n = 0; n < nodes.size(); ++n) {
    int i, j;
    if (!g.locate(nodes[n].p.x, nodes[n].p.y, i, j)) continue;
    const auto k = g.index(i, j);
    if (t.sea[k] || t.canal[k] || t.wall[k] || t.underpass[k]) continue;
    const double d = std::hypot(nodes[n].p.x - p.x, nodes[n].p.y - p.y);
    if (d < bd) {
      bd = d;
      best = static_cast<int>(n);
    }
  }
  return best;
}

void dig_underpasses(const Grid& g, const RoadNetwork& net, Terrain& t, County& c) {
  // Railway/expressway underpasses on town streets: (town, grid offset u, v, depth).
  struct Row {
    int town, u, v;
    double depth;
    const char* name;
  };
  static const Row rows[] = {{0, 2, -1, 3.0, "Underpass — Wuyuan east"},
                             {0, -3, 2, 3.5, "Underpass — Wuyuan north-west"},
                             {1, 0, 2, 3.0, "Underpass — Xitangqiao north"},
                             {4, -1, 1, 2.5, "Underpass — Shentang"}};
  for (const Row& r : rows) {
    const int n = net.town_grid_n[r.town], w = 2 * n + 1;
    if (std::abs(r.u) > n || std::abs(r.v) > n) continue;
    const int id = net.town_grid[r.town][(r.v + n) * w + (r.u + n)];
    if (id < 0) continue;
    const Point p = net.nodes[id].p;
    int ci, cj;
    if (!g.locate(p.x, p.y, ci, cj) || t.canal[g.index(ci, cj)]) continue;
    const float street = t.dem[g.index(ci, cj)];
    // The dip spans ~100 m of road (at least the node's own cell).
    const int rad = static_cast<int>(50.0 / g.cell);
    for (int j = cj - rad; j <= cj + rad; ++j)
      for (int i = ci - rad; i <= ci + rad; ++i) {
        if (i < 0 || j < 0 || i >= g.nx || j >= g.ny) continue;
        const auto k = g.index(i, j);
        if (t.canal[k] || t.sea[k] || t.wall[k]) continue;
        t.dem[k] = std::min(t.dem[k], static_cast<float>(street - r.depth));
        t.underpass[k] = 1;
      }
    c.underpasses.push_back({r.name, id, p, r.depth});
  }
}

void place_assets(const Grid& g, const Terrain& t, const RoadNetwork& net, County& c) {
  place_teams(g, t, net, c);
  place_depots_and_shelters(g, t, net, c);
  place_critical_sites(g, t, net, c);
  place_pumps_and_outfalls(g, t, net, c);
}

}  // namespace sd::county
