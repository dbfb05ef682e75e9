// Docs that match the program (issue 13 §5): every shell command block of README.md,
// docs/*.md and the scenario README is run, in a temp folder whose scenarios/haiyan-demo is a
// test-sized (250 m) copy of the default county, so a documented command that no longer works
// fails here. Blocks that cannot run in CI carry the marker documented in docs/architecture.md
// ("Docs test"): an HTML comment `<!-- docs-test: skip REASON -->` on the line before them.
#include <gtest/gtest.h>

#include <unistd.h>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.hpp"
#include "county/county.hpp"
#include "county_test_util.hpp"
#include "scenario/vocabulary.hpp"

namespace {

namespace fs = std::filesystem;

struct Block {
  std::string file;
  int line = 0;  // first line of the block, 1-based
  std::string text;
  std::string skip;  // reason, when marked
};

// A block is a shell block when its first word is a command: stormdrill, a path to a program
// (./x, bench/x, build/x) or a VAR=value assignment; or a fenced block tagged sh/bash/shell.
bool is_shell(const std::string& text, const std::string& fence_lang) {
  if (fence_lang == "sh" || fence_lang == "bash" || fence_lang == "shell") return true;
  // (No std::regex here: GCC 12's <regex> trips -Wmaybe-uninitialized in the sanitizer build.)
  const std::size_t a = text.find_first_not_of(" \t\n");
  if (a == std::string::npos) return false;
  const std::string t = text.substr(a);
  for (const char* p : {"stormdrill ", "stormdrill-viz ", "./", "bench/", "build/", "mpirun "})
    if (t.rfind(p, 0) == 0) return true;
  std::size_t k = 0;  // VAR=value
  while (k < t.size() && (std::isupper(static_cast<unsigned char>(t[k])) || t[k] == '_')) ++k;
  return k > 0 && k < t.size() && t[k] == '=';
}

std::string trim(const std::string& s) {
  const std::size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

// The reason of a `<!-- docs-test: skip REASON -->` marker line, or "" when it is none.
std::string skip_reason(const std::string& line) {
  const std::string t = trim(line);
  const std::string head = "<!--", tail = "-->";
  if (t.rfind(head, 0) != 0 || t.size() < head.size() + tail.size() ||
      t.compare(t.size() - tail.size(), tail.size(), tail) != 0)
    return "";
  const std::string body = trim(t.substr(head.size(), t.size() - head.size() - tail.size()));
  const std::string key = "docs-test:";
  if (body.rfind(key, 0) != 0) return "";
  const std::string rest = trim(body.substr(key.size()));
  if (rest.rfind("skip", 0) != 0) return "";
  const std::string reason = trim(rest.substr(4));
  return reason.empty() ? "skip" : reason;
}

// Indented (4 spaces, after a blank line) and fenced code blocks of a Markdown file.
std::vector<Block> shell_blocks(const fs::path& md, const std::string& name) {
  std::ifstream in(md);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::vector<Block> out;
  auto last_text_before = [&](std::size_t k) {
    while (k > 0 && lines[k - 1].find_first_not_of(' ') == std::string::npos) --k;
    return k > 0 ? lines[k - 1] : std::string();
  };
  for (std::size_t k = 0; k < lines.size();) {
    const std::string& l = lines[k];
    Block b{name, static_cast<int>(k + 1), "", skip_reason(last_text_before(k))};
    std::string lang;
    if (l.rfind("```", 0) == 0) {
      lang = l.substr(3);
      std::size_t e = k + 1;
      for (; e < lines.size() && lines[e].rfind("```", 0) != 0; ++e) b.text += lines[e] + "\n";
      k = e + 1;
    } else if (l.rfind("    ", 0) == 0 &&
               (k == 0 || lines[k - 1].empty() || !skip_reason(lines[k - 1]).empty())) {
      std::size_t e = k;
      for (; e < lines.size() && (lines[e].rfind("    ", 0) == 0 || lines[e].empty()); ++e)
        b.text += (lines[e].size() >= 4 ? lines[e].substr(4) : std::string()) + "\n";
      k = e;
    } else {
      ++k;
      continue;
    }
    if (is_shell(b.text, lang)) out.push_back(b);
  }
  return out;
}

std::vector<Block> all_blocks() {
  const fs::path src(STORMDRILL_SOURCE_DIR);
  std::vector<std::pair<fs::path, std::string>> files = {{src / "README.md", "README.md"}};
  std::vector<fs::path> docs;
  for (const auto& e : fs::directory_iterator(src / "docs"))
    if (e.path().extension() == ".md") docs.push_back(e.path());
  std::sort(docs.begin(), docs.end());
  for (const auto& d : docs) files.emplace_back(d, "docs/" + d.filename().string());
  files.emplace_back(src / "scenarios/haiyan-demo/README.md", "scenarios/haiyan-demo/README.md");
  std::vector<Block> all;
  for (const auto& [path, name] : files)
    for (auto& b : shell_blocks(path, name)) all.push_back(std::move(b));
  return all;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(DocsCommands, ParserFindsTheDocumentedCommands) {
  const auto blocks = all_blocks();
  std::size_t runnable = 0, readme = 0;
  for (const auto& b : blocks) {
    runnable += b.skip.empty();
    readme += b.file == "README.md";
  }
  EXPECT_GE(readme, 3u) << "README's set-up and usage blocks";
  EXPECT_GE(runnable, 3u) << "the test must actually run commands";
  EXPECT_TRUE(is_shell("stormdrill info x.h5\n", ""));
  EXPECT_FALSE(is_shell("solvers/   numerical kernels\n", ""));
  EXPECT_EQ(skip_reason("<!-- docs-test: skip needs a display -->"), "needs a display");
}

// Runs every unmarked block with bash -e in one work folder, in document order.
TEST(DocsCommands, EveryDocumentedCommandRuns) {
  const fs::path root = fs::temp_directory_path() / ("sd_docs_" + std::to_string(::getpid()));
  const fs::path work = root / "work";
  fs::remove_all(root);
  fs::create_directories(work / "scenarios");
  // Test-sized default county at the documented place, with the shipped track.
  sd::county::CountyOptions o;
  o.cell_m = 250.0;
  sd::county::write_county(sd::county::generate_county(o),
                           (work / "scenarios/haiyan-demo").string());
  fs::copy_file(county_test::shipped_dir() / "data/infa-2021.csv",
                work / "scenarios/haiyan-demo/data/infa-2021.csv");
  // The shipped drill inject file (docs/drills.md) is not generated: copy it beside.
  fs::copy_file(county_test::shipped_dir() / "drill-14h.toml",
                work / "scenarios/haiyan-demo/drill-14h.toml");
  const bool have_shared = fs::exists(STORMDRILL_SHARED_DIR);
  if (have_shared) fs::create_directory_symlink(STORMDRILL_SHARED_DIR, root / "shared");
  // The hazard cache lives in the build tree, so later runs of this test reuse it.
  const fs::path cache = fs::current_path() / "docs_test_cache";
  // `stormdrill demo` runs the test-sized copy too: the shipped demo is the whole county on
  // sub-grid cells over its 10 m terrain (minutes on loaded cores; not made by a bare build).
  const std::string env = "export PATH=\"" + fs::path(STORMDRILL_BINARY).parent_path().string() +
                          ":$PATH\" STORMDRILL_CACHE_DIR=\"" + cache.string() +
                          "\" STORMDRILL_DEMO=\"" +
                          (work / "scenarios/haiyan-demo/scenario.toml").string() + "\"\n";
  std::size_t ran = 0;
  for (const Block& b : all_blocks()) {
    if (!b.skip.empty()) continue;
    if (!have_shared && b.text.find("../shared") != std::string::npos) continue;
    const fs::path script = root / ("block_" + std::to_string(ran) + ".sh");
    std::ofstream(script) << "set -e -o pipefail\n" << env << b.text;
    const auto t0 = std::chrono::steady_clock::now();
    const auto r =
        sdtest::run_command("cd \"" + work.string() + "\" && bash \"" + script.string() + "\"");
    // Per-block wall time in the test log, to see which documented commands cost CI time.
    std::printf("docs block %s:%d: %.1f s\n", b.file.c_str(), b.line,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    ++ran;
    EXPECT_EQ(r.exit_code, 0) << b.file << ":" << b.line << ": this documented command failed:\n"
                              << b.text << "--- output ---\n"
                              << r.output.substr(r.output.size() > 4000 ? r.output.size() - 4000
                                                                        : 0);
  }
  EXPECT_GE(ran, 3u);
  fs::remove_all(root);
}

TEST(DocsCommands, EveryEventTypeIsDocumented) {
  const std::string doc = slurp(fs::path(STORMDRILL_SOURCE_DIR) / "docs/results-format.md");
  for (std::size_t k = 0; k < sd::kEventTypes.names.size(); ++k) {
    const std::string row = "| `" + std::string(sd::kEventTypes.names[k]) + "` |";
    EXPECT_NE(doc.find(row), std::string::npos)
        << "event type '" << sd::kEventTypes.names[k] << "' has no row in docs/results-format.md";
  }
}

TEST(ScenarioReadme, MatchesTheShippedFiles) {
  const fs::path dir = county_test::shipped_dir();
  const std::string readme = slurp(dir / "README.md");
  const std::string toml = slurp(dir / "scenario.toml");
  const sd::io::Raster dem = sd::io::read_raster((dir / "data/dem.tif").string());
  std::ostringstream cells, cell_flag;
  cells << dem.grid.nx << " × " << dem.grid.ny << " cells of " << dem.grid.cell << " m";
  cell_flag << "--cell-m " << dem.grid.cell;
  EXPECT_NE(readme.find(cells.str()), std::string::npos) << "README must say " << cells.str();
  EXPECT_NE(readme.find(cell_flag.str()), std::string::npos)
      << "the regeneration command must use " << cell_flag.str();
  const std::string start_key = "start = \"";
  const auto s0 = toml.find(start_key);
  ASSERT_NE(s0, std::string::npos);
  const auto s1 = toml.find('"', s0 + start_key.size());
  const std::string start = toml.substr(s0 + start_key.size(), s1 - s0 - start_key.size());
  EXPECT_NE(readme.find(start), std::string::npos) << "README must give the start " << start;
  const auto d0 = toml.find("duration_h = ");
  ASSERT_NE(d0, std::string::npos);
  const double duration_h = std::strtod(toml.c_str() + d0 + 13, nullptr);
  const std::string hours = std::to_string(static_cast<int>(duration_h)) + " h";
  EXPECT_NE(readme.find("), " + hours), std::string::npos)
      << "README's scenario clock must give the duration " << hours;
}

}  // namespace
