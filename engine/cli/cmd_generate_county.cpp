// `stormdrill generate-county` — not built yet.
#include <stdexcept>

#include "cli/commands.hpp"

namespace sd::cli {

void add_generate_county(CLI::App& app) {
  auto* cmd = app.add_subcommand("generate-county", "(not built yet)");
  cmd->allow_extras();
  cmd->callback([] { throw std::runtime_error("'generate-county' is not built yet"); });
}

}  // namespace sd::cli
