// stormdrill: the command-line front end. Subcommands live in cmd_*.cpp.
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "cli/commands.hpp"
#include "cli/finite_options.hpp"
#include "core/error.hpp"
#include "io/h5.hpp"
#include "io/output_guard.hpp"
#include "io/temp_files.hpp"
#include "version.hpp"

namespace {
// After an I/O failure HDF5 may hold a file it could not close; its exit handler would crash
// on it (HDF5 1.10), turning a clear error into SIGSEGV. The temporaries are already removed,
// so leave without running exit handlers.
int leave(int rc) {
  if (!sd::h5::close_failed()) return rc;
  std::fflush(nullptr);
  std::_Exit(rc);
}
}  // namespace

// Exit codes (docs/cli.md): 0 ok, 1 failure, 2 bad input, 3 resource limit, 130 interrupted.
int main(int argc, char** argv) {
  sd::io::install_interrupt_cleanup();
  sd::io::enable_input_guard();
  CLI::App app{"stormdrill — typhoon and urban-flood disaster-response drill engine"};
  app.set_version_flag("--version", std::string(sd::kVersion) + " (" + sd::kGitCommit + ")");
  app.require_subcommand(1);
  sd::cli::add_run(app);
  sd::cli::add_demo(app);
  sd::cli::add_validate(app);
  sd::cli::add_flood(app);
  sd::cli::add_storm(app);
  sd::cli::add_route(app);
  sd::cli::add_place(app);
  sd::cli::add_batch(app);
  sd::cli::add_info(app);
  sd::cli::add_pack(app);
  sd::cli::add_export(app);
  sd::cli::add_report(app);
  sd::cli::add_generate_county(app);
  sd::cli::add_county(app);
  sd::cli::add_branch(app);
  sd::cli::require_finite_numbers(app);  // after every option exists
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  } catch (const sd::InputError& e) {
    std::fprintf(stderr, "stormdrill: error: %s\n", e.what());
    return 2;
  } catch (const sd::ResourceError& e) {
    std::fprintf(stderr, "stormdrill: resource limit: %s\n", e.what());
    return 3;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "stormdrill: failed: %s\n", e.what());
    return leave(1);
  }
  return 0;
}
