// `stormdrill report` (issue 14 §3): one self-contained page per run or batch, numbers as
// `stormdrill info` prints them, per-town rows that add up to the county, and a page a real
// headless browser opens.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "debrief/run_view.hpp"
#include "debrief/town_stats.hpp"
#include "results_files.hpp"

namespace fs = std::filesystem;

namespace {

struct Page {
  int exit_code = -1;
  std::string output, html;
};

Page report(const fs::path& in, const std::string& name, const std::string& extra = "") {
  const fs::path out = sdtest::results_files().dir / name;
  fs::remove(out);  // the fixture folder is shared between runs of the tests
  const auto r = sdtest::stormdrill("report " + in.string() + " -o " + out.string() + " " + extra);
  return {r.exit_code, r.output, sdtest::slurp(out)};
}

// The "  name   value" lines after "final KPIs:" in `stormdrill info`.
std::vector<std::pair<std::string, std::string>> info_kpis(const std::string& info) {
  std::vector<std::pair<std::string, std::string>> out;
  std::istringstream in(info.substr(info.find("final KPIs:")));
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::istringstream l(line);
    std::string name, value;
    if (l >> name >> value) out.emplace_back(name, value);
  }
  return out;
}

// Text of the cells of table `id`, row by row.
std::vector<std::vector<std::string>> table_rows(const std::string& html, const std::string& id) {
  std::vector<std::vector<std::string>> rows;
  const auto start = html.find("<table id=\"" + id + "\"");
  if (start == std::string::npos) return rows;
  const auto end = html.find("</table>", start);
  std::size_t p = start;
  while ((p = html.find("<tr", p)) != std::string::npos && p < end) {
    const auto row_end = html.find("</tr>", p);
    std::vector<std::string> cells;
    std::size_t c = p;
    while ((c = html.find("<td", c)) != std::string::npos && c < row_end) {
      const auto open = html.find('>', c) + 1, close = html.find("</td>", open);
      cells.push_back(html.substr(open, close - open));
      c = close;
    }
    if (!cells.empty()) rows.push_back(cells);
    p = row_end;
  }
  return rows;
}

}  // namespace

TEST(Report, RunReportNumbersMatchStormdrillInfo) {
  const auto& f = sdtest::results_files();
  ASSERT_EQ(f.error, "");
  const Page page = report(f.run, "run-en.html", "--lang en");
  ASSERT_EQ(page.exit_code, 0) << page.output;
  const auto info = sdtest::stormdrill("info " + f.run.string());
  ASSERT_EQ(info.exit_code, 0) << info.output;
  const auto kpis = info_kpis(info.output);
  ASSERT_GT(kpis.size(), 10u);
  // The flooded-land figures among them (on a sub-grid run both on fine pixels:
  // SubgridScenario.ReportRiskMapIsTheFineMaxDepth).
  for (const char* flooded : {"peak_flooded_area_km2", "flooded_extent_km2"})
    EXPECT_TRUE(std::any_of(kpis.begin(), kpis.end(), [&](auto& k) { return k.first == flooded; }))
        << flooded << " is not among `info`'s KPIs";
  for (const auto& [name, value] : kpis)
    EXPECT_NE(page.html.find("<td class=\"l\">" + name + "</td><td>" + value + "</td>"),
              std::string::npos)
        << name << " = " << value << " is not in the report as `info` prints it";
  // The incident tally line, word for word: "  incidents        N = ..." in `info`.
  const auto k = info.output.find("\n  incidents ");
  ASSERT_NE(k, std::string::npos) << info.output;
  const std::string line = info.output.substr(k + 1, info.output.find('\n', k + 1) - k - 1);
  const std::string rest = line.substr(line.find_first_not_of(' ', line.find("incidents") + 9));
  EXPECT_NE(page.html.find(">incidents " + rest + "<"), std::string::npos) << rest;
}

