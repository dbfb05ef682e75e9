#pragma once
// `stormdrill report`: the debrief of a run or a batch as ONE self-contained HTML page (every
// image an inline SVG or a data: URI, no script, no network), in the county's language of work
// or English. Every figure is computed from the results file, so a report can be regenerated
// at any time; figures `stormdrill info` prints appear with the same digits (docs/report.md).
#include <cstddef>
#include <string>

namespace sd::debrief {

struct ReportOptions {
  std::string results, out;
  std::string lang;  // zh, en; empty: the file's /meta@language, else en
};

struct ReportSummary {
  std::string kind, lang;  // run or batch; the language used
  std::size_t bytes = 0;
};

// Throws sd::InputError for a file that is neither a run nor a batch (exit 2). The page is
// written to a temporary name and renamed.
ReportSummary write_report(const ReportOptions& o);

// The pages themselves (run_report.cpp, batch_report.cpp).
class RunView;
std::string run_report_html(const RunView& v, const std::string& lang);
std::string batch_report_html(const std::string& path, const std::string& lang);

// The page frame shared by both: <head> with the print-friendly style, then `body`.
std::string html_page(const std::string& lang, const std::string& title, const std::string& body);
// The `info`-style value text ("%.4g") so numbers read the same in both.
std::string info_number(double v);

}  // namespace sd::debrief
