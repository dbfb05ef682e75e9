// `stormdrill demo` — not built yet.
#include <stdexcept>

#include "cli/commands.hpp"

namespace sd::cli {

void add_demo(CLI::App& app) {
  auto* cmd = app.add_subcommand("demo", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([] { throw std::runtime_error("'demo' is not built yet"); });
}

}  // namespace sd::cli
