// `stormdrill info RESULTS.h5` — what a results (or hazard, or batch) file holds.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "io/h5.hpp"
#include "io/h5_checksum.hpp"
#include "output/hazard_link.hpp"
#include "results/results_schema.hpp"

namespace sd::cli {
namespace {

void print_dataset(hid_t f, const std::string& path) {
  schema::require(path);  // names come from the results schema, like every reader's
  if (!h5::exists(f, path)) return;
  const auto dims = h5::shape(f, path);
  std::printf("  %-32s (", path.c_str());
  for (std::size_t k = 0; k < dims.size(); ++k)
    std::printf("%s%llu", k ? ", " : "", static_cast<unsigned long long>(dims[k]));
  std::printf(")\n");
}

// The incident counts as the run summary gives them (issue 13 §5): incidents inside the
// drill window = served + unserved at the end + averted by evacuation.
void print_incident_tally(hid_t f, double duration_s) {
  for (const char* p : {"incidents/state", "incidents/t_created"}) schema::require(p);
  if (!h5::exists(f, "incidents/state") || !h5::exists(f, "incidents/t_created")) return;
  const auto state = h5::read_vector<std::int32_t>(f, "incidents/state");
  const auto created = h5::read_vector<double>(f, "incidents/t_created");
  std::vector<std::string> names;
  {
    h5::Handle d(H5Dopen2(f, "incidents/state", H5P_DEFAULT));
    std::istringstream joined(h5::has_attr(d, "labels") ? h5::attr_string(d, "labels") : "");
    for (std::string name; std::getline(joined, name, ',');) names.push_back(name);
  }
  std::size_t total = 0, served = 0, averted = 0;
  for (std::size_t i = 0; i < state.size() && i < created.size(); ++i) {
    if (duration_s > 0 && created[i] > duration_s) continue;
    const std::string label =
        state[i] >= 0 && static_cast<std::size_t>(state[i]) < names.size() ? names[state[i]] : "";
    ++total;
    served += label == "served";
    averted += label == "averted";
  }
  std::printf(
      "  incidents        %zu = %zu served + %zu unserved at the end + %zu averted by "
      "evacuation\n",
      total, served, total - served - averted, averted);
}

void print_info(const std::string& path) {
  // Verified before HDF5 parses it (files from before checksum seals still open).
  if (std::filesystem::is_regular_file(path))
    if (auto bad = h5::seal_problem(path, false)) throw InputError(path + ": corrupted: " + *bad);
  auto f = h5::File::open_read(path);
  if (!h5::exists(f, "meta"))
    throw InputError(path + ": not a stormdrill results file (no /meta group)");
  h5::Handle meta = h5::open_group(f, "meta");
  if (!h5::has_attr(meta, "format") || h5::attr_string(meta, "format") != schema::name::kFormat)
    throw InputError(path + ": not a stormdrill results file (foreign /meta)");
  const auto version = h5::attr_int(meta, "format_version");
  std::printf("%s: stormdrill %s file, format version %lld\n", path.c_str(),
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
  const HazardLink link = hazard_link(f, path);
  switch (link.kind) {
    case HazardLink::Kind::None:
      break;
    case HazardLink::Kind::Embedded:
      std::printf("  hazard: embedded (self-contained file)\n");
      break;
    case HazardLink::Kind::Linked:
      std::printf("  hazard: linked to %s\n", link.target.c_str());
      break;
    case HazardLink::Kind::Missing:
      std::printf("  hazard: missing (linked to %s)\n", link.target.c_str());
      break;
  }
  print_incident_tally(
      f, h5::has_attr(meta, "duration_s") ? h5::attr_double(meta, "duration_s") : 0.0);
  std::printf("datasets:\n");
  for (const char* d : {"hazard/time", "hazard/depth", "hazard/rain", "hazard/wind",
                        "hazard/max_depth", "roads/state", "teams/track/t", "incidents/id",
                        "events/t", "kpi/time", "plans/plan", "runs/plan"})
    print_dataset(f, d);
  for (const char* p : {"kpi/final/name", "kpi/final/value"}) schema::require(p);
  if (h5::exists(f, "kpi/final/name")) {
    const auto names = h5::read_strings(f, "kpi/final/name");
    const auto values = h5::read_vector<double>(f, "kpi/final/value");
    std::printf("final KPIs:\n");
    for (std::size_t k = 0; k < names.size() && k < values.size(); ++k)
      std::printf("  %-40s %.4g\n", names[k].c_str(), values[k]);
  }
}

}  // namespace

void add_info(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("info", "Print what a results file holds");
  cmd->footer("Example:\n  stormdrill info out/demo.h5");
  cmd->add_option("results", *path, "Results file (HDF5)")->required();
  cmd->callback([path] {
    try {
      print_info(*path);
    } catch (const InputError&) {
      throw;
    } catch (const IoError&) {
      throw;
    } catch (const ResourceError&) {
      throw;
    } catch (const std::runtime_error& e) {
      // An unsealed (older) file with a damaged HDF5 structure: the library's message alone
      // ("no group 'meta'") names neither the file nor the cause.
      throw InputError(*path + ": unreadable results file (damaged HDF5 structure): " + e.what());
    }
  });
}

}  // namespace sd::cli
