// `stormdrill flood` — not built yet.
#include <stdexcept>

#include "cli/commands.hpp"

namespace sd::cli {

void add_flood(CLI::App& app) {
  auto* cmd = app.add_subcommand("flood", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([] { throw std::runtime_error("'flood' is not built yet"); });
}

}  // namespace sd::cli
