// `stormdrill storm` — not built yet.
#include <stdexcept>

#include "cli/commands.hpp"

namespace sd::cli {

void add_storm(CLI::App& app) {
  auto* cmd = app.add_subcommand("storm", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([] { throw std::runtime_error("'storm' is not built yet"); });
}

}  // namespace sd::cli
