// `stormdrill batch` — not built yet.
#include <stdexcept>

#include "cli/commands.hpp"

namespace sd::cli {

void add_batch(CLI::App& app) {
  auto* cmd = app.add_subcommand("batch", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([] { throw std::runtime_error("'batch' is not built yet"); });
}

}  // namespace sd::cli
