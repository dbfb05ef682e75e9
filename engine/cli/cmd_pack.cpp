// `stormdrill pack RUN.h5 -o SHAREABLE.h5` — embed a run's linked hazard frames after the fact.
#include <cstdio>
#include <memory>

#include "cli/commands.hpp"
#include "output/pack_results.hpp"

namespace sd::cli {

void add_pack(CLI::App& app) {
  struct Args {
    std::string in, out;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "pack", "Copy a results file with its hazard frames embedded, ready to share");
  cmd->footer("Example:\n  stormdrill pack out/run.h5 -o out/run-shareable.h5");
  cmd->add_option("results", a->in, "Results file (HDF5) whose /hazard links to the cache")
      ->required();
  cmd->add_option("-o,--out", a->out, "Self-contained copy to write")->required();
  cmd->callback([a] {
    pack_results(a->in, a->out);
    std::printf("%s: self-contained copy of %s (hazard embedded)\n", a->out.c_str(), a->in.c_str());
  });
}

}  // namespace sd::cli
