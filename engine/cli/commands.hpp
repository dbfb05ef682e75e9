#pragma once
// Each subcommand registers itself on the top-level app from its own file (cmd_*.cpp).
// A command's callback throws sd::InputError for bad input (exit 2) and anything else for
// a failure (exit 1); main() turns exceptions into messages and exit codes.
#include <CLI/CLI.hpp>

namespace sd::cli {

void add_run(CLI::App& app);
void add_demo(CLI::App& app);
void add_validate(CLI::App& app);
void add_flood(CLI::App& app);
void add_storm(CLI::App& app);
void add_route(CLI::App& app);
void add_place(CLI::App& app);
void add_batch(CLI::App& app);
void add_info(CLI::App& app);
void add_pack(CLI::App& app);
void add_export(CLI::App& app);
void add_report(CLI::App& app);
void add_generate_county(CLI::App& app);
void add_county(CLI::App& app);
void add_branch(CLI::App& app);

}  // namespace sd::cli