TEST(Report, RunReportIsOneSelfContainedPage) {
  const auto& f = sdtest::results_files();
  ASSERT_EQ(f.error, "");
  const Page page = report(f.run, "run-self.html", "--lang en");
  ASSERT_EQ(page.exit_code, 0) << page.output;
  EXPECT_EQ(page.html.find("src=\""), std::string::npos) << "no external images or scripts";
  EXPECT_EQ(page.html.find("<link"), std::string::npos);
  EXPECT_NE(page.html.find("data:image/png;base64,"), std::string::npos) << "risk maps embedded";
  EXPECT_NE(page.html.find("<svg class=\"chart\""), std::string::npos) << "KPI charts inline";
  EXPECT_NE(page.html.find("hours since start"), std::string::npos) << "charts have axis labels";
}

TEST(Report, MissingOutputFolderIsMade) {  // as `run -o out/run.h5`: not a failure
  const auto& f = sdtest::results_files();
  ASSERT_EQ(f.error, "");
  fs::remove_all(f.dir / "report-new-folder");
  const Page page = report(f.run, "report-new-folder/sub/run.html", "--lang en");
  ASSERT_EQ(page.exit_code, 0) << page.output;
  EXPECT_NE(page.html.find("<html"), std::string::npos);
}

void expect_rows_add_up(const sd::debrief::RunView& v, const sd::debrief::TownTable& t);

TEST(Report, PerTownTotalsAddUpToTheCounty) {
  const auto& f = sdtest::results_files();
  ASSERT_EQ(f.error, "");
  const auto v = sd::debrief::RunView::open(f.run.string());
  for (const auto& t : {sd::debrief::town_table(v), sd::debrief::area_table(v)})
    expect_rows_add_up(v, t);
  // The page shows the areas with their places under them, the outside row and the county row:
  // Westgau (West, Mitteldorf), Ostgau (East alone, under its own name).
  const Page page = report(f.run, "run-towns.html", "--lang en");
  ASSERT_EQ(page.exit_code, 0) << page.output;
  const auto rows = table_rows(page.html, "towns");
  std::vector<std::string> names;
  for (const auto& r : rows) names.push_back(r[0]);
  EXPECT_EQ(names, (std::vector<std::string>{"Westgau", "West", "Mitteldorf", "Ostgau", "East",
                                             "Outside any town", "County"}));
  EXPECT_NE(page.html.find("<tr class=\"village\"><td class=\"l\">Mitteldorf"), std::string::npos);
  // An area's row is its places' rows added up.
  const auto towns = sd::debrief::town_table(v), areas = sd::debrief::area_table(v);
  ASSERT_EQ(areas.towns.size(), 2u);
  EXPECT_EQ(areas.towns[0].incidents, towns.towns[0].incidents + towns.towns[2].incidents);
  EXPECT_NEAR(areas.towns[0].population, towns.towns[0].population + towns.towns[2].population,
              1e-6 * areas.towns[0].population);
  EXPECT_GT(towns.towns[2].population, 0) << "the village holds cells of its area";
}

// Additive columns of the rows plus the outside row sum to the county row, which is the run's.
void expect_rows_add_up(const sd::debrief::RunView& v, const sd::debrief::TownTable& t) {
  auto sum = [&](auto field) {
    double s = field(t.outside);
    for (const auto& a : t.towns) s += field(a);
    return s;
  };
  auto near = [](double a, double b) {
    return std::fabs(a - b) <= 1e-6 * std::max(1.0, std::fabs(b));
  };
  EXPECT_TRUE(near(sum([](auto& a) { return a.population; }), t.county.population));
  EXPECT_TRUE(near(sum([](auto& a) { return a.exposed_015; }), t.county.exposed_015));
  EXPECT_TRUE(near(sum([](auto& a) { return a.exposed_050; }), t.county.exposed_050));
  EXPECT_TRUE(near(sum([](auto& a) { return a.evacuated; }), t.county.evacuated));
  for (auto field : {&sd::debrief::AreaStats::incidents, &sd::debrief::AreaStats::served,
                     &sd::debrief::AreaStats::late, &sd::debrief::AreaStats::unserved,
                     &sd::debrief::AreaStats::averted, &sd::debrief::AreaStats::shortage_events})
    EXPECT_EQ(sum([&](auto& a) { return static_cast<double>(a.*field); }),
              static_cast<double>(t.county.*field));
  for (std::size_t ty = 0; ty < t.type_labels.size(); ++ty)
    EXPECT_EQ(sum([&](auto& a) { return static_cast<double>(a.by_type[ty]); }),
              static_cast<double>(t.county.by_type[ty]))
        << t.type_labels[ty];
  // The county row is the run's own summary.
  EXPECT_EQ(t.county.incidents, static_cast<long long>(v.final_kpi("incidents_total", -1)));
  EXPECT_EQ(t.county.served, static_cast<long long>(v.final_kpi("incidents_served", -1)));
  EXPECT_EQ(t.county.late, static_cast<long long>(v.final_kpi("incidents_served_late", -1)));
  EXPECT_EQ(t.county.averted,
            static_cast<long long>(v.final_kpi("incidents_averted_by_evacuation", -1)));
  EXPECT_EQ(t.county.response_median_s, v.final_kpi("response_time_median_s", NAN));
  EXPECT_EQ(t.county.response_p90_s, v.final_kpi("response_time_p90_s", NAN));
  EXPECT_GT(t.county.incidents, 0);
  EXPECT_GT(t.county.population, 0);
}

