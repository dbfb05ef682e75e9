#pragma once
// The response side of the compiled scenario: the road graph, the flood-coupling geometry,
// every asset snapped to a road node, and population aggregated for incident generation and
// coverage. Immutable after build; shared by every plan and member (model vs state).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "io/road_io.hpp"
#include "network/edge_cells.hpp"
#include "network/road_graph.hpp"
#include "network/road_surface.hpp"
#include "network/snapper.hpp"
#include "scenario/scenario.hpp"

namespace sd {

struct ResponseModel {
  const Scenario* scenario = nullptr;
  std::vector<std::int64_t> node_id;  // external ids of the road nodes
  std::unique_ptr<net::RoadGraph> graph;
  std::unique_ptr<net::Snapper> snapper;
  net::EdgeCells edge_cells;
  net::RoadSurface road_surface;  // bridges, culverts and tunnels over edge_cells
  std::vector<float> edge_km;     // per edge, for road-km KPIs
  std::vector<float> road_km;     // per edge, counting a two-way road once (incident exposure)
  std::vector<std::uint8_t> edge_underpass;  // underpasses and tunnels: a level rule may close them
  std::vector<net::NodeId> team_node, depot_node, shelter_node, site_node, town_node;

  // Population per cell (NaN-free; 0 outside the domain) and the town each cell belongs to.
  std::vector<float> population;
  std::vector<std::int16_t> cell_town;  // nearest town, -1 when there are no towns
  std::vector<std::uint8_t> cell_urban;
  double total_population = 0;
  // Cumulative population for sampling a cell by population (medical baseline).
  std::vector<double> population_cdf;
  // Wind blocks: block_cells x block_cells cells, with population per block.
  int block_cells = 10, blocks_x = 0, blocks_y = 0;
  std::vector<double> block_population;
  std::vector<std::vector<std::uint32_t>> block_cells_list;  // populated cells per block
  std::vector<std::vector<double>> block_cdf;                // their cumulative population
  std::vector<std::string> warnings;

  const Grid& grid() const { return scenario->dem.grid; }
  net::NodeId snap(double x, double y) const { return snapper->nearest_node(x, y); }
};

// Loads the road network named by the scenario and compiles the response model.
std::shared_ptr<const ResponseModel> build_response_model(const Scenario& scenario);
// Same, from a road network already in memory (tests, generated networks).
std::shared_ptr<const ResponseModel> build_response_model(const Scenario& scenario,
                                                          const io::RoadNetworkData& roads);

}  // namespace sd
