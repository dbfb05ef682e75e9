#include "app/view_state.hpp"

#include <stdexcept>

#include "core/table.hpp"

namespace sd::viz {

Layers parse_layers(const std::string& csv) {
  Layers l;
  l.depth = l.rain = l.wind = l.roads = l.teams = l.incidents = l.assets = l.fine = false;
  for (const auto& name : split_labels(csv)) {
    if (name == "terrain")
      l.terrain = true;
    else if (name == "depth")
      l.depth = true;
    else if (name == "rain")
      l.rain = true;
    else if (name == "wind")
      l.wind = true;
    else if (name == "roads")
      l.roads = true;
    else if (name == "teams")
      l.teams = true;
    else if (name == "incidents")
      l.incidents = true;
    else if (name == "assets")
      l.assets = true;
    else if (name == "fine")
      l.fine = true;
    else if (name == "nolegend")
      l.legend = false;
    else if (name == "diff" || name == "difference")
      l.difference = l.depth = true;
    else
      throw std::invalid_argument("--layers: unknown layer '" + name +
                                  "' (known: terrain,depth,rain,wind,roads,teams,incidents,"
                                  "assets,fine,diff,nolegend)");
  }
  return l;
}

}  // namespace sd::viz