TEST(Report, ChineseHeadingsOnRequest) {
  const auto& f = sdtest::results_files();
  ASSERT_EQ(f.error, "");
  const Page zh = report(f.run, "run-zh.html", "--lang zh");
  ASSERT_EQ(zh.exit_code, 0) << zh.output;
  EXPECT_NE(zh.html.find("全域风险分布图"), std::string::npos);
  EXPECT_NE(zh.html.find("村级防汛防台形势图"), std::string::npos);
  EXPECT_NE(zh.html.find("<html lang=\"zh\">"), std::string::npos);
  // The fixture scenario names no language: English by default.
  const Page en = report(f.run, "run-default.html");
  EXPECT_NE(en.html.find("County-wide risk map"), std::string::npos);
}

TEST(Report, BatchReportRanksPlansWithIntervals) {
  const auto& f = sdtest::results_files();
  ASSERT_EQ(f.error, "");
  const Page page = report(f.batch, "batch.html", "--lang en");
  ASSERT_EQ(page.exit_code, 0) << page.output;
  const auto rows = table_rows(page.html, "plans");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], "1");
  for (const auto& r : rows) EXPECT_NE(r[2].find(" ["), std::string::npos) << r[2];
  EXPECT_NE(page.html.find("<svg class=\"chart\""), std::string::npos);
  EXPECT_EQ(table_rows(page.html, "wins").size(), 2u);  // one row per member
}

TEST(Report, RefusesAFileThatIsNeitherRunNorBatch) {
  const auto& f = sdtest::results_files();
  ASSERT_EQ(f.error, "");
  fs::path cache;
  for (const auto& e : fs::directory_iterator(f.cache))
    if (e.path().extension() == ".h5") cache = e.path();
  const auto r =
      sdtest::stormdrill("report " + cache.string() + " -o " + (f.dir / "x.html").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_FALSE(fs::exists(f.dir / "x.html"));
  const auto missing = sdtest::stormdrill("report " + (f.dir / "nope.h5").string() + " -o " +
                                          (f.dir / "y.html").string());
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
}

TEST(Report, OpensInAHeadlessBrowser) {
  const auto& f = sdtest::results_files();
  ASSERT_EQ(f.error, "");
  if (sdtest::run_command("command -v chromium").exit_code != 0)
    GTEST_SKIP() << "chromium is not installed (scripts/install-deps installs it)";
  const Page page = report(f.run, "browser.html", "--lang zh");
  ASSERT_EQ(page.exit_code, 0) << page.output;
  const fs::path html = f.dir / "browser.html", png = f.dir / "browser.png";
  const std::string chrome =
      "chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-dev-shm-usage "
      "--user-data-dir=" +
      (f.dir / "chromium-profile").string() + " ";
  // One launch: the page is laid out and painted; a script or resource error would show as a
  // CONSOLE line (the page has neither, by design).
  const auto shot = sdtest::run_command("timeout 120 " + chrome +
                                        "--window-size=1200,2400 --screenshot=" + png.string() +
                                        " file://" + html.string());
  EXPECT_EQ(shot.exit_code, 0) << shot.output;
  EXPECT_EQ(shot.output.find("CONSOLE"), std::string::npos) << shot.output;
  ASSERT_TRUE(fs::exists(png)) << shot.output;
  EXPECT_GT(fs::file_size(png), 20000u);
}
