// `stormdrill validate` — not built yet.
#include <stdexcept>

#include "cli/commands.hpp"

namespace sd::cli {

void add_validate(CLI::App& app) {
  auto* cmd = app.add_subcommand("validate", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([] { throw std::runtime_error("'validate' is not built yet"); });
}

}  // namespace sd::cli
