// `stormdrill info RESULTS.h5` — what a results (or hazard, or batch) file holds.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "io/h5.hpp"
#include "io/h5_checksum.hpp"

namespace sd::cli {
namespace {

void print_dataset(hid_t f, const std::string& path) {
  if (!h5::exists(f, path)) return;
  const auto dims = h5::shape(f, path);
  std::printf("  %-32s (", path.c_str());
  for (std::size_t k = 0; k < dims.size(); ++k)
    std::printf("%s%llu", k ? ", " : "", static_cast<unsigned long long>(dims[k]));
  std::printf(")\n");
}

}  // namespace

void add_info(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("info", "Print what a results file holds");
  cmd->footer("Example:\n  stormdrill info out/demo.h5");
  cmd->add_option("results", *path, "Results file (HDF5)")->required();
  cmd->callback([path] {
    // Verified before HDF5 parses it (files from before checksum seals still open).
    if (std::filesystem::is_regular_file(*path))
      if (auto bad = h5::seal_problem(*path, false))
        throw InputError(*path + ": corrupted: " + *bad);
    auto f = h5::File::open_read(*path);
    if (!h5::exists(f, "meta"))
      throw InputError(*path + ": not a stormdrill results file (no /meta group)");
    h5::Handle meta = h5::open_group(f, "meta");
    if (!h5::has_attr(meta, "format") || h5::attr_string(meta, "format") != "stormdrill-results")
      throw InputError(*path + ": not a stormdrill results file (foreign /meta)");
    const auto version = h5::attr_int(meta, "format_version");
    std::printf("%s: stormdrill %s file, format version %lld\n", path->c_str(),
                h5::attr_string(meta, "kind").c_str(), static_cast<long long>(version));
    if (version > 1) std::printf("  (newer than this build understands: 1)\n");
    for (const char* a : {"scenario_name", "start_time", "engine_version", "git_commit", "plan"})
      if (h5::has_attr(meta, a)) std::printf("  %-16s %s\n", a, h5::attr_string(meta, a).c_str());
    for (const char* a : {"duration_s", "wall_s", "hazard_wall_s", "response_wall_s"})
      if (h5::has_attr(meta, a)) std::printf("  %-16s %.3f\n", a, h5::attr_double(meta, a));
    if (h5::has_attr(meta, "seed"))
      std::printf("  %-16s %lld\n", "seed", static_cast<long long>(h5::attr_int(meta, "seed")));
    if (h5::exists(f, "grid")) {
      h5::Handle g = h5::open_group(f, "grid");
      std::printf("  grid             %lld x %lld cells of %g m\n",
                  static_cast<long long>(h5::attr_int(g, "nx")),
                  static_cast<long long>(h5::attr_int(g, "ny")), h5::attr_double(g, "cell"));
    }
    if (h5::exists(f, "hazard")) {
      if (!h5::exists(f, "hazard/time"))
        std::printf(
            "  hazard           linked file missing (%s)\n",
            h5::has_attr(meta, "hazard_file") ? h5::attr_string(meta, "hazard_file").c_str() : "?");
    }
    std::printf("datasets:\n");
    for (const char* d : {"hazard/time", "hazard/depth", "hazard/rain", "hazard/wind",
                          "hazard/max_depth", "roads/state", "teams/track/t", "incidents/id",
                          "events/t", "kpi/time", "plans/plan", "runs/plan"})
      print_dataset(f, d);
    if (h5::exists(f, "kpi/final/name")) {
      const auto names = h5::read_strings(f, "kpi/final/name");
      const auto values = h5::read_vector<double>(f, "kpi/final/value");
      std::printf("final KPIs:\n");
      for (std::size_t k = 0; k < names.size() && k < values.size(); ++k)
        std::printf("  %-40s %.4g\n", names[k].c_str(), values[k]);
    }
  });
}

}  // namespace sd::cli
