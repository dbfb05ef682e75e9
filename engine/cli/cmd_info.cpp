// `stormdrill info` — not built yet.
#include <stdexcept>

#include "cli/commands.hpp"

namespace sd::cli {

void add_info(CLI::App& app) {
  auto* cmd = app.add_subcommand("info", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([] { throw std::runtime_error("'info' is not built yet"); });
}

}  // namespace sd::cli
