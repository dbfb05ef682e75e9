#include "batch/batch_failures.hpp"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "batch/batch_runner.hpp"

namespace sd {

std::size_t failed_runs(const BatchResult& r) {
  return static_cast<std::size_t>(
      std::count_if(r.runs.begin(), r.runs.end(), [](const BatchRun& run) { return !run.ok; }));
}

std::string failed_runs_message(const BatchResult& r) {
  const std::size_t failed = failed_runs(r);
  std::map<std::string, std::size_t> count;
  for (const auto& run : r.runs)
    if (!run.ok) ++count[run.error.empty() ? "(no message)" : run.error];
  std::vector<std::pair<std::size_t, std::string>> by_count;
  for (const auto& [msg, n] : count) by_count.emplace_back(n, msg);
  std::stable_sort(by_count.begin(), by_count.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string s = "batch: " + std::to_string(failed) + " of " + std::to_string(r.runs.size()) +
                  " runs failed; the comparison uses only the " +
                  std::to_string(r.runs.size() - failed) +
                  " that succeeded (outputs written; /runs/error in the batch file). Errors:";
  for (std::size_t k = 0; k < by_count.size() && k < 3; ++k)
    s += (k ? ";" : "") + std::string(" ") + std::to_string(by_count[k].first) + " x '" +
         by_count[k].second + "'";
  if (by_count.size() > 3) s += "; and " + std::to_string(by_count.size() - 3) + " other messages";
  return s;
}

}  // namespace sd
