#pragma once
// Response assets of the default county (teams, depots, shelters, critical sites, pumping
// stations, sluice outfalls) and the road underpasses dug into the DEM. Every point asset is
// snapped to a road node on dry land so that routing can reach it.
#include "core/grid.hpp"
#include "county/county.hpp"
#include "county/roads.hpp"
#include "county/terrain.hpp"

namespace sd::county {

// Lowers the DEM under a few town street nodes (road underpasses, the classic urban flood
// trap) and records them in c.underpasses.
void dig_underpasses(const Grid& g, const RoadNetwork& net, Terrain& t, County& c);

// Fills c.teams, c.depots, c.shelters, c.critical_sites, c.pumping_stations, c.outfalls.
void place_assets(const Grid& g, const Terrain& t, const RoadNetwork& net, County& c);

// Nearest road node on dry land (not sea, canal, seawall or underpass) to p; -1 if none.
int nearest_dry_node(const Grid& g, const Terrain& t, const std::vector<RoadNode>& nodes, Point p);

}  // namespace sd::county
