// `stormdrill route` — not built yet.
#include <stdexcept>

#include "cli/commands.hpp"

namespace sd::cli {

void add_route(CLI::App& app) {
  auto* cmd = app.add_subcommand("route", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([] { throw std::runtime_error("'route' is not built yet"); });
}

}  // namespace sd::cli
