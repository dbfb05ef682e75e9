// `stormdrill report RUN.h5|BATCH.h5 -o report.html` — the debrief as one self-contained page.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/commands.hpp"
#include "debrief/report.hpp"

namespace sd::cli {

void add_report(CLI::App& app) {
  auto a = std::make_shared<debrief::ReportOptions>();
  auto* cmd = app.add_subcommand(
      "report", "Write the debrief of a run or a batch as one self-contained HTML page");
  cmd->footer(
      "Examples:\n  stormdrill report out/run.h5 -o out/report.html\n"
      "  stormdrill report out/batch.h5 -o out/batch-report.html --lang en");
  cmd->add_option("results", a->results, "Run or batch results file (HDF5)")->required();
  cmd->add_option("-o,--out", a->out, "HTML file to write")->required();
  cmd->add_option("--lang", a->lang,
                  "Language of the headings: zh or en (default: the scenario's `language`, "
                  "else en)")
      ->check(CLI::IsMember({"zh", "en"}));
  cmd->callback([a] {
    // As `run -o out/run.h5`: a missing output folder is made, not a failure.
    if (const auto dir = std::filesystem::path(a->out).parent_path(); !dir.empty())
      std::filesystem::create_directories(dir);
    const auto s = debrief::write_report(*a);
    std::printf("%s: %s report (%s), %zu bytes\n", a->out.c_str(), s.kind.c_str(), s.lang.c_str(),
                s.bytes);
  });
}

}  // namespace sd::cli
