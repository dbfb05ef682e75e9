// `stormdrill place` — not built yet.
#include <stdexcept>

#include "cli/commands.hpp"

namespace sd::cli {

void add_place(CLI::App& app) {
  auto* cmd = app.add_subcommand("place", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([] { throw std::runtime_error("'place' is not built yet"); });
}

}  // namespace sd::cli
