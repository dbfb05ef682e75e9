// `stormdrill run` — not built yet.
#include <stdexcept>

#include "cli/commands.hpp"

namespace sd::cli {

void add_run(CLI::App& app) {
  auto* cmd = app.add_subcommand("run", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([] { throw std::runtime_error("'run' is not built yet"); });
}

}  // namespace sd::cli
