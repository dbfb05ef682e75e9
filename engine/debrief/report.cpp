#include "debrief/report.hpp"

#include <cstdio>

#include "core/error.hpp"
#include "debrief/run_view.hpp"
#include "io/atomic_file.hpp"
#include "results/results_file.hpp"

namespace sd::debrief {

std::string info_number(double v) {
  char b[64];
  std::snprintf(b, sizeof b, "%.4g", v);
  return b;
}

std::string html_page(const std::string& lang, const std::string& title, const std::string& body) {
  // One page that prints: tables do not split rows, figures stay whole, no colours rely on
  // the screen only (the maps carry legends).
  static const char* style = R"(
body{font-family:"Noto Sans CJK SC","Noto Sans","DejaVu Sans",sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:22px;margin-bottom:4px} h2{font-size:18px;border-bottom:2px solid #345;padding-bottom:3px;margin-top:28px}
h3{font-size:15px;margin:14px 0 6px}
table{border-collapse:collapse;font-size:12px;margin:6px 0} th,td{border:1px solid #bbb;padding:3px 6px;text-align:right}
th{background:#e8eef4} td.l,th.l{text-align:left} tr.total td{font-weight:bold;background:#f4f4f4} tr.area td.l{font-weight:bold} tr.village td.l{padding-left:1.6em}
tr{page-break-inside:avoid} figure{margin:8px 0;page-break-inside:avoid} figcaption{font-size:12px;color:#555}
.meta td{text-align:left;border:none;padding:1px 10px 1px 0} .note{font-size:12px;color:#555}
svg text{font-size:11px;fill:#222} svg .ct{font-size:13px;font-weight:bold}
svg .grid{stroke:#ddd;stroke-width:1} svg .axis{stroke:#444;stroke-width:1}
svg .marker{stroke:#c00;stroke-dasharray:4 3} svg .ml{fill:#c00}
svg .bar{fill:#9ecae1} svg .bar.best{fill:#3182bd} svg .ci{stroke:#222;stroke-width:1.5}
svg .frame{fill:none;stroke:#666} svg .pt{fill:#222} svg .lbl{font-size:11px;paint-order:stroke;stroke:#fff;stroke-width:3px}
svg .sb{fill:#222} svg .sw{stroke:#666}
.charts{display:flex;flex-wrap:wrap;gap:8px}
@media print{body{margin:8mm} h2{page-break-after:avoid}}
)";
  return "<!DOCTYPE html>\n<html lang=\"" + lang + "\"><head><meta charset=\"utf-8\"><title>" +
         title + "</title><style>" + style + "</style></head><body>\n" + body + "</body></html>\n";
}

ReportSummary write_report(const ReportOptions& o) {
  std::string kind, file_lang;
  {
    std::unique_ptr<results::ResultsFile> f;
    try {
      f = results::ResultsFile::open(o.results);
    } catch (const results::ResultsError& e) {
      throw InputError(e.what());
    }
    kind = f->meta().kind;
    file_lang = f->meta().language;
  }
  if (kind != "run" && kind != "batch")
    throw InputError(o.results + ": a '" + kind +
                     "' file; `report` reads run files (stormdrill run/demo) and batch files");
  ReportSummary s;
  s.kind = kind;
  s.lang = !o.lang.empty() ? o.lang : file_lang == "zh" ? "zh" : "en";
  const std::string html = kind == "run" ? run_report_html(RunView::open(o.results), s.lang)
                                         : batch_report_html(o.results, s.lang);
  io::write_text_atomic(o.out, html);
  s.bytes = html.size();
  return s;
}

}  // namespace sd::debrief
